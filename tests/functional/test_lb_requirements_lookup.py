# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lb_requirements lookup under a real ansible-playbook run with the installed collection: in tasks, in a
template that writes load balancer configuration from the table, and its errors.

One playbook run does everything; the test then reads the files the play wrote.
"""

from __future__ import annotations

import pathlib
import typing as t

import pytest

from ._support import play_queries

LOOKUP = "lync.lb_qualification.lb_requirements"

# name -> Jinja expression evaluated in a task; its value is written to queries.json.
QUERIES = {
    "fe_hlb_mediation": f"lookup('{LOOKUP}', role='front_end', lync_version='sfb2015', "
    "collocated_mediation=true).required_ports.pool",
    "fe_dns": f"lookup('{LOOKUP}', role='front_end', load_balancing='dns', lync_version='sfb2019').required_ports",
    "director_dns": f"lookup('{LOOKUP}', role='director', load_balancing='dns', lync_version='lync2013')"
    ".required_ports.pool",
    "mediation_hlb": f"lookup('{LOOKUP}', role='mediation', lync_version='sfb2015').required_ports",
    "edge": f"lookup('{LOOKUP}', role='edge', lync_version='lync2013').required_ports",
    "edge_forbidden": f"lookup('{LOOKUP}', role='edge', lync_version='sfb2015').forbidden_ports",
    "edge_av_conditional": f"lookup('{LOOKUP}', role='edge', lync_version='sfb2015', side='edge_av', "
    "level=['conditional']).ports | map(attribute='ports') | flatten",
    "migration_web_external": f"lookup('{LOOKUP}', role='front_end', lync_version='lync2013', "
    "coexisting_versions=['lync2010'], service='web_external', level=['required'])"
    ".settings | map(attribute='description') | list",
    "query_is_a_list": f"query('{LOOKUP}', role='mediation', lync_version='sfb2019') "
    "| map(attribute='required_ports') | list",
    "row_sources": f"lookup('{LOOKUP}', role='director', lync_version='sfb2015').ports "
    "| selectattr('id', 'equalto', 'dir-hlb-8080') | map(attribute='sources') | flatten "
    "| map(attribute='id') | list",
    "decision": f"lookup('{LOOKUP}', role='director', lync_version='sfb2015').decisions['director-web-http'].decision",
}

# name -> lookup call that must fail; the failed result is written to errors.json.
ERRORS = {
    "unknown_option": f"lookup('{LOOKUP}', role='edge', lync_version='sfb2015', colour='red')",
    "bad_role": f"lookup('{LOOKUP}', role='frontend', lync_version='sfb2015')",
    "bad_version": f"lookup('{LOOKUP}', role='edge', lync_version='sfb2016')",
    "bad_bool": f"lookup('{LOOKUP}', role='front_end', lync_version='sfb2015', collocated_mediation='maybe')",
    "terms": f"lookup('{LOOKUP}', 'front_end', role='front_end', lync_version='sfb2015')",
    "no_role": f"lookup('{LOOKUP}', lync_version='sfb2015')",
}

# A template generating load balancer configuration from the table: one line per port row of an Edge pool.
TEMPLATE = f"""\
{{% set req = lookup('{LOOKUP}', role='edge', lync_version='sfb2019', level=['required']) %}}
{{% for row in req.ports %}}
vip {{{{ row.side }}}} {{{{ row.ports | join(' ') }}}} # {{{{ row.sources | map(attribute='id') | join(',') }}}}
{{% endfor %}}
{{% for side, ports in req.forbidden_ports.items() %}}
never {{{{ side }}}} {{{{ ports | join(' ') }}}}
{{% endfor %}}
"""


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory, collections_path: pathlib.Path) -> dict[str, t.Any]:
    work = tmp_path_factory.mktemp("lb_requirements")
    return play_queries(work, collections_path, QUERIES, ERRORS, TEMPLATE, "edge.cfg")


WEB = ["80/tcp", "443/tcp", "4443/tcp", "8080/tcp"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "fe_hlb_mediation",
            [
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
            ],
        ),
        ("fe_dns", {"pool": WEB}),
        ("director_dns", WEB),
        ("mediation_hlb", {"pool": ["5070/tcp"]}),
        (
            "edge",
            {
                "edge_internal": ["443/tcp", "5061-5062/tcp", "3478/udp"],
                "edge_access": ["443/tcp", "5061/tcp"],
                "edge_webconf": ["443/tcp"],
                "edge_av": ["443/tcp", "3478/udp"],
            },
        ),
        ("edge_forbidden", {"edge_internal": ["8057/tcp", "23456/tcp"]}),
        ("edge_av_conditional", ["50000-59999/tcp", "50000-59999/udp"]),
        (
            "migration_web_external",
            [
                "persistence: cookie",
                "cookie.name: MS-WSMAN",
                "cookie.http_only: false",
                "cookie.expires: false",
                "cookie.insert: every_response",
                "idle_timeout: at least 1800",
                "port_map: reaches the servers on 4443/tcp, 8080/tcp",
                "monitor_port: one of 5061, pool.hlb_monitoring_port",
                "request_level_lb: true",
                "mode: not dsr",
            ],
        ),
        ("query_is_a_list", [{"pool": ["5070/tcp"]}]),
        ("row_sources", ["L13-DPS", "L13-RPPS"]),
        ("decision", "Require 80/tcp and 8080/tcp on a Director pool's VIPs in both modes, as for Front End pools."),
    ],
)
def test_query_in_a_task(played: dict[str, t.Any], name: str, expected: t.Any) -> None:
    assert played["queries"][name] == expected


def test_lookup_in_a_template(played: dict[str, t.Any]) -> None:
    lines = [line for line in played["template"].splitlines() if line]
    assert lines[0] == "vip edge_internal 5061/tcp # L13-EPS,SFB-EDGE-ENV"
    assert "vip edge_av 3478/udp # L13-EPS,SFB-EDGE-ENV" in lines
    assert not any("5269" in line or "50000" in line for line in lines), "conditional rows were filtered out"
    assert lines[-1] == "never edge_internal 8057/tcp", "SfB 2019 has no XMPP proxy, so no 23456"
    assert len(lines) == 10  # 4 internal, 2 Access, 1 Web Conferencing, 2 A/V, 1 never


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("unknown_option", ("unknown option(s) colour", "valid options: role")),
        ("bad_role", ("role 'frontend' is not one of: front_end, director, mediation, edge",)),
        ("bad_version", ("lync_version 'sfb2016' is not one of",)),
        ("bad_bool", ("collocated_mediation must be true or false, got 'maybe'",)),
        ("terms", ("takes no terms",)),
        ("no_role", ("lb_requirements:", "role")),
    ],
)
def test_lookup_errors_fail_the_task_with_a_message(
    played: dict[str, t.Any], name: str, needles: tuple[str, ...]
) -> None:
    result = played["errors"][name]
    assert result["failed"] is True
    for needle in needles:
        assert needle in result["msg"]
