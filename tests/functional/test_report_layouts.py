# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The report draws the layout the rules resolved, for every layout the rules accept, and honours extra_dataset.

`ansible-playbook lync.lb_qualification.report` runs on inventories that declare each accepted layout (Front End with
a hardware load balancer, with DNS and a web load balancer, an OCS 2007 R2 expanded pool with a web load balancer, a
Director pool, Edge pools with one multi-VIP device, with an internal and an external device, and with DNS load
balancing declared either way). Each pool's diagram band (HTML), Mermaid edges and Layout cell (Markdown) must show
exactly the devices that front each side, and nothing red.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import typing as t

import yaml

from ._support import run_ansible as _ansible

F5 = {
    "lb_vendor": "F5",
    "lb_product": "BIG-IP Local Traffic Manager",
    "lb_form_factor": "hardware",
    "lb_version": "11.6.1 HF2",
    "lb_multiple_vips": True,
}
KEMP = {
    "lb_vendor": "KEMP",
    "lb_product": "LoadMaster",
    "lb_model": "LM-3600",
    "lb_form_factor": "hardware",
    "lb_version": "7.1-18b",
    "lb_multiple_vips": False,
}


def _env(collections_path: pathlib.Path, tmp: pathlib.Path) -> dict[str, str]:
    return dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=str(collections_path),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"),
        ANSIBLE_RETRY_FILES_ENABLED="0",
    )


def _inventory(
    directory: pathlib.Path,
    lync_version: str,
    lbs: dict[str, dict[str, t.Any]],
    pools: dict[str, tuple[str, list[str], dict[str, t.Any]]],
) -> pathlib.Path:
    """pools: FQDN -> (group, servers, lync_pools settings)."""
    groups: dict[str, t.Any] = {"lync_load_balancers": {"hosts": lbs}}
    for fqdn, (group, servers, _settings) in pools.items():
        hosts = groups.setdefault(group, {"hosts": {}})["hosts"]
        hosts.update({server: {"lync_pool": fqdn} for server in servers})
    (directory / "group_vars").mkdir(parents=True)
    (directory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": groups}}), encoding="utf-8")
    (directory / "group_vars" / "all.yml").write_text(
        yaml.safe_dump(
            {
                "lync_version": lync_version,
                "lync_pools": {fqdn: settings for fqdn, (_group, _servers, settings) in pools.items()},
            }
        ),
        encoding="utf-8",
    )
    return directory


def _report(
    inventory: pathlib.Path, collections_path: pathlib.Path, tmp: pathlib.Path, *extra: str
) -> tuple[str, str, dict[str, t.Any]]:
    out = tmp / "out"
    run = _ansible(
        "playbook",
        "lync.lb_qualification.report",
        "-i",
        str(inventory),
        "-e",
        f"report_output_dir={out}",
        "-e",
        '{"report_formats": ["html", "markdown", "json"]}',
        *extra,
        env=_env(collections_path, tmp),
        cwd=tmp,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return (
        (out / "report.html").read_text(encoding="utf-8"),
        (out / "report.md").read_text(encoding="utf-8"),
        json.loads((out / "result.json").read_text(encoding="utf-8")),
    )


def _band(raw_html: str, pool: str) -> list[tuple[str, str, str]]:
    """(side, load balancer, state) of every load-balancing node drawn in the pool's diagram band."""
    start = raw_html.index(f'<g class="pool-band" data-pool="{pool}">')
    end = min(i for i in (raw_html.find('<g class="pool-band"', start + 1), raw_html.index("</svg>", start)) if i > 0)
    return re.findall(
        r'<g class="node lb" data-side="([^"]*)" data-lb="([^"]*)" data-state="([^"]*)">', raw_html[start:end]
    )


def _layout_cell(markdown: str, pool: str) -> str:
    (row,) = [line for line in markdown.splitlines() if line.startswith(f"| `{pool}` |")]
    return row.split(" | ")[3]


def _mermaid_edges(markdown: str, pool: str) -> list[str]:
    """The edges from the pool's node to its load-balancing nodes, with the labels of the nodes they reach."""
    mermaid = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    (node,) = re.findall(rf'^  (P\d+)\["{re.escape(pool)}<br/>', mermaid, re.MULTILINE)
    labels = dict(re.findall(r'^  ([A-Z0-9]+)\(?\["?([^"\]]*)', mermaid, re.MULTILINE))
    edges = re.findall(rf"^  {node} -->(?:\|([^|]*)\|)? ([A-Z0-9]+)$", mermaid, re.MULTILINE)
    return [f"{label or '-'}:{labels[target].split('<br/>')[0]}" for label, target in edges]


LYNC2013_POOLS = {
    "fe-hlb.contoso.com": ("lync_front_end", ["fe11", "fe12"], {"load_balancer": "ltm01"}),
    "fe-dns.contoso.com": ("lync_front_end", ["fe21", "fe22"], {"load_balancing": "dns", "web_load_balancer": "ltm02"}),
    "dir.contoso.com": ("lync_director", ["dir1", "dir2"], {"load_balancer": "ltm01"}),
    "edge-one.contoso.com": ("lync_edge", ["edge11", "edge12"], {"load_balancer": "ltm03"}),
    "edge-two.contoso.com": (
        "lync_edge",
        ["edge21", "edge22"],
        {"internal_load_balancer": "kemp-int", "external_load_balancer": "kemp-ext"},
    ),
    "edge-dns.contoso.com": ("lync_edge", ["edge31", "edge32"], {"load_balancing": "dns"}),
    "edge-dns-sides.contoso.com": (
        "lync_edge",
        ["edge41", "edge42"],
        {"internal_load_balancing": "dns", "external_load_balancing": "dns"},
    ),
    "fe-single.contoso.com": ("lync_front_end", ["fe51"], {}),
}
LYNC2013_LBS = {"ltm01": F5, "ltm02": F5, "ltm03": F5, "kemp-int": KEMP, "kemp-ext": KEMP}

# pool -> (diagram nodes, Markdown layout cell, Mermaid edges)
EXPECTED: dict[str, tuple[list[tuple[str, str, str]], str, list[str]]] = {
    "fe-hlb.contoso.com": ([("", "ltm01", "qualified")], "hardware via ltm01", ["-:ltm01"]),
    "fe-dns.contoso.com": (
        [("SIP", "", "dns"), ("web", "ltm02", "qualified")],
        "SIP: dns; web: hardware via ltm02",
        ["SIP:DNS load balancing", "web:ltm02"],
    ),
    "dir.contoso.com": ([("", "ltm01", "qualified")], "hardware via ltm01", ["-:ltm01"]),
    "edge-one.contoso.com": (
        [("internal", "ltm03", "qualified"), ("external", "ltm03", "qualified")],
        "internal: hardware via ltm03; external: hardware via ltm03; external NAT: no",
        ["internal:ltm03", "external:ltm03"],
    ),
    "edge-two.contoso.com": (
        [("internal", "kemp-int", "qualified"), ("external", "kemp-ext", "qualified")],
        "internal: hardware via kemp-int; external: hardware via kemp-ext; external NAT: no",
        ["internal:kemp-int", "external:kemp-ext"],
    ),
    "edge-dns.contoso.com": (
        [("internal", "", "dns"), ("external", "", "dns")],
        "internal: dns; external: dns; external NAT: no",
        ["internal:DNS load balancing", "external:DNS load balancing"],
    ),
    "edge-dns-sides.contoso.com": (
        [("internal", "", "dns"), ("external", "", "dns")],
        "internal: dns; external: dns; external NAT: no",
        ["internal:DNS load balancing", "external:DNS load balancing"],
    ),
    "fe-single.contoso.com": ([("", "", "not-needed")], "hardware, none needed", ["-:no load balancer (one server)"]),
}


def test_every_accepted_lync2013_layout_is_drawn_as_resolved(
    collections_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    inventory = _inventory(tmp_path / "inv", "lync2013", LYNC2013_LBS, LYNC2013_POOLS)
    raw, markdown, result = _report(inventory, collections_path, tmp_path)
    assert result["qualified"] is True and result["summary"]["errors"] == 0, result["msg"]
    for pool, (nodes, cell, edges) in EXPECTED.items():
        assert _band(raw, pool) == nodes, pool
        assert _layout_cell(markdown, pool) == cell, pool
        assert _mermaid_edges(markdown, pool) == edges, pool
    assert 'data-state="missing"' not in raw and 'data-state="undeclared"' not in raw
    assert '["no load balancer"]' not in markdown


def test_ocs2007r2_expanded_pool_with_a_web_load_balancer(
    collections_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    pools = {
        "pool.contoso.com": (
            "lync_front_end",
            ["fe1", "fe2"],
            {"configuration": "expanded", "load_balancer": "ltm01", "web_load_balancer": "ltm02"},
        )
    }
    inventory = _inventory(tmp_path / "inv", "ocs2007r2", {"ltm01": F5, "ltm02": F5}, pools)
    (inventory / "hosts.yml").write_text(
        yaml.safe_dump(
            {
                "all": {
                    "children": {
                        "lync_load_balancers": {"hosts": {"ltm01": F5, "ltm02": F5}},
                        "lync_front_end": {
                            "hosts": {"fe1": None, "fe2": None},
                            "vars": {"lync_pool": "pool.contoso.com"},
                        },
                        "lync_web_components": {
                            "hosts": {"web1": None, "web2": None},
                            "vars": {"lync_pool": "pool.contoso.com"},
                        },
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    raw, markdown, result = _report(inventory, collections_path, tmp_path)
    assert result["qualified"] is True, result["msg"]
    assert _band(raw, "pool.contoso.com") == [("SIP", "ltm01", "qualified"), ("web", "ltm02", "qualified")]
    assert _layout_cell(markdown, "pool.contoso.com") == "SIP: hardware via ltm01; web: hardware via ltm02"
    assert _mermaid_edges(markdown, "pool.contoso.com") == ["SIP:ltm01", "web:ltm02"]


def test_candidates_for_an_unmatched_device_come_from_extra_dataset(
    collections_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    """A device that matches no entry: the report lists what could fit from the dataset the check used, so a
    site-qualified entry shows up; the template asks nothing of the lookup (which knows only the shipped list)."""
    acme = {"lb_vendor": "Acme", "lb_product": "Balancer 9000", "lb_form_factor": "hardware", "lb_version": "2.0"}
    pools = {"dir.contoso.com": ("lync_director", ["dir1", "dir2"], {"load_balancer": "acme01"})}
    inventory = _inventory(tmp_path / "inv", "lync2013", {"acme01": acme}, pools)
    (tmp_path / "site.yml").write_text(
        yaml.safe_dump(
            [{"vendor": "Acme", "product": "Balancer 8000", "form_factor": "hardware", "versions_tested": "1.0"}]
        ),
        encoding="utf-8",
    )
    raw, markdown, result = _report(
        inventory, collections_path, tmp_path, "-e", "precheck_extra_dataset=site.yml", "-e", "report_fail_on=never"
    )
    assert result["load_balancers"]["acme01"]["entry"] is None
    assert "Acme Balancer 8000 (hardware, from extra_dataset), tested 1.0" in raw
    assert "Acme Balancer 8000 (hardware, from extra\\_dataset, tested 1.0)" in markdown
    assert _band(raw, "dir.contoso.com") == [("", "acme01", "not-qualified")]
