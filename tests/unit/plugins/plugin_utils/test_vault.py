# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""_vault: vaulted values become plain text for the core, and their texts never appear in what is shown."""

from __future__ import annotations

from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _vault


def test_plain_values_come_back_unchanged_and_uncopied() -> None:
    value = {"a": ["x", 1, None, {"b": True}], "c": "11.6.1 HF2"}
    secrets: set[str] = set()
    assert _vault.reveal(value, secrets) is value
    assert secrets == set()


def test_redact_replaces_every_occurrence_longest_first() -> None:
    result = {
        "msg": "version '11.6.1 HF2' is not tested (11.6.1)",
        "findings": [{"message": "runs 11.6.1 HF2"}],
        "load_balancers": {"ltm": {"version": "11.6.1 HF2", "multiple_vips": True}},
    }
    redacted = _vault.redact(result, {"11.6.1", "11.6.1 HF2"})
    assert redacted == {
        "msg": "version '<vaulted>' is not tested (<vaulted>)",
        "findings": [{"message": "runs <vaulted>"}],
        "load_balancers": {"ltm": {"version": "<vaulted>", "multiple_vips": True}},
    }
    assert result["msg"].startswith("version '11.6.1 HF2'"), "the input is not modified"


def test_redact_without_secrets_is_the_identity() -> None:
    result = {"msg": "Qualified"}
    assert _vault.redact(result, set()) is result


def test_redact_hides_quoted_pieces_of_a_secret() -> None:
    """A parse error quotes part of the value: that part is a secret too."""
    message = "cannot parse version '7.1-18b SECRETTOKEN': unexpected 'SECRETTOKEN' after '7.1-18b' (see \"docs\")"
    assert _vault.redact(message, {"7.1-18b SECRETTOKEN"}) == (
        "cannot parse version '<vaulted>': unexpected '<vaulted>' after '<vaulted>' (see \"docs\")"
    )


class _TaggedStr(str):
    """Stands for Ansible's tagged copy of an inventory string (a str subclass carrying its origin)."""


class _TaggedInt(int):
    """Stands for Ansible's tagged copy of an inventory number."""


def test_plain_gives_exact_types_and_equal_values() -> None:
    value = {
        _TaggedStr("ltm01"): {
            "version": _TaggedStr("11.6.1"),
            "port": _TaggedInt(443),
            "vips": True,
            "weight": 1.5,
            "members": (_TaggedStr("a"), None),
        }
    }
    out = _vault.plain(value)
    assert out == {"ltm01": {"version": "11.6.1", "port": 443, "vips": True, "weight": 1.5, "members": ["a", None]}}
    key = next(iter(out))
    assert (type(key), type(out[key]["version"]), type(out[key]["port"])) == (str, str, int)  # exactly, no subclass
    assert out[key]["vips"] is True
    assert isinstance(next(iter(value)), _TaggedStr), "the input is not modified"


def test_plain_redacts_like_redact() -> None:
    result = {"msg": _TaggedStr("runs '11.6.1 HF2'")}
    assert _vault.plain(result, {"11.6.1 HF2"}) == _vault.redact(result, {"11.6.1 HF2"}) == {"msg": "runs '<vaulted>'"}
