# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build an argument spec from a module's DOCUMENTATION, so that docs and validation cannot drift apart.

PRIVATE to the collection.
"""

from __future__ import annotations

import typing as t

import yaml

_KEYS = ("type", "elements", "default", "choices", "required", "aliases")


def spec_from_doc(documentation: str) -> dict[str, dict[str, t.Any]]:
    """The argument spec of the ``options`` of a DOCUMENTATION string (suboptions become nested ``options``)."""
    # libyaml's safe loader when PyYAML has it (the action builds its spec at import, in every ansible-playbook run)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _options(yaml.load(documentation, Loader=loader).get("options") or {})  # noqa: S506 - a safe loader


def _options(options: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    spec = {}
    for name, doc in options.items():
        entry = {key: doc[key] for key in _KEYS if key in doc}
        if "suboptions" in doc:
            entry["options"] = _options(doc["suboptions"])
            entry["apply_defaults"] = True
        spec[name] = entry
    return spec
