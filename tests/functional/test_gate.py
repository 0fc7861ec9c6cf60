# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The gate fails closed: whatever command-line option the run is started with, the check reads the whole inventory
or the run fails saying why. Never exit 0 without having checked.

Every case is a real `ansible-playbook` run against examples/inventories/failing/untested_version (an F5 that runs
10.2.4, in no group that a --limit on the Front End servers keeps): for the collection playbooks
(lync.lb_qualification.precheck and .report) and for the precheck role inside a user's play, on ansible-core 2.19
(the interpreter running the tests) and, for --limit and --skip-tags, on ansible-core 2.16 (.venv-core216, which
`scripts/test.sh` builds; the 2.16 cases are skipped when it does not exist, as in `scripts/test.sh --quick`).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import typing as t

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
FAILING = ROOT / "examples" / "inventories" / "failing" / "untested_version"
INPUT_ERROR = ROOT / "examples" / "inventories" / "failing" / "version_as_number"
RULE = "LB_VERSION_NOT_TESTED"
CORE216 = pathlib.Path(os.environ.get("LBQ_CORE216_PYTHON", ROOT / ".venv-core216" / "bin" / "python"))
SKIP_REFUSED = "would skip the qualification check"


def _python(core: str) -> str:
    if core == "2.19":
        return sys.executable
    if not CORE216.is_file():
        pytest.skip(f"ansible-core 2.16 is not installed at {CORE216} (scripts/test.sh builds .venv-core216)")
    return str(CORE216)


def _playbook(
    core: str, *args: str, env: dict[str, str], cwd: pathlib.Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_python(core), "-m", "ansible", "playbook", *args],
        env={**env, **(extra_env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture()
def env(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> dict[str, str]:
    return dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=str(collections_path.resolve()),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"),
        ANSIBLE_RETRY_FILES_ENABLED="0",
    )


def _checked(run: subprocess.CompletedProcess[str], findings: pathlib.Path) -> None:
    """The run failed because the check ran over the whole inventory and found the untested F5 version."""
    assert run.returncode == 2, f"rc={run.returncode}\n{run.stdout}{run.stderr}"
    result = json.loads(findings.read_text(encoding="utf-8"))
    assert [(f["rule"], f["subject"]) for f in result["findings"] if f["severity"] != "info"] == [
        (RULE, "ltm01.contoso.com")
    ]
    assert result["summary"]["load_balancers"] == 1 and result["summary"]["pools"] == 1


# ------------------------------------------------------------------------------------------------------------------
# the collection playbooks

# (core, options, environment): every way of starting the playbook that must still check the whole inventory
CHECKED = [
    ("2.19", [], {}),
    ("2.19", ["--limit", "lyncfe01.contoso.com"], {}),
    ("2.19", ["--limit", "lync_front_end"], {}),
    ("2.19", ["--limit", "all:!localhost"], {}),
    ("2.19", ["--limit", "lyncfe0*:!lyncfe02.contoso.com"], {}),
    ("2.19", ["--tags", "configure"], {}),
    ("2.19", ["--tags", "never"], {}),
    ("2.19", ["--skip-tags", "configure"], {}),
    ("2.19", ["--skip-tags", "all"], {}),
    ("2.19", ["--check"], {}),
    ("2.19", ["--check", "--diff", "--limit", "lyncfe01.contoso.com", "--tags", "configure"], {}),
    ("2.19", [], {"ANSIBLE_STRATEGY": "free"}),
    ("2.19", ["--limit", "lync_front_end"], {"ANSIBLE_STRATEGY": "free"}),
    ("2.16", ["--limit", "lyncfe01.contoso.com"], {}),
    ("2.16", ["--limit", "all:!localhost"], {}),
    ("2.16", ["--tags", "configure", "--check"], {}),
    ("2.16", ["--limit", "lync_front_end"], {"ANSIBLE_STRATEGY": "free"}),
]


@pytest.mark.parametrize(
    ("core", "options", "extra_env"),
    CHECKED,
    ids=lambda v: (
        " ".join(v) if isinstance(v, list) else ",".join(f"{k}={x}" for k, x in v.items()) if isinstance(v, dict) else v
    ),
)
def test_precheck_playbook_checks_the_whole_inventory(
    core: str, options: list[str], extra_env: dict[str, str], env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    findings = tmp_path / "findings.json"
    run = _playbook(
        core,
        "lync.lb_qualification.precheck",
        "-i",
        str(FAILING),
        "-e",
        f"precheck_report_path={findings}",
        *options,
        env=env,
        cwd=tmp_path,
        extra_env=extra_env,
    )
    _checked(run, findings)


@pytest.mark.parametrize(
    ("core", "options", "extra_env"),
    [
        ("2.19", ["--limit", "lyncfe01.contoso.com"], {}),
        ("2.19", ["--check"], {}),
        ("2.19", ["--tags", "configure", "--limit", "all:!localhost"], {}),
        ("2.19", [], {"ANSIBLE_STRATEGY": "free"}),
        ("2.16", ["--limit", "lyncfe01.contoso.com"], {}),
    ],
    ids=["limit", "check", "tags+limit", "free", "2.16-limit"],
)
def test_report_playbook_checks_and_writes_the_report(
    core: str, options: list[str], extra_env: dict[str, str], env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "out"
    run = _playbook(
        core,
        "lync.lb_qualification.report",
        "-i",
        str(FAILING),
        "-e",
        f"report_output_dir={out}",
        "-e",
        '{"report_formats": ["html", "markdown", "json"]}',
        *options,
        env=env,
        cwd=tmp_path,
        extra_env=extra_env,
    )
    _checked(run, out / "result.json")
    assert RULE in (out / "report.html").read_text(encoding="utf-8")
    assert RULE in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("playbook", ["precheck", "report"])
@pytest.mark.parametrize(
    ("core", "skip"), [("2.19", "always"), ("2.19", "tagged"), ("2.19", "configure,always"), ("2.16", "always")]
)
def test_skipping_the_check_by_tag_is_refused(
    playbook: str, core: str, skip: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    run = _playbook(
        core,
        f"lync.lb_qualification.{playbook}",
        "-i",
        str(FAILING),
        "--skip-tags",
        skip,
        "-e",
        f"report_output_dir={tmp_path / 'out'}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    assert SKIP_REFUSED in " ".join((run.stdout + run.stderr).split())
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("playbook", ["precheck", "report"])
@pytest.mark.parametrize(
    ("core", "task"),
    [
        ("2.19", "Summary"),
        ("2.19", "lync.lb_qualification.precheck : Check*"),
        ("2.19", "No task has this name"),
        ("2.16", "No task has this name"),
    ],
)
def test_starting_at_a_task_is_refused(
    playbook: str, core: str, task: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    """--start-at-task could skip the check, or (naming no task) make ansible-playbook run nothing and exit 0."""
    run = _playbook(
        core,
        f"lync.lb_qualification.{playbook}",
        "-i",
        str(FAILING),
        "--start-at-task",
        task,
        "-e",
        f"report_output_dir={tmp_path / 'out'}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode != 0, run.stdout + run.stderr
    assert "--start-at-task would skip the qualification check" in " ".join((run.stdout + run.stderr).split())
    assert not (tmp_path / "out").exists()


def test_a_limit_that_matches_no_host_stops_ansible_playbook(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    run = _playbook(
        "2.19", "lync.lb_qualification.precheck", "-i", str(FAILING), "--limit", "nosuchhost", env=env, cwd=tmp_path
    )
    assert run.returncode != 0
    assert "leaves us with no hosts to target" in run.stdout + run.stderr


def test_report_in_check_mode_writes_the_files_it_announces(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out"
    run = _playbook(
        "2.19",
        "lync.lb_qualification.report",
        "-i",
        str(FAILING),
        "--check",
        "-e",
        "report_fail_on=never",
        "-e",
        f"report_output_dir={out}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    announced = [line for line in run.stdout.splitlines() if str(out) in line]
    assert announced, run.stdout
    for name in ("report.html", "report.md"):
        assert f"{out}/{name}" in run.stdout
        assert RULE in (out / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------------------------
# the precheck role in a user's play


def _site(
    tmp_path: pathlib.Path, how: str, precheck_vars: dict[str, t.Any] | None = None, hosts: str = "lync_front_end"
) -> pathlib.Path:
    """A configuration play over the Front End servers, with the precheck as the README shows it (how: include =
    include_role + run_once + tags: always in pre_tasks; roles = under roles: with run_once)."""
    variables = {"precheck_quiet": True, **(precheck_vars or {})}
    play: dict[str, t.Any] = {"name": "Configure", "hosts": hosts, "gather_facts": False}
    if how == "include":
        play["pre_tasks"] = [
            {
                "name": "Precheck",
                "ansible.builtin.include_role": {"name": "lync.lb_qualification.precheck"},
                "vars": variables,
                "run_once": True,
                "tags": "always",
            }
        ]
    else:
        play["roles"] = [{"role": "lync.lb_qualification.precheck", "vars": variables, "run_once": True}]
    play["tasks"] = [
        {"name": "Configuration task", "ansible.builtin.debug": {"msg": "configuring"}, "tags": "configure"}
    ]
    path = tmp_path / "site.yml"
    path.write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["include", "roles"])
@pytest.mark.parametrize(
    ("core", "options"),
    [
        ("2.19", ["--limit", "lyncfe01.contoso.com"]),
        ("2.19", ["--tags", "configure"]),
        ("2.19", ["--skip-tags", "configure"]),
        ("2.19", ["--check"]),
        ("2.16", ["--limit", "lyncfe01.contoso.com"]),
        ("2.16", ["--tags", "configure"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_role_in_a_play_checks_the_whole_inventory_before_configuring(
    how: str, core: str, options: list[str], env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    findings = tmp_path / "findings.json"
    site = _site(tmp_path, how, {"precheck_report_path": str(findings)})
    run = _playbook(core, "-i", str(FAILING), str(site), *options, env=env, cwd=tmp_path)
    _checked(run, findings)
    assert "TASK [Configuration task]" not in run.stdout


def test_role_in_a_free_strategy_play_fails_before_configuring(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Ansible refuses a task that bypasses the host loop under the free strategy: the play fails, nothing is
    configured, and the message says why (the README says to use the linear strategy for the precheck's play)."""
    run = _playbook(
        "2.19",
        "-i",
        str(FAILING),
        str(_site(tmp_path, "include")),
        env=env,
        cwd=tmp_path,
        extra_env={"ANSIBLE_STRATEGY": "free"},
    )
    assert run.returncode != 0
    assert "bypasses the host loop" in " ".join((run.stdout + run.stderr).split())
    assert "configuring" not in run.stdout


def test_fail_on_never_then_report_reports_input_errors(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """precheck_fail_on: never never fails the role, not even on invalid input, so the report that follows lists the
    input errors; report_fail_on then decides."""
    out = tmp_path / "out"
    site = tmp_path / "site.yml"
    site.write_text(
        yaml.safe_dump(
            [
                {
                    "name": "Precheck, then report",
                    "hosts": "localhost",
                    "gather_facts": False,
                    "roles": [
                        {"role": "lync.lb_qualification.precheck", "vars": {"precheck_fail_on": "never"}},
                        {
                            "role": "lync.lb_qualification.report",
                            "vars": {
                                "report_result": "{{ precheck_result }}",
                                "report_output_dir": str(out),
                                "report_fail_on": "error",
                            },
                        },
                    ],
                    "tasks": [{"name": "After the report", "ansible.builtin.debug": {"msg": "not reached"}}],
                }
            ],
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    run = _playbook("2.19", "-i", str(INPUT_ERROR), str(site), env=env, cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "TASK [lync.lb_qualification.report : Fail when the layout is not qualified" in run.stdout
    assert "TASK [After the report]" not in run.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'class="input-error"' in html and "hostvars[&#39;ltm01.contoso.com&#39;].lb_version" in html
    assert "hostvars\\['ltm01.contoso.com'\\].lb\\_version" in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("playbook", ["precheck", "report"])
def test_failing_on_warnings_never_reads_qualified(playbook: str, env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """fail_on warning with warnings only: the run fails, and its message does not begin with "Qualified"."""
    run = _playbook(
        "2.19",
        f"lync.lb_qualification.{playbook}",
        "-i",
        str(FAILING),
        "-e",
        '{"precheck_severity_overrides": {"LB_VERSION_NOT_TESTED": "warning"}}',
        "-e",
        "precheck_fail_on=warning",
        "-e",
        "report_fail_on=warning",
        "-e",
        f"report_output_dir={tmp_path / 'out'}",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    fatal = [line for line in run.stdout.splitlines() if line.startswith("fatal: ")]
    assert len(fatal) == 1, run.stdout
    assert '"msg": "Failing on 1 warning(s)' in fatal[0] and '"msg": "Qualified' not in fatal[0], fatal[0]


@pytest.mark.parametrize("core", ["2.19", "2.16"])
def test_imported_collection_playbook_gates_a_limited_configuration_play(
    core: str, env: dict[str, str], tmp_path: pathlib.Path
) -> None:
    """docs/awx.md's pattern: a one-line playbook imports lync.lb_qualification.precheck before the configuration;
    an AWX job template's Limit on one Front End server still checks the whole inventory and configures nothing."""
    site = tmp_path / "site.yml"
    site.write_text(
        yaml.safe_dump(
            [
                {"ansible.builtin.import_playbook": "lync.lb_qualification.precheck"},
                {
                    "name": "Configure",
                    "hosts": "lync_front_end",
                    "gather_facts": False,
                    "tasks": [{"name": "Configuration task", "ansible.builtin.debug": {"msg": "configuring"}}],
                },
            ],
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    findings = tmp_path / "findings.json"
    run = _playbook(
        core,
        "-i",
        str(FAILING),
        str(site),
        "--limit",
        "lyncfe01.contoso.com",
        "-e",
        f"precheck_report_path={findings}",
        env=env,
        cwd=tmp_path,
    )
    _checked(run, findings)
    assert "TASK [Configuration task]" not in run.stdout
