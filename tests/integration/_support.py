# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every integration test needs: the ansible CLIs of the running interpreter, and the installed collection."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_ansible(tool: str, *args: str, env: dict[str, str], cwd: pathlib.Path | None = None,
                timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run an ansible CLI as `python -m ansible <tool>` with the interpreter running the tests."""
    return subprocess.run([sys.executable, '-m', 'ansible', tool, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)


def installed_collections_path(work: pathlib.Path) -> pathlib.Path:
    """A collections path holding lync.lb_qualification installed from its tarball, as users install it.

    scripts/test.sh builds and installs it once and says where in LBQ_INSTALLED_COLLECTIONS_PATH; without it (a
    single test file run by hand) the checkout is built and installed under ``work``.
    """
    installed = os.environ.get('LBQ_INSTALLED_COLLECTIONS_PATH')
    if installed:
        path = pathlib.Path(installed)
        assert (path / 'ansible_collections' / 'lync' / 'lb_qualification' / 'MANIFEST.json').is_file(), (
            f'LBQ_INSTALLED_COLLECTIONS_PATH={installed} holds no installed lync.lb_qualification')
        return path
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(work / 'installed'))
    built = run_ansible('galaxy', 'collection', 'build', '--force', '--output-path', str(work / 'dist'), str(ROOT),
                        env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    tarball, = (work / 'dist').glob('lync-lb_qualification-*.tar.gz')
    done = run_ansible('galaxy', 'collection', 'install', '--offline', '-p', str(work / 'installed'), str(tarball),
                       env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return work / 'installed'
