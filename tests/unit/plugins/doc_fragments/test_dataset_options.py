# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options the module and the lookup share are documented once, in the private doc fragment."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.lync.lb_qualification.plugins.doc_fragments._dataset_options import ModuleDocFragment
from ansible_collections.lync.lb_qualification.plugins.lookup import qualified_lb
from ansible_collections.lync.lb_qualification.plugins.modules import assert_qualified
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._argspec import documented_options, spec_from_doc

SHARED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]


@pytest.mark.parametrize("plugin", [assert_qualified, qualified_lb], ids=["assert_qualified", "qualified_lb"])
def test_the_shared_options_come_from_the_fragment(plugin) -> None:
    own = yaml.safe_load(plugin.DOCUMENTATION)
    assert "lync.lb_qualification._dataset_options" in own["extends_documentation_fragment"]
    assert not set(SHARED) & set(own["options"]), "documented again beside the fragment"
    options = documented_options(plugin.DOCUMENTATION)
    assert {name: options[name] for name in SHARED} == SHARED


def test_the_action_validates_the_shared_options_as_the_fragment_documents_them() -> None:
    spec = spec_from_doc(assert_qualified.DOCUMENTATION)
    assert spec["version_policy"] == {key: SHARED["version_policy"][key] for key in ("type", "default", "choices")}
    assert spec["extra_dataset"] == {"type": "raw"}
