# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Vendor version engine: parse tested and device versions, and decide whether a device version is accepted.

PRIVATE to the collection. Pure Python, no Ansible import.

Reading a version text:

- Leading product words (words of letters, such as ``ArrayOS TM``, ``ALB``, ``SI``, ``BIG-IP``, ``Version:``) and the
  prefixes ``v``, ``V``, ``v.`` and ``NS`` are dropped: ``SI V10.0.0a`` is 10.0.0a, ``NS10.5`` is 10.5.
- Components are separated by ``.``; digits are integers (``v.2.14.03`` is 2.14.3). A letter right after the digits is
  a further component that sorts after the bare number: 10.0.0 < 10.0.0a < 10.0.0b < 10.0.1.
- ``-`` followed by digits continues the version (KEMP ``7.1-18b`` is 7.1.18b, Citrix ``10.5-57.7`` is 10.5.57.7);
  ``-`` followed by letters starts metadata (``-HF8``, ``-P4``).
- Metadata does not change the release: ``Build N`` and ``(Build N)``, hotfix tags (``HF2``, ``Hotfix HF1``), patch tags
  (``P4``) and short letter suffixes such as ``.nc``.
- Trailing zeros do not matter: 5.5 == 5.5.0.
- A tested text may list alternatives separated by commas (``8.1, 9.x, 10.5``). ``N.x`` is a wildcard (``11.x`` is any
  11.*); ``or later`` / ``and up`` make an open minimum (``8.x or later`` is any version whose first component is >= 8).
  A device version is one concrete version: a list, a wildcard or ``or later`` in it is an error.

Policies, from strictest to loosest:

- ``exact``: the device version equals a tested version (metadata ignored), has the prefix of a wildcard alternative,
  or is at or above an open-minimum alternative.
- ``release_train`` (default): as ``exact``, and a tested version with k components also covers every version whose
  first k components are equal: ``5.5`` covers 5.5.3, ``10.5`` covers 10.5-57.7, ``7.1-18b`` covers 7.1-18b.2 but
  not 7.1-20.
- ``minimum``: as ``release_train``; any other version at or above the lowest tested version (``9.x`` counts as 9) is
  ``newer_than_tested`` instead of ``not_tested``.

Anything that cannot be read raises ``VersionError`` (a ``ValueError``) that quotes the text.
"""

from __future__ import annotations

import enum
import functools
import re
import typing as t
from dataclasses import dataclass

POLICIES: tuple[str, ...] = ("exact", "release_train", "minimum")
DEFAULT_POLICY = "release_train"
MAX_LENGTH = 200

_Release = tuple[int | str, ...]
_EXPECTED = "expected digits such as '11.6.1' or '10.5-57.7'"
_FLAGS = re.IGNORECASE | re.ASCII | re.VERBOSE
_BAD_CHARACTER = re.compile(r"[^\x20-\x7e\t\n\r]")
_HEAD = re.compile(
    r"""
    (?:[a-z]+(?:-[a-z]+)*:?\s+)*        # product words: ArrayOS TM, SI, BIG-IP, Version:
    (?:v\.?|ns)?                        # v, V, v. and NS prefixes
    (?P<release>[0-9]+(?:[a-z](?![0-9]))?(?:(?:\.|-(?=[0-9])|r(?=[0-9]))[0-9]+(?:[a-z](?![0-9]))?)*)   # 9.1r2
    (?P<wildcard>\.[x*](?![a-z0-9]))?   # 11.x
    """,
    _FLAGS,
)
_TAIL = re.compile(
    r"""
    (?:
        \s*(?:[:-]\s*)?(?P<paren>\(\s*)?    # separator, then an optional '(' that must be closed
        (?P<token>
            build\s*(?::\s*)?(?P<build>[0-9]+(?:\.[0-9a-z]+)*)
          | (?:hotfix\s*)?hf\s*[0-9]+ | hotfix\s*[0-9]+ | (?:engineering\s+)?hotfix | eng
          | p[0-9]+ | sp[0-9]+ | gr[0-9]+
          | final | ga | release | lts
          | (?P<or_later>(?:or|and)\s+(?:later|up|higher|above|newer))
        )
        \s*(?(paren)\))
      | \.(?P<suffix>[a-z]{1,3}|release|lts)   # .nc, KEMP's .RELEASE
    )
    (?![a-z0-9])
    """,
    _FLAGS,
)
_DATE = re.compile(r"\s*(?:date:.*|[0-9]{6,8})\s*", re.IGNORECASE | re.ASCII)  # NetScaler ', Date: ...'
_BUILD_PIECE = re.compile(r"\s*build\s*:?\s*[0-9]+(?:\.[0-9]+)*\s*", re.IGNORECASE | re.ASCII)
_COMPONENT = re.compile(r"([0-9]+)([a-z]?)", re.IGNORECASE | re.ASCII)


class VersionError(ValueError):
    """A version text that cannot be read; the message quotes the text."""


class Verdict(str, enum.Enum):
    ACCEPTED = "accepted"
    NEWER_THAN_TESTED = "newer_than_tested"
    NOT_TESTED = "not_tested"


def _key(release: _Release) -> tuple[tuple[int, int | str], ...]:
    """Sort key: trailing zeros dropped; a letter sorts after any number in the same position."""
    end = len(release)
    while end and release[end - 1] == 0:
        end -= 1
    return tuple((1, part) if isinstance(part, str) else (0, part) for part in release[:end])


def _format(release: _Release) -> str:
    """'7.1.18b' for (7, 1, 18, 'b'): numbers joined by dots, a letter stuck to the number before it."""
    return "".join(part if isinstance(part, str) else f".{part}" for part in release).lstrip(".")


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class Version:
    """A concrete device version. Equality and order compare ``release`` only (5.5 == 5.5.0, metadata ignored)."""

    raw: str
    release: _Release
    metadata: tuple[str, ...] = ()
    build: str | None = None

    def __str__(self) -> str:
        return _format(self.release)

    def readings(self) -> tuple[Version, ...]:
        """This version, and with a build number also the release continued by it: Citrix's ``NS9.1: Build
        102.8`` is 9.1 and 9.1.102.8, as the list writes the NetScaler VPX version ``9.1.102.8``."""
        digits = re.match(r"[0-9]+(?:\.[0-9]+)*", self.build or "")
        if not digits:
            return (self,)
        longer = self.release + tuple(int(part) for part in digits.group().split("."))
        return (self, Version(self.raw, longer, self.metadata))

    def identity(self) -> tuple[t.Any, ...]:
        """What names this exact build, for telling whether two devices run the same one: the release continued by
        its build number, and the other metadata (a hotfix) without case. ``11.6.1 HF2`` and ``11.6.1-hf2`` are one
        build, ``11.6.1`` and ``11.6.1 HF2`` two; ``NS10.5 Build 57.7`` and ``10.5-57.7`` one."""
        extra = tuple(item.casefold() for item in self.metadata if not item.casefold().startswith("build"))
        return (_key(self.readings()[-1].release), extra)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return _key(self.release) == _key(other.release)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return _key(self.release) < _key(other.release)

    def __hash__(self) -> int:
        return hash(_key(self.release))


@dataclass(frozen=True)
class TestedVersion:
    """One alternative of a "Software Version Tested" text, such as ``8.x or later``."""

    __test__ = False  # not a pytest test class despite the name

    raw: str
    release: _Release
    wildcard: bool = False
    or_later: bool = False
    build: str | None = None

    def __str__(self) -> str:
        text = _format(self.release) + (".x" if self.wildcard else "")
        text += f" (Build {self.build})" if self.build else ""
        return text + (" or later" if self.or_later else "")

    def to_data(self) -> dict:
        return {
            "release": list(self.release),
            "wildcard": self.wildcard,
            "or_later": self.or_later,
            "build": self.build,
        }

    def accepts(self, version: Version, policy: str = DEFAULT_POLICY) -> bool:
        """Whether this alternative alone accepts ``version`` under ``exact`` or ``release_train``."""
        mine = _key(self.release)
        head = _key(version.release[: len(self.release)])
        if self.wildcard:
            return head >= mine if self.or_later else head == mine
        if self.or_later:
            return _key(version.release) >= mine
        if policy == "exact":
            return _key(version.release) == mine
        return head == mine


@dataclass(frozen=True)
class TestedVersions:
    """A whole "Software Version Tested" text: a set of alternatives."""

    __test__ = False

    raw: str
    alternatives: tuple[TestedVersion, ...]

    def __str__(self) -> str:
        return ", ".join(str(alternative) for alternative in self.alternatives)

    def to_data(self) -> list[dict]:
        return [alternative.to_data() for alternative in self.alternatives]

    @property
    def lowest(self) -> TestedVersion:
        return min(self.alternatives, key=lambda alternative: _key(alternative.release))


@dataclass(frozen=True)
class _Parts:
    release: _Release
    wildcard: bool
    or_later: bool
    metadata: tuple[str, ...]
    build: str | None


def _checked_text(text: object, what: str) -> str:
    """Return ``text`` stripped, or raise VersionError for a non-string, an overlong, odd or empty text."""
    if isinstance(text, float):
        raise VersionError(
            f"{what} must be a string, not float {text!r}: it looks like an unquoted YAML number "
            f"(YAML reads 11.10 as 11.1), so quote it, e.g. '11.10'"
        )
    if text is None:
        raise VersionError(f"{what} must be a string, not None (is the value missing?)")
    if not isinstance(text, str):
        shown = repr(text) if len(repr(text)) <= 60 else repr(text)[:57] + "..."
        hint = ": quote it in YAML" if isinstance(text, int) else ""
        raise VersionError(f"{what} must be a string, not {type(text).__name__} {shown}{hint}")
    if len(text) > MAX_LENGTH:
        raise VersionError(f"cannot parse {what} {text[:40]!r}...: longer than {MAX_LENGTH} characters")
    bad = _BAD_CHARACTER.search(text.replace("\u00a0", " "))
    if bad:
        raise VersionError(
            f"cannot parse {what} {text!r}: character {bad.group()!r} at position {bad.start()} is not printable ASCII"
        )
    stripped = text.replace("\u00a0", " ").strip()
    if not stripped:
        raise VersionError(f"cannot parse {what} {text!r}: it is empty")
    return stripped


def _parse_parts(text: str, context: str) -> _Parts:
    """Parse one version (no commas); ``context`` starts each error message."""
    head = _HEAD.match(text)
    if not head:
        raise VersionError(f"{context}: {_EXPECTED}")
    release: list[int | str] = []
    for digits, letter in _COMPONENT.findall(head.group("release")):
        release.append(int(digits))
        if letter:
            release.append(letter.lower())
    or_later, metadata, build = False, [], None
    position = head.end()
    while position < len(text):
        tail = _TAIL.match(text, position)
        if not tail:
            unexpected, after = text[position:].strip(), text[:position].strip()
            raise VersionError(f"{context}: unexpected {unexpected!r} after {after!r}")
        position = tail.end()
        if tail.group("or_later"):
            or_later = True
        elif tail.group("suffix"):
            metadata.append(tail.group("suffix"))
        else:
            metadata.append(" ".join(tail.group("token").split()))
        if tail.group("build"):
            if build is not None:
                raise VersionError(f"{context}: more than one build number")
            build = tail.group("build")
    return _Parts(tuple(release), bool(head.group("wildcard")), or_later, tuple(metadata), build)


def parse_version(text: object) -> Version:
    """Parse the version a device reports, such as ``11.6.1 HF2`` or ``NS10.5: Build 57.7.nc``."""
    return _parse_version(_checked_text(text, "version"), text)


@functools.lru_cache(maxsize=1024)
def _parse_version(text: str, raw: str) -> Version:
    context = f"cannot parse version {raw!r}"
    head, *rest = text.split(",")
    first_date = next((index for index, piece in enumerate(rest) if _DATE.fullmatch(piece)), len(rest))
    dates = (",".join(rest[first_date:]).strip(),) if first_date < len(rest) else ()
    builds = rest[:first_date]
    if any(not _BUILD_PIECE.fullmatch(piece) for piece in builds):
        raise VersionError(f"{context}: a device runs one concrete version, not a list")
    parts = _parse_parts(" ".join([head, *builds]), context)  # FortiADC: 'v4.2.3,build0227,150623'
    if parts.wildcard or parts.or_later:
        raise VersionError(f"{context}: a device runs one concrete version, so a wildcard or 'or later' is not allowed")
    return Version(raw=raw, release=parts.release, metadata=parts.metadata + dates, build=parts.build)


def parse_tested(text: object) -> TestedVersions:
    """Parse a "Software Version Tested" text, such as ``8.1, 9.x, 10.5`` or ``ArrayOS TM 8.x or later``."""
    return _parse_tested(_checked_text(text, "tested versions"), text)


@functools.lru_cache(maxsize=1024)
def _parse_tested(text: str, raw: str) -> TestedVersions:
    pieces = [piece.strip() for piece in text.split(",")]
    alternatives = []
    for piece in pieces:
        context = f"cannot parse tested versions {raw!r}"
        if len(pieces) > 1:
            context += f": alternative {piece!r}"
        if not piece:
            raise VersionError(f"{context}: it is empty")
        parts = _parse_parts(piece, context)
        alternatives.append(TestedVersion(piece, parts.release, parts.wildcard, parts.or_later, parts.build))
    return TestedVersions(raw=raw, alternatives=tuple(alternatives))


def evaluate(tested: TestedVersions, version: Version, policy: str = DEFAULT_POLICY) -> Verdict:
    """Decide whether ``version`` is accepted by ``tested`` under ``policy`` (one of ``POLICIES``)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown version policy {policy!r}: expected one of {', '.join(POLICIES)}")
    train_policy = "exact" if policy == "exact" else "release_train"
    readings = version.readings()
    if any(alternative.accepts(reading, train_policy) for reading in readings for alternative in tested.alternatives):
        return Verdict.ACCEPTED
    if policy == "minimum" and _key(version.release) >= _key(tested.lowest.release):
        return Verdict.NEWER_THAN_TESTED
    return Verdict.NOT_TESTED
