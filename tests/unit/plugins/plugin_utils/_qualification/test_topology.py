# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input errors of both ways in (explicit options and inventory data): located, explained, all at once."""

from __future__ import annotations

import copy
import typing as t

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import inventory_model, topology

LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}
POOL = "p.contoso.com"


def explicit_doc() -> dict[str, t.Any]:
    """A valid explicit-mode input (load_balancers, topology)."""
    return {
        "load_balancers": {"lb": dict(LTM)},
        "topology": {
            "lync_version": "lync2013",
            "pools": {POOL: {"role": "front_end", "servers": ["fe01", "fe02"], "load_balancer": "lb"}},
        },
    }


def explicit_errors(doc: dict[str, t.Any]) -> list[tuple[str, str]]:
    model, errors = topology.from_options(doc["load_balancers"], doc["topology"])
    assert (model is None) == bool(errors)
    return [(error.path, error.message) for error in errors]


def has(errors: list[tuple[str, str]], path: str, *needles: str) -> bool:
    return any(p == path and all(n in m for n in needles) for p, m in errors)


def inventory(**overrides: t.Any) -> inventory_model.InventoryData:
    """A valid inventory: one LB, a Front End pool with Web Components, a Director pool and an Edge pool."""
    data = {
        "groups": {
            "all": ["lb1", "fe1", "fe2", "web1", "dir1", "dir2", "edge1", "edge2"],
            "lync_load_balancers": ["lb1"],
            "lync_front_end": ["fe1", "fe2"],
            "lync_web_components": ["web1"],
            "lync_director": ["dir1", "dir2"],
            "lync_edge": ["edge1", "edge2"],
        },
        "hostvars": {
            "lb1": {
                "lb_vendor": "F5",
                "lb_product": "BIG-IP LTM",
                "lb_model": "BIG-IP 4000s",
                "lb_form_factor": "hardware",
                "lb_version": "11.6.1 HF2",
                "lb_multiple_vips": True,
            },
            "fe1": {"lync_pool": "fe.contoso.com"},
            "fe2": {"lync_pool": "fe.contoso.com"},
            "web1": {"lync_pool": "fe.contoso.com"},
            "dir1": {"lync_pool": "dir.contoso.com"},
            "dir2": {"lync_pool": "dir.contoso.com"},
            "edge1": {"lync_pool": "edge.contoso.com"},
            "edge2": {"lync_pool": "edge.contoso.com"},
        },
        "pools": {
            "fe.contoso.com": {"load_balancer": "lb1", "configuration": "expanded"},
            "dir.contoso.com": {"load_balancer": "lb1"},
            "edge.contoso.com": {"load_balancer": "lb1", "external_nat": False},
        },
        "lync_version": "lync2013",
    }
    data.update(overrides)
    return inventory_model.InventoryData(**data)


def inventory_errors(
    data: inventory_model.InventoryData, names: inventory_model.InventoryNames | None = None
) -> list[tuple[str, str]]:
    model, errors = inventory_model.from_inventory(data, names or inventory_model.InventoryNames())
    assert (model is None) == bool(errors)
    return [(error.path, error.message) for error in errors]


# --- explicit mode ----------------------------------------------------------------------------------------------


def test_explicit_valid_builds_the_model() -> None:
    model, errors = topology.from_options(explicit_doc()["load_balancers"], explicit_doc()["topology"])
    assert errors == []
    assert model.input_mode == "options"
    assert model.lync_version == "lync2013"
    assert model.load_balancers["lb"].to_dict() == {**LTM, "model": None, "ha_peers": [], "vips": None}
    pool = model.pools[POOL]
    assert (pool.role, pool.servers, pool.load_balancer) == ("front_end", ("fe01", "fe02"), ("lb",))
    assert (pool.configuration, pool.load_balancing, pool.external_nat) == ("consolidated", "hardware", False)
    assert (pool.internal_load_balancing, pool.external_load_balancing) == ("hardware", "hardware")


def _set(path: tuple[t.Any, ...], value: t.Any) -> t.Callable[[dict[str, t.Any]], None]:
    def mutate(doc: dict[str, t.Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return mutate


_DELETE = object()
LB = ("load_balancers", "lb")
P = ("topology", "pools", POOL)
PP = f"$.topology.pools['{POOL}']"


@pytest.mark.parametrize(
    ("mutate", "path", "needles"),
    [
        (_set((*LB, "vendor"), _DELETE), "$.load_balancers.lb", ("missing", "vendor")),
        (_set((*LB, "version"), _DELETE), "$.load_balancers.lb", ("missing", "version")),
        (_set((*LB, "form_factor"), "virtual"), "$.load_balancers.lb.form_factor", ("virtual", "hardware, software")),
        (_set((*LB, "multiple_vips"), "yes"), "$.load_balancers.lb.multiple_vips", ("yes", "boolean")),
        (_set((*LB, "colour"), "red"), "$.load_balancers.lb", ("colour", "vendor")),
        (_set((*LB, "vendor"), ""), "$.load_balancers.lb.vendor", ("expected",)),
        (_set((*LB, "version"), ""), "$.load_balancers.lb.version", ("quoted",)),
        (_set((*LB, "version"), None), "$.load_balancers.lb.version", ("null", "string")),
        (_set((*LB, "version"), True), "$.load_balancers.lb.version", ("boolean", "string")),
        (_set(("load_balancers",), ["lb"]), "$.load_balancers", ("list",)),
        (
            _set(("topology", "lync_version"), "lync2016"),
            "$.topology.lync_version",
            ("lync2016", "ocs2007r2, lync2010, lync2013, sfb2015, sfb2019"),
        ),
        (_set(("topology", "lync_version"), _DELETE), "$.topology", ("missing", "lync_version")),
        (_set(("topology", "pools"), _DELETE), "$.topology", ("missing", "pools")),
        (_set((*P, "role"), "fe"), f"{PP}.role", ("fe", "front_end, director, edge")),
        (_set((*P, "role"), _DELETE), PP, ("missing", "role")),
        (_set((*P, "servers"), _DELETE), PP, ("missing", "servers")),
        (_set((*P, "servers"), "fe01"), f"{PP}.servers", ("string",)),
        (_set((*P, "servers"), ["fe01", "fe01"]), f"{PP}.servers", ('lists "fe01" more than once',)),
        (_set((*P, "servers"), ["fe01", 7]), f"{PP}.servers[1]", ("number", "string")),
        (_set((*P, "load_balancing"), "round_robin"), f"{PP}.load_balancing", ("round_robin", "hardware, dns")),
        (_set((*P, "external_load_balancing"), "anycast"), f"{PP}.external_load_balancing", ("hardware, dns",)),
        (_set((*P, "configuration"), "stretched"), f"{PP}.configuration", ("consolidated, expanded",)),
        (_set((*P, "external_nat"), "no"), f"{PP}.external_nat", ("boolean",)),
        (_set((*P, "load_balancer"), ""), f"{PP}.load_balancer", ("expected",)),
        (_set((*P, "vips"), 3), PP, ("vips", "load_balancer")),
    ],
    ids=lambda value: None if callable(value) or isinstance(value, tuple) else str(value),
)
def test_explicit_schema_violation_is_located(mutate, path: str, needles: tuple[str, ...]) -> None:
    doc = explicit_doc()
    mutate(doc)
    errors = explicit_errors(doc)
    assert has(errors, path, *needles), errors


def test_explicit_integer_model_reads_as_its_digits() -> None:
    """lb_model: 440 (Barracuda) arrives as an int, which loses nothing: it is the model '440'."""
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["model"] = 440
    built, errors = topology.from_options(doc["load_balancers"], doc["topology"])
    assert errors == []
    assert built is not None and built.load_balancers["lb"].model == "440"


def test_explicit_model_as_float_says_expected_form() -> None:
    """lb_model: 2.50 arrives as the float 2.5: a string is expected, and the message says to quote it."""
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["model"] = 2.5
    errors = explicit_errors(doc)
    assert [path for path, _message in errors] == ["$.load_balancers.lb.model"]
    assert "quote" in errors[0][1], errors


@pytest.mark.parametrize(
    ("yaml_text", "shown"),
    [("version: 11.10", "11.1"), ("version: 11.6", "11.6"), ("version: 11", "11"), ("version: 12.1", "12.1")],
)
def test_explicit_yaml_number_version_asks_for_quotes(yaml_text: str, shown: str) -> None:
    doc = explicit_doc()
    doc["load_balancers"]["lb"].update(yaml.safe_load(yaml_text))
    errors = explicit_errors(doc)
    assert [path for path, _message in errors] == ["$.load_balancers.lb.version"]
    message = errors[0][1]
    assert "quote" in message
    assert f"arrived as the number {shown}" in message


@pytest.mark.parametrize(
    ("pools", "path", "needles"),
    [
        (
            {
                "p1.contoso.com": {"role": "front_end", "servers": ["a", "b"]},
                "p2.contoso.com": {"role": "director", "servers": ["a", "c"]},
            },
            "$.topology.pools['p2.contoso.com'].servers[0]",
            ("'a'", "p1.contoso.com"),
        ),
        (
            {"p1.contoso.com": {"role": "front_end", "servers": ["a"], "web_components": ["a"]}},
            "$.topology.pools['p1.contoso.com'].web_components[0]",
            ("'a'", "servers"),
        ),
        (
            {"p1.contoso.com": {"role": "front_end", "servers": ["lb", "b"]}},
            "$.topology.pools['p1.contoso.com'].servers[0]",
            ("load balancer",),
        ),
        (
            {"p1.contoso.com": {"role": "front_end", "servers": ["p1.contoso.com", "b"]}},
            "$.topology.pools['p1.contoso.com'].servers[0]",
            ("name of a pool",),
        ),
        (
            {
                "p1.contoso.com": {"role": "front_end", "servers": ["a"], "load_balancer": "p2.contoso.com"},
                "p2.contoso.com": {"role": "director", "servers": ["b"]},
            },
            "$.topology.pools['p1.contoso.com'].load_balancer",
            ("is a pool",),
        ),
        (
            {"p1.contoso.com": {"role": "director", "servers": ["a"], "web_components": ["w"]}},
            "$.topology.pools['p1.contoso.com'].web_components",
            ("Front End",),
        ),
        (
            {"p1.contoso.com": {"role": "edge", "servers": ["a"], "configuration": "expanded"}},
            "$.topology.pools['p1.contoso.com'].configuration",
            ("Front End",),
        ),
    ],
    ids=[
        "server-in-two-pools",
        "server-in-two-roles",
        "server-is-lb",
        "server-is-pool",
        "lb-is-pool",
        "web-components-on-director",
        "configuration-on-edge",
    ],
)
def test_explicit_semantic_errors(pools: dict[str, t.Any], path: str, needles: tuple[str, ...]) -> None:
    errors = explicit_errors(
        {"load_balancers": {"lb": dict(LTM)}, "topology": {"lync_version": "lync2013", "pools": pools}}
    )
    assert has(errors, path, *needles), errors


def test_explicit_all_schema_errors_at_once() -> None:
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["version"] = 11.1
    doc["load_balancers"]["lb"]["form_factor"] = "virtual"
    doc["load_balancers"]["other"] = {"vendor": "F5"}
    doc["topology"]["lync_version"] = "lync2016"
    doc["topology"]["pools"][POOL]["role"] = "fe"
    paths = {path for path, _message in explicit_errors(doc)}
    assert paths >= {
        "$.load_balancers.lb.version",
        "$.load_balancers.lb.form_factor",
        "$.load_balancers.other",
        "$.topology.lync_version",
        f"{PP}.role",
    }


def test_explicit_schema_and_semantic_errors_at_once() -> None:
    """A YAML-number version and a server listed in two pools are both input errors: both are reported."""
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["version"] = 11.1
    doc["topology"]["pools"]["dir.contoso.com"] = {"role": "director", "servers": ["fe01", "dir02"]}
    paths = {path for path, _message in explicit_errors(doc)}
    assert paths == {"$.load_balancers.lb.version", "$.topology.pools['dir.contoso.com'].servers[0]"}


@pytest.mark.parametrize("load_balancers", [None, "lb", ["lb"]])
def test_explicit_wrong_container_types(load_balancers: t.Any) -> None:
    errors = explicit_errors({"load_balancers": load_balancers, "topology": None})
    assert {path for path, _message in errors} == {"$.load_balancers", "$.topology"}


@pytest.mark.parametrize("valid", [True, False])
def test_explicit_inputs_never_modified(valid: bool) -> None:
    doc = explicit_doc()
    doc["topology"]["pools"]["edge.contoso.com"] = {"role": "edge", "servers": ["e1", "e2"], "load_balancer": "lb"}
    if not valid:
        doc["load_balancers"]["lb"]["version"] = 11.1
        doc["topology"]["pools"][POOL]["colour"] = "red"
    before = copy.deepcopy(doc)
    topology.from_options(doc["load_balancers"], doc["topology"])
    assert doc == before


def test_explicit_model_does_not_share_input_containers() -> None:
    doc = explicit_doc()
    model, _errors = topology.from_options(doc["load_balancers"], doc["topology"])
    doc["topology"]["pools"][POOL]["servers"].append("fe03")
    doc["load_balancers"]["lb"]["version"] = "9.0"
    assert model.pools[POOL].servers == ("fe01", "fe02")
    assert model.load_balancers["lb"].version == LTM["version"]


# --- inventory mode ---------------------------------------------------------------------------------------------


def test_inventory_valid_builds_the_model() -> None:
    model, errors = inventory_model.from_inventory(inventory(), inventory_model.InventoryNames())
    assert errors == []
    assert model.input_mode == "inventory"
    assert model.lync_version == "lync2013"
    assert set(model.load_balancers) == {"lb1"}
    lb = model.load_balancers["lb1"]
    assert (lb.vendor, lb.product, lb.model, lb.version, lb.multiple_vips) == (
        "F5",
        "BIG-IP LTM",
        "BIG-IP 4000s",
        "11.6.1 HF2",
        True,
    )
    fe = model.pools["fe.contoso.com"]
    assert (fe.role, fe.servers, fe.web_components, fe.configuration) == (
        "front_end",
        ("fe1", "fe2"),
        ("web1",),
        "expanded",
    )
    assert model.pools["dir.contoso.com"].role == "director"
    assert model.pools["edge.contoso.com"].servers == ("edge1", "edge2")
    assert model.locate(("load_balancers", "lb1", "version")) == "hostvars['lb1'].lb_version"
    assert (
        model.locate(("topology", "pools", "fe.contoso.com", "load_balancer"))
        == "lync_pools['fe.contoso.com'].load_balancer"
    )
    assert model.locate(("topology", "lync_version")) == "lync_version"


def test_inventory_optional_lb_vars_may_be_absent_or_null() -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    del hostvars["lb1"]["lb_multiple_vips"]
    hostvars["lb1"]["lb_model"] = None
    model, errors = inventory_model.from_inventory(inventory(hostvars=hostvars), inventory_model.InventoryNames())
    assert errors == []
    assert (model.load_balancers["lb1"].model, model.load_balancers["lb1"].multiple_vips) == (None, False)


@pytest.mark.parametrize("missing", ["lb_vendor", "lb_product", "lb_form_factor", "lb_version"])
def test_inventory_missing_lb_var(missing: str) -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    del hostvars["lb1"][missing]
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert [path for path, _message in errors] == [f"hostvars['lb1'].{missing}"]
    assert f"has no {missing}" in errors[0][1]
    assert "set it to" in errors[0][1]


def test_inventory_lb_without_any_var_reports_each_required_var_once() -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"] = {}
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert sorted(path for path, _message in errors) == sorted(
        f"hostvars['lb1'].{name}" for name in ("lb_vendor", "lb_product", "lb_form_factor", "lb_version")
    )


@pytest.mark.parametrize(
    ("yaml_text", "shown"),
    [("lb_version: 11.10", "11.1"), ("lb_version: 11.6", "11.6"), ("lb_version: 12", "12")],
)
def test_inventory_yaml_number_version(yaml_text: str, shown: str) -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"].update(yaml.safe_load(yaml_text))
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert [path for path, _message in errors] == ["hostvars['lb1'].lb_version"]
    assert "quote" in errors[0][1]
    assert f"arrived as the number {shown}" in errors[0][1]


@pytest.mark.parametrize(
    ("variable", "value", "needles"),
    [
        ("lb_form_factor", "appliance", ("hardware, software",)),
        ("lb_multiple_vips", "sometimes", ("boolean",)),
        ("lb_version", None, ("null", "string")),
        ("lb_vendor", "", ("expected",)),
    ],
)
def test_inventory_bad_lb_var_is_located_by_host_and_variable(
    variable: str, value: t.Any, needles: tuple[str, ...]
) -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"][variable] = value
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert has(errors, f"hostvars['lb1'].{variable}", *needles), errors


def test_inventory_host_in_two_role_groups() -> None:
    groups = copy.deepcopy(inventory().groups)
    groups["lync_director"].append("fe1")
    errors = inventory_errors(inventory(groups=groups))
    assert has(errors, "groups['lync_director']", "'fe1'", "lync_front_end", "lync_director"), errors


def test_inventory_host_both_load_balancer_and_server() -> None:
    groups = copy.deepcopy(inventory().groups)
    groups["lync_edge"].append("lb1")
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"]["lync_pool"] = "edge.contoso.com"
    errors = inventory_errors(inventory(groups=groups, hostvars=hostvars))
    assert has(errors, "groups['lync_load_balancers']", "'lb1'", "lync_edge"), errors


@pytest.mark.parametrize(
    ("value", "needle"), [(None, "has no lync_pool"), ("", "has no lync_pool"), (["fe.contoso.com"], "list")]
)
def test_inventory_server_without_usable_lync_pool(value: t.Any, needle: str) -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["fe2"]["lync_pool"] = value
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert has(errors, "hostvars['fe2'].lync_pool", needle), errors


def test_inventory_server_with_no_lync_pool_var() -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    del hostvars["dir2"]["lync_pool"]
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert has(errors, "hostvars['dir2'].lync_pool", "'dir2'", "lync_director"), errors


def test_inventory_bad_pool_fqdn_is_located_at_the_host_variable() -> None:
    """In inventory mode a location is a host and variable, never a path into the internal document."""
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["dir1"]["lync_pool"] = hostvars["dir2"]["lync_pool"] = "dir.contoso.com "
    pools = copy.deepcopy(inventory().pools)
    del pools["dir.contoso.com"]
    errors = inventory_errors(inventory(hostvars=hostvars, pools=pools))
    assert errors
    for path, message in errors:
        assert path in ("hostvars['dir1'].lync_pool", "hostvars['dir2'].lync_pool"), errors
        assert "whitespace" in message


def test_inventory_pool_with_servers_of_two_roles() -> None:
    """A server belongs to one pool, so a 'server in two pools' shows as a pool that mixes roles."""
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["dir1"]["lync_pool"] = "fe.contoso.com"
    errors = inventory_errors(inventory(hostvars=hostvars))
    assert has(errors, "hostvars['dir1'].lync_pool", "fe.contoso.com", "lync_front_end", "lync_director"), errors


def test_inventory_pool_declared_without_servers_is_kept_aside() -> None:
    """One group_vars may describe the pools of several site inventories: a pool with no server here is not an error,
    it is set aside (POOL_WITHOUT_SERVERS reports it) and the load balancers it names count as used."""
    pools = copy.deepcopy(inventory().pools)
    pools["Ghost.contoso.com"] = {"load_balancer": ["LB1", "lb9"], "load_balancing": "anything: not checked here"}
    model, errors = inventory_model.from_inventory(inventory(pools=pools), inventory_model.InventoryNames())
    assert errors == []
    assert "Ghost.contoso.com" not in model.pools
    stub = model.serverless["Ghost.contoso.com"]
    assert stub.path == "lync_pools['Ghost.contoso.com']"
    assert stub.names == ("lb1", "lb9")


@pytest.mark.parametrize("key", ["role", "servers", "web_components"])
def test_inventory_group_keys_in_lync_pools(key: str) -> None:
    pools = copy.deepcopy(inventory().pools)
    pools["fe.contoso.com"][key] = ["fe1"] if key != "role" else "front_end"
    errors = inventory_errors(inventory(pools=pools))
    assert [path for path, _message in errors] == [f"lync_pools['fe.contoso.com'].{key}"]
    assert "inventory groups" in errors[0][1]


@pytest.mark.parametrize(
    ("settings", "path", "needles"),
    [
        ({"load_balancing": "round robin"}, "lync_pools['dir.contoso.com'].load_balancing", ("hardware, dns",)),
        ({"external_nat": "sometimes"}, "lync_pools['dir.contoso.com'].external_nat", ("boolean",)),
        ({"vips": 2}, "lync_pools['dir.contoso.com'].vips", ("unknown key 'vips'", "load_balancer")),
    ],
)
def test_inventory_bad_pool_setting_is_located(settings: dict[str, t.Any], path: str, needles: tuple[str, ...]) -> None:
    pools = copy.deepcopy(inventory().pools)
    pools["dir.contoso.com"].update(settings)
    errors = inventory_errors(inventory(pools=pools))
    assert has(errors, path, *needles), errors


@pytest.mark.parametrize(
    ("pools", "path"),
    [("pool01", "lync_pools"), ({"fe.contoso.com": "lb1"}, "lync_pools['fe.contoso.com']")],
)
def test_inventory_lync_pools_wrong_type(pools: t.Any, path: str) -> None:
    errors = inventory_errors(inventory(pools=pools))
    assert has(errors, path, "expected a mapping"), errors


def test_inventory_lync_pools_missing_with_load_balancers_is_an_error() -> None:
    """Declared load balancers and no lync_pools anywhere: an input error, not an empty layout."""
    errors = inventory_errors(inventory(pools=inventory_model.MISSING))
    assert has(errors, "lync_pools", "load balancers are declared", "no host sees lync_pools"), errors


def test_inventory_lync_pools_missing_without_load_balancers_means_no_settings() -> None:
    data = inventory(pools=inventory_model.MISSING)
    data.groups["lync_load_balancers"] = []
    data.groups["lync_web_components"] = []
    model, errors = inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert errors == []
    assert model.pools["fe.contoso.com"].load_balancer == ()


def test_inventory_lync_version_missing() -> None:
    errors = inventory_errors(inventory(lync_version=inventory_model.MISSING))
    assert [path for path, _message in errors] == ["lync_version"]
    assert "not defined" in errors[0][1]
    assert "ocs2007r2, lync2010, lync2013, sfb2015, sfb2019" in errors[0][1]


@pytest.mark.parametrize("value", ["lync2016", None, 2013])
def test_inventory_lync_version_invalid(value: t.Any) -> None:
    errors = inventory_errors(inventory(lync_version=value))
    assert {path for path, _message in errors} == {"lync_version"}
    assert any("ocs2007r2, lync2010, lync2013, sfb2015, sfb2019" in message for _path, message in errors), errors


RENAMED = inventory_model.InventoryNames.with_overrides(
    {"load_balancers": "adc", "front_end": "fes", "web_components": "webs", "director": "dirs", "edge": "edges"},
    {
        "vendor": "maker",
        "product": "box",
        "model": "sku",
        "form_factor": "kind",
        "version": "firmware",
        "multiple_vips": "vips",
        "pool": "pool_fqdn",
        "pools": "pool_settings",
        "lync_version": "uc_release",
    },
)


def _renamed_inventory() -> inventory_model.InventoryData:
    return inventory_model.InventoryData(
        groups={
            "adc": ["lb1"],
            "fes": ["fe1", "fe2"],
            "webs": [],
            "dirs": [],
            "edges": [],
            "lync_front_end": ["ignored"],
        },
        hostvars={
            "lb1": {
                "maker": "KEMP",
                "box": "LoadMaster",
                "sku": "VLM-100",
                "kind": "software",
                "firmware": "5.1",
                "vips": True,
            },
            "fe1": {"pool_fqdn": "fe.contoso.com"},
            "fe2": {"pool_fqdn": "fe.contoso.com"},
        },
        pools={"fe.contoso.com": {"load_balancer": "lb1"}},
        lync_version="lync2010",
    )


def test_inventory_renamed_groups_and_vars() -> None:
    model, errors = inventory_model.from_inventory(_renamed_inventory(), RENAMED)
    assert errors == []
    assert model.load_balancers["lb1"].to_dict() == {
        "vendor": "KEMP",
        "product": "LoadMaster",
        "model": "VLM-100",
        "form_factor": "software",
        "version": "5.1",
        "multiple_vips": True,
        "ha_peers": [],
        "vips": None,
    }
    assert set(model.pools) == {"fe.contoso.com"}
    assert model.pools["fe.contoso.com"].servers == ("fe1", "fe2")
    assert model.lync_version == "lync2010"
    assert model.locate(("load_balancers", "lb1", "version")) == "hostvars['lb1'].firmware"


def test_inventory_renamed_names_appear_in_errors() -> None:
    data = _renamed_inventory()
    data.hostvars["lb1"]["firmware"] = 5.1
    del data.hostvars["lb1"]["maker"]
    del data.hostvars["fe2"]["pool_fqdn"]
    data.groups["dirs"] = ["fe1"]
    data.pools["ghost.contoso.com"] = {}
    data.lync_version = inventory_model.MISSING
    paths = {path for path, _message in inventory_errors(data, RENAMED)}
    assert paths == {
        "hostvars['lb1'].firmware",
        "hostvars['lb1'].maker",
        "hostvars['fe2'].pool_fqdn",
        "groups['dirs']",
        "uc_release",
    }


def test_inventory_default_names_are_the_documented_ones() -> None:
    names = inventory_model.InventoryNames()
    assert names.groups == {
        "load_balancers": "lync_load_balancers",
        "front_end": "lync_front_end",
        "web_components": "lync_web_components",
        "director": "lync_director",
        "edge": "lync_edge",
        "mediation": "lync_mediation",
    }
    assert names.vars == {
        "vendor": "lb_vendor",
        "product": "lb_product",
        "model": "lb_model",
        "form_factor": "lb_form_factor",
        "version": "lb_version",
        "multiple_vips": "lb_multiple_vips",
        "ha_peers": "lb_ha_peers",
        "vips": "lb_vips",
        "pool": "lync_pool",
        "pools": "lync_pools",
        "lync_version": "lync_version",
        "coexisting_versions": "lync_coexisting_versions",
        "edge_external_nat": "lync_edge_external_nat",
        "collocated_mediation": "lync_collocated_mediation",
        "pool_version": "lync_pool_version",
    }


def test_inventory_all_errors_at_once() -> None:
    data = inventory()
    data.groups["lync_director"].append("fe1")
    data.hostvars["lb1"]["lb_version"] = 11.1
    del data.hostvars["lb1"]["lb_vendor"]
    data.hostvars["lb1"]["lb_form_factor"] = "appliance"
    del data.hostvars["edge2"]["lync_pool"]
    data.pools["ghost.contoso.com"] = {}
    data.pools["dir.contoso.com"]["role"] = "director"
    data.pools["edge.contoso.com"]["load_balancing"] = "anycast"
    data.lync_version = inventory_model.MISSING
    paths = {path for path, _message in inventory_errors(data)}
    assert paths >= {
        "groups['lync_director']",
        "hostvars['lb1'].lb_version",
        "hostvars['lb1'].lb_vendor",
        "hostvars['lb1'].lb_form_factor",
        "hostvars['edge2'].lync_pool",
        "lync_pools['dir.contoso.com'].role",
        "lync_pools['edge.contoso.com'].load_balancing",
        "lync_version",
    }


@pytest.mark.parametrize("valid", [True, False])
def test_inventory_inputs_never_modified(valid: bool) -> None:
    data = inventory()
    if not valid:
        data.hostvars["lb1"]["lb_version"] = 11.1
        data.pools["dir.contoso.com"]["role"] = "director"
        data.pools["ghost.contoso.com"] = {}
    before = copy.deepcopy((data.groups, data.hostvars, data.pools, data.lync_version))
    inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert (data.groups, data.hostvars, data.pools, data.lync_version) == before


def test_inventory_group_order_and_duplicates() -> None:
    data = inventory()
    data.groups["lync_front_end"] = ["fe2", "fe1", "fe2"]
    model, errors = inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert errors == []
    assert model.pools["fe.contoso.com"].servers == ("fe2", "fe1")


@pytest.mark.parametrize(
    ("text", "expected"), [("true", True), ("True", True), ("yes", True), ("no", False), ("false", False)]
)
def test_inventory_reads_ini_boolean_strings(text: str, expected: bool) -> None:
    """INI inventories deliver lb_multiple_vips=true and external_nat=no as strings; Ansible reads them as booleans."""
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"]["lb_multiple_vips"] = text
    pools = copy.deepcopy(inventory().pools)
    pools["dir.contoso.com"]["external_nat"] = text
    built, errors = inventory_model.from_inventory(
        inventory(hostvars=hostvars, pools=pools), inventory_model.InventoryNames()
    )
    assert errors == []
    assert built is not None
    assert built.load_balancers["lb1"].multiple_vips is expected
    assert built.pools["dir.contoso.com"].external_nat is expected


def test_inventory_pool_names_are_case_insensitive() -> None:
    """Pool01.contoso.com on one host and pool01.contoso.com on another are one DNS name, so one pool."""
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["dir1"]["lync_pool"] = "DIR.contoso.com"
    pools = copy.deepcopy(inventory().pools)
    built, errors = inventory_model.from_inventory(
        inventory(hostvars=hostvars, pools=pools), inventory_model.InventoryNames()
    )
    assert errors == []
    assert built is not None
    (director_pool,) = [pool for pool in built.pools.values() if pool.role == "director"]
    assert len(director_pool.servers) == 2
    assert director_pool.load_balancer == (pools["dir.contoso.com"]["load_balancer"],)


WEB_VIP = {
    "name": "web-int-443",
    "pool": "fe.contoso.com",
    "service": "web_internal",
    "ports": [443, 80],
    "persistence": "source_address",
    "idle_timeout": 1800,
}


def test_vips_build_into_the_model_in_both_modes() -> None:
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["vips"] = [dict(WEB_VIP, pool=POOL)]
    model, errors = topology.from_options(doc["load_balancers"], doc["topology"])
    assert errors == []
    (vip,) = model.load_balancers["lb"].vips
    assert (vip.name, vip.service, vip.persistence) == ("web-int-443", "web_internal", "source_address")
    assert vip.path == "$.load_balancers.lb.vips[0]"
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"]["lb_vips"] = [WEB_VIP]
    model, errors = inventory_model.from_inventory(inventory(hostvars=hostvars), inventory_model.InventoryNames())
    assert errors == []
    assert model.load_balancers["lb1"].vips[0].path == "hostvars['lb1'].lb_vips[0]"
    without, _errors = inventory_model.from_inventory(inventory(), inventory_model.InventoryNames())
    assert without.load_balancers["lb1"].vips is None, "no lb_vips: no VIP declared (not an empty list)"


def test_vip_errors_are_located_once_in_the_users_terms() -> None:
    hostvars = copy.deepcopy(inventory().hostvars)
    hostvars["lb1"]["lb_vips"] = [WEB_VIP, dict(WEB_VIP, name="web-int-80", ports=[80, "3478/tcpx"], colour="red")]
    errors = inventory_errors(inventory(hostvars=hostvars))
    paths = [path for path, _message in errors]
    assert "hostvars['lb1'].lb_vips[1].ports[1]" in paths, errors
    assert any(path.startswith("hostvars['lb1'].lb_vips[1]") and "colour" in message for path, message in errors)
    assert len(paths) == len(set(paths)), "each problem once"
    doc = explicit_doc()
    doc["load_balancers"]["lb"]["vips"] = "web"
    assert [path for path, _message in explicit_errors(doc)] == ["$.load_balancers.lb.vips"]


def test_a_standard_edition_server_is_a_pool_of_its_own_name() -> None:
    """A single-server pool (Standard Edition, a branch appliance) has its server's FQDN: not a misplaced pool name."""
    doc = explicit_doc()
    doc["topology"]["pools"]["se01.contoso.com"] = {"role": "front_end", "servers": ["SE01.contoso.com"]}
    assert explicit_errors(doc) == []
    doc["topology"]["pools"]["se01.contoso.com"]["servers"].append("se02.contoso.com")
    assert has(explicit_errors(doc), "$.topology.pools['se01.contoso.com'].servers[0]", "has the name of a pool")


def test_pools_that_are_not_a_mapping_are_reported_for_each_host_that_sees_them() -> None:
    """Hosts of group_vars/all see the very same lync_pools object, and the merge looks at each such view once; a
    value that is not a mapping is still reported for every host that sees it, the task's host first."""
    shared = ["fe.contoso.com", "dir.contoso.com"]
    hostvars = inventory().hostvars
    for host in ("fe1", "fe2", "web1"):
        hostvars[host] = {**hostvars[host], "lync_pools": shared}
    data = inventory(pools=shared, hostvars=hostvars)
    reported = [m for p, m in inventory_errors(data) if p == "lync_pools" and "expected a mapping of pool FQDN" in m]
    assert reported == [
        f"lync_pools as host {host!r} sees it is a list, expected a mapping of pool FQDN to pool settings"
        for host in (data.task_host, "fe1", "fe2", "web1")
    ]
