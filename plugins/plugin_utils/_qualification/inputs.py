# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every way in shares: the input error, the marker of an undefined variable, INI booleans.

PRIVATE to the collection. No Ansible import.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass, field


class Missing:
    """Marks a variable that is not defined (distinct from a variable set to null)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __copy__(self) -> Missing:
        return self  # one marker: a copied input still says "not defined"

    def __deepcopy__(self, memo: dict[int, t.Any]) -> Missing:
        return self


MISSING: t.Any = Missing()


@dataclass(frozen=True)
class InputError:
    """A problem with the input: where it is and what is expected. Reported before any rule runs."""

    path: str
    message: str
    # The JSON Schema keyword that found the problem ("required", "type"...), when a schema did: for de-duplication.
    validator: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


_TRUE = frozenset(("true", "yes", "on", "y", "1"))
_FALSE = frozenset(("false", "no", "off", "n", "0"))


def inventory_bool(value: t.Any) -> t.Any:
    """INI inventories deliver ``lb_multiple_vips=true`` as the string 'true': read it as Ansible reads booleans."""
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return value


def fold(name: str) -> str:
    """``name`` case-folded (DNS names are case-insensitive). A lower-case ASCII name, the common case, is its own
    folding and is returned as it is: no copy per server name at 50,000 hosts."""
    return name if name.isascii() and name.islower() else name.casefold()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with control characters from the input shown escaped (``\\x1b``), so that a message or a log line
    cannot drive a terminal; newlines kept only when asked (a multi-line exception text)."""
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL
    return pattern.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
