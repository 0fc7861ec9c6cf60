# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build an argument spec from a module's DOCUMENTATION, so that docs and validation cannot drift apart.

PRIVATE to the collection.
"""

from __future__ import annotations

import importlib
import typing as t

import yaml

_KEYS = ("type", "elements", "default", "choices", "required", "aliases")
# Where the doc fragments a plugin extends live, by the prefix of the fragment's name.
_FRAGMENTS = {
    "lync.lb_qualification.": "ansible_collections.lync.lb_qualification.plugins.doc_fragments.",
    "ansible.builtin.": "ansible.plugins.doc_fragments.",
}


def spec_from_doc(documentation: str) -> dict[str, dict[str, t.Any]]:
    """The argument spec of the ``options`` of a DOCUMENTATION string (suboptions become nested ``options``)."""
    return _options(documented_options(documentation))


def documented_options(documentation: str) -> dict[str, t.Any]:
    """The ``options`` of a DOCUMENTATION string with those of the doc fragments it extends, merged as ansible-doc
    merges them (an option the plugin documents itself wins over a fragment's)."""
    doc = _load(documentation)
    options: dict[str, t.Any] = {}
    for name in doc.get("extends_documentation_fragment") or ():
        options.update(_load(_fragment(name)).get("options") or {})
    options.update(doc.get("options") or {})
    return options


def _load(text: str) -> dict[str, t.Any]:
    # libyaml's safe loader when PyYAML has it (the action builds its spec at import, in every ansible-playbook run)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader) or {}  # noqa: S506 - a safe loader


def _fragment(name: str) -> str:
    """The text of doc fragment ``name`` (``namespace.collection.fragment`` or ``...fragment.variable``)."""
    for prefix, package in _FRAGMENTS.items():
        if name.startswith(prefix):
            module, _dot, variable = name[len(prefix) :].partition(".")
            fragment = importlib.import_module(package + module).ModuleDocFragment
            return getattr(fragment, (variable or "documentation").upper())
    raise ValueError(f"doc fragment {name!r}: only this collection's and ansible.builtin's are read")


def _options(options: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    spec = {}
    for name, doc in options.items():
        entry = {key: doc[key] for key in _KEYS if key in doc}
        if "suboptions" in doc:
            entry["options"] = _options(doc["suboptions"])
            entry["apply_defaults"] = True
        spec[name] = entry
    return spec
