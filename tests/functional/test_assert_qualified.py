# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""assert_qualified under real ansible-playbook runs, on the shipped example inventories, in both input modes.

For every inventory under examples/inventories (the passing ones and failing/*), one playbook run checks it three
times: in inventory mode, in explicit mode with load_balancers/topology options this test derives from the same
inventory on its own, and once more with the default fail_on, to see the play fail or pass. Both modes must find
exactly the rule IDs the example declares (the `expected_rules:` line of its README.md, read by _examples.py).

The collection comes from LBQ_INSTALLED_COLLECTIONS_PATH (the installed release tarball, set by scripts/test.sh),
else from /tmp/vc, else from a symlink to this checkout made for the run.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import typing as t
from dataclasses import dataclass

import pytest
import yaml

from ._examples import expected_of
from ._support import installed_collections_path

ROOT = pathlib.Path(__file__).resolve().parents[2]
INVENTORIES = ROOT / "examples" / "inventories"
FAILING = INVENTORIES / "failing"
BIN = pathlib.Path(sys.executable).parent
MODULE = "lync.lb_qualification.assert_qualified"

PASSING = ("lync2013", "lync2013_ini", "ocs2007r2_expanded")
FAILING_NAMES = tuple(sorted(p.name for p in FAILING.iterdir() if (p / "README.md").is_file()))
ROLE_GROUPS = {
    "lync_front_end": "front_end",
    "lync_web_components": "front_end",
    "lync_director": "director",
    "lync_edge": "edge",
    "lync_mediation": "mediation",
}
LB_VARS = {
    "vendor": "lb_vendor",
    "product": "lb_product",
    "model": "lb_model",
    "form_factor": "lb_form_factor",
    "version": "lb_version",
    "multiple_vips": "lb_multiple_vips",
    "ha_peers": "lb_ha_peers",
    "vips": "lb_vips",
}
OPTIONAL_LB_VARS = ("model", "multiple_vips", "ha_peers", "vips")
ALL_HOSTS_TASK = "Assert once on all hosts"


def _collections_path(scratch: pathlib.Path) -> str:
    return str(installed_collections_path(scratch))


def _ansible_env(scratch: pathlib.Path, collections_path: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_") and key != "PYTHONPATH"}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_LOCAL_TEMP=str(scratch / "ansible-tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="false",
        ANSIBLE_STDOUT_CALLBACK="default",
        ANSIBLE_DEPRECATION_WARNINGS="false",
    )
    return env


def _plain(value: t.Any) -> t.Any:
    """Ansible's tagged strings and numbers as plain JSON types."""
    return json.loads(json.dumps(value))


def derive_options(inventory: pathlib.Path) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    """load_balancers and topology options equivalent to an inventory, built here independently of the plugin."""
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.vars.manager import VariableManager

    loader = DataLoader()
    manager = InventoryManager(loader=loader, sources=[str(inventory)])
    variables = VariableManager(loader=loader, inventory=manager)
    groups = manager.get_groups_dict()

    def host_vars(name: str) -> dict[str, t.Any]:
        return variables.get_vars(host=manager.get_host(name), include_hostvars=False)

    load_balancers = {}
    for host in groups.get("lync_load_balancers", []):
        hv = host_vars(host)
        load_balancers[host] = {
            key: _plain(hv[var])
            for key, var in LB_VARS.items()
            if var in hv and not (key in OPTIONAL_LB_VARS and hv[var] is None)
        }
        if isinstance(load_balancers[host].get("ha_peers"), str):  # one peer, written as a plain name
            load_balancers[host]["ha_peers"] = [load_balancers[host]["ha_peers"]]
    pools: dict[str, dict[str, t.Any]] = {}
    first_server = None
    for group, role in ROLE_GROUPS.items():
        for host in groups.get(group, []):
            first_server = first_server or host
            fqdn = _plain(host_vars(host)["lync_pool"])
            pool = pools.setdefault(fqdn, {"role": role, "servers": []})
            pool.setdefault("web_components" if group == "lync_web_components" else "servers", []).append(host)
    globals_ = host_vars(first_server)
    for fqdn, settings in _plain(globals_.get("lync_pools") or {}).items():
        pools[fqdn].update(settings)
    topo = {"lync_version": globals_["lync_version"], "pools": pools}
    if globals_.get("lync_coexisting_versions"):
        topo["coexisting_versions"] = globals_["lync_coexisting_versions"]
    return _plain(load_balancers), _plain(topo)


@dataclass
class Outcome:
    rc: int
    stdout: str
    stderr: str
    inventory: dict[str, t.Any]
    explicit: dict[str, t.Any]
    all_hosts_results: int | None


def _task_results(stdout: str, task: str) -> int:
    """How many host results the default callback printed for a task."""
    section = stdout.split(f"TASK [{task}]", 1)[1]
    section = re.split(r"^(?:TASK|PLAY|RUNNING HANDLER) \[", section, flags=re.MULTILINE)[0]
    return len(re.findall(r"^(?:ok|changed|fatal|failed|skipping): \[", section, flags=re.MULTILINE))


def _playbook(
    workdir: pathlib.Path, load_balancers: dict[str, t.Any], topo: dict[str, t.Any], all_hosts_play: bool
) -> pathlib.Path:
    common = {"quiet": True, "fail_on": "never"}
    plays = [
        {
            "name": "Qualification check",
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": [
                {
                    "name": "Inventory mode",
                    MODULE: {**common, "report_path": str(workdir / "inventory.json")},
                    "ignore_errors": True,
                },
                {
                    "name": "Explicit mode",
                    MODULE: {
                        **common,
                        "report_path": str(workdir / "explicit.json"),
                        "load_balancers": load_balancers,
                        "topology": topo,
                    },
                    "ignore_errors": True,
                },
                {"name": "Default fail_on", MODULE: {"quiet": True}},
            ],
        }
    ]
    if all_hosts_play:
        plays.append(
            {
                "name": "Every host",
                "hosts": "all",
                "gather_facts": False,
                "tasks": [{"name": ALL_HOSTS_TASK, MODULE: {"quiet": True}}],
            }
        )
    path = workdir / "playbook.yml"
    path.write_text(yaml.safe_dump(plays, sort_keys=False), encoding="utf-8")
    return path


def _run(
    name: str,
    inventory: pathlib.Path,
    options: tuple[dict[str, t.Any], dict[str, t.Any]],
    workdir: pathlib.Path,
    env: dict[str, str],
) -> Outcome:
    workdir.mkdir(parents=True)
    load_balancers, topo = options
    all_hosts_play = name in PASSING
    playbook = _playbook(workdir, load_balancers, topo, all_hosts_play)
    process = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", str(inventory), str(playbook)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    reports = {}
    for mode in ("inventory", "explicit"):
        report = workdir / f"{mode}.json"
        assert report.is_file(), f"{name}: no {mode} report\n{process.stdout}\n{process.stderr}"
        reports[mode] = json.loads(report.read_text(encoding="utf-8"))
    return Outcome(
        process.returncode,
        process.stdout,
        process.stderr,
        reports["inventory"],
        reports["explicit"],
        _task_results(process.stdout, ALL_HOSTS_TASK) if all_hosts_play and process.returncode == 0 else None,
    )


def _ini_with_number_version(target: pathlib.Path) -> pathlib.Path:
    """The INI example with one version unquoted: INI reads lb_version=11.10 as the number 11.1."""
    shutil.copytree(INVENTORIES / "lync2013_ini", target)
    (hosts,) = [path for path in target.iterdir() if path.is_file() and path.name.startswith("hosts")]
    text = hosts.read_text(encoding="utf-8")
    assert 'lb_version="11.5.3"' in text
    hosts.write_text(text.replace('lb_version="11.5.3"', "lb_version=11.10"), encoding="utf-8")
    return target


INI_NUMBER = "lync2013_ini_number_version"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every inventory checked once, in parallel (one ansible-playbook run each)."""
    scratch = tmp_path_factory.mktemp("assert_qualified")
    env = _ansible_env(scratch, _collections_path(scratch))
    inventories = {name: INVENTORIES / name for name in PASSING}
    inventories.update({name: FAILING / name for name in FAILING_NAMES})
    inventories[INI_NUMBER] = _ini_with_number_version(scratch / "inventories" / INI_NUMBER)
    # Ansible's plugin loading is not thread-safe: derive every explicit model first, then run in parallel.
    options = {name: derive_options(path) for name, path in inventories.items()}
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        futures = {
            name: pool.submit(_run, name, path, options[name], scratch / "runs" / name, env)
            for name, path in inventories.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _rule_set(report: dict[str, t.Any]) -> set[str]:
    return {finding["rule"] for finding in report["findings"]}


def _same_in_both_modes(report: dict[str, t.Any]) -> list[tuple[str, str, str, str]]:
    """The findings, messages with the inventory's names (lync_pools['p'].key, lb_multiple_vips) in explicit form:
    each mode names the settings as its input writes them, and says the same otherwise."""

    def explicit_terms(message: str) -> str:
        return re.sub(r"\blb_(\w+)", r"\1", re.sub(r"lync_pools\['[^']+'\]\.", "", message))

    return sorted((f["rule"], f["severity"], f["subject"], explicit_terms(f["message"])) for f in report["findings"])


@pytest.mark.parametrize("name", PASSING)
def test_shipped_example_is_qualified_in_both_modes(outcomes: dict[str, Outcome], name: str) -> None:
    outcome = outcomes[name]
    assert outcome.rc == 0, outcome.stdout + outcome.stderr
    for mode, report in (("inventory", outcome.inventory), ("explicit", outcome.explicit)):
        assert report["input_errors"] == [], (mode, report["input_errors"])
        assert report["findings"] == [], (mode, report["findings"])
        assert (report["qualified"], report["failed"], report["changed"]) == (True, False, False)
        assert report["context"]["input_mode"] == {"inventory": "inventory", "explicit": "options"}[mode]
    assert outcome.inventory["load_balancers"].keys() == outcome.explicit["load_balancers"].keys()
    assert outcome.inventory["pools"] == outcome.explicit["pools"]
    assert outcome.inventory["summary"]["load_balancers"] >= 1
    assert outcome.inventory["summary"]["pools"] >= 1


@pytest.mark.parametrize("name", PASSING)
def test_play_on_all_hosts_runs_the_assert_once(outcomes: dict[str, Outcome], name: str) -> None:
    assert outcomes[name].all_hosts_results == 1, outcomes[name].stdout


@pytest.mark.parametrize("name", FAILING_NAMES)
def test_failing_example_finds_exactly_its_rules_in_both_modes(outcomes: dict[str, Outcome], name: str) -> None:
    outcome = outcomes[name]
    expected = expected_of(FAILING / name)
    assert _rule_set(outcome.inventory) == set(expected["rules"]), outcome.inventory["msg"]
    assert _rule_set(outcome.explicit) == set(expected["rules"]), outcome.explicit["msg"]
    assert _same_in_both_modes(outcome.inventory) == _same_in_both_modes(outcome.explicit)
    for finding in outcome.inventory["findings"]:
        assert re.match(r"(hostvars|lync_pools|groups)\[|lync_version$", finding["path"]), finding
    for finding in outcome.explicit["findings"]:
        assert finding["path"].startswith("$."), finding
    assert outcome.inventory["summary"] == outcome.explicit["summary"]
    assert [e["path"] for e in outcome.inventory["input_errors"]] == expected["input_errors"]
    explicit_paths = [
        re.sub(r"^hostvars\[('[^']+')\]\.lb_(\w+)$", r"$.load_balancers[\1].\2", path)
        for path in expected["input_errors"]
    ]
    assert [e["path"] for e in outcome.explicit["input_errors"]] == explicit_paths


@pytest.mark.parametrize("name", FAILING_NAMES)
def test_failing_example_fails_the_play_and_names_each_error(outcomes: dict[str, Outcome], name: str) -> None:
    outcome = outcomes[name]
    report = outcome.inventory
    assert outcome.rc == (0 if report["qualified"] else 2), outcome.stdout
    for finding in report["findings"]:
        if finding["severity"] == "error":
            assert f"{finding['rule']} {finding['subject']}: " in outcome.stdout
    for error in report["input_errors"]:
        assert error["path"] in outcome.stdout


@pytest.mark.parametrize("name", ["version_as_number", INI_NUMBER])
def test_yaml_number_version_asks_for_quotes(outcomes: dict[str, Outcome], name: str) -> None:
    outcome = outcomes[name]
    assert outcome.rc == 2
    for report in (outcome.inventory, outcome.explicit):
        assert report["findings"] == []
        assert report["failed"] is True
        (error,) = report["input_errors"]
        assert "quote it" in error["message"]
        assert "no rule was run" in report["msg"]
    (error,) = outcome.inventory["input_errors"]
    assert re.fullmatch(r"hostvars\['[^']+'\]\.lb_version", error["path"])
    assert error["path"] in outcome.stdout
    if name == INI_NUMBER:
        assert error["path"] == "hostvars['ltm-dmz01.contoso.com'].lb_version"
        assert "arrived as the number 11.1" in error["message"]
        assert "INI host line" in error["message"] and "[group:vars]" in error["message"]
