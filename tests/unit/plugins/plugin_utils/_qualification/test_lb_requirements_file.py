# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of the shipped requirements file data/lb_requirements.yml, read without the collection's code.

The file validates against its schema; every row names sources of the sources table and a decision of the decisions
table; ids are unique; every decision is explained in docs/vip-requirements.md.
"""

from __future__ import annotations

import json
import re
import types
import typing as t
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).resolve().parents[5]
DATA = yaml.safe_load((REPO_ROOT / "data" / "lb_requirements.yml").read_text(encoding="utf-8"))
SCHEMA = json.loads((REPO_ROOT / "schemas" / "lb_requirements.schema.json").read_text(encoding="utf-8"))
DOC = REPO_ROOT / "docs" / "vip-requirements.md"
GENERATOR = REPO_ROOT / "scripts" / "gen_vip_requirements_doc.py"
REGENERATE = (
    "docs/vip-requirements.md is out of date: regenerate it with `python scripts/gen_vip_requirements_doc.py`"
    " and commit it"
)
ROW_TABLES = ("ports", "not_balanced", "settings")
ROWS = [(table, row) for table in ROW_TABLES for row in DATA[table]]


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_file_validates_against_its_schema() -> None:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(DATA), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors)


def test_schema_refuses_a_row_without_sources_and_a_conditional_row_without_condition() -> None:
    validator = Draft202012Validator(SCHEMA)
    row = dict(DATA["ports"][0])
    del row["sources"]
    assert not validator.is_valid(dict(DATA, ports=[row]))
    conditional = dict(DATA["ports"][0], level="conditional")
    assert not validator.is_valid(dict(DATA, ports=[conditional]))
    assert validator.is_valid(dict(DATA, ports=[dict(conditional, condition="when XMPP federation is deployed")]))


@pytest.mark.parametrize(("table", "row"), [pytest.param(table, row, id=row["id"]) for table, row in ROWS])
def test_every_row_names_existing_sources(table: str, row: dict[str, t.Any]) -> None:
    known = {source["id"] for source in DATA["sources"]}
    assert row["sources"], f"{table} row {row['id']} names no source"
    assert set(row["sources"]) <= known, f"{table} row {row['id']}: unknown {set(row['sources']) - known}"


def test_every_decision_names_existing_sources() -> None:
    known = {source["id"] for source in DATA["sources"]}
    for decision in DATA["decisions"]:
        assert set(decision["sources"]) <= known, decision["id"]


def test_every_decision_a_row_names_exists() -> None:
    decisions = {decision["id"] for decision in DATA["decisions"]}
    named = {row["decision"] for _table, row in ROWS if "decision" in row}
    assert named <= decisions, named - decisions


def test_ids_are_unique() -> None:
    ids = [row["id"] for _table, row in ROWS] + [decision["id"] for decision in DATA["decisions"]]
    sources = [source["id"] for source in DATA["sources"]]
    assert len(ids) == len(set(ids))
    assert len(sources) == len(set(sources))


def test_every_source_is_used() -> None:
    used = {source for _table, row in ROWS for source in row["sources"]}
    used |= {source for decision in DATA["decisions"] for source in decision["sources"]}
    assert {source["id"] for source in DATA["sources"]} == used


def test_sides_name_each_service_once_and_rows_use_declared_sides() -> None:
    services = [service for services in DATA["sides"].values() for service in services]
    assert len(services) == len(set(services)) == 8
    assert {row["side"] for table, row in ROWS if table != "settings"} <= set(DATA["sides"])


def test_docs_page_is_generated_from_the_table(generator: types.ModuleType) -> None:
    assert DOC.is_file(), REGENERATE
    assert DOC.read_text(encoding="utf-8") == generator.render(DATA), REGENERATE


def test_every_decision_is_explained_in_the_docs() -> None:
    anchors = set(re.findall(r"^### `([a-z0-9-]+)`", DOC.read_text(encoding="utf-8"), re.MULTILINE))
    assert anchors == {decision["id"] for decision in DATA["decisions"]}


def test_generator_check_mode(generator: types.ModuleType, tmp_path: Path) -> None:
    output = tmp_path / "vip-requirements.md"
    assert generator.main(["--check", "--output", str(output)]) == 1
    assert generator.main(["--output", str(output)]) == 0
    assert generator.main(["--check", "--output", str(output)]) == 0
    output.write_text(output.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert generator.main(["--check", "--output", str(output)]) == 1


def test_front_end_hardware_table_is_microsofts() -> None:
    """The 'Hardware Load Balancer Ports if Using Only Hardware Load Balancing' Front End rows, by hand."""
    ports = {
        row["port"]
        for row in DATA["ports"]
        if row["role"] == "front_end" and row["load_balancing"] == "hardware" and "collocated_mediation" not in row
    }
    assert ports == {
        f"{port}/tcp" for port in (5061, 444, 135, 80, 8080, 443, 4443, 5072, 5073, 5075, 5076, 5071, 5080, 448)
    }
