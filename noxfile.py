# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection's test and lint sessions. `nox -l` lists them, `nox -s NAME` runs one, `nox` runs the default list.

`bash scripts/test.sh` (the README's test command; .ci/run calls exactly it) installs nox and uv from
tests/requirements/nox.txt and runs every default session. Each session has its own virtual environment
(.build/nox/<session>), made by uv from the pinned requirement files and re-used between runs. Nothing needs Galaxy
or a container engine; CONTRIBUTING.md explains the workarounds. The ansible sessions work on the checkout laid out as
.build/collections/ansible_collections/lync/lb_qualification (scripts/lib.sh: lbq_layout, lbq_build_install), since
ansible-test and ansible-galaxy only accept a collection there.
"""

from __future__ import annotations

import os
import pathlib
import shlex
import shutil

import nox

ROOT = pathlib.Path(__file__).resolve().parent
BUILD = ROOT / ".build"
COLLECTIONS = BUILD / "collections"
COLLECTION_DIR = COLLECTIONS / "ansible_collections" / "lync" / "lb_qualification"
INSTALLED = BUILD / "installed"
DIST = BUILD / "dist"
REQUIREMENTS = ROOT / "tests" / "requirements"
# The controller Python of every supported ansible-core line we test (2.16 and 2.19).
PYTHON = "3.11"
# ansible-core 2.19 and the tools that run the collection (ansible-lint, molecule, ansible-builder, pytest, ...).
TOOLS = ("-r", str(ROOT / "requirements.txt"), "-r", str(ROOT / "test-requirements.txt"))
# The oldest ansible-core this collection supports (meta/runtime.yml).
CORE_216 = ("-r", str(ROOT / "test-requirements-core216.txt"))
# The execution-environment check runs in its own session (ee).
EE_TEST = "tests/functional/test_execution_environment.py"

nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.envdir = str(BUILD / "nox")
nox.options.error_on_missing_interpreters = True
nox.options.download_python = "never"
# The default run, cheapest first so that a mistake fails fast.
nox.options.sessions = [
    "lint",
    "formatters",
    "mypy",
    "yamllint",
    "changelog",
    "docs",
    "galaxy-importer",
    "ansible-test-2.19",
    "ansible-test-2.16",
    "pytest",
    "ee",
    "ansible-lint",
    "molecule",
]


def _lib(session: nox.Session, *commands: str) -> None:
    """Run scripts/lib.sh helpers (lbq_layout, lbq_build_install, ...) in a shell with the session's tools on PATH."""
    session.run("bash", "-c", " && ".join((f"source '{ROOT}/scripts/lib.sh'", *commands)), external=True)


def _layout(session: nox.Session) -> None:
    """Lay the checkout out under .build/collections (lbq_layout) and point ANSIBLE_COLLECTIONS_PATH at it."""
    _lib(session, "lbq_layout")
    session.env["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)


def _build_install(session: nox.Session) -> pathlib.Path:
    """Lay out, build the tarball into .build/dist and install it offline into .build/installed; the tarball."""
    _lib(session, "lbq_layout", "lbq_build_install")
    session.env["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)
    (tarball,) = DIST.glob("lync-lb_qualification-*.tar.gz")
    session.env["LBQ_TARBALL"] = str(tarball)
    session.env["LBQ_INSTALLED_COLLECTIONS_PATH"] = str(INSTALLED)
    return tarball


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check over the whole tree (rules: pyproject.toml [tool.ruff.lint])."""
    session.install("-r", str(REQUIREMENTS / "lint.txt"))
    session.run("ruff", "check", *(session.posargs or ["."]))


@nox.session(python=PYTHON)
def formatters(session: nox.Session) -> None:
    """ruff format --check --diff over the whole tree; `nox -s formatters -- --fix` fixes imports and formats."""
    session.install("-r", str(REQUIREMENTS / "lint.txt"))
    if session.posargs == ["--fix"]:
        session.run("ruff", "check", "--fix", ".")
        session.run("ruff", "format", ".")
    elif session.posargs:
        session.error("the only argument is --fix")
    else:
        session.run("ruff", "format", "--check", "--diff", ".")


@nox.session(python=PYTHON)
def mypy(session: nox.Session) -> None:
    """mypy on plugins/ (pyproject.toml [tool.mypy]), run in the laid-out copy where the collection's imports resolve."""
    session.install("-r", str(REQUIREMENTS / "mypy.txt"))
    _layout(session)
    with session.chdir(COLLECTION_DIR):  # where pyproject.toml's [tool.mypy] applies to the laid-out files
        session.run(
            "mypy",
            "--cache-dir",
            str(BUILD / "mypy-cache"),
            "-p",
            "ansible_collections.lync.lb_qualification.plugins",
            env={"MYPYPATH": str(COLLECTIONS)},
        )


@nox.session(python=PYTHON)
def yamllint(session: nox.Session) -> None:
    """yamllint over every YAML file of the tree (.yamllint)."""
    session.install("-r", str(REQUIREMENTS / "yamllint.txt"))
    session.run("yamllint", "--strict", *(session.posargs or ["."]))


@nox.session(python=PYTHON)
def changelog(session: nox.Session) -> None:
    """antsibull-changelog lint, lint-changelog-yaml, and the release command of CONTRIBUTING.md on a scratch copy."""
    session.install(*TOOLS)
    session.run("antsibull-changelog", "lint")
    session.run("antsibull-changelog", "lint-changelog-yaml", "changelogs/changelog.yaml")
    # The release must work with the fragments and plugins as they are now. A difference from the committed
    # changelog is reported, not fatal: new fragments are expected between releases.
    _layout(session)
    scratch = BUILD / "changelog-dry-run"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(
        COLLECTION_DIR,
        scratch,
        ignore=lambda path, names: [
            name for name in names if name == ".git" or (path, name) == (str(COLLECTION_DIR / "tests"), "output")
        ],
    )
    version = session.run(
        "python", "-c", "import yaml; print(yaml.safe_load(open('galaxy.yml'))['version'])", silent=True
    ).strip()
    release = (
        "antsibull-changelog",
        "release",
        "--version",
        version,
        "--update-existing",
        "--reload-plugins",
        "--refresh",
    )
    with session.chdir(scratch):
        session.run(*release, silent=True)
    if all(
        (ROOT / name).read_bytes() == (scratch / name).read_bytes()
        for name in ("CHANGELOG.rst", "changelogs/changelog.yaml")
    ):
        session.log(f"CHANGELOG.rst and changelogs/changelog.yaml are up to date for {version}")
    else:
        session.log(
            f"NOTE: fragments or plugins not yet in the changelog for {version}; before tagging run: "
            + " ".join(release)
        )
        session.run(
            "diff",
            "-u",
            str(ROOT / "CHANGELOG.rst"),
            str(scratch / "CHANGELOG.rst"),
            external=True,
            success_codes=[0, 1],
        )


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """antsibull-docs lint-collection-docs: plugin and role docs, and every collection reference in them."""
    session.install("-r", str(REQUIREMENTS / "docs.txt"))
    _layout(session)
    session.run(
        "antsibull-docs",
        "lint-collection-docs",
        "--plugin-docs",
        "--validate-collection-refs=all",
        "--disallow-unknown-collection-refs",
        "--check-extra-docs-refs",
        str(COLLECTION_DIR),
    )


@nox.session(name="galaxy-importer", python=PYTHON)
def galaxy_importer(session: nox.Session) -> None:
    """Galaxy's import checks on the built tarball: ansible-doc and ansible-lint, no ansible-test (no container)."""
    session.install("-r", str(REQUIREMENTS / "galaxy-importer.txt"))
    tarball = _build_install(session)
    work = BUILD / "galaxy-importer"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    config = work / "galaxy-importer.cfg"
    # run_ansible_test would run ansible-test in a container; `nox -s ansible-test-*` runs it without one.
    config.write_text(
        "[galaxy-importer]\nrun_ansible_test = false\nrun_ansible_lint = true\noffline_ansible_lint = true\n"
        "check_required_tags = false\n"
    )
    with session.chdir(work):  # it writes importer_result.json to the current directory
        output = session.run(
            "python",
            "-m",
            "galaxy_importer.main",
            str(tarball),
            silent=True,
            env={"GALAXY_IMPORTER_CONFIG": str(config)},
        )
    print(output, end="")
    # Galaxy imports a collection with warnings, but shows them to every user: treat them as errors.
    reported = [line for line in output.splitlines() if line.startswith(("WARNING:", "ERROR:"))]
    if reported:
        session.error(f"galaxy-importer reported {len(reported)} warning(s) or error(s) (above)")


def _ansible_test(session: nox.Session, requirements: tuple[str, ...]) -> None:
    """ansible-test sanity and units from the laid-out copy, with the offline stand-in for its get-pip bootstrap."""
    session.install(*requirements)
    python = pathlib.Path(session.virtualenv.location, "bin", "python")
    _lib(session, f"lbq_getpip_standin '{python}'")
    _layout(session)
    with session.chdir(COLLECTION_DIR):
        session.run("ansible-test", "--version")
        session.run("ansible-test", "sanity", "--venv", "--python", PYTHON, "--color", "no", *session.posargs)
        session.run("ansible-test", "units", "--local", "--requirements", "--python", PYTHON, "--color", "no")


# --seed: pip in the venv, for `ansible-test units --requirements` and the sanity venvs it creates.
@nox.session(name="ansible-test-2.19", python=PYTHON, venv_params=["--seed"])
def ansible_test_219(session: nox.Session) -> None:
    """ansible-test sanity + units on ansible-core 2.19 (the newest that runs on Python 3.11)."""
    _ansible_test(session, TOOLS)


@nox.session(name="ansible-test-2.16", python=PYTHON, venv_params=["--seed"])
def ansible_test_216(session: nox.Session) -> None:
    """ansible-test sanity + units on ansible-core 2.16 (the oldest supported)."""
    _ansible_test(session, CORE_216)


@nox.session(python=PYTHON)
def pytest(session: nox.Session) -> None:
    """tests/unit and tests/functional (real ansible runs) against the installed tarball; extra arguments to pytest."""
    session.install(*TOOLS)
    # The report tests render HTML with Debian's chromium; the gate and inventory tests also run ansible-playbook on
    # ansible-core 2.16, from .venv-core216 (test-requirements-core216.txt).
    _lib(session, "lbq_ensure_chromium", "lbq_venv_core216")
    _build_install(session)
    extra = shlex.split(os.environ.get("LBQ_PYTEST_ARGS", ""))  # as `bash scripts/test.sh --quick` documents
    session.run(
        "python",
        "-m",
        "pytest",
        "tests/unit",
        "tests/functional",
        f"--ignore={EE_TEST}",
        "-p",
        "no:cacheprovider",
        *extra,
        *session.posargs,
        env={"PYTHONPATH": _pythonpath()},
    )


@nox.session(python=PYTHON)
def ee(session: nox.Session) -> None:
    """ansible-builder create on examples/execution-environment, and the build context checked (EE_TEST)."""
    session.install(*TOOLS)
    _build_install(session)
    session.run("python", "-m", "pytest", EE_TEST, "-p", "no:cacheprovider", *session.posargs)


@nox.session(name="ansible-lint", python=PYTHON)
def ansible_lint(session: nox.Session) -> None:
    """ansible-lint, production profile, offline (.ansible-lint), with the laid-out copy as the collections path."""
    session.install(*TOOLS)
    _layout(session)
    session.run("ansible-lint", "--version")
    session.run("ansible-lint", *session.posargs)


@nox.session(python=PYTHON)
def molecule(session: nox.Session) -> None:
    """molecule test --all from the laid-out copy's extensions/ (localhost, no containers, no Galaxy)."""
    session.install(*TOOLS)
    _layout(session)
    if not (COLLECTION_DIR / "extensions" / "molecule" / "config.yml").is_file():
        session.error("extensions/molecule/config.yml is missing")
    with session.chdir(COLLECTION_DIR / "extensions"):
        session.run("molecule", "test", "--all")


def _pythonpath() -> str:
    """The laid-out copy first, so that `import ansible_collections.lync.lb_qualification` finds the checkout's code."""
    return os.pathsep.join(filter(None, (str(COLLECTIONS), os.environ.get("PYTHONPATH"))))
