# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Microsoft's VIP requirements (``data/lb_requirements.yml``): loading and the one query rules and lookups share.

PRIVATE to the collection. No Ansible import.

:meth:`Requirements.query` selects, for a pool role, a load-balancing mode and a Lync version, the port rows, the
ports not to balance and the setting rows that apply; :meth:`Selection.required_ports` gives per side the
:class:`~.ports.PortSet` a rule subtracts the union of the declared VIPs' served ports from. Setting rows evaluate
themselves against a :class:`~.vips.Vip` (:meth:`SettingRequirement.check`), so rules and templates read one table.
"""

from __future__ import annotations

import functools
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import (
    COLLECTION_ROOT,
    DatasetError,
    _read_structured,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import PortSet
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import validate_instance
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import Source
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LYNC_VERSIONS
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import Vip

REQUIREMENTS_PATH = COLLECTION_ROOT / "data" / "lb_requirements.yml"
ROLES = ("front_end", "director", "mediation", "edge")
LOAD_BALANCING = ("hardware", "dns")
LEVELS = ("required", "conditional", "recommended")
POOL_REFERENCE = "pool."


class RequirementsError(DatasetError):
    """The requirements file is unreadable, breaks its schema, or names a source or decision that does not exist."""


def _applies(versions: tuple[str, ...], lync_version: str, coexisting: t.Sequence[str], match_coexisting: bool) -> bool:
    return lync_version in versions or (match_coexisting and any(version in versions for version in coexisting))


@dataclass(frozen=True)
class PortRequirement:
    """A port the load balancer must serve (``not_balanced``: must not balance) for a role, mode and side."""

    id: str
    role: str
    load_balancing: str | None
    side: str
    ports: PortSet
    level: str
    versions: tuple[str, ...]
    sources: tuple[str, ...]
    as_written: str
    collocated_mediation: bool | None = None
    condition: str = ""
    decision: str = ""
    notes: str = ""

    def to_dict(self) -> dict[str, t.Any]:
        return {
            "id": self.id,
            "role": self.role,
            "load_balancing": self.load_balancing,
            "side": self.side,
            "ports": self.ports.to_list(),
            "level": self.level,
            "versions": list(self.versions),
            "as_written": self.as_written,
            "collocated_mediation": self.collocated_mediation,
            "condition": self.condition,
            "decision": self.decision,
            "notes": self.notes,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class SettingRequirement:
    """What one VIP setting must be, for VIPs of some services in front of pools of some roles."""

    id: str
    setting: str
    roles: tuple[str, ...]
    services: tuple[str, ...]
    expect_kind: str
    expect: t.Any
    level: str
    versions: tuple[str, ...]
    sources: tuple[str, ...]
    when_vip: tuple[tuple[str, t.Any], ...] = ()
    when_pool: tuple[tuple[str, t.Any], ...] = ()
    when_ports_any: PortSet = PortSet()
    match_coexisting: bool = False
    decision: str = ""
    notes: str = ""

    def applies_to(self, vip: Vip, pool: t.Mapping[str, t.Any]) -> bool:
        """The row concerns ``vip`` (its service, and every ``when`` condition holds; an undeclared setting in a
        condition does not hold). ``pool`` holds the pool's settings (mobility, hlb_monitoring_port...)."""
        return (
            vip.service in self.services
            and all(vip.setting(key) == value for key, value in self.when_vip)
            and all(pool.get(key) == value for key, value in self.when_pool)
            and (not self.when_ports_any or bool(vip.listen_ports & self.when_ports_any))
        )

    def check(self, vip: Vip, pool: t.Mapping[str, t.Any]) -> bool | None:
        """True when ``vip`` meets the row, False when it does not, None when the VIP leaves the setting out."""
        if self.expect_kind == "serves":
            return vip.served_ports.covers(self.expect)
        value = vip.setting(self.setting)
        if value is None:
            return None
        if self.expect_kind == "min":
            return bool(value >= self.expect)
        if self.expect_kind == "equals":
            # Booleans only equal booleans (True == 1 otherwise); a text may be a str subclass (Ansible tags values).
            return isinstance(value, bool) == isinstance(self.expect, bool) and value == self.expect
        allowed = self.allowed_values(pool)
        return (value in allowed) == (self.expect_kind == "one_of")

    def allowed_values(self, pool: t.Mapping[str, t.Any]) -> tuple[t.Any, ...]:
        """For one_of / not_one_of: the listed values, ``pool.<key>`` replaced by the pool's value (dropped if unset)."""
        values = []
        for value in self.expect:
            if isinstance(value, str) and value.startswith(POOL_REFERENCE):
                value = pool.get(value[len(POOL_REFERENCE) :])
                if value is None:
                    continue
            values.append(value)
        return tuple(values)

    def describe(self, pool: t.Mapping[str, t.Any] | None = None) -> str:
        """The requirement in words: ``idle_timeout: at least 1800``, ``monitor_port: one of 5061, 5071``,
        ``cookie.http_only: false``; with ``pool``, ``pool.<key>`` references are resolved."""
        if self.expect_kind == "serves":
            return f"port_map: reaches the servers on {self.expect}"
        if self.expect_kind == "min":
            return f"{self.setting}: at least {self.expect}"
        if self.expect_kind == "equals":
            return f"{self.setting}: {_text(self.expect)}"
        values = self.allowed_values(pool) if pool is not None else self.expect
        word = "one of" if self.expect_kind == "one_of" else "not"
        return f"{self.setting}: {word} {', '.join(dict.fromkeys(map(_text, values)))}"

    def to_dict(self) -> dict[str, t.Any]:
        expect = self.expect.to_list() if isinstance(self.expect, PortSet) else self.expect
        when: dict[str, t.Any] = {}
        if self.when_vip:
            when["vip"] = dict(self.when_vip)
        if self.when_pool:
            when["pool"] = dict(self.when_pool)
        if self.when_ports_any:
            when["ports_any"] = self.when_ports_any.to_list()
        return {
            "id": self.id,
            "setting": self.setting,
            "roles": list(self.roles),
            "services": list(self.services),
            "expect": {self.expect_kind: list(expect) if isinstance(expect, tuple) else expect},
            "description": self.describe(),
            "when": when,
            "level": self.level,
            "versions": list(self.versions),
            "match_coexisting": self.match_coexisting,
            "decision": self.decision,
            "notes": self.notes,
            "sources": list(self.sources),
        }


def _text(value: t.Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@dataclass(frozen=True)
class Selection:
    """The rows that apply to one pool (and, if asked, one side or service)."""

    ports: tuple[PortRequirement, ...]
    not_balanced: tuple[PortRequirement, ...]
    settings: tuple[SettingRequirement, ...]
    # (table, levels) -> side -> ports: a selection is shared by every pool of one role, mode and side in a run.
    _by_levels: dict[tuple[str, tuple[str, ...]], dict[str, PortSet]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def required_ports(self, levels: t.Collection[str] = ("required",)) -> dict[str, PortSet]:
        """Side -> the ports the side's VIPs together must serve (rows of ``levels``), sides in table order."""
        return self._sides("ports", levels)

    def forbidden_ports(self, levels: t.Collection[str] = ("required",)) -> dict[str, PortSet]:
        """Side -> the ports the side's VIPs must not balance."""
        return self._sides("not_balanced", levels)

    def _sides(self, table: str, levels: t.Collection[str]) -> dict[str, PortSet]:
        key = (table, tuple(sorted(levels)))
        sides = self._by_levels.get(key)
        if sides is None:
            sides = self._by_levels[key] = _by_side(row for row in getattr(self, table) if row.level in levels)
        return sides

    def to_dict(self) -> dict[str, t.Any]:
        return {
            "ports": [row.to_dict() for row in self.ports],
            "not_balanced": [row.to_dict() for row in self.not_balanced],
            "settings": [row.to_dict() for row in self.settings],
            "required_ports": {side: ports.to_list() for side, ports in self.required_ports().items()},
            "forbidden_ports": {side: ports.to_list() for side, ports in self.forbidden_ports().items()},
        }


def _by_side(rows: t.Iterable[PortRequirement]) -> dict[str, PortSet]:
    sides: dict[str, PortSet] = {}
    for row in rows:
        sides[row.side] = sides.get(row.side, PortSet()) | row.ports
    return sides


@dataclass(frozen=True)
class Requirements:
    """The whole requirements file, frozen."""

    version: str
    sources: dict[str, Source]
    sides: dict[str, tuple[str, ...]]
    ports: tuple[PortRequirement, ...]
    not_balanced: tuple[PortRequirement, ...]
    settings: tuple[SettingRequirement, ...]
    decisions: dict[str, dict[str, t.Any]]

    def side_of(self, service: str) -> str:
        """The side whose port rows a VIP of ``service`` helps serve."""
        for side, services in self.sides.items():
            if service in services:
                return side
        raise ValueError(
            f"unknown VIP service {service!r}; known services: "
            f"{', '.join(s for services in self.sides.values() for s in services)}"
        )

    def query(
        self,
        role: str,
        load_balancing: str,
        lync_version: str,
        coexisting_versions: t.Sequence[str] = (),
        collocated_mediation: bool = False,
        side: str | None = None,
        service: str | None = None,
        levels: t.Collection[str] = LEVELS,
    ) -> Selection:
        """The rows for a pool of ``role`` whose traffic on this side is balanced by ``load_balancing``.

        Port rows follow ``lync_version``; setting rows marked match_coexisting also follow ``coexisting_versions``
        (Lync Server 2010 pools retained beside a newer version). ``side`` (a key of ``sides``) or ``service``
        (a VIP service, narrowing the settings to it) restrict the answer; ``levels`` keeps rows of those levels.
        For an Edge pool, ask once per interface with that interface's load-balancing mode. Raises ValueError for
        an unknown role, mode, side, service or level.
        """
        self._check_arguments(role, load_balancing, (lync_version, *coexisting_versions), side, service, levels)
        if service is not None:
            side = self.side_of(service)
        services = (service,) if service is not None else self.sides[side] if side is not None else None

        def port_rows(rows: tuple[PortRequirement, ...]) -> tuple[PortRequirement, ...]:
            return tuple(
                row
                for row in rows
                if row.role == role
                and row.load_balancing in (None, load_balancing)
                and row.level in levels
                and (side is None or row.side == side)
                and row.collocated_mediation in (None, collocated_mediation)
                and _applies(row.versions, lync_version, (), False)
            )

        settings = tuple(
            row
            for row in self.settings
            if role in row.roles
            and row.level in levels
            and (services is None or set(services) & set(row.services))
            and _applies(row.versions, lync_version, coexisting_versions, row.match_coexisting)
        )
        return Selection(port_rows(self.ports), port_rows(self.not_balanced), settings)

    def to_data(self, selection: Selection) -> dict[str, t.Any]:
        """``selection`` as plain data: each row's sources written out as ``{id, title, url}``, the decisions its rows
        name, and the file's version."""
        data = selection.to_dict()
        for table in ("ports", "not_balanced", "settings"):
            for row in data[table]:
                row["sources"] = [
                    {"id": key, "title": self.sources[key].title, "url": self.sources[key].url}
                    for key in row["sources"]
                ]
        used = [
            row["decision"] for table in ("ports", "not_balanced", "settings") for row in data[table] if row["decision"]
        ]
        data["decisions"] = {
            key: {field: self.decisions[key][field] for field in ("question", "decision", "reasoning")}
            for key in dict.fromkeys(used)
        }
        data["requirements_version"] = self.version
        return data

    def _check_arguments(
        self,
        role: str,
        load_balancing: str,
        versions: t.Sequence[str],
        side: str | None,
        service: str | None,
        levels: t.Collection[str],
    ) -> None:
        checks = (
            ("role", role, ROLES),
            ("load_balancing", load_balancing, LOAD_BALANCING),
            *(("lync_version", version, LYNC_VERSIONS) for version in versions),
        )
        for name, value, allowed in checks:
            if value not in allowed:
                raise ValueError(f"{name} {value!r} is not one of: {', '.join(allowed)}")
        if side is not None and side not in self.sides:
            raise ValueError(f"side {side!r} is not one of: {', '.join(self.sides)}")
        if service is not None:
            self.side_of(service)
        unknown = [level for level in levels if level not in LEVELS]
        if unknown:
            raise ValueError(f"level {unknown[0]!r} is not one of: {', '.join(LEVELS)}")


def load(path: Path = REQUIREMENTS_PATH) -> Requirements:
    """Read, validate (schema, source and decision ids, sides) and freeze a requirements file."""
    data = _read_structured(path)
    problems = [f"{issue.path}: {issue.message}" for issue in validate_instance("lb_requirements", data)]
    if not problems:
        problems = _reference_problems(data)
    if problems:
        raise RequirementsError(f"requirements file '{path}': {len(problems)} problem(s): {'; '.join(problems)}")
    return Requirements(
        version=data["requirements_version"],
        sources={row["id"]: Source(row["id"], row["title"], row["url"]) for row in data["sources"]},
        sides={side: tuple(services) for side, services in data["sides"].items()},
        ports=tuple(_port_row(row) for row in data["ports"]),
        not_balanced=tuple(_port_row(row) for row in data["not_balanced"]),
        settings=tuple(_setting_row(row) for row in data["settings"]),
        decisions={row["id"]: dict(row) for row in data["decisions"]},
    )


@functools.lru_cache(maxsize=1)
def shipped() -> Requirements:
    """The requirements shipped with the collection, parsed once per process."""
    return load()


def _reference_problems(data: dict[str, t.Any]) -> list[str]:
    """Every source id, decision id and side a row names must exist; ids are unique."""
    problems = []
    sources = {row["id"] for row in data["sources"]}
    decisions = {row["id"] for row in data["decisions"]}
    seen: set[str] = set()
    for table in ("ports", "not_balanced", "settings", "decisions"):
        for index, row in enumerate(data[table]):
            where = f"$.{table}[{index}] ({row['id']})"
            if row["id"] in seen:
                problems.append(f"{where}: id used twice")
            seen.add(row["id"])
            problems.extend(f"{where}: unknown source {source!r}" for source in row["sources"] if source not in sources)
            if table != "decisions" and row.get("decision") and row["decision"] not in decisions:
                problems.append(f"{where}: unknown decision {row['decision']!r}")
            if table in ("ports", "not_balanced") and row["side"] not in data["sides"]:
                problems.append(f"{where}: unknown side {row['side']!r}")
    return problems


def _port_row(row: dict[str, t.Any]) -> PortRequirement:
    return PortRequirement(
        id=row["id"],
        role=row["role"],
        load_balancing=row.get("load_balancing"),
        side=row["side"],
        ports=PortSet.of([row["port"]]),
        level=row["level"],
        versions=tuple(row["versions"]),
        sources=tuple(row["sources"]),
        as_written=row["as_written"],
        collocated_mediation=row.get("collocated_mediation"),
        condition=row.get("condition", ""),
        decision=row.get("decision", ""),
        notes=row.get("notes", ""),
    )


def _setting_row(row: dict[str, t.Any]) -> SettingRequirement:
    ((kind, expect),) = row["expect"].items()
    when = row.get("when") or {}
    return SettingRequirement(
        id=row["id"],
        setting=row["setting"],
        roles=tuple(row["roles"]),
        services=tuple(row["services"]),
        expect_kind=kind,
        expect=PortSet.of(expect) if kind == "serves" else tuple(expect) if isinstance(expect, list) else expect,
        level=row["level"],
        versions=tuple(row["versions"]),
        sources=tuple(row["sources"]),
        when_vip=tuple((when.get("vip") or {}).items()),
        when_pool=tuple((when.get("pool") or {}).items()),
        when_ports_any=PortSet.of(when.get("ports_any") or ()),
        match_coexisting=row.get("match_coexisting", False),
        decision=row.get("decision", ""),
        notes=row.get("notes", ""),
    )
