# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the integration tests."""

from __future__ import annotations

import pathlib

import pytest

from ._support import installed_collections_path


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A collections path that holds the installed lync.lb_qualification (never the checkout itself)."""
    return installed_collections_path(tmp_path_factory.mktemp('collection'))
