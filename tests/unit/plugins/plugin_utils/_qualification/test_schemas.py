# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fast proof of validity (plain Python compiled from the schema) never contradicts jsonschema.

validate_instance skips jsonschema when the compiled check proves an instance valid: that must hold only for instances
jsonschema finds no violation in, and it must hold for the valid documents users write (else it saves nothing).
"""

from __future__ import annotations

import copy
import os
import typing as t

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import collection, schemas

CORE = settings(
    max_examples=int(os.environ.get("LBQ_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VIP = {
    "name": "web",
    "pool": "pool01.contoso.com",
    "service": "web_external",
    "ports": [443, 80, "3478/udp"],
    "port_map": {"443": 4443, "80": 8080},
    "persistence": "cookie",
    "cookie": {"name": "MS-WSMAN", "http_only": False, "expires": False, "insert": "every_response"},
    "idle_timeout": 1800,
    "snat": True,
    "mode": "proxy",
    "nagle": False,
    "monitor_port": 5061,
    "request_level_lb": True,
}
DOCUMENT = {
    "load_balancers": {
        "ltm01": {
            "vendor": "F5",
            "product": "BIG-IP Local Traffic Manager",
            "model": 4000,
            "form_factor": "hardware",
            "version": "11.6.1 HF2",
            "multiple_vips": True,
            "ha_peers": ["ltm02"],
            "vips": [VIP, dict(VIP, name="sip", service="sip", ports=[5061, 444])],
        },
        "ltm02": {
            "vendor": "F5",
            "product": "BIG-IP Local Traffic Manager",
            "form_factor": "hardware",
            "version": "11.6.1 HF2",
            "model": None,
        },
    },
    "topology": {
        "lync_version": "lync2013",
        "coexisting_versions": ["lync2010"],
        "pools": {
            "pool01.contoso.com": {
                "role": "front_end",
                "servers": ["fe01", "fe02"],
                "web_components": ["wc01"],
                "configuration": "expanded",
                "load_balancer": ["ltm01", "ltm02"],
                "web_load_balancer": "ltm01",
                "hlb_monitoring_port": 5060,
                "mobility": True,
                "collocated_mediation": False,
            },
            "edge01.contoso.com": {
                "role": "edge",
                "servers": ["edge01", "edge02"],
                "internal_load_balancing": "dns",
                "external_load_balancer": "ltm01",
                "external_nat": True,
            },
        },
    },
}
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 70000),
    st.floats(allow_nan=False),
    st.text(max_size=6),
    st.sampled_from(
        [
            "",
            " x",
            "x ",
            "\x00",
            "11.6",
            "hardware",
            "dns",
            "edge",
            "lync2013",
            "3478/udp",
            "0-1/tcp",
            "cookie",
            "ltm01",
            "conditional",
            "required",
        ]
    ),
)
ANY = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: t.Any, prefix: tuple[t.Any, ...] = ()) -> list[tuple[t.Any, ...]]:
    """Every path to a value inside ``node``."""
    paths = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            paths += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths += _paths(value, prefix + (index,))
    return paths


@st.composite
def near_valid(draw: t.Callable[..., t.Any], base: t.Any) -> t.Any:
    """``base`` with one value replaced, removed, or given an extra key."""
    document = copy.deepcopy(base)
    path = draw(st.sampled_from(_paths(document)))
    if not path:
        return draw(ANY)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace" or (action == "remove" and isinstance(parent, list)):
        parent[path[-1]] = draw(ANY)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]][draw(st.text(max_size=6))] = draw(ANY)
    else:
        parent[path[-1]] = [parent[path[-1]], parent[path[-1]]]
    return document


# The shipped VIP requirement table (if / then, consts of strings and integers): proved valid without jsonschema, so
# that a worker does not import jsonschema to load it.
REQUIREMENTS = yaml.safe_load((collection.ROOT / "data" / "lb_requirements.yml").read_text(encoding="utf-8"))


def _jsonschema_errors(name: str, instance: t.Any) -> list[t.Any]:
    return list(schemas._validator(name).iter_errors(instance))


@pytest.mark.parametrize(
    ("name", "instance"), [("topology", DOCUMENT), ("vips", [VIP]), ("lb_requirements", REQUIREMENTS)]
)
def test_valid_documents_are_proved_valid_without_jsonschema(name: str, instance: t.Any) -> None:
    assert _jsonschema_errors(name, instance) == []
    assert schemas._conformance(name)(instance) is True
    assert schemas.validate_instance(name, instance) == []


@CORE
@given(near_valid(DOCUMENT))
def test_topology_proof_never_contradicts_jsonschema(document: t.Any) -> None:
    if schemas._conformance("topology")(document):
        assert _jsonschema_errors("topology", document) == []


@CORE
@given(near_valid([VIP, dict(VIP, name="other")]))
def test_vips_proof_never_contradicts_jsonschema(vips: t.Any) -> None:
    if schemas._conformance("vips")(vips):
        assert _jsonschema_errors("vips", vips) == []


@CORE
@given(st.data())
def test_requirements_proof_never_contradicts_jsonschema(data: st.DataObject) -> None:
    rows = {key: value for key, value in REQUIREMENTS.items() if not isinstance(value, list)}
    for key, value in REQUIREMENTS.items():
        if isinstance(value, list) and value:
            rows[key] = value[:2]  # two rows of each table: enough to mutate, small enough to be quick
    table = data.draw(near_valid(rows))
    if schemas._conformance("lb_requirements")(table):
        assert _jsonschema_errors("lb_requirements", table) == []


def test_a_conditional_requirement_without_its_condition_is_not_proved() -> None:
    """if / then: a row whose level is conditional needs a condition; the proof decides the if exactly."""
    table = copy.deepcopy(REQUIREMENTS)
    row = next(
        row
        for rows in table.values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict) and row.get("level") == "conditional"
    )
    del row["condition"]
    assert schemas._conformance("lb_requirements")(table) is False
    assert _jsonschema_errors("lb_requirements", table)


def test_an_invalid_document_is_described_by_jsonschema() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["load_balancers"]["ltm01"]["version"] = 11.6
    assert schemas._conformance("topology")(document) is False
    issues = schemas.validate_instance("topology", document)
    assert [(issue.path, issue.validator) for issue in issues] == [("$.load_balancers.ltm01.version", "type")]


def test_violations_are_told_apart_by_keyword_and_subject() -> None:
    """Two missing keys are two issues (one required keyword, one subject each); a value of the wrong type that also
    fails its enum is one issue, the type's."""
    document = copy.deepcopy(DOCUMENT)
    del document["load_balancers"]["ltm02"]["vendor"], document["load_balancers"]["ltm02"]["product"]
    document["load_balancers"]["ltm01"]["form_factor"] = 5
    issues = schemas.validate_instance("topology", document)
    assert [(issue.path, issue.validator, issue.message) for issue in issues] == [
        ("$.load_balancers.ltm01.form_factor", "type", "5 is a number, expected a string (one of: hardware, software)"),
        ("$.load_balancers.ltm02", "required", "missing required key 'product'"),
        ("$.load_balancers.ltm02", "required", "missing required key 'vendor'"),
    ]


def _nested(depth: int) -> dict[str, t.Any]:
    """A mapping whose deepest container sits ``depth`` levels below it, alternating mappings and lists."""
    node: t.Any = {}
    for level in range(depth):
        node = [node] if level % 2 else {"k": node}
    return node


@pytest.mark.parametrize("depth", [0, 1, 5, schemas.MAX_DEPTH - 1])
def test_a_value_within_the_depth_limit_is_not_reported(depth: int) -> None:
    assert schemas.too_deep(_nested(depth)) == []
    assert schemas.too_deep({"ok": [1, {"a": "b"}], "deep": _nested(depth - 1)} if depth else {}) == []


@pytest.mark.parametrize("depth", [schemas.MAX_DEPTH, schemas.MAX_DEPTH + 1, 3 * schemas.MAX_DEPTH])
def test_a_value_past_the_depth_limit_is_reported_where_it_passes_it(depth: int) -> None:
    for document, prefix in ((_nested(depth), ()), ({"ok": [1, {"a": "b"}], "deep": _nested(depth - 1)}, ("deep",))):
        problems = schemas.too_deep(document)
        assert len(problems) == 1
        path, what = problems[0]
        assert path[: len(prefix)] == prefix and len(path) == schemas.MAX_DEPTH  # the container at the limit
        assert f"nested more than {schemas.MAX_DEPTH} levels deep" in what


def test_a_cycle_is_reported_as_a_cycle_not_as_depth() -> None:
    loop: dict[str, t.Any] = {"name": "x"}
    loop["self"] = [loop]
    problems = schemas.too_deep({"pools": {"p": loop}, "other": [[1]]})
    assert problems == [(("pools", "p", "self", 0), "holds itself (a reference cycle): give a plain value")]
