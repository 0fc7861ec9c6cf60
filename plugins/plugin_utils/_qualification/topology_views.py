# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a parsed topology document becomes: an inventory (groups and variables) or an explicit-mode document.

PRIVATE to the collection. No Ansible import: the ``lync_topology`` inventory plugin adds the groups and variables
of :func:`inventory_layout` to Ansible's inventory, the ``lync_topology`` filter returns :func:`explicit_document`.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inventory_model import (
    DEFAULT_GROUPS,
    DEFAULT_VARS,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology_xml import (
    POOL_ROLES,
    ParsedTopology,
)

# The groups the check reads, under the names it reads them by default, and their parent group.
DEFAULT_ROLE_GROUPS = {**{role: DEFAULT_GROUPS[role] for role in POOL_ROLES}, "servers": "lync_servers"}
DEFAULT_SITE_GROUP_PREFIX = "lync_site_"
GROUP_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def explicit_document(parsed: ParsedTopology) -> dict[str, t.Any]:
    """The ``topology`` option of assert_qualified in explicit mode: the version and every pool with its servers."""
    pools: dict[str, dict[str, t.Any]] = {}
    for fqdn, pool in parsed.pools.items():
        entry: dict[str, t.Any] = {"role": pool.role, "servers": list(pool.servers)}
        if pool.role == "front_end":
            entry["collocated_mediation"] = pool.collocated_mediation
        if pool.role == "edge":
            entry["external_nat"] = pool.external_nat
        pools[fqdn] = entry
    document: dict[str, t.Any] = {"lync_version": parsed.lync_version, "pools": pools}
    if parsed.coexisting_versions:
        document["coexisting_versions"] = list(parsed.coexisting_versions)
    return document


def site_group(prefix: str, site: str) -> str:
    """``lync_site_`` + the site name lower-cased, every character other than a letter, digit or _ made _."""
    return prefix + re.sub(r"[^a-z0-9_]", "_", site.lower())


@dataclass(frozen=True)
class InventoryLayout:
    """Groups (with their hosts and child groups) and variables, in the order they are to be added."""

    groups: dict[str, list[str]]
    children: dict[str, list[str]]
    hostvars: dict[str, dict[str, t.Any]]
    all_vars: dict[str, t.Any]


def check_group_names(role_groups: dict[str, str], site_prefix: str) -> list[str]:
    """Problems with overridden group names: unknown keys, names Ansible would have to rewrite."""
    problems = [
        f"inventory_groups has no key {key!r}; its keys are {', '.join(DEFAULT_ROLE_GROUPS)}"
        for key in role_groups
        if key not in DEFAULT_ROLE_GROUPS
    ]
    names = {**DEFAULT_ROLE_GROUPS, **role_groups}
    problems += [
        f"inventory_groups.{key} is {name!r}: a group name is letters, digits and _, not starting with a digit"
        for key, name in names.items()
        if not isinstance(name, str) or not GROUP_NAME.match(name)
    ]
    if len(set(names.values())) != len(names):
        problems.append(f"inventory_groups name the same group twice: {names}")
    if not isinstance(site_prefix, str) or not GROUP_NAME.match(site_prefix):
        problems.append(f"site_group_prefix is {site_prefix!r}: letters, digits and _, not starting with a digit")
    return problems


def inventory_layout(
    parsed: ParsedTopology, role_groups: dict[str, str] | None = None, site_prefix: str = DEFAULT_SITE_GROUP_PREFIX
) -> InventoryLayout:
    """The groups and variables the inventory plugin adds (group names already checked by check_group_names)."""
    names = {**DEFAULT_ROLE_GROUPS, **(role_groups or {})}
    groups: dict[str, list[str]] = {names[role]: [] for role in POOL_ROLES}
    for site in parsed.sites:
        groups.setdefault(site_group(site_prefix, site), [])
    hostvars: dict[str, dict[str, t.Any]] = {}
    for pool in parsed.pools.values():
        for server in pool.servers:
            variables: dict[str, t.Any] = {
                DEFAULT_VARS["pool"]: pool.fqdn,
                "lync_site": pool.site,
                DEFAULT_VARS["pool_version"]: pool.lync_version,
            }
            if pool.role == "front_end":
                variables[DEFAULT_VARS["collocated_mediation"]] = pool.collocated_mediation
            if pool.role == "edge":
                variables[DEFAULT_VARS["edge_external_nat"]] = pool.external_nat
            if pool.web_internal_fqdn:
                variables["lync_web_internal_fqdn"] = pool.web_internal_fqdn
            if pool.web_external_fqdn:
                variables["lync_web_external_fqdn"] = pool.web_external_fqdn
            hostvars[server] = variables
            groups[names[pool.role]].append(server)
            groups[site_group(site_prefix, pool.site)].append(server)
    all_vars: dict[str, t.Any] = {DEFAULT_VARS["lync_version"]: parsed.lync_version}
    if parsed.coexisting_versions:
        all_vars[DEFAULT_VARS["coexisting_versions"]] = list(parsed.coexisting_versions)
    children = {names["servers"]: [names[role] for role in POOL_ROLES]}
    return InventoryLayout(groups, children, hostvars, all_vars)
