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

import typing as t
from dataclasses import dataclass, field

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    json_path,
    json_type,
    validate_instance,
)

LYNC_VERSIONS = ("ocs2007r2", "lync2010", "lync2013", "sfb2015", "sfb2019")
ROLES = ("front_end", "director", "edge")
LB_FIELDS = ("vendor", "product", "model", "form_factor", "version", "multiple_vips")
POOL_OPTION_KEYS = (
    "configuration",
    "load_balancing",
    "load_balancer",
    "web_load_balancer",
    "internal_load_balancer",
    "external_load_balancer",
    "internal_load_balancing",
    "external_load_balancing",
    "external_nat",
)

DEFAULT_GROUPS = {
    "load_balancers": "lync_load_balancers",
    "front_end": "lync_front_end",
    "web_components": "lync_web_components",
    "director": "lync_director",
    "edge": "lync_edge",
}
DEFAULT_VARS = {
    "vendor": "lb_vendor",
    "product": "lb_product",
    "model": "lb_model",
    "form_factor": "lb_form_factor",
    "version": "lb_version",
    "multiple_vips": "lb_multiple_vips",
    "pool": "lync_pool",
    "pools": "lync_pools",
    "lync_version": "lync_version",
}
SERVER_GROUP_KEYS = ("front_end", "web_components", "director", "edge")


class Missing:
    """Marks a variable that is not defined (distinct from a variable set to null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: t.Any = Missing()


@dataclass(frozen=True)
class InputError:
    """A problem with the input: where it is and what is expected. Reported before any rule runs."""

    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


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

    def to_dict(self) -> dict[str, t.Any]:
        return {field_: getattr(self, field_) for field_ in LB_FIELDS}


@dataclass(frozen=True)
class Pool:
    fqdn: str
    role: str
    servers: tuple[str, ...]
    web_components: tuple[str, ...]
    configuration: str
    load_balancing: str
    load_balancer: str | None
    web_load_balancer: str | None
    internal_load_balancer: str | None
    external_load_balancer: str | None
    internal_load_balancing: str
    external_load_balancing: str
    external_nat: bool
    path: str

    def referenced_load_balancers(self) -> dict[str, str]:
        """Pool key -> load balancer name, for every reference the pool makes."""
        keys = ("load_balancer", "web_load_balancer", "internal_load_balancer", "external_load_balancer")
        return {key: getattr(self, key) for key in keys if getattr(self, key)}

    @property
    def edge_internal_lb(self) -> str | None:
        return self.internal_load_balancer or self.load_balancer

    @property
    def edge_external_lb(self) -> str | None:
        return self.external_load_balancer or self.load_balancer

    def to_dict(self) -> dict[str, t.Any]:
        data: dict[str, t.Any] = {"role": self.role, "servers": list(self.servers), "web_components": list(self.web_components)}
        for key in POOL_OPTION_KEYS:
            data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Topology:
    lync_version: str
    load_balancers: dict[str, LoadBalancer]
    pools: dict[str, Pool]
    input_mode: str
    locate: t.Callable[[tuple[t.Any, ...]], str] = field(repr=False, compare=False)


def _freeze_pool(fqdn: str, raw: dict[str, t.Any], path: str) -> Pool:
    mode = raw.get("load_balancing", "hardware")
    return Pool(
        fqdn=fqdn,
        role=raw["role"],
        servers=tuple(raw["servers"]),
        web_components=tuple(raw.get("web_components") or ()),
        configuration=raw.get("configuration", "expanded" if raw.get("web_components") else "consolidated"),
        load_balancing=mode,
        load_balancer=raw.get("load_balancer"),
        web_load_balancer=raw.get("web_load_balancer"),
        internal_load_balancer=raw.get("internal_load_balancer"),
        external_load_balancer=raw.get("external_load_balancer"),
        internal_load_balancing=raw.get("internal_load_balancing", mode),
        external_load_balancing=raw.get("external_load_balancing", mode),
        external_nat=bool(raw.get("external_nat", False)),
        path=path,
    )


def _number_hint(issue_parts: tuple[t.Any, ...], value: t.Any) -> str | None:
    if issue_parts and issue_parts[-1] == "model" and isinstance(value, float):
        return f"the model arrived as the YAML number {value!r}: quote it as the vendor writes it"
    if issue_parts and issue_parts[-1] == "version" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (
            f"the version arrived as the YAML number {value!r}, and a number loses what makes a version (11.10 "
            "becomes 11.1): quote it as the device reports it, e.g. \"11.10\" or \"11.6.1 HF2\""
        )
    return None


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
                if server in pool_names:
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
        for key in ("load_balancer", "web_load_balancer", "internal_load_balancer", "external_load_balancer"):
            name = pool.get(key)
            if isinstance(name, str) and name in pool_names:
                errors.append(InputError(locate(("topology", "pools", fqdn, key)),
                                         f"{name!r} is a pool, not a load balancer: name a declared load balancer"))
    return errors


def build(document: t.Any, locate: t.Callable[[tuple[t.Any, ...]], str] | None = None,
          input_mode: str = "options") -> tuple[Topology | None, list[InputError]]:
    """Validate ``document`` (the topology schema's shape) and freeze it into a :class:`Topology`."""
    locate = locate or json_path
    errors = []
    for issue in validate_instance("topology", document):
        hint = _number_hint(issue.path_parts, issue.instance) if issue.validator in ("type", "anyOf") else None
        errors.append(InputError(locate(issue.path_parts), hint or issue.message))
    errors.extend(_semantic_errors(document, locate))
    if errors:
        return None, errors
    load_balancers = {}
    for name, raw in document["load_balancers"].items():
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
        )
    pools = {
        fqdn: _freeze_pool(fqdn, raw, locate(("topology", "pools", fqdn)))
        for fqdn, raw in document["topology"]["pools"].items()
    }
    return Topology(document["topology"]["lync_version"], load_balancers, pools, input_mode, locate), []


def from_options(load_balancers: t.Any, topology: t.Any) -> tuple[Topology | None, list[InputError]]:
    """The explicit mode: ``load_balancers`` and ``topology`` options as given to the module."""
    return build({"load_balancers": load_balancers, "topology": topology}, json_path, "options")


@dataclass(frozen=True)
class InventoryNames:
    """Which groups and variables hold the topology (module options inventory_groups / inventory_vars)."""

    groups: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_GROUPS))
    vars: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_VARS))

    @classmethod
    def with_overrides(cls, groups: dict[str, str] | None, variables: dict[str, str] | None) -> InventoryNames:
        return cls({**DEFAULT_GROUPS, **(groups or {})}, {**DEFAULT_VARS, **(variables or {})})

    def host_keys(self, kind: str) -> tuple[str, ...]:
        """The host variables read for a load balancer (``kind='lb'``) or a server (``kind='server'``)."""
        if kind == "lb":
            return tuple(self.vars[key] for key in LB_FIELDS)
        return (self.vars["pool"],)


@dataclass
class InventoryData:
    """What the action plugin read from the inventory: groups, the needed host variables, the two globals."""

    groups: dict[str, list[str]]
    hostvars: dict[str, dict[str, t.Any]]
    pools: t.Any = MISSING
    lync_version: t.Any = MISSING


def from_inventory(data: InventoryData, names: InventoryNames) -> tuple[Topology | None, list[InputError]]:
    """The inventory mode: groups say who is what, host variables and two globals say the rest."""
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

    load_balancers: dict[str, dict[str, t.Any]] = {}
    for host in lb_hosts:
        hostvars = data.hostvars.get(host, {})
        entry: dict[str, t.Any] = {}
        for key in LB_FIELDS:
            value = hostvars.get(var[key], MISSING)
            if value is MISSING or (value is None and key in ("model", "multiple_vips")):
                continue
            if key == "multiple_vips":
                value = _inventory_bool(value)
            entry[key] = value
        load_balancers[host] = entry

    pools: dict[str, dict[str, t.Any]] = {}
    spelling: dict[str, str] = {}
    origin: dict[tuple[str, str], dict[str, int]] = {}
    for host, key in role_of.items():
        pool = data.hostvars.get(host, {}).get(var["pool"], MISSING)
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
        list_key = "web_components" if key == "web_components" else "servers"
        members = target.setdefault(list_key, [])
        origin.setdefault((pool, list_key), {})[host] = len(members)
        members.append(host)

    declared = data.pools
    if declared is MISSING or declared is None:
        declared = {}
    if not isinstance(declared, dict):
        errors.append(InputError(pools_var, f"{pools_var} is a {json_type(declared)}, expected a mapping of "
                                            "pool FQDN to pool settings"))
        declared = {}
    for fqdn, settings in declared.items():
        where = f"{pools_var}[{fqdn!r}]"
        fqdn = spelling.get(fqdn.casefold(), fqdn) if isinstance(fqdn, str) else fqdn
        if fqdn not in pools:
            known = ", ".join(sorted(map(str, pools))[:5]) or "none"
            errors.append(InputError(where, f"pool {fqdn!r} has no servers: no host of the server groups has "
                                            f"{var['pool']}: {fqdn!r} (pools with servers: {known})"))
            continue
        if not isinstance(settings, dict):
            errors.append(InputError(where, f"is a {json_type(settings)}, expected a mapping of pool settings"))
            continue
        for key, value in settings.items():
            if key in ("role", "servers", "web_components"):
                errors.append(InputError(f"{where}.{key}", f"{key} comes from the inventory groups; remove it from "
                                                           f"{pools_var}"))
            else:
                pools[fqdn][key] = _inventory_bool(value) if key == "external_nat" else value

    document = {
        "load_balancers": load_balancers,
        "topology": {"lync_version": data.lync_version, "pools": pools},
    }
    if data.lync_version is MISSING:
        errors.append(InputError(var["lync_version"], f"{var['lync_version']} is not defined: set it to one of "
                                                      f"{', '.join(LYNC_VERSIONS)}"))
        document["topology"]["lync_version"] = "lync2013"  # placeholder so the other checks still run

    def locate(parts: tuple[t.Any, ...]) -> str:
        if not parts:
            return "inventory"
        if parts[0] == "load_balancers":
            if len(parts) == 1:
                return f"groups[{names.groups['load_balancers']!r}]"
            host = parts[1]
            if len(parts) >= 3 and parts[2] in LB_FIELDS:
                return f"hostvars[{host!r}].{var[parts[2]]}"
            return f"hostvars[{host!r}]"
        if parts[:2] == ("topology", "lync_version"):
            return var["lync_version"]
        if len(parts) >= 3 and parts[:2] == ("topology", "pools"):
            fqdn = parts[2]
            if len(parts) >= 5 and parts[3] in ("servers", "web_components"):
                members = pools.get(fqdn, {}).get(parts[3], [])
                index = parts[4]
                if isinstance(index, int) and index < len(members):
                    return f"hostvars[{members[index]!r}].{var['pool']}"
            if len(parts) >= 4 and parts[3] in POOL_OPTION_KEYS:
                return f"{pools_var}[{fqdn!r}]." + json_path(parts[3:], "")[1:]
            members = pools.get(fqdn, {}).get("servers") or pools.get(fqdn, {}).get("web_components") or []
            if fqdn not in declared and members:  # the pool exists through its hosts' variable only
                return f"hostvars[{members[0]!r}].{var['pool']}"
            return f"{pools_var}[{fqdn!r}]"
        return json_path(parts)

    for host, entry in load_balancers.items():
        for key in _EXPECT:
            if key not in entry:
                errors.append(InputError(f"hostvars[{host!r}].{var[key]}",
                                         f"load balancer {host!r} has no {var[key]}: {_EXPECT[key]}"))
    topology, build_errors = build(document, locate, "inventory")
    # A missing variable is reported once, as missing, not again as a schema "required" error.
    incomplete = {f"hostvars[{h!r}]" for h, e in load_balancers.items() if not all(k in e for k in _EXPECT)}
    reported = {e.path for e in errors}
    errors.extend(e for e in build_errors
                  if e.path not in reported and not (e.path in incomplete and e.message.startswith("missing")))
    if errors:
        return None, errors
    return topology, []


_TRUE = frozenset(("true", "yes", "on", "y", "1"))
_FALSE = frozenset(("false", "no", "off", "n", "0"))


def _inventory_bool(value: t.Any) -> t.Any:
    """INI inventories deliver ``lb_multiple_vips=true`` as the string 'true': read it as Ansible reads booleans."""
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return value


_EXPECT = {
    "vendor": "set it to the vendor, e.g. F5, KEMP, Citrix",
    "product": "set it to the product as the qualified list names it, e.g. BIG-IP Local Traffic Manager",
    "form_factor": "set it to hardware or software",
    "version": "set it to the software version the device runs, quoted, e.g. \"11.6.1 HF2\"",
}
