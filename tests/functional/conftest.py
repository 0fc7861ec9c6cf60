# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the integration tests."""

from __future__ import annotations

import os
import pathlib

import pytest

from ._support import installed_collections_path


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A collections path that holds the installed lync.lb_qualification (never the checkout itself)."""
    return installed_collections_path(tmp_path_factory.mktemp("collection"))


@pytest.fixture()
def env(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> dict[str, str]:
    """The environment of an ansible CLI run: the installed collection, no colour, temporary files under tmp_path."""
    return dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=str(collections_path),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"),
        ANSIBLE_RETRY_FILES_ENABLED="0",
    )
