# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The declared topology: load balancers and pools, and their validation; the explicit mode (:func:`from_options`).

PRIVATE to the collection. No Ansible import: the action plugin hands over plain dicts. The inventory mode translates
inventory groups and variables into the same document in :mod:`inventory_model`.

Both ways in end in one JSON document of the shape of ``schemas/topology.schema.json``, validated before any rule
runs. Every problem is collected (never only the first) as an :class:`InputError` that says where it is — a JSON path
in explicit mode, ``hostvars['host'].variable`` / ``lync_pools['fqdn'].key`` in inventory mode — and what is expected.
Inputs are never modified: the model is built from copies.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import InputError, fold
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    TYPE_KEYWORDS,
    json_path,
    too_deep,
    validate_instance,
    without,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import Vip, build_vips

LYNC_VERSIONS = ("ocs2007r2", "lync2010", "lync2013", "sfb2015", "sfb2019")
ROLES = ("front_end", "director", "edge", "mediation")
LB_FIELDS = ("vendor", "product", "model", "form_factor", "version", "multiple_vips", "ha_peers", "vips")
# The pool keys that name load balancers: one name, or a list of the members of an HA pair or cluster.
REF_KEYS = ("load_balancer", "web_load_balancer", "internal_load_balancer", "external_load_balancer")
POOL_OPTION_KEYS = (
    "configuration",
    "load_balancing",
    *REF_KEYS,
    "internal_load_balancing",
    "external_load_balancing",
    "external_nat",
    "collocated_mediation",
    "hlb_monitoring_port",
    "mobility",
)


@dataclass(frozen=True)
class LoadBalancer:
    name: str
    vendor: str
    product: str
    model: str | None
    form_factor: str
    version: str
    multiple_vips: bool
    path: str
    ha_peers: tuple[str, ...] = ()
    # None: no VIP declared (the VIP rules do not run for this device); () is an empty declaration.
    vips: tuple[Vip, ...] | None = None

    def to_dict(self) -> dict[str, t.Any]:
        data = {field_: getattr(self, field_) for field_ in LB_FIELDS}
        data["ha_peers"] = list(self.ha_peers)
        data["vips"] = None if self.vips is None else [{**vip.to_dict(), "path": vip.path} for vip in self.vips]
        return data


@dataclass(frozen=True)
class Pool:
    fqdn: str
    role: str
    servers: tuple[str, ...]
    web_components: tuple[str, ...]
    configuration: str
    load_balancing: str
    # Each reference: the members that front the pool (listed names, their HA peers), () when none.
    load_balancer: tuple[str, ...]
    web_load_balancer: tuple[str, ...]
    internal_load_balancer: tuple[str, ...]
    external_load_balancer: tuple[str, ...]
    internal_load_balancing: str
    external_load_balancing: str
    external_nat: bool
    path: str
    collocated_mediation: bool = False
    hlb_monitoring_port: int | None = None
    mobility: bool = False
    declared: dict[str, t.Any] = field(default_factory=dict, repr=False, compare=False)
    # Settings the topology import stated (host variables of the servers), for TOPOLOGY_CONTRADICTION.
    stated: dict[str, t.Any] = field(default_factory=dict, repr=False, compare=False)

    def referenced_load_balancers(self) -> dict[str, tuple[str, ...]]:
        """Pool key -> the members it names (with their HA peers), for every reference the pool makes."""
        return {key: getattr(self, key) for key in REF_KEYS if getattr(self, key)}

    def members(self) -> tuple[str, ...]:
        """Every load balancer that fronts the pool, once each, in reference order."""
        return tuple(dict.fromkeys(name for names in self.referenced_load_balancers().values() for name in names))

    @property
    def edge_internal_lb(self) -> tuple[str, ...]:
        return self.internal_load_balancer or self.load_balancer

    @property
    def edge_external_lb(self) -> tuple[str, ...]:
        return self.external_load_balancer or self.load_balancer

    def to_dict(self) -> dict[str, t.Any]:
        data: dict[str, t.Any] = {
            "role": self.role,
            "servers": list(self.servers),
            "web_components": list(self.web_components),
        }
        for key in POOL_OPTION_KEYS:
            # References are echoed as declared (one name, or a list); members_of gives the resolved members.
            data[key] = self.declared.get(key) if key in REF_KEYS else getattr(self, key)
        data["members_of"] = {key: list(names) for key, names in self.referenced_load_balancers().items()}
        return data


@dataclass(frozen=True)
class PoolStub:
    """A declared pool none of whose servers is in this inventory (group_vars shared by several site inventories):
    reported (POOL_WITHOUT_SERVERS), not checked; the load balancers it names count as used."""

    fqdn: str
    path: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Topology:
    lync_version: str
    load_balancers: dict[str, LoadBalancer]
    pools: dict[str, Pool]
    input_mode: str
    locate: t.Callable[[tuple[t.Any, ...]], str] = field(repr=False, compare=False)
    coexisting_versions: tuple[str, ...] = ()
    serverless: dict[str, PoolStub] = field(default_factory=dict)
    # Load balancer name -> the names its ha_peers gives that are not declared load balancers.
    unknown_peers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Model field -> the name the user wrote it under (inventory variables in inventory mode).
    terms: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Lync version -> the first server whose pool the imported topology says runs it (lync_pool_version).
    stated_versions: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def term(self, name: str) -> str:
        """How the user spells a load balancer field or a global in this input mode (lb_multiple_vips / multiple_vips)."""
        return self.terms.get(name, name)

    def setting(self, pool: Pool, key: str) -> str:
        """Where a pool setting is written: ``lync_pools['fqdn'].key`` in inventory mode, ``key`` in explicit mode."""
        if self.input_mode == "inventory":
            return self.locate(("topology", "pools", pool.fqdn, key))
        return key

    def versions(self) -> tuple[str, ...]:
        """lync_version and the coexisting versions."""
        return (self.lync_version, *self.coexisting_versions)


def _refs(value: t.Any) -> tuple[str, ...]:
    """A reference as declared (one name or a list of names) as a tuple of names."""
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _freeze_pool(
    fqdn: str,
    raw: dict[str, t.Any],
    path: str,
    members: t.Callable[[tuple[str, ...]], tuple[str, ...]],
    stated: dict[str, t.Any] | None = None,
) -> Pool:
    mode = raw.get("load_balancing", "hardware")
    return Pool(
        fqdn=fqdn,
        role=raw["role"],
        servers=tuple(raw["servers"]),
        web_components=tuple(raw.get("web_components") or ()),
        configuration=raw.get("configuration", "expanded" if raw.get("web_components") else "consolidated"),
        load_balancing=mode,
        **{key: members(_refs(raw.get(key))) for key in REF_KEYS},
        internal_load_balancing=raw.get("internal_load_balancing", mode),
        external_load_balancing=raw.get("external_load_balancing", mode),
        external_nat=bool(raw.get("external_nat", False)),
        path=path,
        collocated_mediation=bool(raw.get("collocated_mediation", False)),
        hlb_monitoring_port=raw.get("hlb_monitoring_port"),
        mobility=bool(raw.get("mobility", False)),
        declared={key: raw[key] for key in POOL_OPTION_KEYS if key in raw},
        stated=dict(stated or {}),
    )


class _Members:
    """Resolves references to declared load balancers: case-insensitively, each with its HA peers (transitively)."""

    def __init__(self, load_balancers: dict[str, dict[str, t.Any]]) -> None:
        self.by_fold = {name.casefold(): name for name in load_balancers}
        self.unknown_peers: dict[str, tuple[str, ...]] = {}
        links: dict[str, set[str]] = {name: set() for name in load_balancers}
        for name, raw in load_balancers.items():
            unknown = []
            for peer in raw.get("ha_peers") or ():
                other = self.by_fold.get(peer.casefold())
                if other is None:
                    unknown.append(peer)
                elif other != name:
                    links[name].add(other)
                    links[other].add(name)
            if unknown:
                self.unknown_peers[name] = tuple(unknown)
        self.group: dict[str, tuple[str, ...]] = {}
        for name in load_balancers:
            if name in self.group:
                continue
            seen, stack = [name], [name]
            while stack:
                for other in sorted(links[stack.pop()]):
                    if other not in seen:
                        seen.append(other)
                        stack.append(other)
            for member in seen:
                self.group[member] = tuple(seen)

    def name(self, reference: str) -> str:
        """The declared spelling of a load balancer name (DNS names are case-insensitive); unknown names unchanged."""
        return self.by_fold.get(reference.casefold(), reference)

    def __call__(self, references: tuple[str, ...]) -> tuple[str, ...]:
        names: list[str] = []
        for reference in references:
            name = self.name(reference)
            names.extend(self.group.get(name, (name,)))
        return tuple(dict.fromkeys(names))


def _number_hint(issue_parts: tuple[t.Any, ...], value: t.Any, input_mode: str = "options") -> str | None:
    if not issue_parts or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if issue_parts[-1] == "model" and isinstance(value, float):
        return f"the model arrived as the number {value!r}: write it as text, as the vendor writes it ({_QUOTING[input_mode]})"
    if issue_parts[-1] == "version":
        return (
            f"the version arrived as the number {value!r}, and a number loses what makes a version (11.10 becomes "
            f"11.1): write it as text, as the device reports it ({_QUOTING[input_mode]})"
        )
    return None


_QUOTING = {
    "options": 'in YAML quote it: version: "10.5"',
    "inventory": 'in YAML quote it: lb_version: "10.5"; on an INI host line the quotes are consumed, so write '
    'lb_version=\'"10.5"\'; in an INI [group:vars] section write lb_version="10.5"',
}


def _semantic_errors(document: t.Any, locate: t.Callable[[tuple[t.Any, ...]], str]) -> list[InputError]:
    """Problems a schema cannot express: servers in two pools, names used for two things, misplaced keys.

    Runs beside the schema check, so it skips whatever part is malformed (the schema reports that part).
    """
    errors: list[InputError] = []
    if not isinstance(document, dict):
        return errors
    topology = document.get("topology")
    pools = topology.get("pools") if isinstance(topology, dict) else None
    if not isinstance(pools, dict):
        return errors
    lbs = document.get("load_balancers")
    lb_names = {name for name in lbs if isinstance(name, str)} if isinstance(lbs, dict) else set()
    pool_names = {name for name in pools if isinstance(name, str)}
    pool_folds = {name.casefold() for name in pool_names}
    owner: dict[str, tuple[str, str]] = {}
    for fqdn, pool in pools.items():
        if not isinstance(pool, dict):
            continue
        for key in ("servers", "web_components"):
            members = pool.get(key)
            if not isinstance(members, list):
                continue
            slot = (fqdn, key)
            for index, server in enumerate(members):
                if not isinstance(server, str):
                    continue
                where = ("topology", "pools", fqdn, key, index)  # located when reported (most servers are not)
                if server in owner and owner[server] != slot:
                    other_pool, other_key = owner[server]
                    errors.append(
                        InputError(
                            locate(where),
                            f"server {server!r} is also listed in {other_key} of pool "
                            f"{other_pool!r}: a server belongs to one pool and one role",
                        )
                    )
                owner.setdefault(server, slot)
                if server in lb_names:
                    errors.append(
                        InputError(locate(where), f"{server!r} is declared both as a server and as a load balancer")
                    )
                folded = fold(server)
                if folded in pool_folds and not (
                    folded == str(fqdn).casefold() and len(members) == 1 and key == "servers"
                ):
                    # (a single-server pool, a Standard Edition server, is named after its server: allowed)
                    errors.append(
                        InputError(locate(where), f"server {server!r} has the name of a pool; list server names")
                    )
        role = pool.get("role")
        if pool.get("web_components") and role in ROLES and role != "front_end":
            errors.append(
                InputError(
                    locate(("topology", "pools", fqdn, "web_components")),
                    "web_components belong to Front End pools (role front_end) only",
                )
            )
        if pool.get("web_components") and pool.get("configuration") == "consolidated":
            errors.append(
                InputError(
                    locate(("topology", "pools", fqdn, "configuration")),
                    "a consolidated pool has no separate Web Components servers: set configuration: "
                    "expanded, or remove the web_components",
                )
            )
        if role == "front_end" and pool.get("web_components") and pool.get("servers") == []:
            errors.append(
                InputError(
                    locate(("topology", "pools", fqdn)), "the pool has Web Components servers but no Front End server"
                )
            )
        if pool.get("configuration") and role in ROLES and role != "front_end":
            errors.append(
                InputError(
                    locate(("topology", "pools", fqdn, "configuration")),
                    "configuration (consolidated / expanded) applies to Front End pools only",
                )
            )
        for key in REF_KEYS:
            value = pool.get(key)
            for index, name in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(name, str) and name.casefold() in pool_folds:
                    where = (key, index) if isinstance(value, list) else (key,)  # type: ignore[assignment]  # a path, not a str
                    errors.append(
                        InputError(
                            locate(("topology", "pools", fqdn, *where)),
                            f"{name!r} is a pool, not a load balancer: name a declared load balancer",
                        )
                    )
    return errors


def _without_vips(document: t.Any) -> t.Any:
    """``document`` with the ``vips`` of each load balancer left out (copies of the mappings on the way only)."""
    lbs = document.get("load_balancers") if isinstance(document, dict) else None
    if not isinstance(lbs, dict) or not any(isinstance(lb, dict) and "vips" in lb for lb in lbs.values()):
        return document
    stripped = {
        name: {k: v for k, v in lb.items() if k != "vips"} if isinstance(lb, dict) and "vips" in lb else lb
        for name, lb in lbs.items()
    }
    return {**document, "load_balancers": stripped}


def build(
    document: t.Any,
    locate: t.Callable[[tuple[t.Any, ...]], str] | None = None,
    input_mode: str = "options",
    stated: dict[str, dict[str, t.Any]] | None = None,
    terms: dict[str, str] | None = None,
) -> tuple[Topology | None, list[InputError]]:
    """Validate ``document`` (the topology schema's shape) and freeze it into a :class:`Topology`.

    ``stated``: pool FQDN -> settings the imported topology states (inventory mode), kept beside the declared ones.
    """
    locate = locate or json_path
    errors = [InputError(locate(path), what) for path, what in too_deep(document)]
    if errors:  # validate the rest; the deep or cyclic values are reported above, not walked again
        document = without(document, [path for path, _what in too_deep(document)])
    # build_vips checks the VIPs against the same schema, with messages of its own: the document is checked without
    # them (checking them twice cost a third of the check's time with VIPs declared).
    for issue in validate_instance("topology", _without_vips(document)):
        hint = _number_hint(issue.path_parts, issue.instance, input_mode) if issue.validator in TYPE_KEYWORDS else None
        errors.append(InputError(locate(issue.path_parts), hint or issue.message, issue.validator))
    errors.extend(_semantic_errors(document, locate))
    if errors:
        return None, errors
    raw_lbs = document["load_balancers"]
    vips: dict[str, tuple[Vip, ...]] = {}
    for name, raw in raw_lbs.items():
        if raw.get("vips") is not None:
            vips[name], vip_errors = build_vips(raw["vips"], locate, ("load_balancers", name, "vips"))
            errors.extend(vip_errors)
    if errors:
        return None, errors
    members = _Members(raw_lbs)
    load_balancers = {}
    for name, raw in raw_lbs.items():
        model = raw.get("model")
        load_balancers[name] = LoadBalancer(
            name=name,
            vendor=raw["vendor"],
            product=raw["product"],
            model=str(model) if model is not None else None,  # an integer model (lb_model: 440) reads as its digits
            form_factor=raw["form_factor"],
            version=raw["version"],
            multiple_vips=bool(raw.get("multiple_vips", False)),
            path=locate(("load_balancers", name)),
            ha_peers=tuple(members.name(peer) for peer in raw.get("ha_peers") or ()),
            vips=vips.get(name),
        )
    pools, serverless = {}, {}
    for fqdn, raw in document["topology"]["pools"].items():
        path = locate(("topology", "pools", fqdn))
        if not raw["servers"] and not raw.get("web_components"):
            serverless[fqdn] = PoolStub(fqdn, path, members(tuple(n for k in REF_KEYS for n in _refs(raw.get(k)))))
            continue
        pools[fqdn] = _freeze_pool(fqdn, raw, path, members, (stated or {}).get(fqdn))
    topology = document["topology"]
    return Topology(
        topology["lync_version"],
        load_balancers,
        pools,
        input_mode,
        locate,
        coexisting_versions=tuple(
            v for v in topology.get("coexisting_versions") or () if v != topology["lync_version"]
        ),
        serverless=serverless,
        unknown_peers=members.unknown_peers,
        terms=dict(terms or {}),
    ), []


def from_options(load_balancers: t.Any, topology: t.Any) -> tuple[Topology | None, list[InputError]]:
    """The explicit mode: ``load_balancers`` and ``topology`` options as given to the module."""
    return build(
        {"load_balancers": load_balancers, "topology": topology},
        json_path,
        "options",
        terms={"lync_version": "topology.lync_version", "coexisting_versions": "topology.coexisting_versions"},
    )
