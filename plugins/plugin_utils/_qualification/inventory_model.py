# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory mode: inventory groups and variables translated into the topology document.

PRIVATE to the collection. No Ansible import: ``plugins/plugin_utils/_inventory.py`` reads the inventory (the
Ansible-facing half) into an :class:`InventoryData`; :func:`from_inventory` translates it into the document of the
shape of ``schemas/topology.schema.json`` and hands it to :func:`topology.build`, with a locator that says where each
value was written (``hostvars['host'].variable``, ``lync_pools['fqdn'].key``, ``groups['group']``).
"""

from __future__ import annotations

import dataclasses
import typing as t
from dataclasses import dataclass, field

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import (
    MISSING,
    InputError,
    fold,
    inventory_bool,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    _short,
    json_path,
    json_type,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import (
    LB_FIELDS,
    LYNC_VERSIONS,
    POOL_OPTION_KEYS,
    REF_KEYS,
    Topology,
    build,
)

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
# Server variable -> the pool setting it states.
_STATED_SETTINGS = (("edge_external_nat", "external_nat"), ("collocated_mediation", "collocated_mediation"))
_BOOL_POOL_KEYS = ("external_nat", "collocated_mediation", "mobility")
# Load balancer variables that may be set to null (read as not set).
_NULLABLE_LB_FIELDS = ("model", "multiple_vips", "ha_peers", "vips")
# Pool keys that come from the inventory groups, never from lync_pools.
_GROUP_POOL_KEYS = ("role", "servers", "web_components")
# The load balancer variables without which there is nothing to check, and how to set each.
_EXPECT = {
    "vendor": "set it to the vendor, e.g. F5, KEMP, Citrix",
    "product": "set it to the product as the qualified list names it, e.g. BIG-IP Local Traffic Manager",
    "form_factor": "set it to hardware or software",
    "version": 'set it to the software version the device runs, as text, e.g. "11.6.1 HF2" (quoted in YAML)',
}


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


class _Globals:
    """lync_pools merged by pool FQDN, and lync_version / lync_coexisting_versions, across the hosts that see them."""

    def __init__(self, names: InventoryNames) -> None:
        self.var = names.vars
        self.errors: list[InputError] = []
        self.merged: dict[str, t.Any] = {}
        self.origin: dict[str, str] = {}
        self.pools: dict[str, t.Any] = {}
        self.pool_origin: dict[t.Any, tuple[str, t.Any]] = {}  # folded FQDN -> (host, key as that host wrote it)
        self.seen_pools: list[t.Any] = []
        self.reported: set[tuple[str, str]] = set()

    def add_versions(self, host: str, view: dict[str, t.Any]) -> None:
        var = self.var
        for key in ("lync_version", "coexisting_versions"):
            value = view[key]
            if value is MISSING:
                continue
            if key not in self.merged:
                self.merged[key], self.origin[key] = value, host
            elif self.merged[key] != value and (key, repr(value)) not in self.reported:
                self.reported.add((key, repr(value)))  # once per different value, not once per host that sees it
                self.errors.append(
                    InputError(
                        var[key],
                        f"hosts {self.origin[key]!r} and {host!r} see different "
                        f"values of {var[key]} ({self.merged[key]!r} and {value!r}): "
                        "define it once, e.g. in group_vars/all",
                    )
                )

    def add_pools(self, host: str, value: t.Any) -> None:
        var = self.var
        if value is MISSING or value is None or any(value is other for other in self.seen_pools):
            return
        if not isinstance(value, dict):
            self.errors.append(
                InputError(
                    var["pools"],
                    f"{var['pools']} as host {host!r} sees it is a "
                    f"{json_type(value)}, expected a mapping of pool FQDN to pool "
                    "settings",
                )
            )
            return
        self.seen_pools.append(value)
        self.origin.setdefault("pools", host)
        for fqdn, settings in value.items():
            fold = fqdn.casefold() if isinstance(fqdn, str) else fqdn
            if fold not in self.pool_origin:
                self.pool_origin[fold] = (host, fqdn)
                self.pools[fqdn] = settings
            elif self.pools[self.pool_origin[fold][1]] != settings:
                first_host, first_key = self.pool_origin[fold]
                self.errors.append(
                    InputError(
                        f"{var['pools']}[{fqdn!r}]",
                        f"hosts {first_host!r} and {host!r} see different settings for pool "
                        f"{first_key!r} ({_short(self.pools[first_key])} and "
                        f"{_short(settings)}): define each pool once, e.g. in group_vars/all",
                    )
                )


def _merge_globals(
    data: InventoryData, names: InventoryNames
) -> tuple[dict[str, t.Any], dict[str, str], list[InputError]]:
    """lync_pools merged by pool FQDN, and lync_version / lync_coexisting_versions, from the task's host and every
    read host; two hosts that see different values are an input error naming both. Returns the values, who set
    each (for messages) and the errors."""
    views = [
        (
            data.task_host,
            {"pools": data.pools, "lync_version": data.lync_version, "coexisting_versions": data.coexisting_versions},
        )
    ]
    pools_var, version_var, coexisting_var = (names.vars[key] for key in GLOBAL_KEYS)
    # The ids of views already merged: hosts of group_vars/all see the very same objects, which merge alike. A pools
    # value that is not a mapping is reported for each host that sees it, so such a view is merged every time.
    merged_views = set()
    for host, values in data.hostvars.items():
        seen = (values.get(pools_var, MISSING), values.get(version_var, MISSING), values.get(coexisting_var, MISSING))
        same = (id(seen[0]), id(seen[1]), id(seen[2]))
        if same not in merged_views:
            if seen[0] is MISSING or seen[0] is None or isinstance(seen[0], dict):
                merged_views.add(same)
            views.append((host, dict(zip(GLOBAL_KEYS, seen, strict=True))))
    merger = _Globals(names)
    for host, view in views:
        merger.add_versions(host, view)
        merger.add_pools(host, view["pools"])
    if "pools" in merger.origin:
        merger.merged["pools"] = merger.pools
    return merger.merged, merger.origin, merger.errors


def _roles(data: InventoryData, names: InventoryNames, errors: list[InputError]) -> tuple[list[str], dict[str, str]]:
    """The load balancer hosts, and each server host's group key; a host in two roles is an error."""
    lb_hosts = list(dict.fromkeys(data.groups.get(names.groups["load_balancers"]) or ()))
    role_of: dict[str, str] = {}
    for key in SERVER_GROUP_KEYS:
        group = names.groups[key]
        for host in dict.fromkeys(data.groups.get(group) or ()):
            if host in role_of and role_of[host] != key:
                errors.append(
                    InputError(
                        f"groups[{group!r}]",
                        f"host {host!r} is in both {names.groups[role_of[host]]!r} and {group!r}: "
                        "a server has one role; remove it from one group",
                    )
                )
                continue
            role_of[host] = key
    for host in lb_hosts:
        if host in role_of:
            errors.append(
                InputError(
                    f"groups[{names.groups['load_balancers']!r}]",
                    f"host {host!r} is both a load balancer and a server (group {names.groups[role_of[host]]!r})",
                )
            )
    return lb_hosts, role_of


def _load_balancer_entries(
    data: InventoryData, names: InventoryNames, lb_hosts: list[str]
) -> dict[str, dict[str, t.Any]]:
    """Each load balancer host's fields, from its variables (INI booleans read, one peer as a list)."""
    load_balancers: dict[str, dict[str, t.Any]] = {}
    for host in lb_hosts:
        hostvars = data.hostvars.get(host, {})
        entry: dict[str, t.Any] = {}
        for key in LB_FIELDS:
            value = hostvars.get(names.vars[key], MISSING)
            if value is MISSING or (value is None and key in _NULLABLE_LB_FIELDS):
                continue
            if key == "multiple_vips":
                value = inventory_bool(value)
            elif key == "ha_peers" and isinstance(value, str):
                value = [value]  # one peer, written as a plain name
            entry[key] = value
        load_balancers[host] = entry
    return load_balancers


@dataclass
class _ServerPools:
    """The pools the servers' variables name: role and members, and what the topology import states about them."""

    pools: dict[str, dict[str, t.Any]] = field(default_factory=dict)
    spelling: dict[str, str] = field(default_factory=dict)  # folded FQDN -> the first spelling met
    stated: dict[str, dict[str, t.Any]] = field(default_factory=dict)
    stated_versions: dict[str, str] = field(default_factory=dict)


_NO_VARS: dict[str, t.Any] = {}  # a host that was not read (never written to)


def _server_pools(
    data: InventoryData, names: InventoryNames, role_of: dict[str, str], errors: list[InputError]
) -> _ServerPools:
    """Each server into the pool its pool variable names; a server without one, or a pool of two roles, is an error."""
    var = names.vars
    pool_var, version_var = var["pool"], var["pool_version"]
    stated_vars = [(var[hint], setting) for hint, setting in _STATED_SETTINGS]
    found = _ServerPools()
    for host, key in role_of.items():
        host_vars = data.hostvars.get(host, _NO_VARS)
        pool = host_vars.get(pool_var, MISSING)
        if pool is MISSING or pool is None or pool == "":
            errors.append(
                InputError(
                    f"hostvars[{host!r}].{pool_var}",
                    f"host {host!r} of group {names.groups[key]!r} has no {var['pool']}: "
                    "set it to the FQDN of the host's pool",
                )
            )
            continue
        if not isinstance(pool, str):
            errors.append(
                InputError(
                    f"hostvars[{host!r}].{pool_var}",
                    f"{pool!r} is a {json_type(pool)}, expected the pool FQDN as a string",
                )
            )
            continue
        role = "front_end" if key == "web_components" else key
        pool = found.spelling.setdefault(fold(pool), pool)  # DNS names are case-insensitive: first spelling
        target = found.pools.get(pool)
        if target is None:
            target = found.pools[pool] = {"role": role, "servers": []}
        if target["role"] != role:
            errors.append(
                InputError(
                    f"hostvars[{host!r}].{pool_var}",
                    f"pool {pool!r} has hosts in groups {names.groups[target['role']]!r} and "
                    f"{names.groups[key]!r}: a pool has one role",
                )
            )
            continue
        members = "web_components" if key == "web_components" else "servers"
        if members in target:
            target[members].append(host)
        else:
            target[members] = [host]
        for name, setting in stated_vars:
            if name in host_vars:
                value = inventory_bool(host_vars[name])
                if isinstance(value, bool):
                    found.stated.setdefault(pool, {}).setdefault(setting, (value, host))
        pool_version = host_vars.get(version_var)
        if pool_version in LYNC_VERSIONS:
            found.stated_versions.setdefault(pool_version, host)
    return found


def _declare_pools(
    declared: t.Any, found: _ServerPools, names: InventoryNames, has_lbs: bool, errors: list[InputError]
) -> dict[str, str]:
    """The settings of the merged lync_pools added to the pools (a pool without a server here: its references only).

    Returns pool (as the model names it) -> the key as written in lync_pools.
    """
    pools_var = names.vars["pools"]
    if declared is MISSING:
        if has_lbs:
            errors.append(
                InputError(
                    pools_var,
                    f"load balancers are declared (group "
                    f"{names.groups['load_balancers']!r}) but no host sees {pools_var}: "
                    "set it (e.g. in group_vars/all) to say which load balancer fronts "
                    "which pool",
                )
            )
        declared = {}
    key_spelling: dict[str, str] = {}
    allowed_keys = ", ".join(sorted(set(POOL_OPTION_KEYS)))
    for fqdn, settings in declared.items():
        where = f"{pools_var}[{fqdn!r}]"
        if not isinstance(fqdn, str):
            errors.append(InputError(where, f"pool name {fqdn!r} is a {json_type(fqdn)}, expected the pool FQDN"))
            continue
        written, fqdn = fqdn, found.spelling.setdefault(fqdn.casefold(), fqdn)
        key_spelling[fqdn] = written
        if not isinstance(settings, dict):
            errors.append(InputError(where, f"is a {json_type(settings)}, expected a mapping of pool settings"))
            continue
        target = found.pools.get(fqdn)
        if target is None:  # no server of this inventory: the pool is reported, not checked
            target = found.pools[fqdn] = {"role": "front_end", "servers": [], "_serverless": True}
        for key, value in settings.items():
            if key in _GROUP_POOL_KEYS:
                errors.append(
                    InputError(f"{where}.{key}", f"{key} comes from the inventory groups; remove it from {pools_var}")
                )
            elif key not in POOL_OPTION_KEYS:
                errors.append(
                    InputError(
                        where + json_path((key,), "") if isinstance(key, str) else where,
                        f"unknown key {key!r}; allowed keys: {allowed_keys}",
                    )
                )
            elif target.get("_serverless") and key not in REF_KEYS:
                continue  # checked by the inventory that holds the pool's servers
            else:
                target[key] = inventory_bool(value) if key in _BOOL_POOL_KEYS else value
    for fqdn, pool in found.pools.items():
        pool.pop("_serverless", None)
        for setting, (value, _host) in found.stated.get(fqdn, {}).items():
            pool.setdefault(setting, value)  # what the topology states, where lync_pools is silent
    return key_spelling


def _document(
    load_balancers: dict[str, dict[str, t.Any]],
    pools: dict[str, dict[str, t.Any]],
    globals_: dict[str, t.Any],
    names: InventoryNames,
    errors: list[InputError],
) -> dict[str, t.Any]:
    """The topology document (the schema's shape); a missing lync_version is an error, with a placeholder."""
    var = names.vars
    lync_version = globals_.get("lync_version", MISSING)
    document: dict[str, t.Any] = {
        "load_balancers": load_balancers,
        "topology": {"lync_version": lync_version, "pools": pools},
    }
    coexisting = globals_.get("coexisting_versions", MISSING)
    if coexisting is not MISSING and coexisting is not None:
        document["topology"]["coexisting_versions"] = [coexisting] if isinstance(coexisting, str) else coexisting
    if lync_version is MISSING:
        errors.append(
            InputError(
                var["lync_version"],
                f"{var['lync_version']} is not defined on any host: set it "
                f"(e.g. in group_vars/all) to one of {', '.join(LYNC_VERSIONS)}",
            )
        )
        document["topology"]["lync_version"] = "lync2013"  # placeholder so the other checks still run
    return document


class _Locator:
    """A path in the topology document -> where the user wrote it in the inventory."""

    def __init__(self, names: InventoryNames, pools: dict[str, dict[str, t.Any]], key_spelling: dict[str, str]) -> None:
        self.names = names
        self.pools = pools
        self.key_spelling = key_spelling

    def __call__(self, parts: tuple[t.Any, ...]) -> str:
        var = self.names.vars
        if not parts:
            return "inventory"
        if parts[0] == "load_balancers":
            return self._load_balancer(parts)
        if parts[:2] == ("topology", "lync_version"):
            return var["lync_version"]
        if parts[:2] == ("topology", "coexisting_versions"):
            return var["coexisting_versions"] + json_path(parts[2:], "")
        if len(parts) >= 3 and parts[:2] == ("topology", "pools"):
            return self._pool(parts)
        return json_path(parts)

    def _load_balancer(self, parts: tuple[t.Any, ...]) -> str:
        if len(parts) == 1:
            return f"groups[{self.names.groups['load_balancers']!r}]"
        host = parts[1]
        if len(parts) >= 3 and parts[2] in LB_FIELDS:
            return f"hostvars[{host!r}].{self.names.vars[parts[2]]}" + json_path(parts[3:], "")
        return f"hostvars[{host!r}]"

    def _pool(self, parts: tuple[t.Any, ...]) -> str:
        pool_var, pools_var = self.names.vars["pool"], self.names.vars["pools"]
        fqdn = parts[2]
        pool = self.pools.get(fqdn, {})
        if len(parts) >= 5 and parts[3] in ("servers", "web_components"):
            members = pool.get(parts[3], [])
            index = parts[4]
            if isinstance(index, int) and index < len(members):
                return f"hostvars[{members[index]!r}].{pool_var}"
        written = self.key_spelling.get(fqdn, fqdn)
        if len(parts) >= 4 and parts[3] in POOL_OPTION_KEYS:
            return f"{pools_var}[{written!r}]." + json_path(parts[3:], "")[1:]
        members = pool.get("servers") or pool.get("web_components") or []
        if fqdn not in self.key_spelling and members:  # the pool exists through its hosts' variable only
            return f"hostvars[{members[0]!r}].{pool_var}"
        return f"{pools_var}[{written!r}]"


def _missing_lb_fields(load_balancers: dict[str, dict[str, t.Any]], names: InventoryNames) -> list[InputError]:
    """A load balancer variable without which there is nothing to check, once per host and variable."""
    var = names.vars
    return [
        InputError(f"hostvars[{host!r}].{var[key]}", f"load balancer {host!r} has no {var[key]}: {_EXPECT[key]}")
        for host, entry in load_balancers.items()
        for key in _EXPECT
        if key not in entry
    ]


def from_inventory(data: InventoryData, names: InventoryNames) -> tuple[Topology | None, list[InputError]]:
    """The inventory mode: groups say who is what, host variables and the merged globals say the rest."""
    var = names.vars
    errors: list[InputError] = []
    lb_hosts, role_of = _roles(data, names, errors)
    globals_, _origin, merge_errors = _merge_globals(data, names)
    errors.extend(merge_errors)
    load_balancers = _load_balancer_entries(data, names, lb_hosts)
    found = _server_pools(data, names, role_of, errors)
    key_spelling = _declare_pools(globals_.get("pools", MISSING), found, names, bool(lb_hosts), errors)
    document = _document(load_balancers, found.pools, globals_, names, errors)
    errors.extend(_missing_lb_fields(load_balancers, names))

    terms = {key: var[key] for key in LB_FIELDS + GLOBAL_KEYS + SERVER_HINT_KEYS + ("pool",)}
    topology, build_errors = build(
        document, _Locator(names, found.pools, key_spelling), "inventory", found.stated, terms
    )
    if topology is not None and found.stated_versions:
        topology = dataclasses.replace(topology, stated_versions=found.stated_versions)
    # A missing variable is reported once, as missing, not again as the schema's "required" error.
    incomplete = {f"hostvars[{h!r}]" for h, e in load_balancers.items() if not all(k in e for k in _EXPECT)}
    reported = {e.path for e in errors}
    errors.extend(
        e for e in build_errors if e.path not in reported and not (e.path in incomplete and e.validator == "required")
    )
    if errors:
        return None, errors
    return topology, []
