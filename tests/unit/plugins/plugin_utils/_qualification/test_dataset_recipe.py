# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CONTRIBUTING.md's recipe "add or correct a dataset row", followed step by step on a copy of the data file.

Each step is done as the recipe says, and each check the recipe names is run on the result: the copy validates
against the schema, its ``versions_parsed`` agrees with the parser, the dataset loads it, and a declaration of the
device gets the verdict the corrected row gives, through the explicit mode's whole check. Skipping a step fails.
"""

from __future__ import annotations

import copy
import json
import typing as t

import pytest
import yaml
from jsonschema import Draft202012Validator

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    dataset,
    engine,
    topology,
    versions,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.collection import ROOT

DATA_FILE = ROOT / "data" / "qualified_load_balancers.yml"
SCHEMA_FILE = ROOT / "schemas" / "qualified_load_balancers.schema.json"
ROW = "f5-big-ip-ltm-3600-sfb"  # Skype for Business list: BIG-IP LTM 3600, tested with 11.6
DECLARED = {
    "vendor": "F5 Networks",
    "product": "BIG-IP LTM",
    "model": "3600",
    "form_factor": "hardware",
    "version": "12.1.2",
    "multiple_vips": True,
}
TOPOLOGY = {
    "lync_version": "sfb2015",
    "pools": {"pool01.contoso.com": {"role": "front_end", "servers": ["fe01", "fe02", "fe03"], "load_balancer": "ltm"}},
}


@pytest.fixture
def data() -> dict[str, t.Any]:
    return t.cast(dict[str, t.Any], yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))


def _schema_errors(data: dict[str, t.Any]) -> list[str]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return [error.message for error in Draft202012Validator(schema).iter_errors(data)]


def _parser_disagrees(data: dict[str, t.Any]) -> list[str]:
    """Step 2's check (test_dataset_file.test_versions_parsed_matches_parser) over every row."""
    return [
        row["id"]
        for row in data["entries"]
        if row["versions_parsed"] != versions.parse_tested(row["versions_tested"]).to_data()
    ]


def _verdict(data: dict[str, t.Any]) -> tuple[bool, list[str]]:
    model, errors = topology.from_options({"ltm": dict(DECLARED)}, copy.deepcopy(TOPOLOGY))
    assert errors == [] and model is not None
    options, problems = engine.check_options(versions.DEFAULT_POLICY, [], {}, "error")
    assert problems == [] and options is not None
    result = engine.run(model, dataset.Dataset.from_data(data), options)
    return result["qualified"], sorted(
        {finding["rule"] for finding in result["findings"] if finding["severity"] != "info"}
    )


def test_correcting_a_row_step_by_step(data: dict[str, t.Any]) -> None:
    assert _schema_errors(data) == [] and _parser_disagrees(data) == []
    before = _verdict(data)
    assert before[0] is False and before[1], "12.1.2 is not what the shipped row says was tested"

    # 1. Edit the row: a correction of the versions tested (here: the vendor's guide also names 12.1).
    row = next(entry for entry in data["entries"] if entry["id"] == ROW)
    row["versions_tested"] = "11.6, 12.1"
    assert _parser_disagrees(data) == [ROW], "step 2's check catches a row whose versions_parsed was not updated"

    # 2. versions_parsed as the parser reads versions_tested, and the dataset version bumped.
    row["versions_parsed"] = versions.parse_tested(row["versions_tested"]).to_data()
    year, revision = data["dataset_version"].split(".")
    data["dataset_version"] = f"{year}.{int(revision) + 1}"
    assert _parser_disagrees(data) == []

    # 3. The file validates, loads, and the declaration administrators write gets the corrected verdict.
    assert _schema_errors(data) == []
    assert _verdict(data) == (True, [])
    assert dataset.Dataset.from_data(data).version == data["dataset_version"]


def test_adding_a_row_needs_what_the_schema_requires(data: dict[str, t.Any]) -> None:
    """Step 1 for a new row: a row without the seed's text or its list is refused by the schema check of step 3."""
    row = copy.deepcopy(next(entry for entry in data["entries"] if entry["id"] == ROW))
    row.update(id="f5-big-ip-ltm-4000-sfb", models=["4000"], seed_product="BIG-IP Local Traffic Manager (LTM 4000)")
    incomplete = {key: value for key, value in row.items() if key not in ("list", "seed_product")}
    data["entries"].append(incomplete)
    assert _schema_errors(data), "a row missing its list and seed text must not validate"
    data["entries"][-1] = row
    assert _schema_errors(data) == [] and _parser_disagrees(data) == []
    found = dataset.Dataset.from_data(data).match(vendor="F5", product="BIG-IP LTM", model="4000", lists=("sfb",))
    assert [entry.id for entry in found.entries] == ["f5-big-ip-ltm-4000-sfb"]
