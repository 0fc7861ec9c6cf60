# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The assert_qualified action plugin, run as Ansible runs it, without a playbook."""

from __future__ import annotations

import collections
import copy
import gc
import json
import multiprocessing
import typing as t
from unittest.mock import MagicMock

import pytest
import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.task import Task
from ansible.template import Templar

from ansible_collections.lync.lb_qualification.plugins.action.assert_qualified import ActionModule
from ansible_collections.lync.lb_qualification.plugins.modules.assert_qualified import RETURN
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import RULES

try:  # ansible-core >= 2.19 templates only trusted strings, as inventory strings are
    from ansible.template import trust_as_template
except ImportError:  # pragma: no cover - ansible-core < 2.19 templates every string

    def trust_as_template(value: t.Any) -> t.Any:
        return value


LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}
TOPOLOGY = {
    "lync_version": "lync2013",
    "pools": {
        "pool01.contoso.com": {"role": "front_end", "servers": ["fe01", "fe02", "fe03"], "load_balancer": "ltm01"},
        "dir01.contoso.com": {"role": "director", "servers": ["dir01", "dir02"], "load_balancing": "dns"},
    },
}

# Every key documented as "returned: always", and its one type.
ALWAYS = {
    "qualified": bool,
    "failed": bool,
    "changed": bool,
    "msg": str,
    "findings": list,
    "summary": dict,
    "version_policy": str,
    "load_balancers": dict,
    "pools": dict,
    "input_errors": list,
    "context": dict,
    "details": str,
}
SUMMARY_KEYS = {"errors", "warnings", "infos", "load_balancers", "pools"}
FINDING_KEYS = {"rule", "severity", "subject", "path", "message", "source"}


class HostVars:
    """Stands in for Ansible's HostVars: raw_get(host) gives that host's variables, and counts the calls."""

    def __init__(self, data: dict[str, dict[str, t.Any]]) -> None:
        self._data = data
        self.calls: collections.Counter[str] = collections.Counter()

    def raw_get(self, host: str) -> dict[str, t.Any]:
        self.calls[host] += 1
        return self._data[host]


def action(args: dict[str, t.Any], check_mode: bool = False) -> ActionModule:
    task = MagicMock(Task)
    task.args = args
    task.check_mode = check_mode
    task.async_val = 0
    task.action = "lync.lb_qualification.assert_qualified"
    loader = DataLoader()
    return ActionModule(
        task=task,
        connection=MagicMock(),
        play_context=MagicMock(),
        loader=loader,
        templar=Templar(loader=loader),
        shared_loader_obj=None,
    )


def run(
    args: dict[str, t.Any], task_vars: dict[str, t.Any] | None = None, check_mode: bool = False
) -> dict[str, t.Any]:
    return action(args, check_mode).run(task_vars=task_vars if task_vars is not None else {})


def explicit(**options: t.Any) -> dict[str, t.Any]:
    return {"load_balancers": {"ltm01": dict(LTM)}, "topology": copy.deepcopy(TOPOLOGY), **options}


def inventory_vars(**overrides: t.Any) -> dict[str, t.Any]:
    """task_vars of a play on localhost over an inventory equivalent to explicit()."""
    hostvars = {
        "ltm01": {
            "lb_vendor": "F5",
            "lb_product": "BIG-IP Local Traffic Manager",
            "lb_form_factor": "hardware",
            "lb_version": "11.6.1 HF2",
            "lb_multiple_vips": True,
            "ansible_host": "10.0.0.1",
        },
        **{name: {"lync_pool": "pool01.contoso.com"} for name in ("fe01", "fe02", "fe03")},
        **{name: {"lync_pool": "dir01.contoso.com"} for name in ("dir01", "dir02")},
        "unrelated": {"colour": "blue"},
    }
    task_vars = {
        "groups": {
            "all": ["ltm01", "fe01", "fe02", "fe03", "dir01", "dir02", "unrelated"],
            "ungrouped": ["unrelated"],
            "lync_load_balancers": ["ltm01"],
            "lync_front_end": ["fe01", "fe02", "fe03"],
            "lync_director": ["dir01", "dir02"],
        },
        "hostvars": HostVars(hostvars),
        "lync_version": "lync2013",
        "lync_pools": {
            "pool01.contoso.com": {"load_balancer": "ltm01"},
            "dir01.contoso.com": {"load_balancing": "dns"},
        },
        "inventory_hostname": "localhost",
    }
    task_vars.update(overrides)
    return task_vars


def assert_result_shape(result: dict[str, t.Any]) -> None:
    for key, kind in ALWAYS.items():
        assert key in result, f"{key} missing from {sorted(result)}"
        assert isinstance(result[key], kind), f"{key} is {type(result[key]).__name__}"
    assert result["changed"] is False
    assert set(result["summary"]) == SUMMARY_KEYS
    assert all(isinstance(value, int) and not isinstance(value, bool) for value in result["summary"].values())
    for finding in result["findings"]:
        assert set(finding) == FINDING_KEYS
        assert all(isinstance(value, str) for value in finding.values())
    for error in result["input_errors"]:
        assert set(error) == {"path", "message"}


def rule_ids(result: dict[str, t.Any]) -> list[str]:
    return [finding["rule"] for finding in result["findings"]]


# --- explicit mode ----------------------------------------------------------------------------------------------


def test_explicit_mode_result() -> None:
    result = run(explicit(details="full"))
    assert_result_shape(result)
    assert rule_ids(result) == ["DIRECTOR_POOL_NEEDS_HLB", "VIPS_NOT_DECLARED"]
    assert (result["failed"], result["qualified"]) == (True, False)
    assert result["lync_version"] == "lync2013"
    assert result["version_policy"] == "release_train"
    assert result["input_errors"] == []
    assert result["context"]["input_mode"] == "options"
    assert result["summary"] == {"errors": 1, "warnings": 0, "infos": 1, "load_balancers": 1, "pools": 2}
    assert result["findings"][0]["path"] == "$.topology.pools['dir01.contoso.com']"
    assert result["msg"].split("\n")[1].startswith("DIRECTOR_POOL_NEEDS_HLB dir01.contoso.com: ")
    assert result["load_balancers"]["ltm01"]["pools"] == ["pool01.contoso.com"]


def test_explicit_mode_qualified() -> None:
    args = explicit()
    args["topology"]["pools"]["dir01.contoso.com"]["web_load_balancer"] = "ltm01"
    result = run(args)
    assert_result_shape(result)
    assert (result["failed"], result["qualified"]) == (False, True)
    # No VIP declared: the VIPs are not checked, and each pool says so (info).
    assert [(f["rule"], f["severity"], f["subject"]) for f in result["findings"]] == [
        ("VIPS_NOT_DECLARED", "info", "pool01.contoso.com"),
        ("VIPS_NOT_DECLARED", "info", "dir01.contoso.com"),
    ]
    assert result["msg"].startswith("Qualified:")


def test_explicit_mode_options_are_applied() -> None:
    args = explicit(skip_rules=["DIRECTOR_POOL_NEEDS_HLB"], version_policy="minimum")
    args["load_balancers"]["ltm01"]["version"] = "12.1.2"
    args["topology"]["lync_version"] = "sfb2019"
    result = run(args)
    assert_result_shape(result)
    assert rule_ids(result) == ["LB_VERSION_NEWER_THAN_TESTED", "LYNC_VERSION_OUTSIDE_LIST", "VIPS_NOT_DECLARED"]
    assert (result["failed"], result["qualified"]) == (False, True)
    assert result["version_policy"] == "minimum"
    assert result["context"]["skipped_rules"] == ["DIRECTOR_POOL_NEEDS_HLB"]
    assert len(result["warnings"]) == 1  # LYNC_VERSION_OUTSIDE_LIST is an info
    assert result["warnings"][0].startswith("LB_VERSION_NEWER_THAN_TESTED ltm01: ")


@pytest.mark.parametrize(("fail_on", "failed"), [("error", False), ("warning", True), ("never", False)])
def test_fail_on(fail_on: str, failed: bool) -> None:
    args = explicit(fail_on=fail_on, severity_overrides={"DIRECTOR_POOL_NEEDS_HLB": "warning"})
    result = run(args)
    assert result["failed"] is failed
    assert result["qualified"] is True


def test_explicit_mode_needs_both_options() -> None:
    result = run({"load_balancers": {"ltm01": LTM}})
    assert_result_shape(result)
    assert result["failed"] is True
    assert [error["path"] for error in result["input_errors"]] == ["topology"]
    assert "topology" in result["msg"]


def test_explicit_yaml_number_version_is_an_input_error() -> None:
    args = explicit()
    args["load_balancers"]["ltm01"]["version"] = 11.1
    result = run(args)
    assert_result_shape(result)
    assert (result["failed"], result["qualified"], result["findings"]) == (True, False, [])
    assert [error["path"] for error in result["input_errors"]] == ["$.load_balancers.ltm01.version"]
    assert "quote" in result["input_errors"][0]["message"]
    assert result["msg"].startswith("1 input error(s), no rule was run:")


def test_unknown_rule_ids_are_input_errors() -> None:
    result = run(explicit(skip_rules=["NOPE"], severity_overrides={"ALSO_NOPE": "info"}))
    assert_result_shape(result)
    assert result["failed"] is True
    assert result["findings"] == []
    assert [error["path"] for error in result["input_errors"]] == ["skip_rules[0]", "severity_overrides['ALSO_NOPE']"]
    assert "'NOPE'" in result["msg"]
    assert "'ALSO_NOPE'" in result["msg"]


def test_input_errors_of_options_and_topology_together() -> None:
    args = explicit(skip_rules=["NOPE"])
    args["topology"]["lync_version"] = "lync2016"
    result = run(args)
    assert {error["path"] for error in result["input_errors"]} == {"skip_rules[0]", "$.topology.lync_version"}


def test_inputs_never_modified() -> None:
    args = explicit()
    before = copy.deepcopy(args)
    run(args)
    assert args == before


# --- invalid arguments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "needles"),
    [
        ({"colour": "blue"}, ("colour",)),
        ({"version_policy": "loose"}, ("version_policy", "exact, release_train, minimum")),
        ({"fail_on": "info"}, ("fail_on", "error, warning, never")),
        ({"quiet": "perhaps"}, ("quiet",)),
        ({"inventory_groups": {"routers": "x"}}, ("routers",)),
    ],
)
def test_invalid_arguments(extra: dict[str, t.Any], needles: tuple[str, ...]) -> None:
    result = run(explicit(**extra))
    assert result["failed"] is True
    assert result["changed"] is False
    for needle in needles:
        assert needle in result["msg"]


@pytest.mark.parametrize("extra", [{"colour": "blue"}, {"version_policy": "loose"}])
def test_invalid_arguments_keep_the_documented_result_keys(extra: dict[str, t.Any]) -> None:
    """RETURN says qualified, findings, summary, version_policy, ... are returned always, with one type each."""
    result = run(explicit(**extra))
    assert_result_shape(result)
    assert result["qualified"] is False


# --- inventory mode ---------------------------------------------------------------------------------------------


def test_inventory_mode_result() -> None:
    task_vars = inventory_vars()
    result = run({}, task_vars)
    assert_result_shape(result)
    assert result["context"]["input_mode"] == "inventory"
    assert rule_ids(result) == ["DIRECTOR_POOL_NEEDS_HLB", "VIPS_NOT_DECLARED"]
    assert result["findings"][0]["path"] == "lync_pools['dir01.contoso.com']"
    assert result["lync_version"] == "lync2013"
    assert set(result["load_balancers"]) == {"ltm01"}
    assert set(result["pools"]) == {"pool01.contoso.com", "dir01.contoso.com"}


def test_inventory_and_explicit_modes_agree() -> None:
    by_inventory = run({}, inventory_vars())
    by_options = run(explicit())
    keys = ("rule", "severity", "subject")
    assert [tuple(f[k] for k in keys) for f in by_inventory["findings"]] == [
        tuple(f[k] for k in keys) for f in by_options["findings"]
    ]
    # Each message speaks the names of its input mode: where to write the fix.
    inventory_finding, inventory_info = by_inventory["findings"]
    options_finding, options_info = by_options["findings"]
    assert "declare them in lb_vips" in inventory_info["message"]
    assert "declare them in vips" in options_info["message"]
    assert "set lync_pools['dir01.contoso.com'].web_load_balancer" in inventory_finding["message"]
    assert "set web_load_balancer" in options_finding["message"]
    assert by_inventory["summary"] == by_options["summary"]
    assert by_inventory["pools"] == by_options["pools"]


def test_inventory_hostvars_read_once_per_relevant_host() -> None:
    task_vars = inventory_vars()
    run({}, task_vars)
    assert task_vars["hostvars"].calls == collections.Counter(
        {name: 1 for name in ("ltm01", "fe01", "fe02", "fe03", "dir01", "dir02")}
    )


def test_inventory_globals_from_the_first_server() -> None:
    task_vars = inventory_vars()
    lync_pools, lync_version = task_vars.pop("lync_pools"), task_vars.pop("lync_version")
    task_vars["hostvars"]._data["fe01"].update(lync_pools=lync_pools, lync_version=lync_version)
    result = run({}, task_vars)
    assert result["input_errors"] == []
    assert rule_ids(result) == ["DIRECTOR_POOL_NEEDS_HLB", "VIPS_NOT_DECLARED"]
    # "Each host's variables are read once": the first server's too, though the globals come from it.
    assert max(task_vars["hostvars"].calls.values()) == 1, task_vars["hostvars"].calls


def test_inventory_yaml_number_version() -> None:
    task_vars = inventory_vars()
    task_vars["hostvars"]._data["ltm01"]["lb_version"] = 11.1
    result = run({}, task_vars)
    assert_result_shape(result)
    assert (result["failed"], result["findings"]) == (True, [])
    assert result["input_errors"][0]["path"] == "hostvars['ltm01'].lb_version"
    assert "quote" in result["input_errors"][0]["message"]
    assert "hostvars['ltm01'].lb_version" in result["msg"]


def test_inventory_all_input_errors_at_once() -> None:
    task_vars = inventory_vars()
    del task_vars["lync_version"]
    data = task_vars["hostvars"]._data
    del data["ltm01"]["lb_vendor"]
    data["ltm01"]["lb_version"] = 11
    del data["dir02"]["lync_pool"]
    task_vars["lync_pools"]["ghost.contoso.com"] = {"load_balancing": "anycast"}  # another site's: not checked
    result = run({"skip_rules": ["NOPE"]}, task_vars)
    assert_result_shape(result)
    assert {error["path"] for error in result["input_errors"]} == {
        "skip_rules[0]",
        "lync_version",
        "hostvars['ltm01'].lb_vendor",
        "hostvars['ltm01'].lb_version",
        "hostvars['dir02'].lync_pool",
    }
    assert result["msg"].startswith("5 input error(s), no rule was run:")


def test_inventory_without_any_lync_host() -> None:
    result = run({}, {"groups": {"all": ["web01"], "ungrouped": ["web01"]}, "hostvars": HostVars({})})
    assert_result_shape(result)
    assert result["failed"] is True
    assert [error["path"] for error in result["input_errors"]] == ["inventory"]
    assert "lync_load_balancers" in result["msg"]


def test_the_result_is_compact_by_default_with_the_verdicts_of_the_full_one() -> None:
    compact, full = run(explicit()), run(explicit(details="full"))
    assert (compact["details"], full["details"]) == ("compact", "full")
    for key in ("qualified", "failed", "msg", "findings", "summary", "input_errors", "context", "lync_version"):
        assert compact[key] == full[key], key
    assert compact["load_balancers"] == {"ltm01": {"qualified": True, "version_verdict": "accepted"}}
    assert compact["pools"] == {"pool01.contoso.com": {"qualified": True}, "dir01.contoso.com": {"qualified": False}}
    assert {
        name: {key: lb[key] for key in ("qualified", "version_verdict")} for name, lb in full["load_balancers"].items()
    } == compact["load_balancers"]


def test_full_details_produce_every_documented_key() -> None:
    documented = yaml.safe_load(RETURN)
    result = run(explicit(details="full", report_path=None))
    for key, doc in documented.items():
        if key != "report_path":
            assert key in result, key
        for inner, inner_doc in (doc.get("contains") or {}).items():
            if key in ("load_balancers", "pools"):
                assert all(inner in entry for entry in result[key].values()), f"{key}[].{inner}"
                for sub in (inner_doc.get("contains") or {}) if inner == "sides" else ():
                    assert all(sub in side for entry in result[key].values() for side in entry["sides"]), sub
            elif key != "findings":
                assert inner in result[key], f"{key}.{inner}"
    lb_sample = documented["load_balancers"]["sample"]["lb-fe.contoso.com"]
    assert set(lb_sample) <= set(result["load_balancers"]["ltm01"])
    pool_sample = documented["pools"]["sample"]["pool01.contoso.com"]
    assert set(pool_sample) <= set(result["pools"]["pool01.contoso.com"])


# Ansible's own keys, beside the documented ones, that the action may add.
ANSIBLE_KEYS = {"warnings", "_ansible_verbose_always"}


@pytest.mark.parametrize(
    "case",
    ["qualified", "warning", "not qualified", "topology error", "argument error", "inventory", "inventory error"],
)
def test_the_action_adds_only_ansible_keys_to_the_documented_ones(case: str) -> None:
    """The core builds every documented key (test_result.py); the action passes them on and adds Ansible's own."""
    task_vars = inventory_vars()
    if case == "inventory error":
        del task_vars["lync_version"]
    args = {
        "qualified": explicit(),
        "warning": explicit(load_balancers={"ltm01": dict(LTM, version="11.6.5")}),
        "not qualified": explicit(
            fail_on="never",
            skip_rules=["DIRECTOR_POOL_NEEDS_HLB"],
            load_balancers={"ltm01": dict(LTM, version="10.2.4")},
        ),
        "topology error": explicit(load_balancers={"ltm01": dict(LTM, version=11.1)}),
        "argument error": explicit(colour="blue"),
    }.get(case, {})
    result = run(args, task_vars if case.startswith("inventory") else {})
    documented = set(yaml.safe_load(RETURN)) - {"report_path"}
    valid = "error" not in case
    assert set(result) - ANSIBLE_KEYS == (documented if valid else documented - {"lync_version", "coexisting_versions"})
    assert result["changed"] is False
    assert bool(result["input_errors"]) is not valid


def test_details_is_validated() -> None:
    result = run(explicit(details="everything"))
    assert result["failed"] is True and result["input_errors"]
    assert "details" in result["input_errors"][0]["message"] and "compact" in result["input_errors"][0]["message"]


def test_inventory_renamed_groups_and_vars() -> None:
    hostvars = HostVars(
        {
            "adc1": {"maker": "KEMP", "box": "LoadMaster", "sku": "VLM-100", "kind": "software", "firmware": "5.1"},
            "fe01": {"pool_fqdn": "pool01.contoso.com"},
            "fe02": {"pool_fqdn": "pool01.contoso.com"},
        }
    )
    task_vars = {
        "groups": {"adc": ["adc1"], "fes": ["fe01", "fe02"]},
        "hostvars": hostvars,
        "uc_release": "lync2010",
        "pool_settings": {"pool01.contoso.com": {"load_balancer": "adc1"}},
    }
    args = {
        "inventory_groups": {"load_balancers": "adc", "front_end": "fes"},
        "inventory_vars": {
            "vendor": "maker",
            "product": "box",
            "model": "sku",
            "form_factor": "kind",
            "version": "firmware",
            "pool": "pool_fqdn",
            "pools": "pool_settings",
            "lync_version": "uc_release",
            "vips": "virtual_servers",
        },
        "details": "full",
    }
    result = run(args, task_vars)
    assert_result_shape(result)
    assert (result["failed"], rule_ids(result)) == (False, ["VIPS_NOT_DECLARED"])
    assert "declare them in virtual_servers" in result["findings"][0]["message"]
    assert result["lync_version"] == "lync2010"
    assert result["load_balancers"]["adc1"]["entry"]["id"] == "kemp-loadmaster-vlm-sw"
    hostvars._data["adc1"]["firmware"] = 5.1
    result = run(args, task_vars)
    assert [error["path"] for error in result["input_errors"]] == ["hostvars['adc1'].firmware"]


def test_inventory_values_are_templated_per_host() -> None:
    task_vars = inventory_vars(fe_lb="ltm01")
    data = task_vars["hostvars"]._data
    data["ltm01"].update(lb_version=trust_as_template("{{ f5_release }}"), f5_release="11.5.4")
    task_vars["lync_pools"]["pool01.contoso.com"]["load_balancer"] = trust_as_template("{{ fe_lb }}")
    result = run({"details": "full"}, task_vars)
    assert result["input_errors"] == []
    assert result["load_balancers"]["ltm01"]["version"] == "11.5.4"
    assert result["pools"]["pool01.contoso.com"]["load_balancer"] == "ltm01"


# Complete VIPs of the pool01 Front End pool (hardware load balancing) and of the dir01 web services.
WEB = {"persistence": "source_address", "idle_timeout": 1800, "mode": "proxy", "monitor_port": 5061}
VIPS = [
    {
        "name": "pool01-sip",
        "pool": "pool01.contoso.com",
        "service": "sip",
        "mode": "proxy",
        "ports": [5061, 444, 135, "5071-5073", 5075, 5076, 5080, 448],
    },
    {"name": "pool01-web-int", "pool": "pool01.contoso.com", "service": "web_internal", "ports": [80, 443], **WEB},
    {
        "name": "pool01-web-ext",
        "pool": "pool01.contoso.com",
        "service": "web_external",
        "ports": [443, 80],
        "port_map": {"443": 4443, "80": 8080},
        **WEB,
        "persistence": "none",
    },
    {"name": "dir01-web-int", "pool": "DIR01.contoso.com", "service": "web_internal", "ports": [80, 443], **WEB},
    {
        "name": "dir01-web-ext",
        "pool": "dir01.contoso.com",
        "service": "web_external",
        "ports": ["443/tcp", "80"],
        "port_map": {443: "4443/tcp", 80: 8080},
        **WEB,
        "persistence": "none",
    },
]


@pytest.mark.parametrize("mode", ["inventory", "explicit"])
def test_vips_declared_and_checked(mode: str) -> None:
    """lb_vips (inventory) / vips (explicit): complete VIPs qualify; an idle timeout of 300 s is an error located
    at the VIP's setting, in the names of the input mode."""

    def check(vips: list[dict[str, t.Any]]) -> dict[str, t.Any]:
        if mode == "explicit":
            args = explicit()
            args["load_balancers"]["ltm01"]["vips"] = vips
            args["topology"]["pools"]["dir01.contoso.com"]["web_load_balancer"] = "ltm01"
            return run({**args, "details": "full"})
        task_vars = inventory_vars()
        task_vars["hostvars"]._data["ltm01"]["lb_vips"] = vips
        task_vars["lync_pools"]["dir01.contoso.com"]["web_load_balancer"] = "ltm01"
        return run({"details": "full"}, task_vars)

    result = check(copy.deepcopy(VIPS))
    assert_result_shape(result)
    assert (result["failed"], result["qualified"], result["findings"]) == (False, True, [])
    assert result["load_balancers"]["ltm01"]["vips"][2]["port_map"] == {"443/tcp": "4443/tcp", "80/tcp": "8080/tcp"}
    vips = copy.deepcopy(VIPS)
    vips[4]["idle_timeout"] = 300
    result = check(vips)
    assert rule_ids(result) == ["WEB_VIP_IDLE_TIMEOUT"]
    assert (
        result["findings"][0]["path"]
        == {
            "inventory": "hostvars['ltm01'].lb_vips[4].idle_timeout",
            "explicit": "$.load_balancers.ltm01.vips[4].idle_timeout",
        }[mode]
    )
    assert "idle_timeout is 300" in result["msg"]
    assert (result["failed"], result["qualified"]) == (True, False)


# --- check mode, quiet, reports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("check_mode", [False, True])
def test_check_mode_checks_and_reports_the_same(check_mode: bool, tmp_path) -> None:
    report = tmp_path / "report.json"
    result = run(explicit(report_path=str(report)), check_mode=check_mode)
    assert result["changed"] is False
    assert rule_ids(result) == ["DIRECTOR_POOL_NEEDS_HLB", "VIPS_NOT_DECLARED"]
    assert report.is_file()


@pytest.mark.parametrize(("quiet", "verbose"), [(False, True), (True, False)])
def test_quiet(quiet: bool, verbose: bool) -> None:
    result = run(explicit(quiet=quiet))
    assert result.get("_ansible_verbose_always", False) is verbose


def test_report_path_json(tmp_path) -> None:
    report = tmp_path / "nested" / "dir" / "lbq.json"
    result = run(explicit(report_path=str(report)))
    assert result["report_path"] == str(report)
    written = json.loads(report.read_text(encoding="utf-8"))
    assert not any(key.startswith("_ansible") for key in written)
    assert written["findings"] == result["findings"]
    assert written["summary"] == result["summary"]
    assert written["qualified"] is False


def test_report_path_sarif(tmp_path) -> None:
    report = tmp_path / "lbq.sarif"
    result = run(explicit(report_path=str(report)))
    document = json.loads(report.read_text(encoding="utf-8"))
    assert result["report_path"] == str(report)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    assert [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]] == list(RULES)
    assert [(r["ruleId"], r["level"]) for r in sarif_run["results"]] == [
        ("DIRECTOR_POOL_NEEDS_HLB", "error"),
        ("VIPS_NOT_DECLARED", "note"),
    ]
    assert "dir01.contoso.com" in sarif_run["results"][0]["message"]["text"]


def test_report_path_on_input_errors(tmp_path) -> None:
    report = tmp_path / "lbq.json"
    args = explicit(report_path=str(report))
    args["load_balancers"]["ltm01"]["version"] = 11.1
    run(args)
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["input_errors"][0]["path"] == "$.load_balancers.ltm01.version"
    assert written["failed"] is True


def test_report_path_sarif_on_input_errors_records_the_failed_run(tmp_path) -> None:
    """A SARIF file with no results reads as a clean scan; when no rule could run, the run must say it failed."""
    report = tmp_path / "lbq.sarif"
    args = explicit(report_path=str(report))
    args["load_balancers"]["ltm01"]["version"] = 11.1
    run(args)
    (sarif_run,) = json.loads(report.read_text(encoding="utf-8"))["runs"]
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = " ".join(n["message"]["text"] for n in invocation["toolExecutionNotifications"])
    assert "$.load_balancers.ltm01.version" in notes


def test_report_path_unwritable(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    args = explicit(report_path=str(blocker / "lbq.json"))
    args["topology"]["pools"]["dir01.contoso.com"]["web_load_balancer"] = "ltm01"
    result = run(args)
    assert result["failed"] is True
    assert "cannot write report_path" in result["msg"]
    assert "report_path" not in result


# --- extra_dataset ----------------------------------------------------------------------------------------------

ACE_ENTRY = {
    "vendor": "Cisco",
    "product": "ACE",
    "models": ["4710"],
    "form_factor": "hardware",
    "versions_tested": "5.1",
    "note": "lab-tested 2015",
}


def test_extra_dataset_list_qualifies_a_site_device() -> None:
    args = {
        "load_balancers": {
            "ace": {"vendor": "Cisco", "product": "ACE", "model": "4710", "form_factor": "hardware", "version": "5.1"}
        },
        "topology": {
            "lync_version": "lync2013",
            "pools": {"p.contoso.com": {"role": "front_end", "servers": ["a", "b", "c"], "load_balancer": "ace"}},
        },
    }
    assert rule_ids(run(args)) == ["LB_NOT_QUALIFIED", "VIPS_NOT_DECLARED"]
    result = run({**args, "extra_dataset": [ACE_ENTRY], "details": "full"})
    assert (result["failed"], rule_ids(result)) == (False, ["VIPS_NOT_DECLARED"])
    assert result["context"]["extra_entries"] == 1
    assert result["load_balancers"]["ace"]["entry"]["origin"] != "seed"


def test_extra_dataset_invalid_is_an_input_error() -> None:
    result = run(explicit(extra_dataset=[{"vendor": "Cisco"}]))
    assert_result_shape(result)
    assert result["failed"] is True
    assert [error["path"] for error in result["input_errors"]] == ["extra_dataset"]


class _TaggedStr(str):
    """Stands for Ansible's tagged copy of an inventory string."""


def test_the_result_holds_plain_values_whatever_the_inventory_gives() -> None:
    """The controller unpickles, copies and registers the result: tagged copies of inventory names would cost it
    several objects each (benchmarks/NOTES.md)."""
    pools = {
        _TaggedStr("pool01.contoso.com"): {"load_balancer": _TaggedStr("ltm01")},
        _TaggedStr("dir01.contoso.com"): {"load_balancing": _TaggedStr("dns")},
    }
    for details in ("compact", "full"):
        result = run({"details": details}, inventory_vars(lync_pools=pools, lync_version=_TaggedStr("lync2013")))
        stack: list[t.Any] = [result]
        while stack:
            item = stack.pop()
            assert type(item) in (str, int, float, bool, list, dict, type(None)), (details, type(item), item)
            stack.extend(
                [*item.keys(), *item.values()] if isinstance(item, dict) else item if isinstance(item, list) else []
            )
        assert "pool01.contoso.com" in result["pools"]


def _run_in_a_worker(queue: t.Any) -> None:
    frozen = gc.get_freeze_count()
    result = run(explicit())
    queue.put((frozen, gc.get_freeze_count(), gc.isenabled(), result["findings"]))


def test_a_forked_worker_leaves_what_it_inherited_out_of_its_collections() -> None:
    """In a worker (a fork that ends with the task) the action freezes the inherited heap; run in-process it does
    not, and it leaves the collector as it found it."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_run_in_a_worker, args=(queue,))
    worker.start()
    before, after, enabled, findings = queue.get(timeout=120)
    worker.join(timeout=120)
    assert after > before, "the worker froze what it inherited"
    assert enabled is True
    frozen = gc.get_freeze_count()
    assert run(explicit())["findings"] == findings
    assert gc.get_freeze_count() == frozen and gc.isenabled()
