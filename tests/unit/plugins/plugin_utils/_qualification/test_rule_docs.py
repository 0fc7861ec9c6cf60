# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rule catalogue is the one source of the rule docs: docs/rules.md and the module docs follow it."""

from __future__ import annotations

import pathlib
import re
import types

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.modules import assert_qualified
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import RULES, SEVERITIES

ROOT = pathlib.Path(__file__).resolve().parents[5]
RULES_MD = ROOT / "docs" / "rules.md"
GENERATOR = ROOT / "scripts" / "gen_rule_docs.py"
REGENERATE = "docs/rules.md is out of date: regenerate it with `python scripts/gen_rule_docs.py` and commit it"


def test_committed_rules_md_is_generated(generator: types.ModuleType) -> None:
    assert RULES_MD.is_file(), REGENERATE
    assert RULES_MD.read_text(encoding="utf-8") == generator.render(RULES), REGENERATE


def test_generator_check_mode(generator: types.ModuleType, tmp_path: pathlib.Path) -> None:
    output = tmp_path / "rules.md"
    assert generator.main(["--check", "--output", str(output)]) == 1
    assert generator.main(["--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == generator.render(RULES)
    assert generator.main(["--check", "--output", str(output)]) == 0
    output.write_text(output.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert generator.main(["--check", "--output", str(output)]) == 1


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_is_documented(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.id == rule_id
    assert re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", rule.id)
    assert rule.severity in SEVERITIES
    assert rule.title.strip() and rule.description.strip() and rule.fix.strip()
    assert rule.sources, f"{rule_id} names no source"
    for source in rule.sources:
        assert re.match(r"https?://\S+$", source.url), source
        assert source.title.strip()
    assert rule.source == rule.sources[0].url


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_has_a_section_in_rules_md(rule_id: str) -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    section = text.split(f"\n## {rule_id}\n", 1)
    assert len(section) == 2, f"no section for {rule_id}; {REGENERATE}"
    body = section[1].split("\n## ", 1)[0]
    rule = RULES[rule_id]
    assert f"`{rule.severity}`" in body
    for source in rule.sources:
        assert f"]({source.url})" in body


def test_module_docs_list_every_rule_with_its_default_severity() -> None:
    description = " ".join(yaml.safe_load(assert_qualified.DOCUMENTATION)["description"])
    listed = dict(re.findall(r"C\(([A-Z][A-Z0-9_]+)\) \((error|warning|info)\)", description))
    assert listed == {rule_id: rule.severity for rule_id, rule in RULES.items()}


def test_readme_rule_table_lists_every_rule_with_its_default_severity() -> None:
    readme = (pathlib.Path(__file__).resolve().parents[5] / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \| (error|warning|info) \|", readme, flags=re.MULTILINE))
    assert listed == {rule_id: rule.severity for rule_id, rule in RULES.items()}


def test_every_rule_module_is_registered() -> None:
    """Adding a rule is one file in rules/: a module there that RULES does not hold would never run."""
    rules_dir = pathlib.Path(__file__).resolve().parents[5] / "plugins" / "plugin_utils" / "_qualification" / "rules"
    modules = {path.stem for path in rules_dir.glob("*.py") if not path.stem.startswith("_")}
    registered = {rule.check.__module__.rsplit(".", 1)[-1] for rule in RULES.values()}
    assert modules == registered


def test_documented_defaults_and_choices_are_the_codes() -> None:
    """The module, the lookup and the precheck role document the names and choices the code uses."""
    from ansible_collections.lync.lb_qualification.plugins.lookup import qualified_lb
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._argspec import documented_options
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
        engine,
        inventory_model,
        versions,
    )

    options = documented_options(assert_qualified.DOCUMENTATION)
    assert {
        k: v["default"] for k, v in options["inventory_groups"]["suboptions"].items()
    } == inventory_model.DEFAULT_GROUPS
    assert {k: v["default"] for k, v in options["inventory_vars"]["suboptions"].items()} == inventory_model.DEFAULT_VARS
    assert options["version_policy"]["choices"] == list(versions.POLICIES)
    assert options["version_policy"]["default"] == versions.DEFAULT_POLICY
    assert options["fail_on"]["choices"] == list(engine.FAIL_ON)
    lookup_options = documented_options(qualified_lb.DOCUMENTATION)
    assert lookup_options["version_policy"]["choices"] == list(versions.POLICIES)
    assert lookup_options["version_policy"]["default"] == versions.DEFAULT_POLICY
    root = pathlib.Path(__file__).resolve().parents[5]
    role = yaml.safe_load((root / "roles" / "precheck" / "meta" / "argument_specs.yml").read_text(encoding="utf-8"))
    role_options = role["argument_specs"]["main"]["options"]
    assert role_options["precheck_version_policy"]["choices"] == list(versions.POLICIES)
    assert role_options["precheck_fail_on"]["choices"] == list(engine.FAIL_ON)
