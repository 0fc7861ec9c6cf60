# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The declared VIPs grouped by pool and side, with Microsoft's requirements for each: computed once per run.

PRIVATE to the collection. No Ansible import.

Every VIP rule reads the one :class:`VipIndex` the :class:`~._base.Context` builds (``ctx.vips``), so the cost of
the VIP rules stays linear in the number of pools and VIPs. A pool's side (``pool`` for a Front End, Director or
Mediation pool, ``edge_internal`` and the external Edge services for an Edge pool) is served by the members of the
load balancer reference that fronts it; its VIPs are the union of the VIPs those members declare for the pool (an HA
pair may declare them on one member, which synchronises them, or on each). Requirements come from
``data/lb_requirements.yml`` only: nothing here knows a port or a setting value.
"""

from __future__ import annotations

import dataclasses
import functools
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import lb_requirements
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.lb_requirements import (
    Requirements,
    Selection,
    SettingRequirement,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import PortSet, union
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import Vip

if t.TYPE_CHECKING:  # pragma: no cover
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import Pool, Topology

EDGE_EXTERNAL_SIDES = ("edge_access", "edge_webconf", "edge_av")
REQUIRED = ("required",)


@dataclass(frozen=True)
class Declared:
    """One VIP as a load balancer declares it."""

    member: str
    vip: Vip


@dataclass(frozen=True)
class Gap:
    """A ``serves`` row (ports the VIPs of some services must reach together) that the side's VIPs miss."""

    row: SettingRequirement
    vips: tuple[Declared, ...]
    missing: PortSet


@dataclass(frozen=True)
class Side:
    """One side of a pool: the load balancing mode whose rows apply, the members fronting it, their VIPs for it."""

    name: str
    load_balancing: str
    members: tuple[str, ...]
    selection: Selection
    vips: tuple[Declared, ...] = ()
    gaps: tuple[Gap, ...] = ()

    @functools.cached_property
    def served(self) -> PortSet:
        """The server ports the side's VIPs reach, together (computed once: several rules ask)."""
        return union(declared.vip.served_ports for declared in self.vips)


@dataclass(frozen=True)
class Check:
    """One required setting row evaluated on one declared VIP: True met, False broken, None left undeclared."""

    declared: Declared
    row: SettingRequirement
    result: bool | None


@dataclass(frozen=True)
class PoolVips:
    """A pool fronted by hardware load balancers, where the requirement data has rows for its role and version."""

    pool: Pool
    settings: dict[str, t.Any]
    # The sides whose load balancer declares at least one VIP for the pool: they are checked.
    sides: tuple[Side, ...]
    # The load balancers (each a tuple of HA members) that front the pool but declare no VIP for it.
    undeclared: tuple[tuple[str, ...], ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Stray:
    """A VIP that fronts no pool this load balancer fronts: why, in words."""

    declared: Declared
    reason: str


@dataclass(frozen=True)
class VipIndex:
    pools: tuple[PoolVips, ...]
    strays: tuple[Stray, ...]

    @functools.cached_property
    def broken(self) -> dict[str, list[tuple[PoolVips, Check]]]:
        """The checks a declared VIP fails, by setting (``cookie`` for cookie.name...), in the order declared: each
        setting rule reads its own list instead of every check."""
        found: dict[str, list[tuple[PoolVips, Check]]] = {}
        for pool_vips in self.pools:
            for check in pool_vips.checks:
                if check.result is False:
                    found.setdefault(check.row.setting.split(".", 1)[0], []).append((pool_vips, check))
        return found


def pool_settings(pool: Pool) -> dict[str, t.Any]:
    """The pool settings a requirement row may refer to (``pool.<key>``) or depend on (``when: pool``)."""
    return {
        "mobility": pool.mobility,
        "hlb_monitoring_port": pool.hlb_monitoring_port,
        "collocated_mediation": pool.collocated_mediation,
        "load_balancing": pool.load_balancing,
    }


def sides_of(pool: Pool) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(side, load balancing mode, members) for each side of the pool a hardware load balancer fronts.

    A Front End or Director pool with DNS load balancing, or with a web_load_balancer only, is checked against the
    DNS-mode rows (web traffic only): its SIP traffic is not on the load balancer, its web traffic is. An Edge
    interface or a Mediation pool with DNS load balancing has no load balancer in its traffic path.
    """
    if pool.role in ("front_end", "director"):
        mode = "hardware" if pool.load_balancing == "hardware" and pool.load_balancer else "dns"
        members = tuple(dict.fromkeys((*pool.load_balancer, *pool.web_load_balancer)))
        return (("pool", mode, members),) if members else ()
    if pool.role == "edge":
        sides = (
            ("edge_internal", pool.internal_load_balancing, pool.edge_internal_lb),
            *((side, pool.external_load_balancing, pool.edge_external_lb) for side in EDGE_EXTERNAL_SIDES),
        )
    else:
        sides = (("pool", pool.load_balancing, pool.load_balancer),)
    return tuple(side for side in sides if side[2] and side[1] == "hardware")


def _same(vip: Vip) -> Vip:
    """What makes two declarations the same VIP (HA members that both declare it): all but where it is written, the
    case of the pool's name and the order the ports are listed in."""
    return dataclasses.replace(vip, path="", pool=vip.pool.casefold(), ports=tuple(sorted(set(vip.ports), key=repr)))


def build(topology: Topology, requirements: Requirements | None = None) -> VipIndex:
    """Group every declared VIP by pool and side and evaluate the required setting rows, in one pass."""
    requirements = requirements or lb_requirements.shipped()
    pools = {fqdn.casefold(): pool for fqdn, pool in topology.pools.items()}
    elsewhere = {fqdn.casefold() for fqdn in topology.serverless}
    for_pool: dict[str, list[Declared]] = {}
    strays: list[Stray] = []
    for name, lb in topology.load_balancers.items():
        for vip in lb.vips or ():
            fold = vip.pool.casefold()
            if fold in pools:
                for_pool.setdefault(pools[fold].fqdn, []).append(Declared(name, vip))
            elif fold not in elsewhere:  # a pool of another site's inventory: checked there
                strays.append(Stray(Declared(name, vip), f"names pool {vip.pool!r}, which is not declared"))

    declared_lbs = topology.load_balancers
    side_of = {service: side for side, services in requirements.sides.items() for service in services}
    queried: dict[tuple[t.Any, ...], Selection] = {}  # pools of one role, mode and side share their rows

    def query(pool: Pool, mode: str, side: str) -> Selection:
        key = (pool.role, mode, pool.collocated_mediation, side)
        if key not in queried:
            queried[key] = requirements.query(
                pool.role,
                mode,
                topology.lync_version,
                topology.coexisting_versions,
                pool.collocated_mediation,
                side=side,
                levels=REQUIRED,
            )
        return queried[key]

    # (VIP profile, selection, pool settings) -> {row index: check result} for the setting rows that concern the VIP:
    # VIPs declared alike, for pools alike, are evaluated once.
    outcomes: dict[tuple[t.Any, ...], dict[int, bool | None]] = {}

    def evaluate(
        vip: Vip, selection: Selection, settings: dict[str, t.Any], settings_key: tuple[t.Any, ...]
    ) -> dict[int, bool | None]:
        key = (vip.profile, id(selection), settings_key)
        known = outcomes.get(key)
        if known is None:
            known = outcomes[key] = {
                index: None if row.expect_kind == "serves" else row.check(vip, settings)
                for index, row in enumerate(selection.settings)
                if row.applies_to(vip, settings)
            }
        return known

    # (selection, pool settings, the side's VIP profiles) -> what each setting row finds on the side: sides declared
    # alike (the same VIPs for pools of one role) are evaluated once.
    plans: dict[tuple[t.Any, ...], list[tuple[SettingRequirement, tuple[tuple[int, bool | None], ...], PortSet]]] = {}

    def plan(
        vips: tuple[Declared, ...], selection: Selection, settings: dict[str, t.Any], settings_key: tuple[t.Any, ...]
    ) -> list[tuple[SettingRequirement, tuple[tuple[int, bool | None], ...], PortSet]]:
        """For each setting row that concerns some of ``vips``: the row, (position, check result) of each VIP it
        concerns, and for a ``serves`` row the ports those VIPs together miss (443 and 80 may be two VIPs)."""
        key = (id(selection), settings_key, tuple(item.vip.profile for item in vips))
        known = plans.get(key)
        if known is None:
            evaluated = [evaluate(item.vip, selection, settings, settings_key) for item in vips]
            known = plans[key] = []
            for index, row in enumerate(selection.settings):
                concerned = tuple(
                    (position, outcome[index]) for position, outcome in enumerate(evaluated) if index in outcome
                )
                if concerned:
                    missing = (
                        row.expect - union(vips[position].vip.served_ports for position, _result in concerned)
                        if row.expect_kind == "serves"
                        else PortSet()
                    )
                    known.append((row, concerned, missing))
        return known

    result: list[PoolVips] = []
    for fqdn, pool in topology.pools.items():
        declared = for_pool.get(fqdn, [])
        sides = [(name, mode, tuple(m for m in members if m in declared_lbs)) for name, mode, members in sides_of(pool)]
        fronting = {name: members for name, _mode, members in sides}
        dns_pool = (
            pool.role in ("front_end", "director")
            and {name: mode for name, mode, _members in sides}.get("pool") == "dns"
        )
        placed: set[int] = set()
        for index, item in enumerate(declared):
            side = side_of.get(item.vip.service) or requirements.side_of(item.vip.service)  # raises for unknown
            if dns_pool and item.vip.service in ("sip", "mediation") and item.member in fronting.get(side, ()):
                strays.append(
                    Stray(
                        item,
                        f"is a {item.vip.service} VIP, but pool {pool.fqdn!r} balances SIP by DNS, "
                        "so its load balancer carries only the web services (remove the VIP, or "
                        "balance the pool by hardware)",
                    )
                )
                continue
            if item.member in fronting.get(side, ()):
                placed.add(index)
                continue
            if (pool.role == "edge") == (side == "pool"):
                reason = f"has service {item.vip.service}, which {pool.role} pool {pool.fqdn!r} does not have"
            else:
                where = "" if side == "pool" else f" on the {side} side"
                reason = f"names pool {pool.fqdn!r}, which this load balancer does not front{where}"
            strays.append(Stray(item, reason))
        if not any(members for _name, _mode, members in sides):
            continue
        settings = pool_settings(pool)
        settings_key = tuple(settings.values())
        selections = {name: query(pool, mode, name) for name, mode, _members in sides}
        if not any(s.ports or s.not_balanced or s.settings for s in selections.values()):
            continue  # nothing Microsoft states for this role and version (OCS 2007 R2): nothing to check
        references = list(dict.fromkeys(members for _name, _mode, members in sides if members))
        declaring = {item.member for item in declared}
        undeclared = tuple(ref for ref in references if not declaring & set(ref))
        checked: list[Side] = []
        checks: list[Check] = []
        for name, mode, members in sides:
            if not members or members in undeclared:
                continue
            seen: set[Vip] = set()
            vips = []
            for index, item in enumerate(declared):
                if index in placed and item.member in members and side_of[item.vip.service] == name:
                    if len(members) == 1:
                        vips.append(item)
                        continue
                    key = _same(item.vip)
                    if key not in seen:  # declared alike on several HA members: checked once
                        seen.add(key)
                        vips.append(item)
            gaps = []
            for row, concerned, missing in plan(tuple(vips), selections[name], settings, settings_key):
                if row.expect_kind == "serves":
                    if missing:
                        gaps.append(Gap(row, tuple(vips[position] for position, _result in concerned), missing))
                    continue
                checks.extend(Check(vips[position], row, outcome) for position, outcome in concerned)
            checked.append(Side(name, mode, members, selections[name], tuple(vips), tuple(gaps)))
        result.append(PoolVips(pool, settings, tuple(checked), undeclared, tuple(checks)))
    return VipIndex(tuple(result), tuple(strays))


def differences(first: str, first_vips: tuple[Vip, ...], other: str, other_vips: tuple[Vip, ...]) -> list[str]:
    """How two HA members' VIP declarations differ, in words (empty when they declare the same VIPs)."""
    mine = {vip.name: _same(vip) for vip in first_vips}
    theirs = {vip.name: _same(vip) for vip in other_vips}
    parts = []
    for member, names in (
        (first, [name for name in mine if name not in theirs]),
        (other, [name for name in theirs if name not in mine]),
    ):
        if names:
            parts.append(f"only on {member!r}: " + ", ".join(map(repr, names)))
    changed = [name for name in mine if name in theirs and mine[name] != theirs[name]]
    if changed:
        parts.append(
            "declared differently: " + ", ".join(f"{name!r} ({_fields(mine[name], theirs[name])})" for name in changed)
        )
    return parts


def _fields(first: Vip, second: Vip) -> str:
    """The settings two declarations of one VIP disagree on."""
    return ", ".join(
        field.name for field in dataclasses.fields(first) if getattr(first, field.name) != getattr(second, field.name)
    )


def _value(value: t.Any) -> str:
    return str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, str) else str(value)


def setting_findings(index: VipIndex, setting: str, why: str) -> t.Iterator[tuple[str, str, str]]:
    """(subject, path, message) for each declared VIP that breaks a required row on ``setting`` (``cookie`` covers
    cookie.name, cookie.http_only...): the VIP, the value declared, what the requirement data asks and ``why``."""
    for pool_vips, check in index.broken.get(setting, ()):
        row, vip = check.row, check.declared.vip
        declared = f"{row.setting} is {_value(vip.setting(row.setting))}"
        yield (
            check.declared.member,
            f"{vip.path}.{row.setting}",
            (
                f"VIP {vip.name!r} ({vip.service}) of pool {pool_vips.pool.fqdn!r}: {declared}; required: "
                f"{row.describe(pool_vips.settings)} (requirement {row.id}). {why}"
            ),
        )
