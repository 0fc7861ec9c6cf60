# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every integration test needs: the ansible CLIs of the running interpreter, and the installed collection."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import typing as t

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_ansible(
    tool: str, *args: str, env: dict[str, str], cwd: pathlib.Path | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run an ansible CLI as `python -m ansible <tool>` with the interpreter running the tests."""
    return subprocess.run(
        [sys.executable, "-m", "ansible", tool, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def collection_tarball(output: pathlib.Path) -> pathlib.Path:
    """The collection's tarball: the one scripts/test.sh (noxfile.py) built, named by LBQ_TARBALL, or else one built
    from the checkout into ``output``."""
    built = os.environ.get("LBQ_TARBALL")
    if built:
        assert pathlib.Path(built).is_file(), f"LBQ_TARBALL={built} does not exist"
        return pathlib.Path(built)
    done = run_ansible(
        "galaxy", "collection", "build", "--force", "--output-path", str(output), str(ROOT), env=dict(os.environ)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (tarball,) = output.glob("lync-lb_qualification-*.tar.gz")
    return tarball


def installed_collections_path(work: pathlib.Path) -> pathlib.Path:
    """A collections path holding lync.lb_qualification installed from its tarball, as users install it.

    scripts/test.sh builds and installs it once and says where in LBQ_INSTALLED_COLLECTIONS_PATH; without it (a
    single test file run by hand) the checkout is built and installed under ``work``.
    """
    installed = os.environ.get("LBQ_INSTALLED_COLLECTIONS_PATH")
    if installed:
        path = pathlib.Path(installed)
        assert (path / "ansible_collections" / "lync" / "lb_qualification" / "MANIFEST.json").is_file(), (
            f"LBQ_INSTALLED_COLLECTIONS_PATH={installed} holds no installed lync.lb_qualification"
        )
        return path
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(work / "installed"))
    tarball = collection_tarball(work / "dist")
    done = run_ansible(
        "galaxy", "collection", "install", "--offline", "-p", str(work / "installed"), str(tarball), env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return work / "installed"


def play_queries(
    work: pathlib.Path,
    collections_path: pathlib.Path | str,
    queries: dict[str, str],
    errors: dict[str, str],
    template: str,
    rendered: str,
) -> dict[str, t.Any]:
    """One real ansible-playbook run on localhost: each of ``queries`` (name -> Jinja expression) evaluated in a task,
    ``template`` rendered to ``rendered``, each of ``errors`` evaluated in a task that is allowed to fail. Returns
    the query results, the registered error results and the rendered template."""
    (work / f"{rendered}.j2").write_text(template, encoding="utf-8")
    tasks: list[dict[str, t.Any]] = [
        {
            "name": "Queries in a task",
            "ansible.builtin.copy": {
                "dest": str(work / "queries.json"),
                "mode": "0644",
                "content": "{{ results | to_nice_json }}",
            },
            "vars": {"results": {name: "{{ " + expression + " }}" for name, expression in queries.items()}},
        },
        {
            "name": "Queries in a template",
            "ansible.builtin.template": {
                "src": str(work / f"{rendered}.j2"),
                "dest": str(work / rendered),
                "mode": "0644",
            },
        },
    ]
    for name, expression in errors.items():
        tasks.append(
            {
                "name": f"Error {name}",
                "ansible.builtin.debug": {"msg": "{{ " + expression + " }}"},
                "register": f"error_{name}",
                "ignore_errors": True,
            }
        )
    tasks.append(
        {
            "name": "Collect the errors",
            "ansible.builtin.copy": {
                "dest": str(work / "errors.json"),
                "mode": "0644",
                "content": "{{ "
                + "{"
                + ", ".join(f"'{name}': error_{name}" for name in errors)
                + "}"
                + " | to_nice_json }}",
            },
        }
    )
    playbook = work / "playbook.yml"
    playbook.write_text(
        yaml.safe_dump(
            [{"name": "Queries", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], sort_keys=False
        ),
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_") and key != "PYTHONPATH"}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(collections_path),
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_LOCAL_TEMP=str(work / "ansible-tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
    )
    process = run_ansible("playbook", str(playbook), env=env, cwd=work)
    assert process.returncode == 0, process.stdout + process.stderr
    return {
        "queries": json.loads((work / "queries.json").read_text(encoding="utf-8")),
        "errors": json.loads((work / "errors.json").read_text(encoding="utf-8")),
        "template": (work / rendered).read_text(encoding="utf-8"),
    }
