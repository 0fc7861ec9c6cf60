# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The precheck role and playbook, run by real ansible-playbook against the installed collection.

- `ansible-playbook lync.lb_qualification.precheck` exits 0 on every passing example inventory and 2 on every failing
  one, with exactly the rule IDs (or input-error paths) the example's README lists;
- in a play that targets every host, the check and Ansible's argument validation run once (role included with
  run_once), every host sees `precheck_result`, and a failing check stops the play before any later task.

The collection comes from LBQ_INSTALLED_COLLECTIONS_PATH (scripts/test.sh installs the tarball there); run on their
own, these tests build and install it into a temporary directory.
"""

from __future__ import annotations

import json
import pathlib
import re
import typing as t

import pytest
import yaml

from ._examples import expected_of
from ._support import run_ansible as _ansible

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "inventories"
PASSING = ("lync2013", "lync2013_ini", "ocs2007r2_expanded")
FAILING = sorted(path.name for path in (EXAMPLES / "failing").iterdir() if path.is_dir())

CHECK_TASK = "lync.lb_qualification.precheck : Check load balancers and pool layout"
VALIDATION_TASK = "lync.lb_qualification.precheck : Validating arguments against arg spec 'main'"


# ------------------------------------------------------------------------------------------------------------------
# helpers (the ansible CLIs, the installed collection and `env` come from _support.py and conftest.py)


def _task_lines(output: str, task: str) -> list[str]:
    """The host status lines (ok:/changed:/fatal:/skipping:) printed under every TASK [<task>...] header."""
    lines, inside = [], False
    for line in output.splitlines():
        if line.startswith("TASK [") or line.startswith("PLAY ") or line.startswith("RUNNING HANDLER ["):
            inside = line.startswith(f"TASK [{task}")
        elif inside and re.match(r"^(ok|changed|fatal|skipping|failed): \[", line):
            lines.append(line)
    return lines


# ------------------------------------------------------------------------------------------------------------------
# the collection playbook on the examples


@pytest.mark.parametrize("example", PASSING)
def test_precheck_playbook_passes_on_qualified_examples(
    example: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    findings = tmp_path / "findings.json"
    run = _ansible(
        "playbook",
        "lync.lb_qualification.precheck",
        "-i",
        str(EXAMPLES / example),
        "-e",
        "precheck_quiet=true",
        "-e",
        f"precheck_report_path={findings}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(findings.read_text(encoding="utf-8"))
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert result["summary"]["load_balancers"] > 0 and result["summary"]["pools"] > 0


@pytest.mark.parametrize("example", FAILING)
def test_precheck_playbook_fails_on_each_failing_example(
    example: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    directory = EXAMPLES / "failing" / example
    expected = expected_of(directory)
    expected_rules, expected_inputs = sorted(expected["rules"]), sorted(expected["input_errors"])
    findings = tmp_path / "findings.json"
    run = _ansible(
        "playbook",
        "lync.lb_qualification.precheck",
        "-i",
        str(directory),
        "-e",
        "precheck_quiet=true",
        "-e",
        f"precheck_report_path={findings}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 2, f"rc={run.returncode}\n{run.stdout}{run.stderr}"
    result = json.loads(findings.read_text(encoding="utf-8"))
    assert sorted({f["rule"] for f in result["findings"]}) == expected_rules
    assert sorted(e["path"] for e in result.get("input_errors") or []) == expected_inputs


def test_every_failing_example_documents_its_rules() -> None:
    assert len(FAILING) >= 11
    for example in FAILING:
        assert isinstance(expected_of(EXAMPLES / "failing" / example)["rules"], list), example


# ------------------------------------------------------------------------------------------------------------------
# the role in plays that target every host


def _all_hosts_play(tmp_path: pathlib.Path, how: str, precheck_vars: dict | None = None) -> pathlib.Path:
    """A play on every host: the precheck first (how: include = include_role + run_once in pre_tasks, as the README
    recommends; roles = under roles: with run_once; plain = under roles: without run_once), then a configuration task,
    then a later play."""
    variables = {"precheck_quiet": True, **(precheck_vars or {})}
    play: dict[str, t.Any] = {
        "name": "Precheck first, then configure every Lync host",
        "hosts": "all",
        "gather_facts": False,
    }
    if how == "include":
        play["pre_tasks"] = [
            {
                "name": "Precheck",
                "ansible.builtin.include_role": {"name": "lync.lb_qualification.precheck"},
                "vars": variables,
                "run_once": True,
            }
        ]
    else:
        role = {"role": "lync.lb_qualification.precheck", "vars": variables}
        if how == "roles":
            role["run_once"] = True
        play["roles"] = [role]
    play["tasks"] = [
        {
            "name": "Configuration task",
            "ansible.builtin.debug": {
                "msg": "configuring {{ inventory_hostname }}: qualified={{ precheck_result.qualified }}"
            },
        }
    ]
    later = {
        "name": "A later play",
        "hosts": "all",
        "gather_facts": False,
        "tasks": [{"name": "Later play task", "ansible.builtin.debug": {"msg": "later"}}],
    }
    path = tmp_path / "site.yml"
    path.write_text(yaml.safe_dump([play, later], sort_keys=False), encoding="utf-8")
    return path


def _hosts(example: pathlib.Path, env: dict[str, str]) -> list[str]:
    listed = _ansible("inventory", "-i", str(example), "--list", env=env)
    assert listed.returncode == 0, listed.stderr
    return sorted(json.loads(listed.stdout)["_meta"]["hostvars"])


@pytest.mark.parametrize("how", ["include", "roles"])
def test_all_hosts_play_runs_the_check_and_the_validation_once(
    how: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    example = EXAMPLES / "lync2013"
    hosts = _hosts(example, env)
    assert len(hosts) == 16  # 10 Lync servers, 6 load balancers (two HA pairs)
    run = _ansible("playbook", "-i", str(example), str(_all_hosts_play(tmp_path, how)), env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(_task_lines(run.stdout, CHECK_TASK)) == 1, run.stdout
    assert len(_task_lines(run.stdout, VALIDATION_TASK)) == 1, run.stdout
    # precheck_result is registered on every host of the play, and the configuration task ran on each
    configured = [line for line in _task_lines(run.stdout, "Configuration task") if line.startswith("ok:")]
    assert len(configured) == len(hosts)
    assert run.stdout.count("qualified=True") == len(hosts)


def test_without_run_once_only_the_validation_runs_per_host(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Why the README asks for run_once: Ansible's argument validation task runs once per host; the check does not."""
    example = EXAMPLES / "lync2013"
    hosts = _hosts(example, env)
    run = _ansible("playbook", "-i", str(example), str(_all_hosts_play(tmp_path, "plain")), env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(_task_lines(run.stdout, CHECK_TASK)) == 1, run.stdout
    assert len(_task_lines(run.stdout, VALIDATION_TASK)) == len(hosts), run.stdout


@pytest.mark.parametrize("how", ["include", "roles"])
def test_failing_check_stops_every_host_before_configuration(
    how: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    example = EXAMPLES / "failing" / "edge_single_vip_shared"
    run = _ansible("playbook", "-i", str(example), str(_all_hosts_play(tmp_path, how)), env=env, cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert len(_task_lines(run.stdout, CHECK_TASK)) == 1, run.stdout
    assert "EDGE_SINGLE_VIP_SHARED" in run.stdout + run.stderr
    assert "TASK [Configuration task]" not in run.stdout
    assert "Later play task" not in run.stdout


def test_fail_on_never_lets_the_play_continue_and_read_the_verdict(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    example = EXAMPLES / "failing" / "edge_single_vip_shared"
    play = _all_hosts_play(tmp_path, "include", precheck_vars={"precheck_fail_on": "never"})
    run = _ansible("playbook", "-i", str(example), str(play), env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("qualified=False") == len(_hosts(example, env))


def test_role_variables_reach_the_check(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """precheck_skip_rules and precheck_severity_overrides turn the failing example into a passing one."""
    example = EXAMPLES / "failing" / "undeclared_lb"
    findings = tmp_path / "findings.sarif"
    extra = json.dumps(
        {
            "precheck_severity_overrides": {"UNKNOWN_LOAD_BALANCER": "warning"},
            "precheck_skip_rules": ["LB_UNUSED"],
            "precheck_quiet": True,
            "precheck_report_path": str(findings),
        }
    )
    run = _ansible("playbook", "lync.lb_qualification.precheck", "-i", str(example), "-e", extra, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    sarif = json.loads(findings.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = list(sarif["runs"][0]["results"])
    assert [(r["ruleId"], r["level"]) for r in results] == [("UNKNOWN_LOAD_BALANCER", "warning")]


def test_argument_specs_reject_a_bad_value_before_the_check(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    run = _ansible(
        "playbook",
        "lync.lb_qualification.precheck",
        "-i",
        str(EXAMPLES / "lync2013"),
        "-e",
        "precheck_version_policy=loose",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert "precheck_version_policy" in run.stdout + run.stderr
    assert len(_task_lines(run.stdout, CHECK_TASK)) == 0


def test_ansible_doc_shows_every_role_variable(env: dict[str, str]) -> None:
    doc = _ansible("doc", "-t", "role", "--json", "lync.lb_qualification.precheck", env=env)
    assert doc.returncode == 0, doc.stderr
    options = json.loads(doc.stdout)["lync.lb_qualification.precheck"]["entry_points"]["main"]["options"]
    assert set(options) >= {
        "precheck_version_policy",
        "precheck_skip_rules",
        "precheck_severity_overrides",
        "precheck_fail_on",
        "precheck_quiet",
        "precheck_report_path",
        "precheck_inventory_groups",
        "precheck_inventory_vars",
        "precheck_extra_dataset",
    }
    defaults = yaml.safe_load((ROOT / "roles" / "precheck" / "defaults" / "main.yml").read_text(encoding="utf-8"))
    assert set(defaults) == set(options), "defaults/main.yml and meta/argument_specs.yml name different variables"
    for name, spec in options.items():
        if "default" in spec:
            assert spec["default"] == defaults[name], name


def test_ansible_doc_gives_the_all_hosts_advice(env: dict[str, str]) -> None:
    """The include_role + run_once advice is in the argument spec description that ansible-doc prints."""
    doc = _ansible("doc", "-t", "role", "lync.lb_qualification.precheck", env=env)
    assert doc.returncode == 0, doc.stderr
    text = " ".join(doc.stdout.split())
    for words in ("include_role", "run_once: true", "pre_tasks", "precheck_result"):
        assert words in text, words
