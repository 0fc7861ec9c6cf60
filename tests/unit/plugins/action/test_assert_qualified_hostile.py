# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile input through the real action plugin: a result with a message, never an exception, never a change.

ActionModule is built as Ansible builds it (a Task, a DataLoader, a Templar) and run with generated arguments
(explicit mode) or generated task_vars (inventory mode: groups and a hostvars stand-in offering raw_get). Every run
must return a result dict without an ``exception`` key, with a ``msg`` free of raw control characters, and leave
its arguments and task_vars as they were. Values Ansible does not trust as templates are never evaluated.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import typing as t
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleError
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.task import Task
from ansible.template import Templar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.action.assert_qualified import ActionModule

try:  # ansible-core >= 2.19: a plain str is not a template; inventory strings are trusted
    from ansible.template import trust_as_template

    def unsafe(value: str) -> str:
        return value
except ImportError:  # pragma: no cover - ansible-core < 2.19 templates every str but AnsibleUnsafe ones
    from ansible.utils.unsafe_proxy import wrap_var as unsafe

    def trust_as_template(value: t.Any) -> t.Any:
        return value


# LBQ_HYPOTHESIS_EXAMPLES=2000 for a deeper search than the suite's default.
ACTION = settings(
    max_examples=int(os.environ.get("LBQ_HYPOTHESIS_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
CANARY = "{{ 'EVAL' ~ 'UATED' }}"  # renders as EVALUATED; the text itself never contains that word

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
        "edge01.contoso.com": {"role": "edge", "servers": ["edge1", "edge2"], "load_balancer": "ltm01"},
    },
}

TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\x1b[2J",
            "a\nb",
            "ü",
            "𝔉",
            "\u202e",
            "11.10",
            CANARY,
            "{{ nope",
            "{% if %}",
            "lb1",
            "pool01.contoso.com",
            "${HOME}",
            "\ufeff",
        ]
    ),
    st.sampled_from([256, 5000, 100_000]).map(lambda n: "x" * n),
    st.text(max_size=20),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


def action(args: dict[str, t.Any]) -> ActionModule:
    task = MagicMock(Task)
    task.args = args
    task.check_mode = False
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


class HostVars:
    """Stands in for Ansible's HostVars: raw_get gives a host's variables; a host listed in ``broken`` raises."""

    def __init__(self, data: dict[str, t.Any], broken: t.Iterable[str] = ()) -> None:
        self._data = data
        self._broken = set(broken)

    def raw_get(self, host: str) -> t.Any:
        if host in self._broken:
            raise AnsibleError(f"vars plugin failed for {host}")
        return self._data.get(host, {})

    def __deepcopy__(self, memo: t.Any) -> HostVars:
        return HostVars(copy.deepcopy(self._data, memo), self._broken)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HostVars) and _same(self._data, other._data)


def _same(before: t.Any, after: t.Any) -> bool:
    if isinstance(before, float) and math.isnan(before):
        return isinstance(after, float) and math.isnan(after)
    if isinstance(before, dict):
        return (
            isinstance(after, dict) and list(before) == list(after) and all(_same(before[k], after[k]) for k in before)
        )
    if isinstance(before, (list, tuple)):
        return type(before) is type(after) and len(before) == len(after) and all(map(_same, before, after))
    return before == after


def check(result: t.Any, *inputs: t.Any, before: t.Any) -> dict[str, t.Any]:
    assert isinstance(result, dict)
    assert "exception" not in result, result.get("exception")
    assert isinstance(result.get("msg"), str) and result["msg"], result
    assert not CONTROL.search(result["msg"]), f"raw control character in msg: {result['msg'][:300]!r}"
    assert isinstance(result.get("failed", False), bool)
    assert "EVALUATED" not in json.dumps(result, default=repr)
    assert _same(before, inputs), "the action modified its input"
    return result


def run(args: dict[str, t.Any], task_vars: dict[str, t.Any]) -> dict[str, t.Any]:
    before = copy.deepcopy((args, task_vars))
    result = action(args).run(task_vars=task_vars)
    return check(result, args, task_vars, before=before)


# --- explicit mode --------------------------------------------------------------------------------------------------


OPTION_VALUES = {
    "version_policy": st.one_of(st.sampled_from(["exact", "release_train", "minimum"]), JSONISH),
    "skip_rules": st.one_of(st.just([]), st.lists(st.sampled_from(["LB_UNUSED", "NOPE", ""]), max_size=2), JSONISH),
    "severity_overrides": st.one_of(
        st.just({}), st.dictionaries(st.sampled_from(["LB_UNUSED", "X"]), st.sampled_from(["info", "fatal"])), JSONISH
    ),
    "fail_on": st.one_of(st.sampled_from(["error", "warning", "never"]), JSONISH),
    "quiet": st.one_of(st.booleans(), JSONISH),
    "inventory_groups": st.one_of(
        st.just({}),
        JSONISH,
        st.dictionaries(
            st.sampled_from(["load_balancers", "front_end", "edge", "nope"]), st.one_of(TEXT, st.none(), st.integers())
        ),
    ),
    "inventory_vars": st.one_of(
        st.just({}),
        JSONISH,
        st.dictionaries(
            st.sampled_from(["vendor", "pool", "pools", "lync_version", "nope"]), st.one_of(TEXT, st.none())
        ),
    ),
    "extra_dataset": st.one_of(
        st.none(), st.just([]), st.lists(st.dictionaries(TEXT, JSONISH, max_size=5), max_size=2), JSONISH
    ),
    "unknown_option": JSONISH,
}


@st.composite
def explicit_args(draw: t.Any) -> dict[str, t.Any]:
    load_balancers: t.Any = {"ltm01": dict(LTM)}
    topology: t.Any = copy.deepcopy(TOPOLOGY)
    for _round in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["lb_field", "pool_field", "pool", "lbs", "topology", "lync_version"]))
        value = draw(JSONISH)
        if target == "lb_field" and isinstance(load_balancers, dict) and isinstance(load_balancers.get("ltm01"), dict):
            load_balancers["ltm01"][draw(st.sampled_from([*LTM, "model", "extra"]))] = value
        elif target == "pool_field" and isinstance(topology, dict):
            pool = topology["pools"]["pool01.contoso.com"] if isinstance(topology.get("pools"), dict) else None
            if isinstance(pool, dict):
                pool[
                    draw(
                        st.sampled_from(
                            [
                                "role",
                                "servers",
                                "load_balancer",
                                "web_components",
                                "load_balancing",
                                "external_nat",
                                "x",
                            ]
                        )
                    )
                ] = value
        elif target == "pool" and isinstance(topology, dict) and isinstance(topology.get("pools"), dict):
            topology["pools"][draw(TEXT)] = value
        elif target == "lbs":
            load_balancers = value
        elif target == "topology":
            topology = value
        elif isinstance(topology, dict):
            topology["lync_version"] = value
    args: dict[str, t.Any] = {"load_balancers": load_balancers, "topology": topology}
    for name in draw(st.lists(st.sampled_from(sorted(OPTION_VALUES)), max_size=3, unique=True)):
        args[name] = draw(OPTION_VALUES[name])
    return args


@ACTION
@given(args=explicit_args())
def test_explicit_mode_never_raises(args: dict[str, t.Any]) -> None:
    run(args, {})


# --- inventory mode -------------------------------------------------------------------------------------------------


HOSTS = st.one_of(st.sampled_from(["ltm01", "fe01", "fe02", "dir01", "edge1", "web1"]), TEXT)
GROUPS = ["lync_load_balancers", "lync_front_end", "lync_web_components", "lync_director", "lync_edge"]
HOST_KEYS = ["lb_vendor", "lb_product", "lb_model", "lb_form_factor", "lb_version", "lb_multiple_vips", "lync_pool"]


def untrusted(value: t.Any) -> t.Any:
    """Strings as a fact or a lookup result arrive: not templates (AnsibleUnsafe before 2.19, untrusted after)."""
    if isinstance(value, str):
        return unsafe(value)
    if isinstance(value, dict):
        return {key: untrusted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [untrusted(item) for item in value]
    return value


def inventory_task_vars() -> dict[str, t.Any]:
    hostvars = {
        "ltm01": {
            "lb_vendor": "F5",
            "lb_product": "BIG-IP LTM",
            "lb_form_factor": "hardware",
            "lb_version": "11.6.1 HF2",
            "lb_multiple_vips": True,
        },
        "fe01": {"lync_pool": "pool01.contoso.com"},
        "fe02": {"lync_pool": "pool01.contoso.com"},
        "dir01": {"lync_pool": "dir.contoso.com"},
    }
    return {
        "groups": {
            "all": list(hostvars),
            "lync_load_balancers": ["ltm01"],
            "lync_front_end": ["fe01", "fe02"],
            "lync_director": ["dir01"],
        },
        "hostvars": hostvars,
        "lync_version": "lync2013",
        "lync_pools": {"pool01.contoso.com": {"load_balancer": "ltm01"}, "dir.contoso.com": {"load_balancing": "dns"}},
    }


@st.composite
def inventory_cases(draw: t.Any) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    task_vars = inventory_task_vars()
    hostvars = task_vars["hostvars"]
    for _round in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from(["hostvar", "member", "group", "pools", "pool_entry", "lync_version", "drop"]))
        if target == "hostvar":
            host = draw(HOSTS)
            hostvars.setdefault(host, {})[draw(st.sampled_from(HOST_KEYS))] = untrusted(draw(JSONISH))
        elif target == "member":
            members = task_vars["groups"].setdefault(draw(st.sampled_from(GROUPS)), [])
            if isinstance(members, list):
                members.append(draw(HOSTS))
        elif target == "group":
            task_vars["groups"][draw(st.sampled_from(GROUPS))] = untrusted(draw(JSONISH))
        elif target == "pools":
            task_vars["lync_pools"] = untrusted(draw(JSONISH))
        elif target == "pool_entry" and isinstance(task_vars.get("lync_pools"), dict):
            task_vars["lync_pools"][draw(TEXT)] = untrusted(draw(JSONISH))
        elif target == "lync_version":
            task_vars["lync_version"] = untrusted(draw(st.one_of(JSONISH, st.just(2013))))
        else:
            task_vars.pop(draw(st.sampled_from(["lync_version", "lync_pools"])), None)
    broken = draw(st.lists(st.sampled_from(sorted(hostvars)), max_size=1))
    task_vars["hostvars"] = HostVars(hostvars, broken)
    args: dict[str, t.Any] = {}
    for name in draw(
        st.lists(
            st.sampled_from(["inventory_groups", "inventory_vars", "version_policy", "fail_on"]),
            max_size=2,
            unique=True,
        )
    ):
        args[name] = draw(OPTION_VALUES[name])
    return args, task_vars


@ACTION
@given(case=inventory_cases())
def test_inventory_mode_never_raises(case: tuple[dict[str, t.Any], dict[str, t.Any]]) -> None:
    args, task_vars = case
    run(args, task_vars)


# --- templates, trusted and not -------------------------------------------------------------------------------------


def test_untrusted_jinja_is_never_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    attack = f"{{{{ lookup('pipe', 'touch {marker}') }}}}"
    task_vars = inventory_task_vars()
    task_vars["hostvars"]["ltm01"]["lb_vendor"] = unsafe(attack)
    task_vars["hostvars"]["fe01"]["lync_pool"] = unsafe(CANARY)
    task_vars["lync_pools"]["pool01.contoso.com"]["load_balancer"] = unsafe(attack)
    task_vars["hostvars"] = HostVars(task_vars["hostvars"])
    result = run({}, task_vars)
    assert not marker.exists()
    assert result["failed"]


def test_untrusted_jinja_in_explicit_mode_is_text(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    attack = f"{{{{ lookup('pipe', 'touch {marker}') }}}}"
    result = run(
        {
            "load_balancers": {"ltm01": dict(LTM, vendor=unsafe(attack))},
            "topology": copy.deepcopy(TOPOLOGY),
            "details": "full",
        },
        {},
    )
    assert not marker.exists()
    assert result["load_balancers"]["ltm01"]["vendor"] == attack
    assert repr(attack) in result["msg"]


@pytest.mark.parametrize(
    "template",
    [
        "{{ undefined_variable }}",
        "{{ 1 / 0 }}",
        "{{ unclosed",
        "{% for %}",
        "{{ lb_vendor }}",
        "{{ lookup('file', '/nonexistent/lbq') }}",
        "{{ {}.missing.deeper }}",
    ],
    ids=["undefined", "zero-division", "syntax", "block-syntax", "self-reference", "lookup-error", "attribute"],
)
def test_broken_trusted_templates_are_located_input_errors(template: str) -> None:
    """Inventory values are templates Ansible evaluates for the host; when one cannot be, the host and variable are
    named."""
    task_vars = inventory_task_vars()
    task_vars["hostvars"]["ltm01"]["lb_vendor"] = trust_as_template(template)
    task_vars["hostvars"] = HostVars(task_vars["hostvars"])
    result = run({}, task_vars)
    assert result["failed"]
    assert any(error["path"] == "hostvars['ltm01'].lb_vendor" for error in result["input_errors"]), result["msg"]


def test_a_host_whose_variables_cannot_be_read_is_an_input_error() -> None:
    task_vars = inventory_task_vars()
    task_vars["hostvars"] = HostVars(task_vars["hostvars"], broken=["fe02"])
    result = run({}, task_vars)
    assert result["failed"]
    assert [error["path"] for error in result["input_errors"]] == ["hostvars['fe02']"]


@pytest.mark.parametrize("value", ["\x1b[2J\x1b[31mred", "line1\nline2\ttab", "bell\x07", "del\x7f", "nul\x00"])
def test_control_characters_in_inventory_values_are_escaped(value: str) -> None:
    task_vars = inventory_task_vars()
    task_vars["hostvars"]["ltm01"]["lb_product"] = unsafe(value)
    task_vars["hostvars"]["fe02"]["lync_pool"] = unsafe(value)
    task_vars["hostvars"] = HostVars(task_vars["hostvars"])
    result = run({}, task_vars)
    assert result["failed"]


def test_very_long_inventory_values_are_shortened() -> None:
    task_vars = inventory_task_vars()
    task_vars["hostvars"]["ltm01"]["lb_product"] = unsafe("P" * 1_000_000)
    task_vars["hostvars"]["ltm01"]["lb_version"] = unsafe("9" * 1_000_000)
    task_vars["hostvars"] = HostVars(task_vars["hostvars"])
    result = run({}, task_vars)
    assert result["failed"] and len(result["msg"]) < 2000


# --- arguments ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [False, 0, 1.5])
@pytest.mark.parametrize("option", ["inventory_groups", "inventory_vars"])
def test_a_scalar_where_a_mapping_of_names_is_expected_is_an_input_error(option: str, value: t.Any) -> None:
    result = run({option: value}, inventory_task_vars())
    assert result["failed"] is True and result["findings"] == []
    assert [error["path"] for error in result["input_errors"]] == [option]
    assert "expected a mapping" in result["input_errors"][0]["message"]


@pytest.mark.parametrize(
    "args",
    [
        {"inventory_groups": {"\x1b[2Jnope": "x"}},
        {"version_policy": "\x1b[2J"},
        {"fail_on": "a\x00b"},
        {"inventory_vars": {"vendor": "lb_vendor\x1b[2J"}},
    ],
    ids=["suboption", "version_policy", "fail_on", "variable-name"],
)
def test_control_characters_in_arguments_are_escaped_in_the_message(args: dict[str, t.Any]) -> None:
    result = run(args, inventory_task_vars())
    assert result["failed"] is True and result["input_errors"], result["msg"]
    for text in [result["msg"], *(error["message"] for error in result["input_errors"])]:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text), text
    assert "\\x1b" in result["msg"] or "\\x00" in result["msg"]


# --- report_path ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["directory", "under-a-file"])
def test_an_unwritable_report_path_is_a_clean_failure(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    path = str(tmp_path) if where == "directory" else str(tmp_path / "file" / "report.json")
    result = run({"load_balancers": {"ltm01": dict(LTM)}, "topology": copy.deepcopy(TOPOLOGY), "report_path": path}, {})
    assert result["failed"] and "report_path" in result["msg"]


def test_a_report_path_with_a_nul_byte_is_a_clean_failure(tmp_path: Path) -> None:
    result = run(
        {
            "load_balancers": {"ltm01": dict(LTM)},
            "topology": copy.deepcopy(TOPOLOGY),
            "report_path": str(tmp_path / "a\x00b.json"),
        },
        {},
    )
    assert result["failed"]
