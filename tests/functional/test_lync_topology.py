# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lync_topology inventory plugin and filter, run by real ansible-inventory / ansible-playbook / ansible-doc
against the installed collection, on both document forms of examples/topologies/ and on hostile documents.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import sys
import time
import typing as t

import pytest
import yaml

from ._support import run_ansible

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "topologies"
FORMS = {"topology_builder": "contoso.tbxml", "published": "topology.xml"}
T = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"


def inventory_list(env: dict[str, str], *sources: pathlib.Path) -> dict[str, t.Any]:
    args = [arg for source in sources for arg in ("-i", str(source))]
    run = run_ansible("inventory", *args, "--list", env=env)
    assert run.returncode == 0 and "WARNING" not in run.stderr, run.stdout + run.stderr
    return json.loads(run.stdout)


def example_copy(tmp_path: pathlib.Path, form: str) -> pathlib.Path:
    """The example directory copied, so that tests may add files beside it."""
    target = tmp_path / form
    shutil.copytree(EXAMPLES / form, target)
    return target


def plain(value: t.Any) -> t.Any:
    """ansible-inventory --list marks strings from inventory plugins as {"__ansible_unsafe": ...}: unwrap them."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


# ----------------------------------------------------------------------------------------------------------------------
# ansible-inventory on both forms


@pytest.mark.parametrize("form", FORMS)
def test_list_gives_groups_and_variables(form: str, env: dict[str, str]) -> None:
    data = inventory_list(env, EXAMPLES / form / "topology.lync_topology.yml")
    # group_vars/all.yml beside the configuration (lync_pools) comes along, as for any inventory source
    hostvars = {
        host: {key: value for key, value in variables.items() if key != "lync_pools"}
        for host, variables in plain(data["_meta"]["hostvars"]).items()
    }
    assert data["lync_servers"]["children"] == ["lync_front_end", "lync_director", "lync_edge", "lync_mediation"]
    assert data["lync_front_end"]["hosts"] == [f"lyncfe{n:02d}.contoso.com" for n in range(1, 7)] + [
        f"sfbfe{n:02d}.contoso.com" for n in range(1, 4)
    ]
    assert data["lync_director"]["hosts"] == ["lyncdir01.contoso.com", "lyncdir02.contoso.com"]
    assert data["lync_edge"]["hosts"] == [f"lyncedge{n:02d}.dmz.contoso.com" for n in range(1, 4)]
    assert data["lync_mediation"]["hosts"] == ["lyncmed01.contoso.com", "lyncmed02.contoso.com"]
    assert data["lync_site_amsterdam"]["hosts"] == [f"sfbfe{n:02d}.contoso.com" for n in range(1, 4)]
    assert len(data["lync_site_dublin"]["hosts"]) == 13
    assert hostvars["lyncfe01.contoso.com"] == {
        "lync_pool": "pool01.contoso.com",
        "lync_site": "Dublin",
        "lync_pool_version": "lync2013",
        "lync_collocated_mediation": False,
        "lync_web_internal_fqdn": "pool01.contoso.com",
        "lync_web_external_fqdn": "lyncwebext01.contoso.com",
        "lync_version": "sfb2015",
        "lync_coexisting_versions": ["lync2013"],
    }
    assert hostvars["sfbfe02.contoso.com"]["lync_collocated_mediation"] is True
    assert hostvars["sfbfe02.contoso.com"]["lync_web_internal_fqdn"] == "sfbwebint01.contoso.com"
    assert hostvars["lyncedge02.dmz.contoso.com"]["lync_edge_external_nat"] is True
    assert hostvars["lyncdir01.contoso.com"]["lync_web_external_fqdn"] == "dirwebext01.contoso.com"
    assert "lync_edge_external_nat" not in hostvars["lyncdir01.contoso.com"]
    assert "lync_load_balancers" not in data  # the topology knows no load balancer


def test_both_forms_give_the_same_inventory(env: dict[str, str]) -> None:
    builder, published = (inventory_list(env, EXAMPLES / form / "topology.lync_topology.yml") for form in FORMS)
    assert builder == published


def test_graph(env: dict[str, str]) -> None:
    run = run_ansible(
        "inventory", "-i", str(EXAMPLES / "topology_builder" / "topology.lync_topology.yml"), "--graph", env=env
    )
    assert run.returncode == 0, run.stdout + run.stderr
    for line in (
        "@lync_servers:",
        "|  |--@lync_front_end:",
        "|  |--@lync_mediation:",
        "@lync_site_dublin:",
        "|  |  |--lyncedge03.dmz.contoso.com",
    ):
        assert line in run.stdout, run.stdout


@pytest.mark.parametrize("form", FORMS)
def test_composes_with_a_yaml_load_balancer_inventory(form: str, env: dict[str, str]) -> None:
    data = inventory_list(env, EXAMPLES / form / "topology.lync_topology.yml", EXAMPLES / form / "lbs.yml")
    assert data["lync_load_balancers"]["hosts"] == ["ltm01.contoso.com", "lm01.contoso.com"]
    hostvars = plain(data["_meta"]["hostvars"])
    assert set(hostvars["lyncfe01.contoso.com"]["lync_pools"]) == {
        "pool01.contoso.com",
        "dirpool01.contoso.com",
        "edgepool01.dmz.contoso.com",
        "sfbpool01.contoso.com",
        "medpool01.contoso.com",
    }
    assert hostvars["ltm01.contoso.com"]["lync_version"] == "sfb2015"  # group all, from the topology


def test_composes_with_an_ini_load_balancer_inventory(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    directory = example_copy(tmp_path, "published")
    (directory / "lbs.ini").write_text(
        "[lync_load_balancers]\nltm01.contoso.com lb_vendor=F5 lb_product='BIG-IP Local Traffic Manager' "
        "lb_form_factor=hardware lb_version='11.6.1 HF2' lb_multiple_vips=true\n",
        encoding="utf-8",
    )
    data = inventory_list(env, directory / "topology.lync_topology.yml", directory / "lbs.ini")
    assert data["lync_load_balancers"]["hosts"] == ["ltm01.contoso.com"]
    assert len(data["lync_front_end"]["hosts"]) == 9


def test_constructed_options_and_group_names(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    directory = example_copy(tmp_path, "topology_builder")
    config = directory / "custom.lync_topology.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "plugin": "lync.lb_qualification.lync_topology",
                "topology_file": "contoso.tbxml",
                "inventory_groups": {"mediation": "lync_mediation_pools", "servers": "skype_servers"},
                "site_group_prefix": "site_",
                "compose": {"lync_pool_short": "lync_pool.split('.')[0]"},
                "groups": {"nat_edge": "lync_edge_external_nat | default(false)"},
                "keyed_groups": [{"key": "lync_pool_version", "prefix": "version"}],
                "strict": True,
            }
        ),
        encoding="utf-8",
    )
    data = inventory_list(env, config)
    assert data["skype_servers"]["children"] == ["lync_front_end", "lync_director", "lync_edge", "lync_mediation_pools"]
    assert data["lync_mediation_pools"]["hosts"] == ["lyncmed01.contoso.com", "lyncmed02.contoso.com"]
    assert data["nat_edge"]["hosts"] == [f"lyncedge{n:02d}.dmz.contoso.com" for n in range(1, 4)]
    assert data["version_sfb2015"]["hosts"] == [f"sfbfe{n:02d}.contoso.com" for n in range(1, 4)]
    assert "site_amsterdam" in data and "lync_site_amsterdam" not in data
    assert plain(data["_meta"]["hostvars"]["lyncmed01.contoso.com"]["lync_pool_short"]) == "medpool01"


# ----------------------------------------------------------------------------------------------------------------------
# The precheck on the topology plus the load balancers


@pytest.mark.parametrize("form", FORMS)
def test_precheck_reads_the_topology_and_the_load_balancers(
    form: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    findings = tmp_path / "findings.json"
    run = run_ansible(
        "playbook",
        "lync.lb_qualification.precheck",
        "-i",
        "topology.lync_topology.yml",
        "-i",
        "lbs.yml",
        "-e",
        "precheck_quiet=true",
        "-e",
        f"precheck_report_path={findings}",
        env=env,
        cwd=EXAMPLES / form,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(findings.read_text(encoding="utf-8"))
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert {
        "pool01.contoso.com",
        "dirpool01.contoso.com",
        "edgepool01.dmz.contoso.com",
        "sfbpool01.contoso.com",
    } <= set(result["pools"])
    assert set(result["load_balancers"]) == {"ltm01.contoso.com", "lm01.contoso.com"}


@pytest.mark.parametrize(
    "declared,rule,severity,failed",
    [
        ({}, "EDGE_EXTERNAL_NAT", "error", True),  # nobody declared external_nat: the topology's NAT counts
        ({"external_nat": False}, "TOPOLOGY_CONTRADICTION", "warning", False),  # the declaration wins, with a warning
    ],
)
def test_precheck_uses_the_topology_nat_of_an_edge_pool_behind_a_hardware_lb(
    declared: dict[str, t.Any], rule: str, severity: str, failed: bool, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    directory = example_copy(tmp_path, "topology_builder")
    group_vars = directory / "group_vars" / "all.yml"
    variables = yaml.safe_load(group_vars.read_text(encoding="utf-8"))
    variables["lync_pools"]["edgepool01.dmz.contoso.com"] = {
        "load_balancing": "hardware",
        "load_balancer": "ltm01.contoso.com",
        **declared,
    }
    group_vars.write_text(yaml.safe_dump(variables), encoding="utf-8")
    findings = tmp_path / "findings.json"
    run = run_ansible(
        "playbook",
        "lync.lb_qualification.precheck",
        "-i",
        "topology.lync_topology.yml",
        "-i",
        "lbs.yml",
        "-e",
        "precheck_quiet=true",
        "-e",
        f"precheck_report_path={findings}",
        env=env,
        cwd=directory,
    )
    assert (run.returncode != 0) == failed, run.stdout + run.stderr
    result = json.loads(findings.read_text(encoding="utf-8"))
    found = [
        (f["rule"], f["severity"], f["subject"])
        for f in result["findings"]
        if f["rule"] not in ("LYNC_VERSION_OUTSIDE_LIST", "VIPS_NOT_DECLARED")
    ]
    assert found == [(rule, severity, "edgepool01.dmz.contoso.com")], found


# ----------------------------------------------------------------------------------------------------------------------
# Bad and hostile documents: a clear error naming the file, within seconds, never a traceback or a file read

HOSTILE = ROOT / "tests" / "data" / "hostile_topologies"


def hostile(name: str) -> bytes:
    if name in ("billion_laughs", "external_entity"):
        return (HOSTILE / f"{name}.xml").read_bytes()
    if name == "fifty_mb":
        return (f'<Topology xmlns="{T}"><!--' + "x" * 50_000_000 + "--></Topology>").encode()
    if name == "truncated":
        return (EXAMPLES / "published" / "topology.xml").read_bytes()[:5000]
    return b'<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion/></project>\n'


@pytest.mark.parametrize(
    "name,needle",
    [
        ("billion_laughs", "line 2: the document has a document type declaration"),
        ("external_entity", "no other file or URL is read"),
        ("fifty_mb", "more than the 33,554,432"),
        ("truncated", "not well-formed XML"),
        ("non_topology", "root element <project>"),
    ],
)
def test_hostile_documents_fail_clearly(name: str, needle: str, env: dict[str, str], tmp_path: pathlib.Path) -> None:
    (tmp_path / "topology.xml").write_bytes(hostile(name))
    config = tmp_path / "bad.lync_topology.yml"
    config.write_text("plugin: lync.lb_qualification.lync_topology\ntopology_file: topology.xml\n", encoding="utf-8")
    started = time.monotonic()
    run = run_ansible(
        "inventory", "-i", str(config), "--list", env=dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="1"), timeout=60
    )
    assert time.monotonic() - started < 20
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert f"{config}: topology_file {tmp_path / 'topology.xml'}: " in output and needle in output, output
    assert "Traceback" not in output and "root:x:" not in output, output


def test_missing_document_and_bad_group_name(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    config = tmp_path / "bad.lync_topology.yml"
    config.write_text("plugin: lync.lb_qualification.lync_topology\ntopology_file: nowhere.tbxml\n", encoding="utf-8")
    run = run_ansible("inventory", "-i", str(config), "--list", env=dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="1"))
    assert run.returncode != 0 and "nowhere.tbxml: cannot read it: No such file or directory" in run.stderr, run.stderr
    config.write_text(
        "plugin: lync.lb_qualification.lync_topology\ntopology_file: nowhere.tbxml\n"
        "inventory_groups: {edge: 'dmz edge'}\n",
        encoding="utf-8",
    )
    run = run_ansible("inventory", "-i", str(config), "--list", env=dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="1"))
    assert run.returncode != 0 and "inventory_groups.edge is 'dmz edge'" in run.stderr, run.stderr
    assert "Traceback" not in run.stdout + run.stderr


# ----------------------------------------------------------------------------------------------------------------------
# The filter in a playbook, and the documentation


@pytest.mark.parametrize("form", FORMS)
def test_filter_in_a_playbook(form: str, env: dict[str, str], tmp_path: pathlib.Path) -> None:
    out = tmp_path / "topology.json"
    playbook = tmp_path / "filter.yml"
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    "hosts": "localhost",
                    "gather_facts": False,
                    "tasks": [
                        {
                            "ansible.builtin.copy": {
                                "dest": str(out),
                                "mode": "0644",
                                "content": "{{ lookup('ansible.builtin.file', '%s') | lync.lb_qualification.lync_topology | to_json }}"
                                % (EXAMPLES / form / FORMS[form]),
                            }
                        }
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    run = run_ansible(
        "playbook",
        str(playbook),
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        f"ansible_python_interpreter={sys.executable}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["lync_version"] == "sfb2015" and document["coexisting_versions"] == ["lync2013"]
    assert document["pools"]["edgepool01.dmz.contoso.com"] == {
        "role": "edge",
        "servers": [f"lyncedge{n:02d}.dmz.contoso.com" for n in range(1, 4)],
        "external_nat": True,
    }


def test_filter_error_in_a_playbook(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    playbook = tmp_path / "filter.yml"
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    "hosts": "localhost",
                    "gather_facts": False,
                    "tasks": [
                        {"ansible.builtin.debug": {"msg": "{{ '<Topology/>' | lync.lb_qualification.lync_topology }}"}}
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    run = run_ansible("playbook", str(playbook), "-i", "localhost,", "-c", "local", env=env, cwd=tmp_path)
    assert run.returncode != 0
    assert "lync_topology: the root element <Topology> at line 1 is in the namespace '(none)'" in run.stdout, run.stdout


@pytest.mark.parametrize("plugin_type", ["inventory", "filter"])
def test_ansible_doc_renders(plugin_type: str, env: dict[str, str]) -> None:
    run = run_ansible("doc", "-t", plugin_type, "lync.lb_qualification.lync_topology", env=env)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "lync.lb_qualification.lync_topology" in run.stdout and "EXAMPLES:" in run.stdout, run.stdout
    data = json.loads(
        run_ansible("doc", "-t", plugin_type, "--json", "lync.lb_qualification.lync_topology", env=env).stdout
    )
    assert data["lync.lb_qualification.lync_topology"]["examples"].strip()


def test_inventory_examples_work(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """The EXAMPLES of the inventory plugin: the configuration, and the commented one uncommented."""
    run = run_ansible("doc", "-t", "inventory", "--json", "lync.lb_qualification.lync_topology", env=env)
    examples = json.loads(run.stdout)["lync.lb_qualification.lync_topology"]["examples"]
    first, second = examples.split("# ---")
    directory = example_copy(tmp_path, "topology_builder")
    (directory / "first.lync_topology.yml").write_text(first, encoding="utf-8")
    block = second.strip().split("\n\n")[0].splitlines()[1:]  # the lines after its title, up to a blank line
    uncommented = "\n".join(line[2:] for line in block)
    uncommented = uncommented.replace("/srv/lync/topology.xml", str(EXAMPLES / "published" / "topology.xml"))
    (directory / "second.lync_topology.yml").write_text(uncommented, encoding="utf-8")
    first_data = inventory_list(env, directory / "first.lync_topology.yml")
    second_data = inventory_list(env, directory / "second.lync_topology.yml")
    assert len(first_data["lync_front_end"]["hosts"]) == 9
    assert second_data["lync_mediation_pools"]["hosts"] == ["lyncmed01.contoso.com", "lyncmed02.contoso.com"]
    assert second_data["lync_nat_edge"]["hosts"] == [f"lyncedge{n:02d}.dmz.contoso.com" for n in range(1, 4)]
    assert "version_lync2013" in second_data


def test_filter_examples_work(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """The EXAMPLES of the filter, run as the tasks of a play beside the example documents."""
    run = run_ansible("doc", "-t", "filter", "--json", "lync.lb_qualification.lync_topology", env=env)
    examples = yaml.safe_load(json.loads(run.stdout)["lync.lb_qualification.lync_topology"]["examples"])
    for form, document in FORMS.items():
        shutil.copy(EXAMPLES / form / document, tmp_path / document)
    playbook = tmp_path / "examples.yml"
    playbook.write_text(
        yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": examples}]), encoding="utf-8"
    )
    run = run_ansible("playbook", str(playbook), "-i", "localhost,", "-c", "local", env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok=2" in run.stdout and '"msg": [\n        "edgepool01.dmz.contoso.com"\n    ]' in run.stdout, run.stdout
