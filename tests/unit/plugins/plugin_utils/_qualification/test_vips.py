# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The VIP model: every input error with its located message, INI booleans, and the frozen VIPs."""

from __future__ import annotations

import copy
import dataclasses
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import PortRange
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import json_path
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import InputError
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import (
    SETTINGS,
    Cookie,
    Vip,
    build_vips,
)

BASE = ("load_balancers", "ltm01", "vips")


def locate(parts: tuple[t.Any, ...]) -> str:
    """What the inventory mode's locate does for a load balancer's VIPs."""
    assert parts[:3] == BASE, parts
    return "hostvars['ltm01'].lb_vips" + json_path(parts[3:], "")


SIP = {"name": "pool01_sip", "pool": "pool01.contoso.com", "service": "sip", "ports": [5061, 444, 135]}


def errors_of(raw: t.Any) -> list[tuple[str, str]]:
    vips, errors = build_vips(raw, locate, BASE)
    assert errors and vips == ()
    assert all(isinstance(error, InputError) for error in errors)
    return [(error.path, error.message) for error in errors]


@pytest.mark.parametrize(
    ("raw", "path", "needles"),
    [
        ({"name": "x"}, "hostvars['ltm01'].lb_vips", ("is a mapping, expected a list",)),
        ("443", "hostvars['ltm01'].lb_vips", ("is a string, expected a list",)),
        (["pool01_sip"], "hostvars['ltm01'].lb_vips[0]", ("is a string, expected a mapping",)),
        (
            [dict(SIP, colour="red")],
            "hostvars['ltm01'].lb_vips[0]",
            ('unknown key(s) "colour"', "allowed keys: cookie"),
        ),
        ([dict(SIP, name=5)], "hostvars['ltm01'].lb_vips[0].name", ("5 is a number, expected a string",)),
        ([dict(SIP, name="")], "hostvars['ltm01'].lb_vips[0].name", ("name is empty", "unique on this load balancer")),
        ([dict(SIP, name="x" * 256)], "hostvars['ltm01'].lb_vips[0].name", ("1 to 255 printable characters",)),
        ([dict(SIP, pool=" pool01.contoso.com")], "hostvars['ltm01'].lb_vips[0].pool", ("no surrounding whitespace",)),
        ([dict(SIP, pool="")], "hostvars['ltm01'].lb_vips[0].pool", ("pool is empty", "FQDN of the pool")),
        (
            [dict(SIP, service="web")],
            "hostvars['ltm01'].lb_vips[0].service",
            ('"web" is not one of: web_internal, web_external, sip',),
        ),
        ([dict(SIP, ports="5061")], "hostvars['ltm01'].lb_vips[0].ports", ("is a string, expected a list",)),
        ([dict(SIP, ports=[])], "hostvars['ltm01'].lb_vips[0].ports", ("ports is empty", "[443, 80]")),
        ([dict(SIP, ports=[5061, 70000])], "hostvars['ltm01'].lb_vips[0].ports[1]", ("port 70000 is outside 1-65535",)),
        ([dict(SIP, ports=[0])], "hostvars['ltm01'].lb_vips[0].ports[0]", ("port 0 is outside 1-65535",)),
        (
            [dict(SIP, ports=[5061, "70000/udp"])],
            "hostvars['ltm01'].lb_vips[0].ports[1]",
            ("'70000/udp'", "outside 1-65535"),
        ),
        (
            [dict(SIP, ports=["59999-50000/udp"])],
            "hostvars['ltm01'].lb_vips[0].ports[0]",
            ("starts above its end", "50000-59999/udp"),
        ),
        ([dict(SIP, ports=["3478/sctp"])], "hostvars['ltm01'].lb_vips[0].ports[0]", ("unknown protocol 'sctp'",)),
        ([dict(SIP, ports=["sip"])], "hostvars['ltm01'].lb_vips[0].ports[0]", ("'sip' is not a port", '"3478/udp"')),
        ([dict(SIP, ports=[True])], "hostvars['ltm01'].lb_vips[0].ports[0]", ("True is not a port",)),
        ([dict(SIP, ports=[5061.0])], "hostvars['ltm01'].lb_vips[0].ports[0]", ("5061.0 is not a port",)),
        ([dict(SIP, port_map=[5061])], "hostvars['ltm01'].lb_vips[0].port_map", ("is a list, expected a mapping",)),
        (
            [dict(SIP, port_map={443: 4443})],
            "hostvars['ltm01'].lb_vips[0].port_map[443]",
            ("VIP port 443/tcp is not among the VIP's ports (135/tcp, 444/tcp, 5061/tcp)", "add it to ports"),
        ),
        (
            [dict(SIP, port_map={"5061-5062": 5061})],
            "hostvars['ltm01'].lb_vips[0].port_map['5061-5062']",
            ("one port to one port, not a range",),
        ),
        (
            [dict(SIP, port_map={"https": 4443})],
            "hostvars['ltm01'].lb_vips[0].port_map.https",
            ("'https' is not a port",),
        ),
        ([dict(SIP, port_map={5061: "tls"})], "hostvars['ltm01'].lb_vips[0].port_map[5061]", ("'tls' is not a port",)),
        ([dict(SIP, port_map={5061: 70000})], "hostvars['ltm01'].lb_vips[0].port_map[5061]", ("outside 1-65535",)),
        (
            [dict(SIP, port_map={5061: "5061/udp"})],
            "hostvars['ltm01'].lb_vips[0].port_map[5061]",
            ("5061/tcp is mapped to 5061/udp", "keeps the protocol"),
        ),
        (
            [dict(SIP, persistence="sticky")],
            "hostvars['ltm01'].lb_vips[0].persistence",
            ('"sticky" is not one of: none, source_address, cookie',),
        ),
        (
            [dict(SIP, persistence="none", cookie={"name": "MS-WSMAN"})],
            "hostvars['ltm01'].lb_vips[0].cookie",
            ("persistence is 'none'", "set persistence: cookie, or remove the cookie settings"),
        ),
        (
            [dict(SIP, cookie={"name": "MS-WSMAN", "secure": True})],
            "hostvars['ltm01'].lb_vips[0].cookie",
            ('unknown key(s) "secure"', "allowed keys: expires, http_only, insert, name"),
        ),
        (
            [dict(SIP, cookie={"insert": "once"})],
            "hostvars['ltm01'].lb_vips[0].cookie.insert",
            ('"once" is not one of: every_response, once_per_connection',),
        ),
        (
            [dict(SIP, cookie={"http_only": "maybe"})],
            "hostvars['ltm01'].lb_vips[0].cookie.http_only",
            ('"maybe" is a string, expected a boolean',),
        ),
        ([dict(SIP, cookie="MS-WSMAN")], "hostvars['ltm01'].lb_vips[0].cookie", ("is a string, expected a mapping",)),
        ([dict(SIP, idle_timeout="1800s")], "hostvars['ltm01'].lb_vips[0].idle_timeout", ("is a string, expected",)),
        ([dict(SIP, idle_timeout=-1)], "hostvars['ltm01'].lb_vips[0].idle_timeout", ("number of seconds, 0 or more",)),
        ([dict(SIP, snat="maybe")], "hostvars['ltm01'].lb_vips[0].snat", ('"maybe" is a string, expected a boolean',)),
        ([dict(SIP, nagle=1)], "hostvars['ltm01'].lb_vips[0].nagle", ("1 is a number, expected a boolean",)),
        (
            [dict(SIP, request_level_lb=None)],
            "hostvars['ltm01'].lb_vips[0].request_level_lb",
            ("null, expected a boolean",),
        ),
        ([dict(SIP, mode="nat")], "hostvars['ltm01'].lb_vips[0].mode", ('"nat" is not one of: proxy, routed, dsr',)),
        ([dict(SIP, monitor_port=0)], "hostvars['ltm01'].lb_vips[0].monitor_port", ("port 0 is outside 1-65535",)),
        ([dict(SIP, monitor_port="5061")], "hostvars['ltm01'].lb_vips[0].monitor_port", ("is a string, expected",)),
    ],
)
def test_input_error_is_located_and_says_what_to_do(raw: t.Any, path: str, needles: tuple[str, ...]) -> None:
    errors = errors_of(raw)
    assert [error_path for error_path, _message in errors] == [path], errors
    for needle in needles:
        assert needle in errors[0][1]


def test_missing_required_keys_are_each_reported() -> None:
    assert errors_of([{}]) == [
        ("hostvars['ltm01'].lb_vips[0]", f"missing required key '{key}'")
        for key in ("name", "pool", "ports", "service")
    ]


def test_duplicate_name_names_the_first_vip() -> None:
    raw = [SIP, dict(SIP, service="mediation", ports=[5070]), dict(SIP, name="other")]
    assert errors_of(raw) == [
        (
            "hostvars['ltm01'].lb_vips[1].name",
            "VIP name 'pool01_sip' is already used by VIP [0] of this load balancer: give each VIP its own name",
        )
    ]


def test_every_error_of_every_vip_is_reported_at_once() -> None:
    raw = [
        dict(SIP, ports=[5061, "x"], mode="nat"),
        {"name": "b", "pool": "p", "service": "sip", "ports": [1], "snat": "sometimes"},
    ]
    assert [path for path, _message in errors_of(raw)] == [
        "hostvars['ltm01'].lb_vips[0].mode",
        "hostvars['ltm01'].lb_vips[0].ports[1]",
        "hostvars['ltm01'].lb_vips[1].snat",
    ]


def test_default_locate_is_a_json_path() -> None:
    _vips, errors = build_vips([dict(SIP, ports=[0])])
    assert [error.path for error in errors] == ["$[0].ports[0]"]


WEB_EXTERNAL = {
    "name": "pool01_web_ext",
    "pool": "pool01.contoso.com",
    "service": "web_external",
    "ports": [443, 80],
    "port_map": {443: 4443, "80/tcp": "8080"},
    "persistence": "cookie",
    "cookie": {"name": "MS-WSMAN", "http_only": "false", "expires": "no", "insert": "every_response"},
    "idle_timeout": 1800,
    "snat": "true",
    "mode": "proxy",
    "nagle": "False",
    "monitor_port": 5061,
    "request_level_lb": "yes",
}


def test_a_valid_list_becomes_frozen_vips() -> None:
    raw = [WEB_EXTERNAL, SIP]
    before = copy.deepcopy(raw)
    vips, errors = build_vips(raw, locate, BASE)
    assert errors == []
    assert raw == before, "the input is never modified"
    web, sip = vips
    assert web == Vip(
        name="pool01_web_ext",
        pool="pool01.contoso.com",
        service="web_external",
        ports=(PortRange("tcp", 443, 443), PortRange("tcp", 80, 80)),
        port_map=(
            (PortRange("tcp", 443, 443), PortRange("tcp", 4443, 4443)),
            (PortRange("tcp", 80, 80), PortRange("tcp", 8080, 8080)),
        ),
        persistence="cookie",
        cookie=Cookie("MS-WSMAN", False, False, "every_response"),
        idle_timeout=1800,
        snat=True,
        mode="proxy",
        nagle=False,
        monitor_port=5061,
        request_level_lb=True,
        path="hostvars['ltm01'].lb_vips[0]",
    )
    assert sip.path == "hostvars['ltm01'].lb_vips[1]"
    with pytest.raises(dataclasses.FrozenInstanceError):
        web.name = "other"  # type: ignore[misc]


def test_ports_listened_on_and_served() -> None:
    (web,), _errors = build_vips([WEB_EXTERNAL])
    assert web.listen_ports.to_list() == ["80/tcp", "443/tcp"]
    assert web.served_ports.to_list() == ["4443/tcp", "8080/tcp"]
    (av,), _errors = build_vips(
        [
            {
                "name": "av",
                "pool": "edge.contoso.com",
                "service": "edge_av",
                "ports": ["3478/udp", 443, "50000-59999/udp"],
                "port_map": {"3478/udp": 3479},
            }
        ]
    )
    assert av.served_ports.to_list() == ["443/tcp", "3479/udp", "50000-59999/udp"]


def test_left_out_settings_stay_none_and_are_listed() -> None:
    (sip,), _errors = build_vips([SIP])
    assert sip.persistence is None and sip.cookie is None and sip.snat is None
    assert sip.undeclared() == SETTINGS
    assert sip.undeclared(("mode", "idle_timeout")) == ("mode", "idle_timeout")
    (web,), _errors = build_vips([WEB_EXTERNAL])
    assert web.undeclared() == ()
    assert web.setting("cookie.name") == "MS-WSMAN"
    (partial,), _errors = build_vips([dict(SIP, persistence="cookie", cookie={"name": "MS-WSMAN"})])
    assert partial.undeclared() == (
        "cookie.http_only",
        "cookie.expires",
        "cookie.insert",
        "idle_timeout",
        "snat",
        "mode",
        "nagle",
        "monitor_port",
        "request_level_lb",
    )


def test_unknown_setting_name_is_a_programming_error() -> None:
    (sip,), _errors = build_vips([SIP])
    with pytest.raises(KeyError, match="unknown VIP setting 'colour'"):
        sip.setting("colour")


def test_to_dict_is_plain_data() -> None:
    (web, sip), _errors = build_vips([WEB_EXTERNAL, SIP])
    assert web.to_dict() == {
        "name": "pool01_web_ext",
        "pool": "pool01.contoso.com",
        "service": "web_external",
        "ports": ["443/tcp", "80/tcp"],
        "port_map": {"443/tcp": "4443/tcp", "80/tcp": "8080/tcp"},
        "persistence": "cookie",
        "idle_timeout": 1800,
        "snat": True,
        "mode": "proxy",
        "nagle": False,
        "monitor_port": 5061,
        "request_level_lb": True,
        "cookie": {"name": "MS-WSMAN", "http_only": False, "expires": False, "insert": "every_response"},
    }
    assert sip.to_dict() == {
        "name": "pool01_sip",
        "pool": "pool01.contoso.com",
        "service": "sip",
        "ports": ["5061/tcp", "444/tcp", "135/tcp"],
    }


@pytest.mark.parametrize("raw", [None, []])
def test_no_vips(raw: t.Any) -> None:
    assert build_vips(raw, locate, BASE) == ((), [])
