# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine around the rules: option checks, skip / override / fail_on, the result's shape, msg and SARIF."""

from __future__ import annotations

import json
import typing as t

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    collection,
    dataset,
    engine,
    sarif,
    topology,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import RULES

LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}

# Three errors (two FE pools without HLB, one old firmware), one warning (sfb2015: LYNC_VERSION_OUTSIDE_LIST, an
# info by default, raised to a warning by run() unless a test sets its own severity_overrides) and three infos
# (unused LB, and two pools whose load balancer declares no VIPs).
FINDINGS_TOPOLOGY = (
    {"ltm": LTM, "old": {**LTM, "version": "10.2.4"}, "spare": LTM},
    {
        "lync_version": "sfb2015",
        "pools": {
            "fe1.contoso.com": {"role": "front_end", "servers": ["fe11", "fe12", "fe13"]},
            "fe2.contoso.com": {"role": "front_end", "servers": ["fe21", "fe22", "fe23"], "load_balancing": "dns"},
            "dir.contoso.com": {"role": "director", "servers": ["dir1", "dir2"], "load_balancer": "old"},
            "edge.contoso.com": {"role": "edge", "servers": ["edge1", "edge2"], "load_balancer": "ltm"},
        },
    },
)
EXPECTED = [
    ("LB_VERSION_NOT_TESTED", "error", "old"),
    ("FE_POOL_NEEDS_HLB", "error", "fe1.contoso.com"),
    ("FE_POOL_NEEDS_HLB", "error", "fe2.contoso.com"),
    ("LB_UNUSED", "info", "spare"),
    ("LYNC_VERSION_OUTSIDE_LIST", "warning", "topology"),
    ("VIPS_NOT_DECLARED", "info", "dir.contoso.com"),
    ("VIPS_NOT_DECLARED", "info", "edge.contoso.com"),
]


def run(
    options: dict[str, t.Any] | None = None, lbs: dict[str, t.Any] | None = None, topo: dict[str, t.Any] | None = None
) -> dict[str, t.Any]:
    model, errors = topology.from_options(
        lbs if lbs is not None else FINDINGS_TOPOLOGY[0], topo if topo is not None else FINDINGS_TOPOLOGY[1]
    )
    assert errors == []
    checked, option_errors = engine.check_options(
        **{"severity_overrides": {"LYNC_VERSION_OUTSIDE_LIST": "warning"}, **(options or {})}
    )
    assert option_errors == []
    return engine.run(model, dataset.shipped(), checked)


def triples(result: dict[str, t.Any]) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["severity"], f["subject"]) for f in result["findings"]]


def test_defaults() -> None:
    options, errors = engine.check_options()
    assert errors == []
    assert options == engine.Options("release_train", (), (), "error")


def test_findings_in_rule_order() -> None:
    result = run()
    assert triples(result) == EXPECTED
    order = list(RULES)
    positions = [order.index(f["rule"]) for f in result["findings"]]
    assert positions == sorted(positions)


def test_summary_counts() -> None:
    assert run()["summary"] == {"errors": 3, "warnings": 1, "infos": 3, "load_balancers": 3, "pools": 4}


def test_result_keys_and_types() -> None:
    for result in (run(), run(lbs={}, topo={"lync_version": "lync2013", "pools": {}})):
        assert isinstance(result["qualified"], bool)
        assert isinstance(result["failed"], bool)
        assert isinstance(result["findings"], list)
        assert all(isinstance(f, dict) for f in result["findings"])
        assert isinstance(result["summary"], dict)
        assert all(isinstance(v, int) and not isinstance(v, bool) for v in result["summary"].values())
        assert isinstance(result["msg"], str)
        assert isinstance(result["version_policy"], str)
        assert isinstance(result["lync_version"], str)
        assert isinstance(result["load_balancers"], dict)
        assert isinstance(result["pools"], dict)
        assert isinstance(result["context"], dict)
        assert json.loads(json.dumps(result)) == result


def test_per_device_and_per_pool_verdicts() -> None:
    result = run()
    lbs, pools = result["load_balancers"], result["pools"]
    assert {name: lb["qualified"] for name, lb in lbs.items()} == {"ltm": True, "old": False, "spare": True}
    assert lbs["old"]["version_verdict"] == "not_tested"
    assert lbs["old"]["entry"]["id"] == "f5-big-ip-ltm-hw"
    assert lbs["ltm"]["pools"] == ["edge.contoso.com"]
    assert lbs["spare"]["pools"] == []
    # dir.contoso.com has no finding of its own, but its load balancer has an error.
    assert {fqdn: pool["qualified"] for fqdn, pool in pools.items()} == {
        "fe1.contoso.com": False,
        "fe2.contoso.com": False,
        "dir.contoso.com": False,
        "edge.contoso.com": True,
    }


def test_unqualified_device_has_no_entry() -> None:
    result = run(
        lbs={"ace": {"vendor": "Cisco", "product": "ACE", "form_factor": "hardware", "version": "1.0"}},
        topo={
            "lync_version": "lync2013",
            "pools": {"p.contoso.com": {"role": "front_end", "servers": ["a", "b"], "load_balancer": "ace"}},
        },
    )
    assert result["load_balancers"]["ace"]["entry"] is None
    assert result["load_balancers"]["ace"]["version_verdict"] is None


def test_context() -> None:
    context = run({"skip_rules": ["LB_UNUSED"]})["context"]
    assert context["input_mode"] == "options"
    assert context["dataset_version"] == dataset.shipped().version
    assert context["extra_entries"] == 0
    assert context["skipped_rules"] == ["LB_UNUSED"]
    assert context["rules"] == [rule for rule in RULES if rule != "LB_UNUSED"]


@pytest.mark.parametrize(
    ("skip", "remaining"),
    [
        (
            ["FE_POOL_NEEDS_HLB"],
            {"LB_VERSION_NOT_TESTED", "LB_UNUSED", "LYNC_VERSION_OUTSIDE_LIST", "VIPS_NOT_DECLARED"},
        ),
        (
            ["LB_UNUSED", "LYNC_VERSION_OUTSIDE_LIST"],
            {"LB_VERSION_NOT_TESTED", "FE_POOL_NEEDS_HLB", "VIPS_NOT_DECLARED"},
        ),
        (list(RULES), set()),
    ],
)
def test_skip_rules(skip: list[str], remaining: set[str]) -> None:
    result = run({"skip_rules": skip})
    assert {f["rule"] for f in result["findings"]} == remaining
    assert result["summary"]["errors"] == sum(1 for f in result["findings"] if f["severity"] == "error")


def test_skipping_every_error_rule_qualifies() -> None:
    result = run({"skip_rules": ["FE_POOL_NEEDS_HLB", "LB_VERSION_NOT_TESTED"]})
    assert (result["qualified"], result["failed"]) == (True, False)
    assert result["msg"].startswith("Qualified:")


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"FE_POOL_NEEDS_HLB": "warning"}, {"FE_POOL_NEEDS_HLB": "warning", "LB_VERSION_NOT_TESTED": "error"}),
        ({"LB_UNUSED": "error"}, {"LB_UNUSED": "error"}),
        (
            {"LYNC_VERSION_OUTSIDE_LIST": "info", "LB_VERSION_NOT_TESTED": "info"},
            {"LYNC_VERSION_OUTSIDE_LIST": "info", "LB_VERSION_NOT_TESTED": "info"},
        ),
    ],
)
def test_severity_overrides(overrides: dict[str, str], expected: dict[str, str]) -> None:
    result = run({"severity_overrides": overrides})
    for finding in result["findings"]:
        assert finding["severity"] == expected.get(finding["rule"], RULES[finding["rule"]].severity)
    severities = [f["severity"] for f in result["findings"]]
    assert result["summary"]["errors"] == severities.count("error")
    assert result["summary"]["warnings"] == severities.count("warning")
    assert result["summary"]["infos"] == severities.count("info")


def test_override_every_error_to_warning() -> None:
    result = run({"severity_overrides": {"FE_POOL_NEEDS_HLB": "warning", "LB_VERSION_NOT_TESTED": "warning"}})
    assert result["summary"]["errors"] == 0
    assert (result["qualified"], result["failed"]) == (True, False)
    result = run(
        {
            "severity_overrides": {"FE_POOL_NEEDS_HLB": "warning", "LB_VERSION_NOT_TESTED": "warning"},
            "fail_on": "warning",
        }
    )
    assert (result["qualified"], result["failed"]) == (True, True)


def _quiet_topology(lync_version: str, unused: bool = False) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    lbs = {"ltm": LTM, **({"spare": LTM} if unused else {})}
    return lbs, {
        "lync_version": lync_version,
        "pools": {"p.contoso.com": {"role": "front_end", "servers": ["a", "b", "c"], "load_balancer": "ltm"}},
    }


@pytest.mark.parametrize(
    ("fail_on", "lync_version", "unused", "failed", "qualified"),
    [
        ("error", "lync2013", False, False, True),
        ("error", "sfb2015", True, False, True),  # warning + info only
        ("warning", "sfb2015", False, True, True),  # a warning fails
        ("warning", "lync2013", True, False, True),  # an info never fails
        ("never", "sfb2015", True, False, True),
    ],
)
def test_fail_on_without_errors(fail_on: str, lync_version: str, unused: bool, failed: bool, qualified: bool) -> None:
    lbs, topo = _quiet_topology(lync_version, unused)
    result = run({"fail_on": fail_on}, lbs, topo)
    assert (result["failed"], result["qualified"]) == (failed, qualified)


@pytest.mark.parametrize(("fail_on", "failed"), [("error", True), ("warning", True), ("never", False)])
def test_fail_on_with_errors(fail_on: str, failed: bool) -> None:
    result = run({"fail_on": fail_on})
    assert result["failed"] is failed
    assert result["qualified"] is False
    assert len(result["findings"]) == len(EXPECTED)


def test_msg_one_line_per_error() -> None:
    result = run()
    first, *lines = result["msg"].split("\n")
    assert first == "Not qualified: 3 error(s), 1 warning(s)."
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    assert len(lines) == len(errors)
    for line, finding in zip(lines, errors, strict=True):
        assert line == f"{finding['rule']} {finding['subject']}: {finding['message']}"
    assert "LB_UNUSED" not in result["msg"]
    assert "LYNC_VERSION_OUTSIDE_LIST" not in result["msg"]


def test_msg_error_lines_say_problem_and_fix() -> None:
    lines = run()["msg"].split("\n")[1:]
    assert lines[0].startswith("LB_VERSION_NOT_TESTED old: version '10.2.4'")
    assert "11.x" in lines[0]
    assert lines[1].startswith("FE_POOL_NEEDS_HLB fe1.contoso.com: ")
    assert "set load_balancer" in lines[1]
    assert lines[2].startswith("FE_POOL_NEEDS_HLB fe2.contoso.com: ")
    assert "web_load_balancer" in lines[2]


def test_msg_when_qualified() -> None:
    lbs, topo = _quiet_topology("sfb2015", unused=True)
    msg = run({}, lbs, topo)["msg"]
    assert msg == "Qualified: 2 load balancer(s) and 1 pool(s) checked, 1 warning(s), 2 info(s)."


def test_msg_lists_warnings_when_they_fail() -> None:
    lbs, topo = _quiet_topology("sfb2015")
    first, *lines = run({"fail_on": "warning"}, lbs, topo)["msg"].split("\n")
    assert first == "Failing on 1 warning(s) (fail_on: warning); no error, the layout is qualified."
    assert not first.startswith("Qualified")  # a failed run never reads as a pass
    assert len(lines) == 1
    assert lines[0].startswith("LYNC_VERSION_OUTSIDE_LIST topology: ")


def test_msg_lists_errors_and_warnings_with_fail_on_warning() -> None:
    """RETURN docs: one line per error-level finding, also warnings with fail_on=warning."""
    result = run({"fail_on": "warning"})
    lines = result["msg"].split("\n")[1:]
    rules = [line.split(" ", 1)[0] for line in lines]
    assert rules.count("FE_POOL_NEEDS_HLB") == 2
    assert "LB_VERSION_NOT_TESTED" in rules
    assert "LYNC_VERSION_OUTSIDE_LIST" in rules
    assert "LB_UNUSED" not in rules


# --- option checks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "path", "needles"),
    [
        ({"skip_rules": ["NOPE"]}, "skip_rules[0]", ("'NOPE'", "LB_NOT_QUALIFIED")),
        ({"skip_rules": ["LB_UNUSED", "fe_pool_needs_hlb"]}, "skip_rules[1]", ("'fe_pool_needs_hlb'",)),
        ({"skip_rules": "LB_UNUSED"}, "skip_rules", ("list",)),
        ({"severity_overrides": {"NOPE": "error"}}, "severity_overrides['NOPE']", ("'NOPE'", "unknown rule")),
        (
            {"severity_overrides": {"LB_UNUSED": "fatal"}},
            "severity_overrides['LB_UNUSED']",
            ("'fatal'", "error, warning, info"),
        ),
        ({"severity_overrides": ["LB_UNUSED"]}, "severity_overrides", ("mapping",)),
        ({"version_policy": "loose"}, "version_policy", ("'loose'", "exact, release_train, minimum")),
        ({"fail_on": "info"}, "fail_on", ("'info'", "error, warning, never")),
    ],
)
def test_check_options_errors(options: dict[str, t.Any], path: str, needles: tuple[str, ...]) -> None:
    checked, errors = engine.check_options(**options)
    assert checked is None
    assert [e.path for e in errors] == [path]
    for needle in needles:
        assert needle in errors[0].message


def test_check_options_reports_every_problem() -> None:
    checked, errors = engine.check_options(
        "loose", ["NOPE", "LB_UNUSED", "ALSO_NOPE"], {"BAD": "error", "LB_UNUSED": "loud"}, "sometimes"
    )
    assert checked is None
    assert [e.path for e in errors] == [
        "version_policy",
        "fail_on",
        "skip_rules[0]",
        "skip_rules[2]",
        "severity_overrides['BAD']",
        "severity_overrides['LB_UNUSED']",
    ]


def test_input_failure_shape() -> None:
    errors = [
        topology.InputError("hostvars['lb1'].lb_version", "quote it"),
        topology.InputError("skip_rules[0]", "unknown rule ID 'NOPE'"),
    ]
    result = engine.input_failure(errors)
    assert result["failed"] is True
    assert result["qualified"] is False
    assert result["input_errors"] == [e.to_dict() for e in errors]
    first, *lines = result["msg"].split("\n")
    assert first == "2 input error(s), no rule was run:"
    assert lines == ["hostvars['lb1'].lb_version: quote it", "skip_rules[0]: unknown rule ID 'NOPE'"]


# --- SARIF ------------------------------------------------------------------------------------------------------


def test_sarif_structure() -> None:
    result = run({"severity_overrides": {"LB_VERSION_NOT_TESTED": "info"}})
    document = sarif.to_sarif(result)
    assert document["version"] == "2.1.0"
    assert "sarif" in document["$schema"]
    (sarif_run,) = document["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == list(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["helpUri"].startswith("http")
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = sarif_run["results"]
    assert len(results) == len(result["findings"])
    for item, finding in zip(results, result["findings"], strict=True):
        assert item["ruleId"] == finding["rule"]
        assert driver["rules"][item["ruleIndex"]]["id"] == finding["rule"]
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert finding["message"] in item["message"]["text"]
        assert item["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == finding["path"]
    assert [item["level"] for item in results] == ["note", "error", "error", "note", "note", "note", "note"]
    assert json.loads(json.dumps(document)) == document


def test_sarif_default_levels_follow_rule_severity() -> None:
    levels = {
        rule["id"]: rule["defaultConfiguration"]["level"]
        for rule in sarif.to_sarif({"findings": []})["runs"][0]["tool"]["driver"]["rules"]
    }
    assert levels["LB_UNUSED"] == "note"
    assert levels["LYNC_VERSION_OUTSIDE_LIST"] == "note"
    assert levels["LB_VERSION_NEWER_THAN_TESTED"] == "warning"
    assert levels["FE_POOL_NEEDS_HLB"] == "error"


def test_sarif_of_a_clean_result_has_no_results() -> None:
    lbs, topo = _quiet_topology("lync2013")
    document = sarif.to_sarif(run({"skip_rules": ["VIPS_NOT_DECLARED"]}, lbs, topo))
    assert document["runs"][0]["results"] == []


def test_sarif_names_the_collection_version() -> None:
    galaxy = yaml.safe_load((collection.ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    driver = sarif.to_sarif({"findings": []})["runs"][0]["tool"]["driver"]
    assert driver["version"] == galaxy["version"] == collection.version()
