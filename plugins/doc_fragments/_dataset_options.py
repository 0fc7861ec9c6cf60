# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this doc fragment is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

from __future__ import annotations


class ModuleDocFragment:
    """The options the assert_qualified module and the qualified_lb lookup share: how versions are matched against
    the dataset, and the site's own entries added to it. The precheck role documents the same options as
    precheck_version_policy and precheck_extra_dataset in its meta/argument_specs.yml (which cannot use fragments;
    tests/unit checks that its choices are the code's)."""

    DOCUMENTATION = r"""
options:
  version_policy:
    description:
      - How a device version is compared with the versions Microsoft lists as tested.
      - V(exact) accepts a tested version (wildcards such as C(11.x) and open minimums such as C(8.x and up)
        honoured); V(release_train) also accepts every version that starts with a tested version (C(12.1) covers
        12.1.4); V(minimum) also accepts any version at or above the lowest tested one, and the check reports what
        only it accepts as C(LB_VERSION_NEWER_THAN_TESTED) (a warning).
    type: str
    default: release_train
    choices: [exact, release_train, minimum]
  extra_dataset:
    description:
      - "Site-qualified entries added to Microsoft's list (a lab-tested newer firmware, a site-approved device): a
        path to a YAML or JSON file on the controller holding a list of entries (or a mapping with key C(entries)),
        or the list itself."
      - Each entry has C(vendor), C(product), C(form_factor) and C(versions_tested), and optionally C(models),
        C(product_aliases), C(id), C(guide_title), C(guide_url) and C(note); it is validated against the dataset
        schema. Files are read with safe loading and never templated. Findings and results name entries that came
        from here.
      - A relative file path is taken from the directory C(ansible-playbook) was started from (use
        C({{ playbook_dir }}/site-qualified.yml) for a file beside your playbook); when the file is not found the
        error names every place looked.
      - An entry is matched like the shipped rows of its vendor and product, with their product names, aliases and
        family (an entry for C(BIG-IP Local Traffic Manager) also applies to a device declared C(BIG-IP LTM)), and
        counts for every C(lync_version).
    type: raw
"""
