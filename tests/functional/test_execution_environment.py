# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The example execution environment (examples/execution-environment/, docs/awx.md).

`ansible-builder create` must make a build context that installs the collection from its tarball, offline, with the
collection's Python requirements. Building the image needs podman or docker, which CI does not have, so these tests
check everything up to the build: the context, what ansible-builder introspects from the installed collection, and the
image's galaxy stage replayed outside a container. `nox -s ee` runs this file.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import typing as t

import pytest
import yaml

from ._support import ROOT, collection_tarball, run_ansible

EXAMPLE = ROOT / "examples" / "execution-environment"
# The example expects the tarball beside its definition under a version-free name (docs/awx.md).
TARBALL_NAME = "lync-lb_qualification.tar.gz"
PYTHON_REQUIREMENTS = ("jsonschema", "packaging", "defusedxml")
TARBALL_MEMBERS = ("meta/execution-environment.yml", "meta/ee-requirements.txt", "MANIFEST.json")


def _builder() -> str:
    beside = pathlib.Path(sys.executable).parent / "ansible-builder"
    found = str(beside) if beside.exists() else shutil.which("ansible-builder")
    if not found:
        pytest.fail(f"ansible-builder not found beside {sys.executable} or on PATH (test-requirements.txt)")
    return found


def context_problems(context: pathlib.Path) -> list[str]:
    """What is wrong with a build context made by `ansible-builder create` from the example (nothing: [])."""
    problems = []
    build = context / "_build"
    tarball = build / "collections" / TARBALL_NAME
    if not tarball.is_file():
        problems.append(f"{tarball.relative_to(context)} is missing from the build context")
    requirements_file = build / "requirements.yml"
    requirements = yaml.safe_load(requirements_file.read_text()) if requirements_file.is_file() else None
    wanted = {"name": f"collections/{TARBALL_NAME}", "type": "file"}
    if not isinstance(requirements, dict) or wanted not in (requirements.get("collections") or []):
        problems.append(f"_build/requirements.yml does not install {wanted['name']} as type: file")
    containerfile_path = context / "Containerfile"
    containerfile = containerfile_path.read_text() if containerfile_path.is_file() else ""
    install = [line for line in containerfile.splitlines() if "ansible-galaxy collection install" in line]
    if not install:
        problems.append("the Containerfile runs no `ansible-galaxy collection install`")
    elif "--offline" not in containerfile:
        problems.append("the Containerfile installs the collection without --offline (it would ask Galaxy)")
    if tarball.is_file():
        with tarfile.open(tarball) as tar:
            names = set(tar.getnames())
            problems += [f"{member} is missing from the tarball" for member in TARBALL_MEMBERS if member not in names]
            reader = tar.extractfile("meta/ee-requirements.txt") if "meta/ee-requirements.txt" in names else None
            ee_requirements = reader.read().decode() if reader else ""
        problems += [
            f"{package} is missing from meta/ee-requirements.txt"
            for package in PYTHON_REQUIREMENTS
            if package not in ee_requirements
        ]
    return problems


def _create(context: pathlib.Path, tarball: pathlib.Path) -> pathlib.Path:
    """Copy the example and the tarball to ``context``'s parent and run `ansible-builder create` there."""
    work = context.parent
    shutil.copytree(EXAMPLE, work, dirs_exist_ok=True)
    shutil.copy(tarball, work / TARBALL_NAME)
    done = subprocess.run(
        [
            _builder(),
            "create",
            "--file",
            "execution-environment.yml",
            "--context",
            str(context),
            "--output-filename",
            "Containerfile",
            "-v",
            "1",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return context


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    tarball = collection_tarball(tmp_path_factory.mktemp("dist"))
    return _create(tmp_path_factory.mktemp("ee") / "context", tarball)


def test_build_context_installs_the_tarball_offline(context: pathlib.Path) -> None:
    assert context_problems(context) == []


def _drop_offline(context: pathlib.Path) -> None:
    containerfile = context / "Containerfile"
    containerfile.write_text(containerfile.read_text().replace("--offline", ""))


def _drop_tarball(context: pathlib.Path) -> None:
    (context / "_build" / "collections" / TARBALL_NAME).unlink()


def _install_from_galaxy(context: pathlib.Path) -> None:
    (context / "_build" / "requirements.yml").write_text("collections:\n  - name: lync.lb_qualification\n")


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (_drop_offline, "without --offline"),
        (_drop_tarball, f"_build/collections/{TARBALL_NAME} is missing"),
        (_install_from_galaxy, "does not install collections/lync-lb_qualification.tar.gz as type: file"),
    ],
)
def test_a_wrong_build_context_is_reported(
    context: pathlib.Path, tmp_path: pathlib.Path, break_it: t.Callable[[pathlib.Path], None], expected: str
) -> None:
    broken = tmp_path / "context"
    shutil.copytree(context, broken)
    break_it(broken)
    problems = context_problems(broken)
    assert len(problems) == 1 and expected in problems[0], problems


def test_builder_introspects_the_python_requirements(collections_path: pathlib.Path) -> None:
    """What ansible-builder finds inside the image: introspect the installed copy the same way."""
    done = subprocess.run(
        [_builder(), "introspect", "--sanitize", str(collections_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    missing = [package for package in PYTHON_REQUIREMENTS if package not in done.stdout]
    assert missing == [], f"ansible-builder introspect does not report {missing}:\n{done.stdout}"


def test_galaxy_stage_installs_offline_from_the_context(context: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """The image's galaxy stage, replayed outside a container: the same offline install from the build context."""
    replay = tmp_path / "replay"
    # Only the empty replay path counts as installed (not a laid-out copy on PYTHONPATH), as in a fresh image.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(replay), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false")
    done = run_ansible(
        "galaxy",
        "collection",
        "install",
        "--offline",
        "-r",
        "requirements.yml",
        "-p",
        str(replay),
        env=env,
        cwd=context / "_build",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (replay / "ansible_collections" / "lync" / "lb_qualification" / "MANIFEST.json").is_file(), done.stdout
