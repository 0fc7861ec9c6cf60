# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the unit tests. Each reads what it needs from the test module that uses it."""

from __future__ import annotations

import importlib.util
import types

import pytest
from ansible import constants as C

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._argspec import documented_options


@pytest.fixture(scope="module", autouse=True)
def _lookup_options(request: pytest.FixtureRequest) -> None:
    """What the plugin loader does when it loads a lookup: register its documented options (its doc fragments'
    included). For the test modules of a lookup, which name it in ``LOOKUP_PLUGIN`` (the plugin's module) and ``NAME``."""
    plugin = getattr(request.module, "LOOKUP_PLUGIN", None)
    if plugin is not None:
        C.config.initialize_plugin_configuration_definitions(
            "lookup", request.module.NAME, documented_options(plugin.DOCUMENTATION)
        )


@pytest.fixture(scope="module")
def generator(request: pytest.FixtureRequest) -> types.ModuleType:
    """The generator script the test module names in ``GENERATOR`` (a path under scripts/), loaded as a module."""
    path = request.module.GENERATOR
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
