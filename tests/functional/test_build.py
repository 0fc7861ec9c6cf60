# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The release tarball: what `ansible-galaxy collection build` ships, and that it installs and runs offline.

scripts/test.sh (nox session pytest) builds the tarball from the laid-out copy and installs it, then exports
LBQ_TARBALL and LBQ_INSTALLED_COLLECTIONS_PATH; these tests check that tarball. Run on their own, they build one
themselves.
"""

from __future__ import annotations

import fnmatch
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent

# Nothing a test run, a virtual environment or a cache leaves behind may reach the tarball.
FORBIDDEN = (
    "tests/output",
    "tests/output/*",
    ".venv",
    ".venv/*",
    ".venv-*",
    "*/.venv/*",
    ".build",
    ".build/*",
    ".molecule",
    "*/.molecule",
    "*/.molecule/*",
    "__pycache__",
    "*/__pycache__",
    "*/__pycache__/*",
    "*.pyc",
    ".pytest_cache",
    "*/.pytest_cache",
    "*/.pytest_cache/*",
    ".hypothesis",
    "*/.hypothesis",
    "*/.hypothesis/*",
    ".ansible",
    ".ansible/*",
    "*/.ansible",
    "*/.ansible/*",
    ".cache",
    ".cache/*",
    ".nox",
    ".nox/*",
    ".mypy_cache",
    ".mypy_cache/*",
    ".ruff_cache",
    ".ruff_cache/*",
    ".git",
    ".git/*",
    "*.tar.gz",
)

# What the collection must ship.
REQUIRED = (
    "MANIFEST.json",
    "FILES.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.rst",
    "changelogs/changelog.yaml",
    "meta/runtime.yml",
    "meta/execution-environment.yml",
    "meta/ee-requirements.txt",
    "data/qualified_load_balancers.yml",
    "plugins/lookup/qualified_lb.py",
    "plugins/lookup/run_options.py",
    "plugins/action/assert_qualified.py",
    "plugins/modules/assert_qualified.py",
    "plugins/doc_fragments/_dataset_options.py",
    "plugins/inventory/lync_topology.py",
    "plugins/filter/lync_topology.py",
    "plugins/filter/lync_topology.yml",
    "plugins/plugin_utils/_qualification/__init__.py",
    "roles/precheck/tasks/main.yml",
    "roles/precheck/meta/argument_specs.yml",
    "roles/report/tasks/main.yml",
    "playbooks/precheck.yml",
    "playbooks/report.yml",
)

PLAYBOOKS = ("precheck", "report")

# Far above today's size; a jump past it means something large slipped in.
MAX_TARBALL_BYTES = 2 * 1024 * 1024


def _tool(name: str) -> str:
    candidate = BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found beside {sys.executable} or on PATH")
    return found


def _galaxy_build(source: pathlib.Path, output: pathlib.Path) -> pathlib.Path:
    output.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("ansible-galaxy"), "collection", "build", "--force", "--output-path", str(output), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarballs = sorted(output.glob("lync-lb_qualification-*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    return tarballs[0]


def _members(tarball: pathlib.Path) -> list[str]:
    with tarfile.open(tarball) as tar:
        return [name[2:] if name.startswith("./") else name for name in tar.getnames()]


def _files(tarball: pathlib.Path) -> set[str]:
    with tarfile.open(tarball) as tar:
        return {member.name for member in tar.getmembers() if member.isfile()}


def _forbidden(members: list[str]) -> list[str]:
    return sorted(m for m in members if any(fnmatch.fnmatch(m, pattern) for pattern in FORBIDDEN))


def _collection_source() -> pathlib.Path:
    """The laid-out copy when scripts/test.sh made one, else the checkout itself."""
    collections = os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep)[0]
    laid_out = pathlib.Path(collections, "ansible_collections", "lync", "lb_qualification") if collections else None
    if laid_out and (laid_out / "galaxy.yml").is_file():
        return laid_out
    return ROOT


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    built = os.environ.get("LBQ_TARBALL")
    if built:
        path = pathlib.Path(built)
        assert path.is_file(), f"LBQ_TARBALL={built} does not exist"
        return path
    return _galaxy_build(_collection_source(), tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def galaxy() -> dict:
    return yaml.safe_load((ROOT / "galaxy.yml").read_text(encoding="utf-8"))


def test_tarball_has_no_test_output_venvs_caches_or_molecule_state(tarball: pathlib.Path) -> None:
    assert _forbidden(_members(tarball)) == []


def test_tarball_ships_the_collection(tarball: pathlib.Path) -> None:
    members = set(_members(tarball))
    missing = [name for name in REQUIRED if name not in members]
    assert missing == [], f"missing from {tarball.name}: {missing}"
    schemas = [m for m in members if fnmatch.fnmatch(m, "schemas/*.json")]
    assert schemas, "no JSON Schema under schemas/"


def test_tarball_size_is_sane(tarball: pathlib.Path) -> None:
    size = tarball.stat().st_size
    print(f"{tarball.name}: {size} bytes, {len(_members(tarball))} members")
    assert 0 < size < MAX_TARBALL_BYTES


def test_manifest_matches_galaxy_yml(tarball: pathlib.Path, galaxy: dict) -> None:
    with tarfile.open(tarball) as tar:
        info = json.load(tar.extractfile("MANIFEST.json"))["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == ("lync", "lb_qualification", galaxy["version"])
    assert tarball.name == f"lync-lb_qualification-{galaxy['version']}.tar.gz"
    assert info["license"] == ["GPL-3.0-or-later"]
    assert {"tools", "networking", "windows"} <= set(info["tags"])
    assert info["dependencies"] == {}
    for key in ("description", "repository", "documentation", "issues"):
        assert info[key], f"galaxy.yml {key} is empty"


def test_build_ignore_keeps_a_dirty_tree_out(tmp_path: pathlib.Path) -> None:
    """Litter a copy of the collection with everything a test run leaves behind, build it, find none of it."""
    source = _collection_source()
    copy = tmp_path / "ansible_collections" / "lync" / "lb_qualification"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("output", ".venv*", ".build", ".git"))
    clean = _galaxy_build(copy, tmp_path / "clean")
    litter = [
        "tests/output/.tmp/sanity/result.json",
        ".venv/bin/python",
        ".venv-core216/pyvenv.cfg",
        ".build/dist/x.tar.gz",
        ".pytest_cache/v/cache/nodeids",
        ".hypothesis/examples/x",
        ".ansible/collections/x",
        "extensions/.ansible/roles/x",
        "extensions/molecule/default/.molecule/state.yml",
        "plugins/lookup/__pycache__/qualified_lb.cpython-311.pyc",
        "tests/unit/.pytest_cache/x",
        ".cache/x",
        "lync-lb_qualification-0.0.1.tar.gz",
        "examples/execution-environment/lync-lb_qualification.tar.gz",
    ]
    for name in litter:
        path = copy / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("litter\n", encoding="utf-8")
    dirty = _galaxy_build(copy, tmp_path / "dirty")
    assert _forbidden(_members(dirty)) == []
    # (littering may add empty directories; the files must be the same)
    assert _files(dirty) == _files(clean)


def test_installed_copy_verifies_offline(tarball: pathlib.Path, tmp_path: pathlib.Path) -> None:
    installed = pathlib.Path(os.environ.get("LBQ_INSTALLED_COLLECTIONS_PATH") or tmp_path)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(installed))
    if not (installed / "ansible_collections" / "lync" / "lb_qualification").is_dir():
        subprocess.run(
            [_tool("ansible-galaxy"), "collection", "install", "--offline", "-p", str(installed), str(tarball)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    result = subprocess.run(
        [_tool("ansible-galaxy"), "collection", "verify", "--offline", "-p", str(installed), "lync.lb_qualification"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Successfully verified" in result.stdout


@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbooks_resolve_from_a_fresh_install(tarball: pathlib.Path, tmp_path: pathlib.Path, playbook: str) -> None:
    """Install the tarball into an empty collections path and syntax-check each playbook by its FQCN from there."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(tmp_path), ANSIBLE_NOCOLOR="1")
    subprocess.run(
        [_tool("ansible-galaxy"), "collection", "install", "--offline", "-p", str(tmp_path), str(tarball)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result = subprocess.run(
        [_tool("ansible-playbook"), "--syntax-check", "-i", "localhost,", f"lync.lb_qualification.{playbook}"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
