# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a parsed topology becomes: the inventory plugin's groups and variables, the filter's explicit document."""

from __future__ import annotations

import pathlib

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_views as tv
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_xml as tx

EXAMPLE = pathlib.Path(__file__).resolve().parents[5] / "examples" / "topologies" / "topology_builder" / "contoso.tbxml"


@pytest.fixture(scope="module")
def parsed() -> tx.ParsedTopology:
    return tx.parse(EXAMPLE.read_bytes())


def test_explicit_document(parsed: tx.ParsedTopology) -> None:
    document = tv.explicit_document(parsed)
    assert document["lync_version"] == "sfb2015"
    assert document["coexisting_versions"] == ["lync2013"]
    assert document["pools"]["pool01.contoso.com"] == {
        "role": "front_end",
        "servers": [f"lyncfe{n:02d}.contoso.com" for n in range(1, 7)],
        "collocated_mediation": False,
    }
    assert document["pools"]["sfbpool01.contoso.com"]["collocated_mediation"] is True
    assert document["pools"]["edgepool01.dmz.contoso.com"] == {
        "role": "edge",
        "servers": [f"lyncedge{n:02d}.dmz.contoso.com" for n in range(1, 4)],
        "external_nat": True,
    }
    assert document["pools"]["dirpool01.contoso.com"] == {
        "role": "director",
        "servers": ["lyncdir01.contoso.com", "lyncdir02.contoso.com"],
    }
    assert document["pools"]["medpool01.contoso.com"] == {
        "role": "mediation",
        "servers": ["lyncmed01.contoso.com", "lyncmed02.contoso.com"],
    }


def test_explicit_document_without_coexistence(parsed: tx.ParsedTopology) -> None:
    single = tx.ParsedTopology(
        parsed.form, {"pool01.contoso.com": parsed.pools["pool01.contoso.com"]}, parsed.sites, {}, {}
    )
    assert tv.explicit_document(single) == {
        "lync_version": "lync2013",
        "pools": {
            "pool01.contoso.com": {
                "role": "front_end",
                "servers": list(parsed.pools["pool01.contoso.com"].servers),
                "collocated_mediation": False,
            }
        },
    }


def test_inventory_layout_default_names(parsed: tx.ParsedTopology) -> None:
    layout = tv.inventory_layout(parsed)
    assert layout.children == {"lync_servers": ["lync_front_end", "lync_director", "lync_edge", "lync_mediation"]}
    assert len(layout.groups["lync_front_end"]) == 9 and len(layout.groups["lync_edge"]) == 3
    assert layout.groups["lync_mediation"] == ["lyncmed01.contoso.com", "lyncmed02.contoso.com"]
    assert layout.groups["lync_site_amsterdam"] == ["sfbfe01.contoso.com", "sfbfe02.contoso.com", "sfbfe03.contoso.com"]
    assert len(layout.groups["lync_site_dublin"]) == 13
    assert layout.all_vars == {"lync_version": "sfb2015", "lync_coexisting_versions": ["lync2013"]}
    assert layout.hostvars["sfbfe01.contoso.com"] == {
        "lync_pool": "sfbpool01.contoso.com",
        "lync_site": "Amsterdam",
        "lync_pool_version": "sfb2015",
        "lync_collocated_mediation": True,
        "lync_web_internal_fqdn": "sfbwebint01.contoso.com",
        "lync_web_external_fqdn": "sfbwebext01.contoso.com",
    }
    assert layout.hostvars["lyncedge01.dmz.contoso.com"] == {
        "lync_pool": "edgepool01.dmz.contoso.com",
        "lync_site": "Dublin",
        "lync_pool_version": "lync2013",
        "lync_edge_external_nat": True,
    }
    assert layout.hostvars["lyncmed01.contoso.com"] == {
        "lync_pool": "medpool01.contoso.com",
        "lync_site": "Dublin",
        "lync_pool_version": "lync2013",
    }


def test_inventory_layout_overridden_names(parsed: tx.ParsedTopology) -> None:
    layout = tv.inventory_layout(parsed, {"edge": "dmz_edge", "servers": "skype"}, "site_")
    assert layout.children == {"skype": ["lync_front_end", "lync_director", "dmz_edge", "lync_mediation"]}
    assert "dmz_edge" in layout.groups and "lync_edge" not in layout.groups
    assert {"site_dublin", "site_amsterdam"} <= set(layout.groups)


@pytest.mark.parametrize(
    "site,group", [("Dublin HQ", "lync_site_dublin_hq"), ("Zürich-1", "lync_site_z_rich_1"), ("A.B", "lync_site_a_b")]
)
def test_site_group_names(site: str, group: str) -> None:
    assert tv.site_group(tv.DEFAULT_SITE_GROUP_PREFIX, site) == group


@pytest.mark.parametrize(
    "groups,prefix,needle",
    [
        ({"frontend": "x"}, "lync_site_", "no key 'frontend'"),
        ({"edge": "lync edge"}, "lync_site_", "inventory_groups.edge is 'lync edge'"),
        ({"edge": "lync_director"}, "lync_site_", "the same group twice"),
        ({}, "9site", "site_group_prefix is '9site'"),
    ],
)
def test_check_group_names(groups: dict[str, str], prefix: str, needle: str) -> None:
    problems = tv.check_group_names(groups, prefix)
    assert any(needle in problem for problem in problems), problems


def test_check_group_names_accepts_the_defaults() -> None:
    assert tv.check_group_names({}, tv.DEFAULT_SITE_GROUP_PREFIX) == []
    assert tv.check_group_names({"mediation": "lync_mediation_pools"}, "site_") == []
