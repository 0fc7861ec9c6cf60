# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The requirement table's loader and query: port sets per role, mode, side and version, the setting rows and how they
judge a VIP, and the loader's refusals."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import lb_requirements
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.lb_requirements import (
    REQUIREMENTS_PATH,
    RequirementsError,
    load,
    shipped,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import PortSet, union
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import Vip, build_vips

REQ = shipped()
FE_HLB = [
    "80/tcp",
    "135/tcp",
    "443-444/tcp",
    "448/tcp",
    "4443/tcp",
    "5061/tcp",
    "5071-5073/tcp",
    "5075-5076/tcp",
    "5080/tcp",
    "8080/tcp",
]
WEB = ["80/tcp", "443/tcp", "4443/tcp", "8080/tcp"]


def required(role: str, mode: str, version: str, **kwargs: t.Any) -> dict[str, list[str]]:
    selection = REQ.query(role, mode, version, **kwargs)
    return {side: ports.to_list() for side, ports in selection.required_ports().items()}


@pytest.mark.parametrize("version", ["lync2013", "sfb2015", "sfb2019"])
def test_pool_ports_per_role_and_mode(version: str) -> None:
    assert required("front_end", "hardware", version) == {"pool": FE_HLB}
    assert required("front_end", "hardware", version, collocated_mediation=True) == {
        "pool": [
            "80/tcp",
            "135/tcp",
            "443-444/tcp",
            "448/tcp",
            "4443/tcp",
            "5061/tcp",
            "5070-5073/tcp",
            "5075-5076/tcp",
            "5080/tcp",
            "8080/tcp",
        ]
    }
    assert required("front_end", "dns", version) == {"pool": WEB}
    assert required("front_end", "dns", version, collocated_mediation=True) == {"pool": WEB}
    assert required("director", "hardware", version) == {
        "pool": ["80/tcp", "443-444/tcp", "4443/tcp", "5061/tcp", "8080/tcp"]
    }
    assert required("director", "dns", version) == {"pool": WEB}
    assert required("mediation", "hardware", version) == {"pool": ["5070/tcp"]}
    assert required("mediation", "dns", version) == {}


@pytest.mark.parametrize("version", ["lync2013", "sfb2015", "sfb2019"])
def test_edge_ports_per_side(version: str) -> None:
    assert required("edge", "hardware", version) == {
        "edge_internal": ["443/tcp", "5061-5062/tcp", "3478/udp"],
        "edge_access": ["443/tcp", "5061/tcp"],
        "edge_webconf": ["443/tcp"],
        "edge_av": ["443/tcp", "3478/udp"],
    }
    assert required("edge", "dns", version) == {}


def test_edge_ports_not_to_balance() -> None:
    for version in ("lync2013", "sfb2015"):
        forbidden = REQ.query("edge", "hardware", version).forbidden_ports()
        assert {side: ports.to_list() for side, ports in forbidden.items()} == {
            "edge_internal": ["8057/tcp", "23456/tcp"]
        }
    forbidden = REQ.query("edge", "hardware", "sfb2019").forbidden_ports()
    assert {side: ports.to_list() for side, ports in forbidden.items()} == {"edge_internal": ["8057/tcp"]}
    assert REQ.query("front_end", "hardware", "sfb2015").forbidden_ports() == {}


def test_conditional_ports_are_not_required() -> None:
    selection = REQ.query("edge", "hardware", "lync2013")
    wider = selection.required_ports(levels=("required", "conditional"))
    assert wider["edge_access"].to_list() == ["443/tcp", "5061/tcp", "5269/tcp"]
    assert wider["edge_av"].to_list() == ["443/tcp", "50000-59999/tcp", "3478/udp", "50000-59999/udp"]
    conditions = {row.id: row.condition for row in selection.ports if row.level == "conditional"}
    assert "XMPP federation" in conditions["edge-access-5269"]
    assert "Office Communications Server 2007" in conditions["edge-av-50000-udp"]
    sfb2019 = REQ.query("edge", "hardware", "sfb2019").required_ports(levels=("required", "conditional"))
    assert "5269/tcp" not in sfb2019["edge_access"], "SfB 2019 has no XMPP proxy"


def test_no_port_table_for_lync2010_and_ocs() -> None:
    for role in ("front_end", "director", "edge", "mediation"):
        assert REQ.query(role, "hardware", "lync2010").ports == ()
        assert REQ.query(role, "hardware", "ocs2007r2").ports == ()
    assert REQ.query("front_end", "hardware", "ocs2007r2").settings == ()


def test_side_and_service_narrow_the_answer() -> None:
    access = REQ.query("edge", "hardware", "sfb2015", side="edge_access")
    assert {row.side for row in access.ports} == {"edge_access"}
    assert access.not_balanced == ()
    av = REQ.query("edge", "hardware", "sfb2015", service="edge_av")
    assert [row.id for row in av.settings] == ["no-dsr", "edge-av-no-snat", "edge-av-nagle"]
    web_internal = REQ.query("front_end", "hardware", "sfb2015", service="web_internal")
    everything = REQ.query("front_end", "hardware", "sfb2015")
    assert [row.id for row in web_internal.ports] == [row.id for row in everything.ports]
    assert "web-external-port-map" not in [row.id for row in web_internal.settings]
    assert REQ.side_of("web_external") == "pool"
    assert REQ.side_of("edge_webconf") == "edge_webconf"


def test_levels_filter_rows() -> None:
    recommended = REQ.query("front_end", "hardware", "sfb2015", levels=("recommended",))
    assert recommended.ports == ()
    assert [row.id for row in recommended.settings] == ["web-external-persistence"]


def setting_ids(version: str, coexisting: tuple[str, ...] = (), role: str = "front_end") -> list[str]:
    return [row.id for row in REQ.query(role, "hardware", version, coexisting, levels=("required",)).settings]


def test_lync2010_retained_adds_cookie_persistence_only() -> None:
    alone = setting_ids("lync2013")
    migrating = setting_ids("lync2013", ("lync2010",))
    assert "web-lync2010-cookie-persistence" not in alone
    assert migrating == ["web-internal-persistence", "web-lync2010-cookie-persistence"] + alone[1:]
    assert (
        REQ.query("front_end", "hardware", "lync2013", ("lync2010",)).ports
        == REQ.query("front_end", "hardware", "lync2013").ports
    ), "coexisting versions do not change the port table"
    assert setting_ids("lync2010") == [
        "web-internal-persistence",
        "web-lync2010-cookie-persistence",
        "cookie-name",
        "cookie-http-only",
        "cookie-expires",
        "cookie-insert",
    ]


def test_setting_rows_per_role() -> None:
    assert setting_ids("sfb2019", role="mediation") == ["no-dsr"]
    assert setting_ids("sfb2019", role="edge") == ["no-dsr", "edge-av-no-snat", "edge-av-nagle"]
    assert "web-monitor-port" in setting_ids("sfb2019", role="director")


@pytest.mark.parametrize(
    ("role", "mode", "version", "kwargs", "message"),
    [
        ("frontend", "hardware", "sfb2015", {}, "role 'frontend' is not one of: front_end, director, mediation, edge"),
        ("edge", "nat", "sfb2015", {}, "load_balancing 'nat' is not one of: hardware, dns"),
        ("edge", "hardware", "sfb2016", {}, "lync_version 'sfb2016' is not one of: ocs2007r2"),
        ("edge", "hardware", "sfb2015", {"coexisting_versions": ["lync2011"]}, "lync_version 'lync2011' is not"),
        ("edge", "hardware", "sfb2015", {"side": "external"}, "side 'external' is not one of: pool, edge_internal"),
        (
            "edge",
            "hardware",
            "sfb2015",
            {"service": "edge"},
            "unknown VIP service 'edge'; known services: web_internal",
        ),
        ("edge", "hardware", "sfb2015", {"levels": ("must",)}, "level 'must' is not one of: required, conditional"),
    ],
)
def test_query_refuses_unknown_arguments(
    role: str, mode: str, version: str, kwargs: dict[str, t.Any], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        REQ.query(role, mode, version, **kwargs)
    assert message in str(raised.value)


# --- what a rule does with the table ---------------------------------------------------------------------------

F5_POOL01 = [
    {"name": "pool01_web_int", "pool": "pool01.contoso.com", "service": "web_internal", "ports": [443, 80]},
    {
        "name": "pool01_web_ext",
        "pool": "pool01.contoso.com",
        "service": "web_external",
        "ports": [443, 80],
        "port_map": {443: 4443, 80: 8080},
    },
    {"name": "pool01_sip", "pool": "pool01.contoso.com", "service": "sip", "ports": [5061, 444, 135, "5070-5080"]},
]


def missing(vips: t.Sequence[Vip], role: str, mode: str, version: str, **kwargs: t.Any) -> dict[str, str]:
    """required - union(declared) per side, as VIP_PORTS_MISSING computes it."""
    out = {}
    for side, ports in REQ.query(role, mode, version, **kwargs).required_ports().items():
        declared = union(vip.served_ports for vip in vips if REQ.side_of(vip.service) == side)
        if ports - declared:
            out[side] = str(ports - declared)
    return out


def test_rule_arithmetic_on_declared_vips() -> None:
    vips, errors = build_vips(F5_POOL01)
    assert errors == []
    assert missing(vips, "front_end", "hardware", "sfb2015", collocated_mediation=True) == {"pool": "448/tcp"}
    assert missing(vips[:2], "front_end", "dns", "sfb2015") == {}
    assert missing(vips[:1], "front_end", "dns", "sfb2015") == {"pool": "4443/tcp, 8080/tcp"}
    av, errors = build_vips([{"name": "av", "pool": "edge", "service": "edge_av", "ports": [443, "3478/tcp"]}])
    assert missing(av, "edge", "hardware", "sfb2019") == {
        "edge_internal": "443/tcp, 5061-5062/tcp, 3478/udp",
        "edge_access": "443/tcp, 5061/tcp",
        "edge_webconf": "443/tcp",
        "edge_av": "3478/udp",
    }


def vip(**settings: t.Any) -> Vip:
    raw = {"name": "v", "pool": "pool01.contoso.com", "service": "web_internal", "ports": [443, 80], **settings}
    (built,), errors = build_vips([raw])
    assert errors == []
    return built


ROW = {row.id: row for row in REQ.settings}


@pytest.mark.parametrize(
    ("row", "settings", "pool", "verdict"),
    [
        ("web-idle-timeout", {"idle_timeout": 300}, {}, False),
        ("web-idle-timeout", {"idle_timeout": 1800}, {}, True),
        ("web-idle-timeout", {"idle_timeout": 3600}, {}, True),
        ("web-idle-timeout", {}, {}, None),
        ("web-internal-persistence", {"persistence": "none"}, {}, False),
        ("web-internal-persistence", {"persistence": "source_address"}, {}, True),
        ("web-internal-persistence", {"persistence": "cookie"}, {}, True),
        ("web-lync2010-cookie-persistence", {"service": "web_external", "persistence": "source_address"}, {}, False),
        ("web-lync2010-cookie-persistence", {"service": "web_external", "persistence": "cookie"}, {}, True),
        ("cookie-name", {"persistence": "cookie", "cookie": {"name": "BIGipServer"}}, {}, False),
        ("cookie-name", {"persistence": "cookie", "cookie": {"name": "MS-WSMAN"}}, {}, True),
        ("cookie-name", {"persistence": "cookie"}, {}, None),
        ("cookie-http-only", {"persistence": "cookie", "cookie": {"http_only": True}}, {}, False),
        ("cookie-http-only", {"persistence": "cookie", "cookie": {"http_only": "false"}}, {}, True),
        ("cookie-expires", {"persistence": "cookie", "cookie": {"expires": True}}, {}, False),
        ("cookie-insert", {"persistence": "cookie", "cookie": {"insert": "once_per_connection"}}, {}, False),
        ("cookie-insert", {"persistence": "cookie", "cookie": {"insert": "every_response"}}, {}, True),
        ("web-monitor-port", {"monitor_port": 5061}, {}, True),
        ("web-monitor-port", {"monitor_port": 443}, {}, False),
        ("web-monitor-port", {"monitor_port": 5071}, {}, False),
        ("web-monitor-port", {"monitor_port": 5071}, {"hlb_monitoring_port": 5071}, True),
        ("web-monitor-port", {"monitor_port": 5061}, {"hlb_monitoring_port": 5071}, True),
        ("web-request-level-lb", {"request_level_lb": False}, {"mobility": True}, False),
        ("web-request-level-lb", {"request_level_lb": True}, {"mobility": True}, True),
        ("no-dsr", {"mode": "dsr"}, {}, False),
        ("no-dsr", {"mode": "routed"}, {}, True),
        ("no-dsr", {}, {}, None),
        ("web-external-port-map", {"service": "web_external"}, {}, False),
        ("web-external-port-map", {"service": "web_external", "port_map": {443: 4443}}, {}, False),
        ("web-external-port-map", {"service": "web_external", "port_map": {443: 4443, 80: 8080}}, {}, True),
        ("web-external-port-map", {"service": "web_external", "ports": [4443, 8080]}, {}, True),
        ("edge-av-no-snat", {"service": "edge_av", "ports": ["3478/udp", 443], "snat": True}, {}, False),
        ("edge-av-no-snat", {"service": "edge_av", "ports": ["3478/udp", 443], "snat": False}, {}, True),
        ("edge-av-nagle", {"service": "edge_av", "ports": ["3478/udp", 443], "nagle": True}, {}, False),
        ("edge-av-nagle", {"service": "edge_av", "ports": ["50000-59999/tcp"], "nagle": False}, {}, True),
    ],
)
def test_setting_rows_judge_a_vip(
    row: str, settings: dict[str, t.Any], pool: dict[str, t.Any], verdict: bool | None
) -> None:
    requirement = ROW[row]
    declared = vip(**settings)
    assert requirement.applies_to(declared, pool)
    assert requirement.check(declared, pool) is verdict


@pytest.mark.parametrize(
    ("row", "settings", "pool"),
    [
        ("cookie-name", {"persistence": "source_address"}, {}),
        ("cookie-name", {}, {}),
        ("web-request-level-lb", {"request_level_lb": False}, {"mobility": False}),
        ("web-request-level-lb", {"request_level_lb": False}, {}),
        ("edge-av-nagle", {"service": "edge_av", "ports": ["3478/udp"], "nagle": True}, {}),
        ("edge-av-no-snat", {"service": "edge_access", "snat": True}, {}),
        ("web-external-port-map", {"service": "web_internal"}, {}),
    ],
)
def test_setting_rows_near_miss_do_not_apply(row: str, settings: dict[str, t.Any], pool: dict[str, t.Any]) -> None:
    assert not ROW[row].applies_to(vip(**settings), pool)


def test_descriptions() -> None:
    assert ROW["web-idle-timeout"].describe() == "idle_timeout: at least 1800"
    assert ROW["cookie-http-only"].describe() == "cookie.http_only: false"
    assert ROW["web-internal-persistence"].describe() == "persistence: one of source_address, cookie"
    assert ROW["no-dsr"].describe() == "mode: not dsr"
    assert ROW["web-external-port-map"].describe() == "port_map: reaches the servers on 4443/tcp, 8080/tcp"
    assert ROW["web-monitor-port"].describe() == "monitor_port: one of 5061, pool.hlb_monitoring_port"
    assert ROW["web-monitor-port"].describe({}) == "monitor_port: one of 5061"
    assert ROW["web-monitor-port"].describe({"hlb_monitoring_port": 5071}) == "monitor_port: one of 5061, 5071"


def test_to_data_writes_sources_and_decisions_out() -> None:
    data = REQ.to_data(REQ.query("director", "dns", "sfb2015", service="web_external"))
    assert data["requirements_version"] == REQ.version
    assert data["required_ports"] == {"pool": WEB}
    http = next(row for row in data["ports"] if row["id"] == "dir-dns-8080")
    assert http["ports"] == ["8080/tcp"] and http["decision"] == "director-web-http"
    assert {source["id"] for source in http["sources"]} == {"L13-DDPS", "L13-RPPS"}
    assert all(source["url"].startswith("http") and source["title"] for source in http["sources"])
    assert set(data["decisions"]) == {
        "director-web-http",
        "web-external-affinity",
        "cookie-rules-all-versions",
        "web-monitor",
    }
    assert data["decisions"]["director-web-http"]["reasoning"]
    idle = next(row for row in data["settings"] if row["id"] == "web-idle-timeout")
    assert idle["expect"] == {"min": 1800} and idle["description"] == "idle_timeout: at least 1800"
    port_map = next(row for row in data["settings"] if row["id"] == "web-external-port-map")
    assert port_map["expect"] == {"serves": ["4443/tcp", "8080/tcp"]}


def test_shipped_is_parsed_once() -> None:
    assert shipped() is shipped()
    assert REQ.sources["SFB-LB"].url.startswith("https://learn.microsoft.com/")


# --- the loader's refusals ------------------------------------------------------------------------------------


def write(tmp_path: Path, change: t.Callable[[dict[str, t.Any]], None]) -> Path:
    data = yaml.safe_load(REQUIREMENTS_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "requirements.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (lambda d: d["ports"][0].update(sources=["NOPE"]), ("$.ports[0] (fe-hlb-5061): unknown source 'NOPE'",)),
        (lambda d: d["settings"][1].update(decision="nope"), ("$.settings[1]", "unknown decision 'nope'")),
        (lambda d: d["ports"][1].update(id="fe-hlb-5061"), ("$.ports[1] (fe-hlb-5061): id used twice",)),
        (lambda d: d["not_balanced"][0].update(side="inside"), ("unknown side 'inside'",)),
        (lambda d: d["ports"][0].update(port="5061/sctp"), ("$.ports[0].port", "does not match")),
        (lambda d: d["settings"][0].pop("sources"), ("$.settings[0]", "missing required key 'sources'")),
    ],
)
def test_load_refuses_a_broken_file(
    tmp_path: Path, change: t.Callable[[dict[str, t.Any]], None], needles: tuple[str, ...]
) -> None:
    path = write(tmp_path, change)
    with pytest.raises(RequirementsError) as raised:
        load(path)
    assert str(path) in str(raised.value)
    for needle in needles:
        assert needle in str(raised.value)


def test_load_refuses_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("ports: [\n", encoding="utf-8")
    with pytest.raises(lb_requirements.DatasetError, match="cannot parse"):
        load(path)


def test_load_of_the_shipped_file_equals_shipped() -> None:
    assert load() == REQ
    assert isinstance(REQ.ports[0].ports, PortSet)


# --- the README's example ---------------------------------------------------------------------------------------

README = Path(__file__).resolve().parents[5] / "README.md"
EXAMPLE_POOLS = {  # pool -> (role, load_balancing, pool settings), as the README's example declares them
    "pool01.contoso.com": ("front_end", "dns", {"mobility": True}),
    "dir01.contoso.com": ("director", "hardware", {}),
    "edge.contoso.com": ("edge", "hardware", {}),
}


def test_readme_example_is_valid_and_meets_every_required_row() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("# host_vars/ltm01.contoso.com.yml\n", 1)[1].split("```", 1)[0]
    vips, errors = build_vips(yaml.safe_load(block)["lb_vips"])
    assert errors == []
    assert {vip.pool for vip in vips} == set(EXAMPLE_POOLS)
    for pool, (role, mode, settings) in EXAMPLE_POOLS.items():
        mine = [vip for vip in vips if vip.pool == pool]
        selection = REQ.query(role, mode, "sfb2015", levels=("required",))
        assert missing(mine, role, mode, "sfb2015") == {}, pool
        for side, forbidden in selection.forbidden_ports().items():
            assert not union(vip.listen_ports for vip in mine if REQ.side_of(vip.service) == side) & forbidden
        for row in selection.settings:
            for vip in mine:
                if row.applies_to(vip, settings):
                    assert row.check(vip, settings) is True, (pool, vip.name, row.id)
