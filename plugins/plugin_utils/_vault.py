# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Vault-encrypted values in, plain text to the core, ``<vaulted>`` out.

PRIVATE to the collection. The Ansible-facing half of vault handling, shared by the action and the lookup:

- :func:`reveal` turns what Ansible hands over for a vaulted value (ansible-core 2.16-2.18: an
  ``AnsibleVaultEncryptedUnicode``; 2.19: an ``EncryptedString``, or a string tagged ``VaultedValue`` once templated)
  into a plain ``str`` the pure-Python core accepts, and collects the decrypted texts;
- :func:`redact` replaces every decrypted text in a result (messages, findings, the echoed input) by ``<vaulted>``,
  so that the verdict uses the value but nothing shows it.
"""

from __future__ import annotations

import re
import typing as t

REDACTED = "<vaulted>"

try:  # ansible-core 2.19 and later
    from ansible.parsing.vault import VaultHelper as _VaultHelper
except ImportError:  # pragma: no cover - older ansible-core
    _VaultHelper = None
try:  # ansible-core 2.19: what get_ciphertext looks for, checked first without building the value's tag set
    from ansible._internal._datatag._tags import VaultedValue as _VaultedValue
    from ansible.parsing.vault import EncryptedString as _EncryptedString
except ImportError:  # pragma: no cover - older or later ansible-core: get_ciphertext alone decides
    _VaultedValue = _EncryptedString = None
try:  # ansible-core 2.16-2.18 (absent or a stand-in later)
    from ansible.parsing.yaml.objects import AnsibleVaultEncryptedUnicode as _LegacyVaulted
except ImportError:  # pragma: no cover - removed in a later ansible-core
    _LegacyVaulted = None


def may_be_vaulted(value: t.Any) -> bool:
    """False for a value that is surely not vaulted; cheap (nothing decrypted, no tag set built): the inventory reader
    asks it of every string it reads."""
    if type(value) is str:  # pylint: disable=unidiomatic-typecheck  # exactly str, not a tagged subclass
        return False  # an exact str carries no tag
    if _LegacyVaulted is not None and isinstance(value, _LegacyVaulted):
        return True
    if _VaultedValue is not None:  # most inventory strings are tagged with their origin only
        return type(value) is _EncryptedString or _VaultedValue.is_tagged_on(value)  # pylint: disable=unidiomatic-typecheck
    return _VaultHelper is not None and (isinstance(value, str) or type(value).__name__ == "EncryptedString")


def _plaintext(value: t.Any) -> str | None:
    """The decrypted text of a vaulted value; None when ``value`` is not vaulted."""
    if not may_be_vaulted(value):
        return None
    if _LegacyVaulted is not None and isinstance(value, _LegacyVaulted) and hasattr(value, "vault"):
        return str.__str__(str(value.data))
    if _VaultHelper is not None and (isinstance(value, str) or type(value).__name__ == "EncryptedString"):
        if _VaultHelper.get_ciphertext(value, with_tags=False) is not None:
            return "".join(iter(value))  # an exact str: the characters, without the tags
    return None


def reveal(value: t.Any, secrets: set[str]) -> t.Any:
    """``value`` with every vaulted string (at any depth in lists and mappings) replaced by its plain text, which is
    added to ``secrets``. Plain values come back as they are (the same objects, no copy)."""
    text = _plaintext(value)
    if text is not None:
        if text:
            secrets.add(text)
        return text
    if isinstance(value, dict):
        changed: dict[t.Any, t.Any] | None = None  # a copy only when something was revealed
        for key, item in value.items():
            new = reveal(item, secrets)
            if new is not item:
                changed = dict(value) if changed is None else changed
                changed[key] = new
        return value if changed is None else changed
    if isinstance(value, (list, tuple)):
        items: list[t.Any] | None = None
        for index, item in enumerate(value):
            new = reveal(item, secrets)
            if new is not item:
                items = list(value) if items is None else items
                items[index] = new
        return value if items is None else items
    return value


_NOT_VARIABLES = frozenset(("hostvars", "groups", "vars", "omit", "environment"))


def collect(variables: t.Mapping[str, t.Any], secrets: set[str]) -> None:
    """Add to ``secrets`` the plain text of every vaulted value among ``variables`` (a task's variables).

    ansible-core 2.16-2.18 template a module argument such as ``"{{ lb_version }}"``, or an inventory variable such as
    ``lb_version: "{{ secret_version }}"``, into a plain string: the action cannot tell it came from the vault. The
    variables (the task's, or the host's) still hold the vaulted object, so the texts are found there.
    (2.19 keeps a VaultedValue tag on the templated string, which :func:`reveal` sees.)
    """
    if _LegacyVaulted is None or _VaultHelper is not None:
        return  # 2.19 and later keep the VaultedValue tag on the templated argument itself
    stack = [value for key, value in variables.items() if key not in _NOT_VARIABLES]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, _LegacyVaulted):
            reveal(item, secrets)
        elif isinstance(item, (dict, list, tuple)) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


_QUOTED = re.compile("'([^'\\n]+)'|\"([^\"\\n]+)\"")


def redact(value: t.Any, secrets: t.Collection[str]) -> t.Any:
    """``value`` with every occurrence of a secret text inside its strings replaced by ``<vaulted>``, and every quoted
    piece of one too: a message that quotes part of a value (``unexpected 'TOKEN' after '7.1'``) shows none of it."""
    if not secrets:
        return value
    return plain(value, secrets)


def plain(value: t.Any, secrets: t.Collection[str] = ()) -> t.Any:
    """``value`` as plain data, with ``secrets`` redacted (see :func:`redact`): exact ``str``, ``int``, ``float``,
    ``bool``, lists and dicts. Strings and numbers read from the inventory are Ansible's tagged copies (ansible-core
    2.19: each carries its origin, three more objects); a result made of them costs the controller several objects
    per name to unpickle, copy for ``register`` and collect."""
    ordered = sorted(secrets, key=len, reverse=True)  # the longest first: one secret may contain another

    def piece(match: re.Match[str]) -> str:
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted != REDACTED and any(quoted in secret for secret in ordered):
            return match.group(0).replace(quoted, REDACTED)
        return match.group(0)

    def walk(item: t.Any) -> t.Any:
        if isinstance(item, str):
            item = str.__str__(item)
            if ordered:
                for secret in ordered:
                    if secret in item:
                        item = item.replace(secret, REDACTED)
                item = _QUOTED.sub(piece, item)
            return item
        if isinstance(item, dict):
            return {walk(key): walk(inner) for key, inner in item.items()}
        if isinstance(item, (list, tuple)):
            return [walk(inner) for inner in item]
        if isinstance(item, bool) or type(item) in (int, float):
            return item
        if isinstance(item, int):
            return int.__int__(item)
        if isinstance(item, float):
            return float.__float__(item)
        return item

    return walk(value)
