# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lb_requirements lookup: its answer is the core query's, and every bad argument is an error that names it."""

from __future__ import annotations

import typing as t

import pytest
from ansible.errors import AnsibleLookupError

from ansible_collections.lync.lb_qualification.plugins.lookup import lb_requirements
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.lb_requirements import shipped

NAME = "lync.lb_qualification.lb_requirements"
LOOKUP_PLUGIN = lb_requirements


def lookup(*terms: t.Any, **options: t.Any) -> list[dict[str, t.Any]]:
    plugin = lb_requirements.LookupModule()
    plugin._load_name = NAME
    return plugin.run(list(terms), variables={}, **options)


def test_answer_is_the_core_query_with_defaults() -> None:
    (answer,) = lookup(role="front_end", lync_version="sfb2015")
    requirements = shipped()
    assert answer == requirements.to_data(requirements.query("front_end", "hardware", "sfb2015"))
    assert answer["required_ports"]["pool"][0] == "80/tcp"
    assert "5070/tcp" not in answer["required_ports"]["pool"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"role": "front_end", "lync_version": "sfb2019", "collocated_mediation": True},
            {
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
            },
        ),
        (
            {"role": "front_end", "lync_version": "sfb2019", "collocated_mediation": "yes", "load_balancing": "dns"},
            {"pool": ["80/tcp", "443/tcp", "4443/tcp", "8080/tcp"]},
        ),
        ({"role": "mediation", "lync_version": "lync2013", "load_balancing": "dns"}, {}),
        ({"role": "edge", "lync_version": "lync2013", "side": "edge_av"}, {"edge_av": ["443/tcp", "3478/udp"]}),
        (
            {"role": "edge", "lync_version": "lync2013", "service": "edge_internal"},
            {"edge_internal": ["443/tcp", "5061-5062/tcp", "3478/udp"]},
        ),
    ],
)
def test_required_ports(options: dict[str, t.Any], expected: dict[str, list[str]]) -> None:
    (answer,) = lookup(**options)
    assert answer["required_ports"] == expected


def test_level_and_coexisting_versions() -> None:
    (answer,) = lookup(
        role="director",
        lync_version="lync2013",
        coexisting_versions=["lync2010"],
        service="web_external",
        level=["required"],
    )
    assert [row["id"] for row in answer["settings"]][:2] == ["web-lync2010-cookie-persistence", "cookie-name"]
    assert {row["level"] for row in answer["settings"] + answer["ports"]} == {"required"}
    (comma,) = lookup(
        role="director",
        lync_version="lync2013",
        coexisting_versions="lync2010",
        service="web_external",
        level="required",
    )
    assert comma == answer, "a comma-separated string is a list, as Ansible reads list options"


@pytest.mark.parametrize(
    ("terms", "options", "message"),
    [
        (["front_end"], {"role": "front_end", "lync_version": "sfb2015"}, "takes no terms"),
        (
            [],
            {"role": "front_end", "lync_version": "sfb2015", "colour": "red"},
            "unknown option(s) colour; valid options: role, load_balancing",
        ),
        (
            [],
            {"role": "frontend", "lync_version": "sfb2015"},
            "role 'frontend' is not one of: front_end, director, mediation, edge",
        ),
        ([], {"role": "edge", "lync_version": "sfb2016"}, "lync_version 'sfb2016' is not one of: ocs2007r2"),
        (
            [],
            {"role": "edge", "lync_version": 2013},
            "lync_version must be a string or a list of strings, got a number",
        ),
        (
            [],
            {"role": "edge", "lync_version": "sfb2015", "coexisting_versions": ["lync2011"]},
            "coexisting_versions 'lync2011' is not one of",
        ),
        (
            [],
            {"role": "edge", "lync_version": "sfb2015", "coexisting_versions": {"a": 1}},
            "coexisting_versions must be a list, got a mapping",
        ),
        (
            [],
            {"role": "edge", "lync_version": "sfb2015", "level": ["must"]},
            "level 'must' is not one of: required, conditional, recommended",
        ),
        (
            [],
            {"role": "edge", "lync_version": "sfb2015", "collocated_mediation": "maybe"},
            "collocated_mediation must be true or false, got 'maybe'",
        ),
        (
            [],
            {"role": "edge", "lync_version": "sfb2015", "side": "edge_av", "service": "edge_av"},
            "side and service are mutually exclusive",
        ),
    ],
)
def test_bad_arguments_fail_with_a_message(terms: list[t.Any], options: dict[str, t.Any], message: str) -> None:
    with pytest.raises(AnsibleLookupError) as raised:
        lookup(*terms, **options)
    assert message in str(raised.value)
    assert str(raised.value).startswith("lb_requirements: ")


def test_missing_role_names_the_option() -> None:
    with pytest.raises(AnsibleLookupError, match="role"):
        lookup(lync_version="sfb2015")
