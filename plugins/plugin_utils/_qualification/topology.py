# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The declared topology: load balancers and pools, built from explicit options or from inventory data.

PRIVATE to the collection. No Ansible import: the action plugin hands over plain dicts.

Both ways in end in one JSON document of the shape of ``schemas/topology.schema.json``, validated before any rule
runs. Every problem is collected (never only the first) as an :class:`InputError` that says where it is — a JSON path
in explicit mode, ``hostvars['host'].variable`` / ``lync_pools['fqdn'].key`` in inventory mode — and what is expected.
Inputs are never modified: the model is built from copies.
"""

from __future__ import annotations

import dataclasses
import typing as t
from dataclasses import dataclass, field

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import (
    MISSING,
    InputError,
    inventory_bool,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    _short,
    json_path,
    json_type,
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
_BOOL_POOL_KEYS = ("external_nat", "collocated_mediation", "mobility")

DEFAULT_GROUPS = {
    "load_balancers": "lync_load_balancers",
    "front_end": "lync_front_end",
    "web_components": "lync_web_components",
    "director": "lync_director",
    "edge": "lync_edge",
    "mediation": "lync_mediation",
}
DEFAULT_VARS = {
    "vendor": "lb_vendor",
    "product": "lb_product",
    "model": "lb_model",
    "form_factor": "lb_form_factor",
    "version": "lb_version",
    "multiple_vips": "lb_multiple_vips",
    "ha_peers": "lb_ha_peers",
    "vips": "lb_vips",
    "pool": "lync_pool",
    "pools": "lync_pools",
    "lync_version": "lync_version",
    "coexisting_versions": "lync_coexisting_versions",
    "edge_external_nat": "lync_edge_external_nat",
    "collocated_mediation": "lync_collocated_mediation",
    "pool_version": "lync_pool_version",
}
SERVER_GROUP_KEYS = ("front_end", "web_components", "director", "edge", "mediation")
# Variables every host may see (group_vars/all, usually): read from every host and merged.
GLOBAL_KEYS = ("pools", "lync_version", "coexisting_versions")
# Server variables that the topology import (the lync_topology inventory plugin) sets: what the topology states.
SERVER_HINT_KEYS = ("edge_external_nat", "collocated_mediation", "pool_version")


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
        data: dict[str, t.Any] = {"role": self.role, "servers": list(self.servers), "web_components": list(self.web_components)}
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


def _freeze_pool(fqdn: str, raw: dict[str, t.Any], path: str, members: t.Callable[[tuple[str, ...]], tuple[str, ...]],
                 stated: dict[str, t.Any] | None = None) -> Pool:
    mode = raw.get("load_balancing", "hardware")
    return Pool(
        fqdn=fqdn,
        role=raw["role"],
        servers=tuple(raw["servers"]),
        web_components=tuple(raw.get("web_components") or ()),
        configuration=raw.get("configuration", "expanded" if raw.get("web_components") else "consolidated"),
        load_balancing=mode,
        load_balancer=members(_refs(raw.get("load_balancer"))),
        web_load_balancer=members(_refs(raw.get("web_load_balancer"))),
        internal_load_balancer=members(_refs(raw.get("internal_load_balancer"))),
        external_load_balancer=members(_refs(raw.get("external_load_balancer"))),
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
    "inventory": "in YAML quote it: lb_version: \"10.5\"; on an INI host line the quotes are consumed, so write "
                 "lb_version='\"10.5\"'; in an INI [group:vars] section write lb_version=\"10.5\"",
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
            for index, server in enumerate(members):
                if not isinstance(server, str):
                    continue
                where = locate(("topology", "pools", fqdn, key, index))
                if server in owner and owner[server] != (fqdn, key):
                    other_pool, other_key = owner[server]
                    errors.append(InputError(where, f"server {server!r} is also listed in {other_key} of pool "
                                                    f"{other_pool!r}: a server belongs to one pool and one role"))
                owner.setdefault(server, (fqdn, key))
                if server in lb_names:
                    errors.append(InputError(where, f"{server!r} is declared both as a server and as a load balancer"))
                if server.casefold() in pool_folds and not (server.casefold() == str(fqdn).casefold()
                                                            and len(members) == 1 and key == "servers"):
                    # (a single-server pool, a Standard Edition server, is named after its server: allowed)
                    errors.append(InputError(where, f"server {server!r} has the name of a pool; list server names"))
        role = pool.get("role")
        if pool.get("web_components") and role in ROLES and role != "front_end":
            errors.append(InputError(locate(("topology", "pools", fqdn, "web_components")),
                                     "web_components belong to Front End pools (role front_end) only"))
        if pool.get("web_components") and pool.get("configuration") == "consolidated":
            errors.append(InputError(locate(("topology", "pools", fqdn, "configuration")),
                                     "a consolidated pool has no separate Web Components servers: set configuration: "
                                     "expanded, or remove the web_components"))
        if role == "front_end" and pool.get("web_components") and pool.get("servers") == []:
            errors.append(InputError(locate(("topology", "pools", fqdn)),
                                     "the pool has Web Components servers but no Front End server"))
        if pool.get("configuration") and role in ROLES and role != "front_end":
            errors.append(InputError(locate(("topology", "pools", fqdn, "configuration")),
                                     "configuration (consolidated / expanded) applies to Front End pools only"))
        for key in REF_KEYS:
            value = pool.get(key)
            for index, name in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(name, str) and name.casefold() in pool_folds:
                    where = (key, index) if isinstance(value, list) else (key,)  # type: ignore[assignment]  # a path, not a str
                    errors.append(InputError(locate(("topology", "pools", fqdn, *where)),
                                             f"{name!r} is a pool, not a load balancer: name a declared load balancer"))
    return errors


def _without_vips(document: t.Any) -> t.Any:
    """``document`` with the ``vips`` of each load balancer left out (copies of the mappings on the way only)."""
    lbs = document.get("load_balancers") if isinstance(document, dict) else None
    if not isinstance(lbs, dict) or not any(isinstance(lb, dict) and "vips" in lb for lb in lbs.values()):
        return document
    stripped = {name: {k: v for k, v in lb.items() if k != "vips"} if isinstance(lb, dict) and "vips" in lb else lb
                for name, lb in lbs.items()}
    return {**document, "load_balancers": stripped}


def build(document: t.Any, locate: t.Callable[[tuple[t.Any, ...]], str] | None = None,
          input_mode: str = "options", stated: dict[str, dict[str, t.Any]] | None = None,
          terms: dict[str, str] | None = None) -> tuple[Topology | None, list[InputError]]:
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
        hint = _number_hint(issue.path_parts, issue.instance, input_mode) if issue.validator in ("type", "anyOf") else None
        errors.append(InputError(locate(issue.path_parts), hint or issue.message))
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
    return Topology(topology["lync_version"], load_balancers, pools, input_mode, locate,
                    coexisting_versions=tuple(v for v in topology.get("coexisting_versions") or ()
                                              if v != topology["lync_version"]),
                    serverless=serverless, unknown_peers=members.unknown_peers, terms=dict(terms or {})), []


def from_options(load_balancers: t.Any, topology: t.Any) -> tuple[Topology | None, list[InputError]]:
    """The explicit mode: ``load_balancers`` and ``topology`` options as given to the module."""
    return build({"load_balancers": load_balancers, "topology": topology}, json_path, "options",
                 terms={"lync_version": "topology.lync_version", "coexisting_versions": "topology.coexisting_versions"})


@dataclass(frozen=True)
class InventoryNames:
    """Which groups and variables hold the topology (module options inventory_groups / inventory_vars)."""

    groups: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_GROUPS))
    vars: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_VARS))

    @classmethod
    def with_overrides(cls, groups: dict[str, str] | None, variables: dict[str, str] | None) -> InventoryNames:
        return cls({**DEFAULT_GROUPS, **(groups or {})}, {**DEFAULT_VARS, **(variables or {})})

    def host_keys(self, kind: str) -> tuple[str, ...]:
        """The host variables read for a load balancer (``kind='lb'``) or a server (``kind='server'``), and the
        globals every such host may see (``lync_pools``, ``lync_version``...): they are merged across hosts."""
        globals_ = tuple(self.vars[key] for key in GLOBAL_KEYS)
        if kind == "lb":
            return tuple(self.vars[key] for key in LB_FIELDS) + globals_
        return (self.vars["pool"],) + tuple(self.vars[key] for key in SERVER_HINT_KEYS) + globals_


@dataclass
class InventoryData:
    """What the action plugin read from the inventory: groups, each relevant host's variables (the globals
    included), and the globals as the host the task runs on sees them (``task_host``)."""

    groups: dict[str, list[str]]
    hostvars: dict[str, dict[str, t.Any]]
    pools: t.Any = MISSING
    lync_version: t.Any = MISSING
    coexisting_versions: t.Any = MISSING
    task_host: str = "the task's host"


def _merge_globals(data: InventoryData,
                   names: InventoryNames) -> tuple[dict[str, t.Any], dict[str, str], list[InputError]]:
    """lync_pools merged by pool FQDN, and lync_version / lync_coexisting_versions, from the task's host and every
    read host; two hosts that see different values are an input error naming both. Returns the values, who set
    each (for messages) and the errors."""
    var = names.vars
    errors: list[InputError] = []
    views = [(data.task_host, {"pools": data.pools, "lync_version": data.lync_version,
                               "coexisting_versions": data.coexisting_versions})]
    views += [(host, {key: values.get(var[key], MISSING) for key in GLOBAL_KEYS}) for host, values in data.hostvars.items()]
    merged: dict[str, t.Any] = {}
    origin: dict[str, str] = {}
    pools: dict[str, t.Any] = {}
    pool_origin: dict[str, tuple[str, str]] = {}  # folded FQDN -> (host, key as that host wrote it)
    seen_pools: list[t.Any] = []
    reported: set[tuple[str, str]] = set()
    for host, view in views:
        for key in ("lync_version", "coexisting_versions"):
            value = view[key]
            if value is MISSING:
                continue
            if key not in merged:
                merged[key], origin[key] = value, host
            elif merged[key] != value and (key, repr(value)) not in reported:
                reported.add((key, repr(value)))  # once per different value, not once per host that sees it
                errors.append(InputError(var[key], f"hosts {origin[key]!r} and {host!r} see different values of "
                                                   f"{var[key]} ({merged[key]!r} and {value!r}): define it once, "
                                                   "e.g. in group_vars/all"))
        value = view["pools"]
        if value is MISSING or value is None or any(value is other for other in seen_pools):
            continue
        if not isinstance(value, dict):
            errors.append(InputError(var["pools"], f"{var['pools']} as host {host!r} sees it is a "
                                                   f"{json_type(value)}, expected a mapping of pool FQDN to pool "
                                                   "settings"))
            continue
        seen_pools.append(value)
        origin.setdefault("pools", host)
        for fqdn, settings in value.items():
            fold = fqdn.casefold() if isinstance(fqdn, str) else fqdn
            if fold not in pool_origin:
                pool_origin[fold] = (host, fqdn)
                pools[fqdn] = settings
            elif pools[pool_origin[fold][1]] != settings:
                first_host, first_key = pool_origin[fold]
                errors.append(InputError(f"{var['pools']}[{fqdn!r}]",
                                         f"hosts {first_host!r} and {host!r} see different settings for pool "
                                         f"{first_key!r} ({_short(pools[first_key])} and {_short(settings)}): define "
                                         "each pool once, e.g. in group_vars/all"))
    if "pools" in origin:
        merged["pools"] = pools
    return merged, origin, errors


def from_inventory(data: InventoryData, names: InventoryNames) -> tuple[Topology | None, list[InputError]]:
    """The inventory mode: groups say who is what, host variables and the merged globals say the rest."""
    var = names.vars
    errors: list[InputError] = []
    pools_var = var["pools"]

    lb_hosts = list(dict.fromkeys(data.groups.get(names.groups["load_balancers"]) or ()))
    role_of: dict[str, str] = {}
    for key in SERVER_GROUP_KEYS:
        group = names.groups[key]
        for host in dict.fromkeys(data.groups.get(group) or ()):
            if host in role_of and role_of[host] != key:
                errors.append(InputError(
                    f"groups[{group!r}]",
                    f"host {host!r} is in both {names.groups[role_of[host]]!r} and {group!r}: "
                    "a server has one role; remove it from one group"))
                continue
            role_of[host] = key
    for host in lb_hosts:
        if host in role_of:
            errors.append(InputError(
                f"groups[{names.groups['load_balancers']!r}]",
                f"host {host!r} is both a load balancer and a server (group {names.groups[role_of[host]]!r})"))

    globals_, _origin, merge_errors = _merge_globals(data, names)
    errors.extend(merge_errors)

    load_balancers: dict[str, dict[str, t.Any]] = {}
    for host in lb_hosts:
        hostvars = data.hostvars.get(host, {})
        entry: dict[str, t.Any] = {}
        for key in LB_FIELDS:
            value = hostvars.get(var[key], MISSING)
            if value is MISSING or (value is None and key in ("model", "multiple_vips", "ha_peers", "vips")):
                continue
            if key == "multiple_vips":
                value = inventory_bool(value)
            elif key == "ha_peers" and isinstance(value, str):
                value = [value]  # one peer, written as a plain name
            entry[key] = value
        load_balancers[host] = entry

    pools: dict[str, dict[str, t.Any]] = {}
    spelling: dict[str, str] = {}
    stated: dict[str, dict[str, t.Any]] = {}
    stated_versions: dict[str, str] = {}
    for host, key in role_of.items():
        host_vars = data.hostvars.get(host, {})
        pool = host_vars.get(var["pool"], MISSING)
        where = f"hostvars[{host!r}].{var['pool']}"
        if pool is MISSING or pool is None or pool == "":
            errors.append(InputError(where, f"host {host!r} of group {names.groups[key]!r} has no {var['pool']}: "
                                            "set it to the FQDN of the host's pool"))
            continue
        if not isinstance(pool, str):
            errors.append(InputError(where, f"{pool!r} is a {json_type(pool)}, expected the pool FQDN as a string"))
            continue
        role = "front_end" if key == "web_components" else key
        pool = spelling.setdefault(pool.casefold(), pool)  # DNS names are case-insensitive: one pool, first spelling
        target = pools.setdefault(pool, {"role": role, "servers": []})
        if target["role"] != role:
            errors.append(InputError(where, f"pool {pool!r} has hosts in groups {names.groups[target['role']]!r} and "
                                            f"{names.groups[key]!r}: a pool has one role"))
            continue
        target.setdefault("web_components" if key == "web_components" else "servers", []).append(host)
        for hint, setting in (("edge_external_nat", "external_nat"), ("collocated_mediation", "collocated_mediation")):
            value = inventory_bool(host_vars.get(var[hint], MISSING))
            if isinstance(value, bool):
                stated.setdefault(pool, {}).setdefault(setting, (value, host))
        pool_version = host_vars.get(var["pool_version"])
        if pool_version in LYNC_VERSIONS:
            stated_versions.setdefault(pool_version, host)

    declared = globals_.get("pools", MISSING)
    if declared is MISSING:
        if lb_hosts:
            errors.append(InputError(pools_var, f"load balancers are declared (group "
                                                f"{names.groups['load_balancers']!r}) but no host sees {pools_var}: "
                                                "set it (e.g. in group_vars/all) to say which load balancer fronts "
                                                "which pool"))
        declared = {}
    key_spelling: dict[str, str] = {}  # pool (as the model names it) -> the key as written in lync_pools
    unknown_keys = sorted(set(POOL_OPTION_KEYS))
    for fqdn, settings in declared.items():
        where = f"{pools_var}[{fqdn!r}]"
        if not isinstance(fqdn, str):
            errors.append(InputError(where, f"pool name {fqdn!r} is a {json_type(fqdn)}, expected the pool FQDN"))
            continue
        written, fqdn = fqdn, spelling.setdefault(fqdn.casefold(), fqdn)
        key_spelling[fqdn] = written
        if not isinstance(settings, dict):
            errors.append(InputError(where, f"is a {json_type(settings)}, expected a mapping of pool settings"))
            continue
        target = pools.get(fqdn)  # type: ignore[assignment]  # None is replaced below
        if target is None:  # no server of this inventory: the pool is reported, not checked
            target = pools[fqdn] = {"role": "front_end", "servers": [], "_serverless": True}
        for key, value in settings.items():
            if key in ("role", "servers", "web_components"):
                errors.append(InputError(f"{where}.{key}", f"{key} comes from the inventory groups; remove it from "
                                                           f"{pools_var}"))
            elif key not in POOL_OPTION_KEYS:
                errors.append(InputError(where + json_path((key,), "") if isinstance(key, str) else where,
                                         f"unknown key {key!r}; allowed keys: {', '.join(unknown_keys)}"))
            elif target.get("_serverless") and key not in REF_KEYS:
                continue  # checked by the inventory that holds the pool's servers
            else:
                target[key] = inventory_bool(value) if key in _BOOL_POOL_KEYS else value
    for fqdn, pool in pools.items():
        pool.pop("_serverless", None)
        for setting, (value, _host) in stated.get(fqdn, {}).items():
            pool.setdefault(setting, value)  # what the topology states, where lync_pools is silent

    lync_version = globals_.get("lync_version", MISSING)
    document: dict[str, t.Any] = {
        "load_balancers": load_balancers,
        "topology": {"lync_version": lync_version, "pools": pools},
    }
    coexisting = globals_.get("coexisting_versions", MISSING)
    if coexisting is not MISSING and coexisting is not None:
        document["topology"]["coexisting_versions"] = [coexisting] if isinstance(coexisting, str) else coexisting
    if lync_version is MISSING:
        errors.append(InputError(var["lync_version"], f"{var['lync_version']} is not defined on any host: set it "
                                                      f"(e.g. in group_vars/all) to one of {', '.join(LYNC_VERSIONS)}"))
        document["topology"]["lync_version"] = "lync2013"  # placeholder so the other checks still run

    def locate(parts: tuple[t.Any, ...]) -> str:
        if not parts:
            return "inventory"
        if parts[0] == "load_balancers":
            if len(parts) == 1:
                return f"groups[{names.groups['load_balancers']!r}]"
            host = parts[1]
            if len(parts) >= 3 and parts[2] in LB_FIELDS:
                return f"hostvars[{host!r}].{var[parts[2]]}" + json_path(parts[3:], "")
            return f"hostvars[{host!r}]"
        if parts[:2] == ("topology", "lync_version"):
            return var["lync_version"]
        if parts[:2] == ("topology", "coexisting_versions"):
            return var["coexisting_versions"] + json_path(parts[2:], "")
        if len(parts) >= 3 and parts[:2] == ("topology", "pools"):
            fqdn = parts[2]
            if len(parts) >= 5 and parts[3] in ("servers", "web_components"):
                members = pools.get(fqdn, {}).get(parts[3], [])
                index = parts[4]
                if isinstance(index, int) and index < len(members):
                    return f"hostvars[{members[index]!r}].{var['pool']}"
            written = key_spelling.get(fqdn, fqdn)
            if len(parts) >= 4 and parts[3] in POOL_OPTION_KEYS:
                return f"{pools_var}[{written!r}]." + json_path(parts[3:], "")[1:]
            members = pools.get(fqdn, {}).get("servers") or pools.get(fqdn, {}).get("web_components") or []
            if fqdn not in key_spelling and members:  # the pool exists through its hosts' variable only
                return f"hostvars[{members[0]!r}].{var['pool']}"
            return f"{pools_var}[{written!r}]"
        return json_path(parts)

    for host, entry in load_balancers.items():
        for key in _EXPECT:
            if key not in entry:
                errors.append(InputError(f"hostvars[{host!r}].{var[key]}",
                                         f"load balancer {host!r} has no {var[key]}: {_EXPECT[key]}"))
    terms = {key: var[key] for key in LB_FIELDS + GLOBAL_KEYS + SERVER_HINT_KEYS + ("pool",)}
    topology, build_errors = build(document, locate, "inventory", stated, terms)
    if topology is not None and stated_versions:
        topology = dataclasses.replace(topology, stated_versions=stated_versions)
    # A missing variable is reported once, as missing, not again as a schema "required" error.
    incomplete = {f"hostvars[{h!r}]" for h, e in load_balancers.items() if not all(k in e for k in _EXPECT)}
    reported = {e.path for e in errors}
    errors.extend(e for e in build_errors
                  if e.path not in reported and not (e.path in incomplete and e.message.startswith("missing")))
    if errors:
        return None, errors
    return topology, []


_EXPECT = {
    "vendor": "set it to the vendor, e.g. F5, KEMP, Citrix",
    "product": "set it to the product as the qualified list names it, e.g. BIG-IP Local Traffic Manager",
    "form_factor": "set it to hardware or software",
    "version": "set it to the software version the device runs, as text, e.g. \"11.6.1 HF2\" (quoted in YAML)",
}
