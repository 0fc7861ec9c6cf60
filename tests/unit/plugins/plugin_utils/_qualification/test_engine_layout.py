# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resolved layout the engine hands the report: which device fronts which side of each pool, and what could fit a
load balancer that matched no entry (extra_dataset included)."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset, engine, topology

LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}
FE = ["fe1", "fe2"]


def _run(
    pools: dict[str, t.Any],
    lync_version: str = "lync2013",
    lbs: dict[str, t.Any] | None = None,
    data: dataset.Dataset | None = None,
) -> dict[str, t.Any]:
    model, errors = topology.from_options(
        lbs if lbs is not None else {"lb1": LTM, "lb2": LTM}, {"lync_version": lync_version, "pools": pools}
    )
    assert errors == []
    options, option_errors = engine.check_options()
    assert option_errors == []
    return engine.run(model, data or dataset.shipped(), options)


def _side(side: str, mode: str, device: str | None, required: bool = True) -> dict[str, t.Any]:
    return {
        "side": side,
        "load_balancing": mode,
        "load_balancer": device,
        "declared": device is not None,
        "required": required,
        "members": [device] if device else [],
        "qualified": True if device else None,
        "detail": "F5 BIG-IP Local Traffic Manager 11.6.1 HF2" if device else "",
    }


# Every layout the rules accept, with the sides the report must draw.
ACCEPTED = {
    "fe hardware lb": (
        {"role": "front_end", "servers": FE, "load_balancer": "lb1"},
        "lync2013",
        [_side("all", "hardware", "lb1")],
    ),
    "fe dns + web lb": (
        {"role": "front_end", "servers": FE, "load_balancing": "dns", "web_load_balancer": "lb1"},
        "lync2013",
        [_side("sip", "dns", None), _side("web", "hardware", "lb1")],
    ),
    "fe dns + load_balancer for web": (
        {"role": "front_end", "servers": FE, "load_balancing": "dns", "load_balancer": "lb1"},
        "lync2013",
        [_side("sip", "dns", None), _side("web", "hardware", "lb1")],
    ),
    "ocs expanded with web lb": (
        {
            "role": "front_end",
            "servers": FE,
            "web_components": ["web1", "web2"],
            "configuration": "expanded",
            "load_balancer": "lb1",
            "web_load_balancer": "lb2",
        },
        "ocs2007r2",
        [_side("sip", "hardware", "lb1"), _side("web", "hardware", "lb2")],
    ),
    "director": (
        {"role": "director", "servers": ["d1", "d2"], "load_balancer": "lb1"},
        "lync2013",
        [_side("all", "hardware", "lb1")],
    ),
    "edge one multi-vip lb": (
        {"role": "edge", "servers": ["e1", "e2"], "load_balancer": "lb1"},
        "lync2013",
        [_side("internal", "hardware", "lb1"), _side("external", "hardware", "lb1")],
    ),
    "edge internal + external": (
        {"role": "edge", "servers": ["e1", "e2"], "internal_load_balancer": "lb1", "external_load_balancer": "lb2"},
        "lync2013",
        [_side("internal", "hardware", "lb1"), _side("external", "hardware", "lb2")],
    ),
    "edge dns": (
        {"role": "edge", "servers": ["e1", "e2"], "load_balancing": "dns"},
        "lync2013",
        [_side("internal", "dns", None), _side("external", "dns", None)],
    ),
    "edge dns per side": (
        {"role": "edge", "servers": ["e1", "e2"], "internal_load_balancing": "dns", "external_load_balancing": "dns"},
        "lync2013",
        [_side("internal", "dns", None), _side("external", "dns", None)],
    ),
    "single server, no lb": (
        {"role": "front_end", "servers": ["fe1"]},
        "lync2013",
        [_side("all", "hardware", None, required=False)],
    ),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_sides_of_every_accepted_layout(name: str) -> None:
    pool, lync_version, sides = ACCEPTED[name]
    result = _run({"pool.contoso.com": pool}, lync_version)
    assert [f for f in result["findings"] if f["severity"] == "error"] == [], result["findings"]
    assert result["pools"]["pool.contoso.com"]["sides"] == sides


def test_a_missing_or_undeclared_device_is_a_side_without_a_declared_load_balancer() -> None:
    result = _run({"edge.contoso.com": {"role": "edge", "servers": ["e1", "e2"], "internal_load_balancer": "ghost"}})
    sides = result["pools"]["edge.contoso.com"]["sides"]
    assert sides == [
        {
            "side": "internal",
            "load_balancing": "hardware",
            "load_balancer": "ghost",
            "declared": False,
            "required": True,
            "members": ["ghost"],
            "qualified": None,
            "detail": "ghost (not declared)",
        },
        {
            "side": "external",
            "load_balancing": "hardware",
            "load_balancer": None,
            "declared": False,
            "required": True,
            "members": [],
            "qualified": None,
            "detail": "",
        },
    ]
    assert result["qualified"] is False


def test_a_matched_load_balancer_has_no_candidates() -> None:
    lb = _run({"p.contoso.com": {"role": "director", "servers": ["d1", "d2"], "load_balancer": "lb1"}})[
        "load_balancers"
    ]["lb1"]
    assert lb["entry"] is not None and lb["candidates"] == [] and lb["suggestions"] == []


def test_candidates_of_a_form_factor_mismatch_are_the_other_form() -> None:
    vpx = {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "hardware", "version": "10.5"}
    lb = _run(
        {"p.contoso.com": {"role": "director", "servers": ["d1", "d2"], "load_balancer": "vpx"}}, lbs={"vpx": vpx}
    )["load_balancers"]["vpx"]
    assert lb["entry"] is None
    assert lb["candidates"] and {c["form_factor"] for c in lb["candidates"]} == {"software"}


def test_candidates_come_from_the_dataset_the_check_used_extra_entries_included() -> None:
    acme = {"vendor": "Acme", "product": "Balancer 9000", "form_factor": "hardware", "version": "2.0"}
    extra = dataset.with_extra(
        [{"vendor": "Acme", "product": "Balancer 8000", "form_factor": "hardware", "versions_tested": "1.0"}]
    )
    pools = {"p.contoso.com": {"role": "director", "servers": ["d1", "d2"], "load_balancer": "acme"}}
    shipped = _run(pools, lbs={"acme": acme})["load_balancers"]["acme"]
    assert shipped["candidates"] == []
    with_extra = _run(pools, lbs={"acme": acme}, data=extra)["load_balancers"]["acme"]
    assert [c["product"] for c in with_extra["candidates"]] == ["Balancer 8000"]
    assert with_extra["suggestions"]


def test_an_ha_pair_is_one_side_with_its_members_and_their_versions() -> None:
    lbs = {"ltm01": LTM, "ltm02": {**LTM, "version": "10.2.4", "ha_peers": ["ltm01"]}}
    result = _run({"pool.contoso.com": {"role": "front_end", "servers": FE, "load_balancer": "ltm01"}}, lbs=lbs)
    (side,) = result["pools"]["pool.contoso.com"]["sides"]
    assert side["load_balancer"] == "ltm01 + ltm02"
    assert side["members"] == ["ltm01", "ltm02"]
    assert side["declared"] is True and side["qualified"] is False, "the standby runs an untested version"
    assert side["detail"] == "ltm01 11.6.1 HF2, ltm02 10.2.4"
    assert result["pools"]["pool.contoso.com"]["qualified"] is False
