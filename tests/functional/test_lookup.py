# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The qualified_lb lookup under a real ansible-playbook run: in tasks, in a template, and its errors.

One playbook run does everything; the test then reads the files the play wrote.
"""

from __future__ import annotations

import pathlib
import sys
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.tests.unit.plugins.plugin_utils._qualification._declarations import (
    NOT_QUALIFIED,
    QUALIFIED,
    Declaration,
)

from ._support import installed_collections_path, play_queries

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
LOOKUP = "lync.lb_qualification.qualified_lb"


def _collections_path(scratch: pathlib.Path) -> str:
    return str(installed_collections_path(scratch))


# name -> Jinja expression evaluated in a task; its value is written to queries.json.
QUERIES = {
    "all": f"query('{LOOKUP}') | map(attribute='id') | list",
    "count": f"query('{LOOKUP}') | length",
    "f5_networks": f"query('{LOOKUP}', vendor='F5 Networks') | map(attribute='id') | list",
    "kemp_hw_tested": f"query('{LOOKUP}', vendor='KEMP', product='LoadMaster', form_factor='hardware', "
    "version='7.1-18b') | map(attribute='id') | list",
    "vlm100": f"query('{LOOKUP}', vendor='Kemp', product='LoadMaster', model='VLM-100') | map(attribute='id') | list",
    "fortiadc_model": f"query('{LOOKUP}', product='FortiADC', model='1500D') | map(attribute='id') | list",
    "term": f"query('{LOOKUP}', 'F5 BIG-IP Local Traffic Manager') | map(attribute='id') | list",
    "terms": f"query('{LOOKUP}', 'KEMP', 'ALB-X', form_factor='software') | map(attribute='id') | list",
    "single_lookup": f"lookup('{LOOKUP}', 'FortiADC-1500D').versions_tested",
    "exact_12_1": f"query('{LOOKUP}', vendor='F5', version='12.1', version_policy='exact') | length",
    "release_train_12_1": f"query('{LOOKUP}', vendor='F5', version='12.1') | length",
    "minimum_12_1": f"query('{LOOKUP}', vendor='F5', version='12.1', version_policy='minimum') "
    "| map(attribute='id') | list",
    "adx_train": f"query('{LOOKUP}', product='ServerIron ADX', version='12.1.4') | map(attribute='id') | list",
    "none": f"query('{LOOKUP}', vendor='Cisco')",
    "sfb_list": f"query('{LOOKUP}', list='sfb') | map(attribute='seed_product') | list",
    "lync_count": f"query('{LOOKUP}', list='lync') | length",
    "kemp_lm5400_lists": f"query('{LOOKUP}', vendor='Kemp', product='LoadMaster LM-5400', version='7.1-22b') "
    "| map(attribute='list') | list",
    "kemp_lm5400_lync": f"query('{LOOKUP}', vendor='Kemp', product='LoadMaster LM-5400', version='7.1-22b', "
    "list='lync')",
    "vpx_sfb": f"query('{LOOKUP}', 'Citrix NetScaler VPX', list='sfb', version='NS10.5 Build 56.22') "
    "| map(attribute='id') | list",
}


def _declared(declaration: Declaration) -> str:
    """The lookup call for a declaration, every filter it has, on the Lync list."""
    filters = {
        "vendor": declaration.vendor,
        "product": declaration.product,
        "model": declaration.model,
        "form_factor": declaration.form_factor,
        "list": "lync",
    }
    arguments = ", ".join(f"{key}='{value}'" for key, value in filters.items() if value is not None)
    return f"query('{LOOKUP}', {arguments}) | map(attribute='id') | list"


# Issue 9 §3: names as administrators write them, and the ones that must stay unmatched.
QUERIES.update(
    {f"declared_{key}": _declared(declaration) for key, declaration in {**QUALIFIED, **NOT_QUALIFIED}.items()}
)

# name -> lookup call that must fail; the error message is written to errors.json.
ERRORS = {
    "unknown_filter": f"query('{LOOKUP}', colour='red')",
    "number_version": f"query('{LOOKUP}', vendor='F5', version=11.6)",
    "bad_form_factor": f"query('{LOOKUP}', form_factor='virtual')",
    "bad_policy": f"query('{LOOKUP}', version='11.6', version_policy='loose')",
    "unparseable": f"query('{LOOKUP}', vendor='F5', version='latest')",
    "bad_list": f"query('{LOOKUP}', list='skype')",
}

TEMPLATE = f"""\
{{% for lb in query('{LOOKUP}', form_factor='software') %}}
- [{{{{ lb.vendor }}}} {{{{ lb.product }}}}]({{{{ lb.guide_url }}}}) tested {{{{ lb.versions_tested }}}}
{{% endfor %}}
F5 hardware: {{{{ lookup('{LOOKUP}', vendor='F5', form_factor='hardware', list='lync').versions_tested }}}}
{{% for lb in query('{LOOKUP}', list='sfb') %}}
* {{{{ lb.vendor }}}} {{{{ lb.seed_product }}}}: {{{{ lb.versions_tested }}}} ({{{{ lb.list }}}})
{{% endfor %}}
"""


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> dict[str, t.Any]:
    work = tmp_path_factory.mktemp("lookup")
    return play_queries(work, _collections_path(work), QUERIES, ERRORS, TEMPLATE, "guides.md")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("count", 29),
        ("lync_count", 26),
        ("f5_networks", ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw", "f5-big-ip-ltm-3600-sfb"]),
        ("kemp_hw_tested", ["kemp-loadmaster-hw"]),
        ("vlm100", ["kemp-loadmaster-vlm-sw"]),
        ("fortiadc_model", ["fortinet-fortiadc-hw"]),
        ("term", ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-3600-sfb"]),
        ("terms", ["kemp-loadmaster-vlm-sw", "jetnexus-alb-x-sw"]),
        ("single_lookup", "4.2.3"),
        ("exact_12_1", 0),
        ("release_train_12_1", 0),
        ("minimum_12_1", ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw", "f5-big-ip-ltm-3600-sfb"]),
        ("adx_train", ["brocade-serveriron-adx-hw"]),
        ("none", []),
        (
            "sfb_list",
            ["NetScaler VPX NS10.5", "BIG-IP Local Traffic Manager (LTM 3600)", "Hardware Load Balancer LM5400"],
        ),
        ("kemp_lm5400_lists", ["sfb"]),
        ("kemp_lm5400_lync", []),
        ("vpx_sfb", ["citrix-netscaler-vpx-sfb"]),
    ],
)
def test_query_in_a_task(played: dict[str, t.Any], name: str, expected: t.Any) -> None:
    assert played["queries"][name] == expected


@pytest.mark.parametrize("key", list(QUALIFIED))
def test_names_as_administrators_write_them(played: dict[str, t.Any], key: str) -> None:
    assert played["queries"][f"declared_{key}"] == [QUALIFIED[key].expected]


@pytest.mark.parametrize("key", list(NOT_QUALIFIED))
def test_names_that_must_stay_unmatched(played: dict[str, t.Any], key: str) -> None:
    assert played["queries"][f"declared_{key}"] == []


def test_query_order_is_the_list_order(played: dict[str, t.Any]) -> None:
    ids = played["queries"]["all"]
    assert len(ids) == len(set(ids)) == 29
    assert ids[0] == "a10-ax-series-hw"
    assert ids[25] == "riverbed-stingray-traffic-manager-sw"
    assert ids[26:] == ["citrix-netscaler-vpx-sfb", "f5-big-ip-ltm-3600-sfb", "kemp-loadmaster-lm5400-sfb"]


def test_lookup_in_a_template(played: dict[str, t.Any]) -> None:
    lines = [line for line in played["template"].splitlines() if line.startswith("- [")]
    assert len(lines) == 10
    assert "- [Citrix Systems Netscaler VPX](https://www.citrix.com/community.html) tested 9.1.102.8" in lines
    assert (
        "- [Riverbed Technology Stingray Traffic Manager](https://splash.riverbed.com/docs/DOC-1335) "
        "tested 8.x and up" in lines
    )
    assert "F5 hardware: 11.x" in played["template"]
    assert "* KEMP Technologies Hardware Load Balancer LM5400: 7.1-22b (sfb)" in played["template"]
    assert "* Citrix Systems NetScaler VPX NS10.5: NS10.5 Build 56.22.nc (sfb)" in played["template"]


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("unknown_filter", ("unknown filter", "colour")),
        ("number_version", ("version", "number", "quote")),
        ("bad_form_factor", ("virtual", "form_factor")),
        ("bad_policy", ("loose", "version_policy")),
        ("unparseable", ("cannot parse version", "latest")),
        ("bad_list", ("skype", "list")),
    ],
)
def test_lookup_errors_fail_the_task_with_a_message(
    played: dict[str, t.Any], name: str, needles: tuple[str, ...]
) -> None:
    result = played["errors"][name]
    assert result["failed"] is True
    for needle in needles:
        assert needle in result["msg"]
