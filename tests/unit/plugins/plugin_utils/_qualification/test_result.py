# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One result builder: every key assert_qualified's RETURN documents, and no other, for every outcome and layout."""

from __future__ import annotations

import typing as t

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.modules.assert_qualified import RETURN
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    dataset,
    engine,
    topology,
    versions,
)

DOCUMENTED = yaml.safe_load(RETURN)
# Keys the action plugin adds to the core's result: Ansible's own, and the file it wrote.
ACTION_KEYS = {"changed", "report_path"}
# What each "returned:" of RETURN promises, as a test of (outcome, details).
RETURNED: dict[str, t.Callable[[str, str], bool]] = {
    "always": lambda outcome, details: True,
    "when the input is valid": lambda outcome, details: outcome != "input error",
    "with O(details=full)": lambda outcome, details: details == "full",
    "with O(details=full) and valid input": lambda outcome, details: details == "full" and outcome != "input error",
}
TYPES = {"bool": bool, "str": str, "list": list, "dict": dict, "int": int}

LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}
POOLS = {
    "qualified": {"pool01.contoso.com": {"role": "front_end", "servers": ["fe01", "fe02"], "load_balancer": "ltm"}},
    # A Front End pool of three servers without a hardware load balancer: FE_POOL_NEEDS_HLB, an error.
    "not qualified": {
        "pool01.contoso.com": {"role": "front_end", "servers": ["fe01", "fe02", "fe03"], "load_balancing": "dns"}
    },
}
OUTCOMES = ("qualified", "not qualified", "input error")


def outcome_result(outcome: str, details: str) -> dict[str, t.Any]:
    if outcome == "input error":
        return engine.input_failure(
            [topology.InputError("hostvars['ltm'].lb_version", "quote it")], "inventory", "exact", details
        )
    model, errors = topology.from_options(
        {"ltm": dict(LTM)}, {"lync_version": "lync2013", "coexisting_versions": ["lync2010"], "pools": POOLS[outcome]}
    )
    assert errors == []
    options, option_errors = engine.check_options()
    assert option_errors == []
    return engine.run(model, dataset.shipped(), options, details)


def promised(doc: dict[str, t.Any], outcome: str, details: str) -> bool:
    returned = doc.get("returned", "always")
    assert returned in RETURNED, f"RETURN has a new 'returned: {returned}': say what it promises in RETURNED"
    return RETURNED[returned](outcome, details)


def check_entries(entries: dict[str, dict[str, t.Any]], contains: dict[str, t.Any], outcome: str, details: str) -> None:
    """Each load balancer or pool holds the keys RETURN promises it for this outcome and layout."""
    for name, entry in entries.items():
        for key, doc in contains.items():
            assert (key in entry) == promised(doc, outcome, details), f"{name}.{key}"


@pytest.mark.parametrize("details", ["compact", "full"])
@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_documented_key_for_every_outcome(outcome: str, details: str) -> None:
    result = outcome_result(outcome, details)
    expected = {key for key, doc in DOCUMENTED.items() if key not in ACTION_KEYS and promised(doc, outcome, details)}
    assert set(result) == expected
    for key in expected:
        assert isinstance(result[key], TYPES[DOCUMENTED[key]["type"]]), key
    assert set(result["summary"]) == set(DOCUMENTED["summary"]["contains"])
    assert all(set(finding) == set(DOCUMENTED["findings"]["contains"]) for finding in result["findings"])
    check_entries(result["load_balancers"], DOCUMENTED["load_balancers"]["contains"], outcome, details)
    check_entries(result["pools"], DOCUMENTED["pools"]["contains"], outcome, details)
    assert set(DOCUMENTED["context"]["sample"]) - {"inventory_reader"} <= set(result["context"])
    assert result["details"] == details


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_the_outcome_is_what_the_result_says(outcome: str) -> None:
    result = outcome_result(outcome, "compact")
    assert (result["qualified"], result["failed"]) == {
        "qualified": (True, False),
        "not qualified": (False, True),
        "input error": (False, True),
    }[outcome]
    assert bool(result["input_errors"]) == (outcome == "input error")
    assert (result["summary"]["errors"] > 0) == (outcome == "not qualified")
    if outcome != "input error":
        assert (result["lync_version"], result["coexisting_versions"]) == ("lync2013", ["lync2010"])
        assert result["summary"]["load_balancers"] == len(result["load_balancers"]) == 1


def test_an_input_failure_echoes_the_options_it_can_and_the_default_of_the_others() -> None:
    errors = [topology.InputError("version_policy", "not one of ...")]
    given = engine.input_failure(errors, "inventory", "exact", "full")
    assert (given["version_policy"], given["details"], given["context"]["input_mode"]) == ("exact", "full", "inventory")
    defaulted = engine.input_failure(errors, "options", ["exact"], "everything")
    assert (defaulted["version_policy"], defaulted["details"]) == (versions.DEFAULT_POLICY, "compact")
    assert defaulted["context"]["dataset_version"] == dataset.shipped().version


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_how_the_inventory_was_read_is_in_the_context(outcome: str) -> None:
    reader = {"fast": 3, "raw_get": 0, "reason": None}
    if outcome == "input error":
        result = engine.input_failure(
            [topology.InputError("lync_version", "missing")], "inventory", inventory_reader=reader
        )
    else:
        model, _errors = topology.from_options(
            {"ltm": dict(LTM)}, {"lync_version": "lync2013", "pools": POOLS[outcome]}
        )
        result = engine.run(model, dataset.shipped(), engine.check_options()[0], "compact", reader)
    assert result["context"]["inventory_reader"] == reader
