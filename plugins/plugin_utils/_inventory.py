# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the topology's raw material from an Ansible inventory, once per host.

PRIVATE to the collection. The Ansible-facing half of the inventory mode of assert_qualified: it takes the groups and,
for each host of the relevant groups, only the needed variables (templated as Ansible would for that host); the
pure-Python :func:`topology.from_inventory` does the rest.
"""

from __future__ import annotations

import typing as t

from ansible.errors import AnsibleError

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology as _topology


def read_inventory(
    task_vars: dict[str, t.Any], names: _topology.InventoryNames, templar: t.Any
) -> tuple[_topology.InventoryData | None, list[_topology.InputError]]:
    """Groups, and each relevant host's needed variables read once; the two global variables."""
    groups = task_vars.get("groups") or {}
    hostvars = task_vars.get("hostvars") or {}
    wanted: dict[str, tuple[str, ...]] = {}
    for host in groups.get(names.groups["load_balancers"]) or ():
        wanted[host] = names.host_keys("lb")
    servers = []
    for key in ("front_end", "web_components", "director", "edge"):
        for host in groups.get(names.groups[key]) or ():
            servers.append(host)
            wanted[host] = wanted.get(host, ()) + names.host_keys("server")
    if not wanted:
        listed = ", ".join(names.groups.values())
        return None, [_topology.InputError("inventory", f"no host is in any of the groups {listed}: "
                                                        "check the inventory, or set inventory_groups")]
    errors = []
    host_data: dict[str, dict[str, t.Any]] = {}
    first_server_vars = None
    for host, keys in wanted.items():
        raw = hostvars.raw_get(host) if hasattr(hostvars, "raw_get") else hostvars.get(host, {})
        if first_server_vars is None and host in servers:
            first_server_vars = raw
        values = {}
        for key in keys:
            if key in raw:
                try:
                    values[key] = _resolve(templar, raw[key], raw)
                except AnsibleError as exc:
                    errors.append(_topology.InputError(f"hostvars[{host!r}].{key}", f"cannot template: {exc}"))
        host_data[host] = values

    def global_var(name):
        if name in task_vars:
            return _resolve(templar, task_vars[name], task_vars)
        if first_server_vars is not None and name in first_server_vars:
            return _resolve(templar, first_server_vars[name], first_server_vars)
        return _topology.MISSING

    global_values = {}
    for key in ("pools", "lync_version"):
        try:
            global_values[key] = global_var(names.vars[key])
        except AnsibleError as exc:
            errors.append(_topology.InputError(names.vars[key], f"cannot template: {exc}"))
    data = _topology.InventoryData(groups={k: list(v) for k, v in groups.items()}, hostvars=host_data,
                                   pools=global_values.get("pools", _topology.MISSING),
                                   lync_version=global_values.get("lync_version", _topology.MISSING))
    return data, errors

def _resolve(templar, value, variables):
    """Template a value the way Ansible would for that host; plain values are returned as they are."""
    if isinstance(value, str) and not templar.is_possibly_template(value):
        return value
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return templar.copy_with_new_env(available_variables=variables).template(value)
