# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ports and port sets: ``443`` (TCP), ``"3478/udp"``, ``"50000-59999/udp"``.

PRIVATE to the collection. No Ansible import.

A :class:`PortSet` holds merged ranges per protocol, so that sets compare as sets of ports: a declared
``50000-59999/udp`` covers a required ``50000-59999/udp``, ``50000-50100/udp`` does not, and ``required - declared``
is exactly what is not covered (``50101-59999/udp``).
"""

from __future__ import annotations

import functools
import re
import typing as t
from dataclasses import dataclass

PROTOCOLS = ("tcp", "udp")
PORT_MIN, PORT_MAX = 1, 65535
_PORT_TEXT = re.compile(r"^\s*([0-9]+)\s*(?:-\s*([0-9]+)\s*)?(?:/\s*([A-Za-z]+)\s*)?$")
_FORMS = 'an integer (TCP) or a text such as "5061/tcp", "3478/udp" or "50000-59999/udp"'


class PortError(ValueError):
    """A port or port text that cannot be read; the message says what is expected."""


class PortRange(t.NamedTuple):
    """The ports ``low``..``high`` (inclusive) of one protocol; a single port has ``low == high``.

    A named tuple: ranges are hashed, compared and sorted by the interpreter itself (``(protocol, low, high)``
    order), which the port-set algebra below does for every VIP."""

    protocol: str
    low: int
    high: int

    def __str__(self) -> str:
        ports = str(self.low) if self.low == self.high else f"{self.low}-{self.high}"
        return f"{ports}/{self.protocol}"

    @property
    def single(self) -> bool:
        return self.low == self.high


def parse_port(value: t.Any) -> PortRange:
    """``443`` -> 443/tcp, ``"3478/udp"``, ``"50000-59999/UDP"``; raises :class:`PortError` naming the value."""
    if isinstance(value, PortRange):
        return value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return _parse_port(value)  # a few distinct texts, written on every VIP: parsed once each
    return _parse_port.__wrapped__(value)


@functools.lru_cache(maxsize=1024)
def _parse_port(value: t.Any) -> PortRange:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PortError(f"{value!r} is not a port: write {_FORMS}")
    if isinstance(value, int):
        _check_number(value, value)
        return PortRange("tcp", value, value)
    match = _PORT_TEXT.match(value)
    if not match:
        raise PortError(f"{value!r} is not a port: write {_FORMS}")
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) is not None else low
    protocol = (match.group(3) or "tcp").lower()
    if protocol not in PROTOCOLS:
        raise PortError(f"{value!r}: unknown protocol {match.group(3)!r}, write /tcp or /udp")
    _check_number(value, low, high)
    if low > high:
        raise PortError(f"{value!r}: the range starts above its end, write it low-high ({high}-{low}/{protocol})")
    return PortRange(protocol, low, high)


def _check_number(written: t.Any, *numbers: int) -> None:
    for number in numbers:
        if not PORT_MIN <= number <= PORT_MAX:
            raise PortError(f"{written!r}: port {number} is outside {PORT_MIN}-{PORT_MAX}")


@dataclass(frozen=True)
class PortSet:
    """A set of TCP and UDP ports, kept as sorted, merged ranges."""

    ranges: tuple[PortRange, ...] = ()

    @classmethod
    def of(cls, items: t.Iterable[t.Any]) -> PortSet:
        """The set of ``items`` (PortRange, integers or port texts); raises :class:`PortError` on a bad one."""
        return cls(_merge(tuple(parse_port(item) for item in items)))

    def __or__(self, other: PortSet) -> PortSet:
        return PortSet(_merge((*self.ranges, *other.ranges)))

    def __sub__(self, other: PortSet) -> PortSet:
        return PortSet(_subtract(self.ranges, other.ranges)) if self.ranges and other.ranges else self

    def __and__(self, other: PortSet) -> PortSet:
        return self - (self - other)

    def covers(self, other: PortSet) -> bool:
        """Every port of ``other`` is in this set."""
        return not other - self

    def __contains__(self, item: t.Any) -> bool:
        return self.covers(PortSet.of([item]))

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __iter__(self) -> t.Iterator[PortRange]:
        return iter(self.ranges)

    def __str__(self) -> str:
        return ", ".join(map(str, self.ranges)) or "no ports"

    def to_list(self) -> list[str]:
        """The ranges as port texts, e.g. ``["443/tcp", "50000-59999/udp"]``."""
        return [str(item) for item in self.ranges]


def union(sets: t.Iterable[PortSet]) -> PortSet:
    """The union of several port sets (empty for none)."""
    return PortSet(_merge(tuple(item for port_set in sets for item in port_set.ranges)))


# Pools of one role declare the same ports on VIP after VIP: the algebra is computed once per distinct operands.
@functools.lru_cache(maxsize=4096)
def _merge(items: tuple[PortRange, ...]) -> tuple[PortRange, ...]:
    merged: list[PortRange] = []
    for item in sorted(items):
        last = merged[-1] if merged else None
        if last is not None and last.protocol == item.protocol and item.low <= last.high + 1:
            merged[-1] = PortRange(last.protocol, last.low, max(last.high, item.high))
        else:
            merged.append(item)
    return tuple(merged)


@functools.lru_cache(maxsize=4096)
def _subtract(ranges: tuple[PortRange, ...], cuts: tuple[PortRange, ...]) -> tuple[PortRange, ...]:
    left: list[PortRange] = []
    for piece in ranges:
        pieces = [piece]
        for cut in cuts:
            if cut.protocol != piece.protocol:
                continue
            pieces = [part for chunk in pieces for part in _cut(chunk, cut)]
        left.extend(pieces)
    return tuple(left)


def _cut(piece: PortRange, cut: PortRange) -> list[PortRange]:
    if cut.high < piece.low or cut.low > piece.high:
        return [piece]
    parts = []
    if cut.low > piece.low:
        parts.append(PortRange(piece.protocol, piece.low, cut.low - 1))
    if cut.high < piece.high:
        parts.append(PortRange(piece.protocol, cut.high + 1, piece.high))
    return parts
