# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile input through the core: whatever comes in, a verdict or located input errors come out, never an exception.

Generated models that are valid, nearly valid (one mutation of a valid model: a key removed or added, a value of the
wrong type, empty, huge, unicode, control characters, Jinja, null, deep nesting, a server in two pools or two roles,
pools naming each other as load balancers, versions as YAML numbers) and broken (anything at all), through both ways
in: ``topology.from_options`` (explicit mode) and ``inventory_model.from_inventory`` (inventory mode), then ``engine.run``.

Properties: no exception; input errors each have a path and a message; the result serialises to JSON and has the
documented keys with one type each; messages hold no control character but newlines, and quote what they show
(a ``{{ }}`` stays text); the inputs are not modified. The version engine gets any string too.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import typing as t

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    dataset,
    engine,
    inventory_model,
    topology,
    versions,
)

# LBQ_HYPOTHESIS_EXAMPLES=5000 for a deeper search than the suite's default.
CORE = settings(
    max_examples=int(os.environ.get("LBQ_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPTIONS, _ERRORS = engine.check_options()
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # any C0 control character but the newline, and DEL
RESULT_TYPES = {
    "qualified": bool,
    "failed": bool,
    "msg": str,
    "findings": list,
    "summary": dict,
    "version_policy": str,
    "load_balancers": dict,
    "pools": dict,
    "context": dict,
}

# Qualified devices, as users write them (each accepted by the shipped dataset under release_train).
DEVICES = [
    {"vendor": "F5", "product": "BIG-IP Local Traffic Manager", "form_factor": "hardware", "version": "11.6.1 HF2"},
    {"vendor": "F5 Networks", "product": "BIG-IP LTM", "form_factor": "hardware", "version": "11.5.3"},
    {"vendor": "KEMP", "product": "LoadMaster", "model": "LM-2600", "form_factor": "hardware", "version": "7.1-18b"},
    {"vendor": "Citrix", "product": "Netscaler", "form_factor": "hardware", "version": "10.5-57.7"},
    {"vendor": "A10 Networks", "product": "AX Series", "model": "2200", "form_factor": "hardware", "version": "2.4.3"},
    {
        "vendor": "Riverbed Technology",
        "product": "Stingray Traffic Manager",
        "form_factor": "software",
        "version": "9.1",
    },
]

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "  F5  ",
        "\x00",
        "\t",
        "a\nb",
        "\x1b[31mred\x1b[0m",
        "\x07",
        "\x7f",
        "\u0085",
        "\u2028",
        "{{ 7 * 7 }}",
        "{{ lookup('pipe', 'id') }}",
        "{% for x in range(9) %}x{% endfor %}",
        "{# c #}",
        "${HOME}",
        "ü",
        "Ωmega",
        "𝔉𝟝",
        "\u202eevil",
        "\u00a0",
        "\ufeff",
        "\udcff",
        "１１.６",
        "٣.٤",
        "11.10",
        "11.6.1 HF2",
        "lb1",
        "pool1.example.com",
        "null",
        "~",
        "yes",
        "0x1F",
        "1e309",
        "-1",
        "NaN",
    ]
)
LONG_TEXT = st.sampled_from([201, 256, 5000, 100_000]).flatmap(
    lambda n: st.sampled_from(["x", "9", "é", "{{"]).map(lambda c: c * n)
)
TEXT = st.one_of(HOSTILE_TEXT, LONG_TEXT, st.text(max_size=40))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30), st.floats(allow_nan=False), TEXT
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
ANYTHING = st.one_of(JSONISH, st.just(float("nan")), st.just(()), st.just(b"bytes"), st.just({1, 2}), st.builds(object))


def nested(depth: int, leaf: t.Any = "x", kind: str = "list") -> t.Any:
    value = leaf
    for _round in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


# --- generators -----------------------------------------------------------------------------------------------------


@st.composite
def valid_models(draw: t.Any) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    """Explicit options (load_balancers, topology) of a qualified layout."""
    lync_version = draw(st.sampled_from(["lync2010", "lync2013", "sfb2015"]))
    roles = draw(st.lists(st.sampled_from(topology.ROLES), min_size=1, max_size=5))
    load_balancers: dict[str, t.Any] = {}
    pools: dict[str, t.Any] = {}
    for index, role in enumerate(roles):
        lb_name = f"lb{index}.example.com"
        device = dict(draw(st.sampled_from(DEVICES)))
        device["multiple_vips"] = True if role == "edge" else draw(st.booleans())
        load_balancers[lb_name] = device
        size = draw(st.integers(1, 10 if role == "director" else 12))
        pools[f"pool{index}.example.com"] = {
            "role": role,
            "servers": [f"{role}{index}-{n}.example.com" for n in range(size)],
            "load_balancer": lb_name,
        }
    return load_balancers, {"lync_version": lync_version, "pools": pools}


def _paths(value: t.Any, prefix: tuple[t.Any, ...] = ()) -> list[tuple[t.Any, ...]]:
    """Every path to a value inside nested dicts and lists (the root excluded)."""
    out = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        out.append(prefix + (key,))
        out.extend(_paths(child, prefix + (key,)))
    return out


def _parent(document: t.Any, path: tuple[t.Any, ...]) -> t.Any:
    for key in path[:-1]:
        document = document[key]
    return document


@st.composite
def nearly_valid_models(draw: t.Any) -> tuple[t.Any, t.Any]:
    """A valid model with one or two mutations."""
    load_balancers, topo = draw(valid_models())
    document = {"load_balancers": load_balancers, "topology": topo}
    for _round in range(draw(st.integers(1, 2))):
        paths = _paths(document)
        if not paths:
            break
        kind = draw(
            st.sampled_from(
                [
                    "replace",
                    "delete",
                    "add",
                    "rename",
                    "duplicate_server",
                    "server_two_roles",
                    "pool_cycle",
                    "version_number",
                    "deep",
                ]
            )
        )
        topo_now, lbs_now = document.get("topology"), document.get("load_balancers")
        pools = topo_now.get("pools") if isinstance(topo_now, dict) else None
        if kind == "duplicate_server" and isinstance(pools, dict) and len(pools) >= 2:
            first, second = list(pools.values())[:2]
            if (
                isinstance(first, dict)
                and isinstance(second, dict)
                and first.get("servers")
                and isinstance(second.get("servers"), list)
            ):
                second["servers"].append(first["servers"][0])
            continue
        if kind == "server_two_roles" and isinstance(pools, dict) and pools:
            pool = next(iter(pools.values()))
            if isinstance(pool, dict) and isinstance(pool.get("servers"), list) and pool["servers"]:
                pool["web_components"] = [pool["servers"][0]]
            continue
        if kind == "pool_cycle" and isinstance(pools, dict) and pools:
            names = list(pools)
            for index, name in enumerate(names):
                if isinstance(pools[name], dict):
                    pools[name]["load_balancer"] = names[(index + 1) % len(names)]
            continue
        if kind == "version_number" and isinstance(lbs_now, dict) and lbs_now:
            lb = next(iter(lbs_now.values()))
            if isinstance(lb, dict):
                lb["version"] = draw(st.sampled_from([11.1, 11.10, 12, 7.0, 1e20, -0.0, True]))
            continue
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        key = path[-1]
        if kind == "delete":
            del parent[key]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(JSONISH)
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(TEXT)] = parent.pop(key)
        elif kind == "deep":
            parent[key] = nested(draw(st.integers(2, 400)), draw(SCALARS), draw(st.sampled_from(["list", "dict"])))
        else:
            parent[key] = draw(ANYTHING)
    return document.get("load_balancers"), document.get("topology")


MODELS = st.one_of(
    valid_models(),
    nearly_valid_models(),
    st.tuples(ANYTHING, ANYTHING),
    st.tuples(st.dictionaries(TEXT, JSONISH, max_size=3), st.dictionaries(TEXT, JSONISH, max_size=3)),
)


# --- the properties --------------------------------------------------------------------------------------------------


def check_text(text: t.Any, where: str) -> None:
    assert isinstance(text, str) and text, where
    assert not CONTROL.search(text), f"{where} holds a raw control character: {text[:300]!r}"


def check_outcome(model: topology.Topology | None, errors: list[topology.InputError]) -> dict[str, t.Any]:
    """The properties of a (model, errors) pair; the engine's result (or the input failure) for further checks."""
    assert (model is None) == bool(errors)
    if model is None:
        for error in errors:
            assert isinstance(error, topology.InputError)
            check_text(error.path, "an input error's path")
            check_text(error.message, f"the message of {error.path}")
        result = engine.input_failure(errors)
        assert result["failed"] is True and result["qualified"] is False
        check_text(result["msg"], "msg")
        json.dumps(result)
        return result
    result = engine.run(model, dataset.shipped(), OPTIONS)
    for key, kind in RESULT_TYPES.items():
        assert isinstance(result[key], kind), key
    assert result["qualified"] == (result["summary"]["errors"] == 0)
    check_text(result["msg"], "msg")
    for finding in result["findings"]:
        assert set(finding) == {"rule", "severity", "subject", "path", "message", "source"}
        check_text(finding["message"], f"the message of {finding['rule']}")
        assert isinstance(finding["path"], str) and finding["path"]
    json.dumps(result)
    return result


def _same(before: t.Any, after: t.Any) -> bool:
    """Deep equality that also holds for NaN and for the odd objects the generators make."""
    if isinstance(before, float) and math.isnan(before):
        return isinstance(after, float) and math.isnan(after)
    if isinstance(before, dict):
        return (
            isinstance(after, dict) and list(before) == list(after) and all(_same(before[k], after[k]) for k in before)
        )
    if isinstance(before, (list, tuple)):
        return (
            type(before) is type(after)
            and len(before) == len(after)
            and all(_same(a, b) for a, b in zip(before, after, strict=True))
        )
    if before is inventory_model.MISSING:
        return after is inventory_model.MISSING
    return before == after or before.__class__ is object


def _copy(value: t.Any) -> t.Any:
    try:
        return copy.deepcopy(value)
    except TypeError:
        return value


@CORE
@given(model=MODELS)
@example(model=({"lb": dict(DEVICES[0])}, {"lync_version": "lync2013", "pools": {}}))
@example(model=(None, None))
@example(model=({"lb": dict(DEVICES[0], version=11.1)}, {"lync_version": "lync2013", "pools": {}}))
def test_explicit_mode_never_raises(model: tuple[t.Any, t.Any]) -> None:
    load_balancers, topo = model
    before = (_copy(load_balancers), _copy(topo))
    check_outcome(*topology.from_options(load_balancers, topo))
    assert _same(before, (load_balancers, topo)), "the input was modified"


@CORE
@given(model=valid_models())
def test_valid_models_are_qualified(model: tuple[dict[str, t.Any], dict[str, t.Any]]) -> None:
    result = check_outcome(*topology.from_options(*model))
    assert result["qualified"], result["msg"]
    assert result["summary"]["load_balancers"] == len(model[0])


@settings(max_examples=60, deadline=None)
@given(
    value=st.sampled_from(["{{ 7 * 7 }}", "{{ lookup('pipe', 'id') }}", "{% raw %}x{% endraw %}"]),
    field=st.sampled_from(["vendor", "product", "model"]),
)
def test_jinja_in_a_value_stays_text(value: str, field: str) -> None:
    load_balancers = {"lb1": dict(DEVICES[0], **{field: value})}
    topo = {
        "lync_version": "lync2013",
        "pools": {"p.example.com": {"role": "front_end", "servers": ["a", "b"], "load_balancer": "lb1"}},
    }
    result = check_outcome(*topology.from_options(load_balancers, topo))
    assert result["load_balancers"]["lb1"][field] == value  # kept as text, never evaluated
    assert "49" not in result["msg"]
    if field == "vendor":
        assert repr(value) in result["msg"]


# --- inventory mode --------------------------------------------------------------------------------------------------


HOSTS = st.one_of(st.sampled_from(["lb1", "lb2", "fe1", "fe2", "dir1", "edge1", "web1"]), TEXT)
GROUP_KEYS = list(inventory_model.DEFAULT_GROUPS.values())
LB_VARS = [inventory_model.DEFAULT_VARS[key] for key in topology.LB_FIELDS]


@st.composite
def valid_inventories(draw: t.Any) -> inventory_model.InventoryData:
    load_balancers, topo = draw(valid_models())
    groups: dict[str, list[str]] = {name: [] for name in GROUP_KEYS}
    hostvars: dict[str, dict[str, t.Any]] = {}
    for name, lb in load_balancers.items():
        groups["lync_load_balancers"].append(name)
        hostvars[name] = {inventory_model.DEFAULT_VARS[k]: v for k, v in lb.items()}
    pools = {}
    for fqdn, pool in topo["pools"].items():
        for server in pool["servers"]:
            groups[f"lync_{pool['role']}"].append(server)
            hostvars[server] = {"lync_pool": fqdn}
        pools[fqdn] = {"load_balancer": pool["load_balancer"]}
    groups["all"] = list(hostvars)
    return inventory_model.InventoryData(
        groups=groups, hostvars=hostvars, pools=pools, lync_version=topo["lync_version"]
    )


@st.composite
def nearly_valid_inventories(draw: t.Any) -> inventory_model.InventoryData:
    data = draw(valid_inventories())
    for _round in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "hostvar",
                    "drop_hostvar",
                    "group_member",
                    "two_roles",
                    "pools",
                    "pool_entry",
                    "lync_version",
                    "missing_globals",
                    "hostvars_of_unknown",
                ]
            )
        )
        hosts = list(data.hostvars)
        if kind == "hostvar" and hosts:
            host = draw(st.sampled_from(hosts))
            data.hostvars[host][draw(st.sampled_from([*LB_VARS, "lync_pool"]))] = draw(ANYTHING)
        elif kind == "drop_hostvar" and hosts:
            host = draw(st.sampled_from(hosts))
            if data.hostvars[host]:
                data.hostvars[host].pop(draw(st.sampled_from(sorted(data.hostvars[host]))))
        elif kind == "group_member":
            data.groups.setdefault(draw(st.sampled_from(GROUP_KEYS)), []).append(draw(HOSTS))
        elif kind == "two_roles" and hosts:
            host = draw(st.sampled_from(hosts))
            data.groups[draw(st.sampled_from(GROUP_KEYS))].append(host)
        elif kind == "pools":
            data.pools = draw(ANYTHING)
        elif kind == "pool_entry" and isinstance(data.pools, dict):
            data.pools[draw(TEXT)] = draw(JSONISH)
        elif kind == "lync_version":
            data.lync_version = draw(st.one_of(ANYTHING, st.just(2013), st.just(2013.0)))
        elif kind == "missing_globals":
            data.pools, data.lync_version = inventory_model.MISSING, inventory_model.MISSING
        elif kind == "hostvars_of_unknown":
            data.groups["lync_front_end"].append("ghost")
    return data


@st.composite
def broken_inventories(draw: t.Any) -> inventory_model.InventoryData:
    groups = draw(
        st.dictionaries(st.sampled_from([*GROUP_KEYS, "all", "other"]), st.lists(HOSTS, max_size=5), max_size=6)
    )
    hostvars = {
        host: draw(st.dictionaries(st.sampled_from([*LB_VARS, "lync_pool", "x"]), ANYTHING, max_size=4))
        for members in groups.values()
        for host in members
    }
    return inventory_model.InventoryData(
        groups=groups,
        hostvars=hostvars,
        pools=draw(ANYTHING),
        lync_version=draw(st.one_of(ANYTHING, st.just(inventory_model.MISSING))),
    )


INVENTORIES = st.one_of(valid_inventories(), nearly_valid_inventories(), broken_inventories())
NAMES = st.one_of(
    st.just(inventory_model.InventoryNames()),
    st.builds(
        inventory_model.InventoryNames.with_overrides,
        st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(list(inventory_model.DEFAULT_GROUPS)),
                st.sampled_from(GROUP_KEYS + ["other"]),
                max_size=2,
            ),
        ),
        st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(list(inventory_model.DEFAULT_VARS)),
                st.sampled_from([*LB_VARS, "lync_pool", "x"]),
                max_size=2,
            ),
        ),
    ),
)


@CORE
@given(data=INVENTORIES, names=NAMES)
def test_inventory_mode_never_raises(
    data: inventory_model.InventoryData, names: inventory_model.InventoryNames
) -> None:
    before = _copy((data.groups, data.hostvars, data.pools, data.lync_version))
    check_outcome(*inventory_model.from_inventory(data, names))
    assert _same(before, (data.groups, data.hostvars, data.pools, data.lync_version)), "the input was modified"


@CORE
@given(data=valid_inventories())
def test_valid_inventories_are_qualified(data: inventory_model.InventoryData) -> None:
    result = check_outcome(*inventory_model.from_inventory(data, inventory_model.InventoryNames()))
    assert result["qualified"], result["msg"]


# --- the version engine ----------------------------------------------------------------------------------------------

VERSION_TEXT = st.one_of(
    TEXT,
    st.from_regex(
        r"[A-Za-z ]{0,8}[vV]?[0-9]{1,4}(\.[0-9x*]{1,4}){0,5}[a-z]?"
        r"( ?(HF|P|Build |\(Build )[0-9]{1,4}\)?)?( or later| and up)?",
        fullmatch=True,
    ),
)


@CORE
@given(
    device=st.one_of(VERSION_TEXT, ANYTHING),
    tested=st.one_of(VERSION_TEXT, ANYTHING),
    policy=st.one_of(st.sampled_from(versions.POLICIES), TEXT),
)
def test_version_engine_gives_a_verdict_or_a_version_error(device: t.Any, tested: t.Any, policy: t.Any) -> None:
    try:
        parsed = versions.parse_version(device)
    except versions.VersionError as exc:
        check_text(str(exc), "VersionError")
        parsed = None
    try:
        alternatives = versions.parse_tested(tested)
    except versions.VersionError as exc:
        check_text(str(exc), "VersionError")
        alternatives = None
    if parsed is None or alternatives is None:
        return
    assert isinstance(str(parsed), str) and isinstance(alternatives.to_data(), list)
    if policy in versions.POLICIES:
        assert versions.evaluate(alternatives, parsed, policy) in set(versions.Verdict)
    else:
        with pytest.raises(ValueError):
            versions.evaluate(alternatives, parsed, policy)


# --- dataset names ---------------------------------------------------------------------------------------------------


@CORE
@given(
    vendor=st.one_of(st.none(), TEXT), product=st.one_of(st.none(), TEXT), model=st.one_of(st.none(), TEXT), term=TEXT
)
def test_dataset_matching_never_raises(vendor: t.Any, product: t.Any, model: t.Any, term: str) -> None:
    data = dataset.shipped()
    found = data.find(vendor=vendor, product=product, model=model)
    assert all(isinstance(entry, dataset.Entry) for entry in found)
    assert all(isinstance(entry, dataset.Entry) for entry in data.search(term))
    assert all(isinstance(name, str) for name in data.suggest(vendor, product, model))


# --- pathological shapes (regressions) ------------------------------------------------------------------------------


def _lb_with(**changes: t.Any) -> dict[str, t.Any]:
    return {"lb1": dict(DEVICES[0], **changes)}


TOPO = {
    "lync_version": "lync2013",
    "pools": {"p.example.com": {"role": "front_end", "servers": ["a", "b"], "load_balancer": "lb1"}},
}


@pytest.mark.parametrize("depth", [10, 500, 900])
def test_nesting_within_python_limits_is_an_input_error(depth: int) -> None:
    result = check_outcome(*topology.from_options(_lb_with(vendor=nested(depth)), copy.deepcopy(TOPO)))
    assert result["failed"] is True
    assert {error["path"].split("[")[0] for error in result["input_errors"]} == {"$.load_balancers.lb1.vendor"}
    result = check_outcome(*topology.from_options({"lb1": dict(DEVICES[0])}, nested(depth, kind="dict")))
    assert result["failed"] is True and result["input_errors"], result


def _self_referencing() -> dict[str, t.Any]:
    loop: dict[str, t.Any] = {}
    loop["again"] = loop
    return loop


@pytest.mark.parametrize("value", [nested(5000), nested(5000, kind="dict"), "cycle"], ids=["list", "dict", "cycle"])
def test_too_deep_or_self_referencing_values_are_input_errors(value: t.Any) -> None:
    value = _self_referencing() if value == "cycle" else value
    result = check_outcome(*topology.from_options(_lb_with(vendor=value), copy.deepcopy(TOPO)))
    paths = [error["path"] for error in result["input_errors"]]
    assert paths and all(path.startswith("$.load_balancers.lb1.vendor") for path in paths), paths
    assert any("nested more than" in e["message"] or "holds itself" in e["message"] for e in result["input_errors"])


def test_long_values_are_shortened_in_messages() -> None:
    result = check_outcome(*topology.from_options(_lb_with(vendor="V" * 1_000_000), copy.deepcopy(TOPO)))
    assert len(result["msg"]) < 1000


def test_long_names_are_shortened_in_messages() -> None:
    result = check_outcome(*topology.from_options({"x" * 100_000: dict(DEVICES[0])}, copy.deepcopy(TOPO)))
    assert len(result["msg"]) < 5000
    assert any("(100000 characters)" in error["path"] for error in result["input_errors"]), result["input_errors"]
