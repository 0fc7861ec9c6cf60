# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the topology's raw material from an Ansible inventory, once per host.

PRIVATE to the collection. The Ansible-facing half of the inventory mode of assert_qualified: it takes the groups and,
for each host of the relevant groups, only the needed variables (templated as Ansible would for that host); the
pure-Python :func:`inventory_model.from_inventory` does the rest.

Two ways to read a host's variables, with the same result:

- the exact reference, ``hostvars.raw_get(host)``: a full ``VariableManager.get_vars`` merge per host (role defaults
  aside: every group, vars plugin, fact cache and extra-vars layer), about 0.3 ms a host, seconds at 10,000 hosts;
- the fast path (:class:`_LayeredReader`), used whenever it can be exact: the same layers, in the order
  ``VariableManager.get_vars`` applies them (``C.VARIABLE_PRECEDENCE`` for the ``all`` group and the host's groups,
  then the host, the fact cache, include_vars, set_fact and extra vars), but restricted to the few variables needed
  and with every group's contribution computed once per group and reused for every host that shares the same groups.

The fast path falls back to ``raw_get`` for the whole inventory when exactness cannot be guaranteed from the inventory
objects (``hash_behaviour = merge``, a vars plugin other than ``host_group_vars`` enabled, an unknown precedence entry,
a needed variable named like a magic variable, an ansible-core without the internals it reads), and for a single host
when one of its needed values is or holds a template (templated against the host's full variables, as before) or
comes from the fact cache. tests/unit/plugins/plugin_utils/test_inventory.py compares both ways on varied inventories,
on ansible-core 2.16 and 2.19.
"""

from __future__ import annotations

import os
import re
import typing as t

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.release import __version__ as ansible_version

from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _vault
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import inventory_model as _model
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import InputError, printable
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import json_type

# The entries of C.VARIABLE_PRECEDENCE that VariableManager.get_vars knows (the default order has all six).
_PRECEDENCE = frozenset(
    (
        "all_inventory",
        "all_plugins_inventory",
        "all_plugins_play",
        "groups_inventory",
        "groups_plugins_inventory",
        "groups_plugins_play",
    )
)
# The vars plugin whose result for a list of entities is the merge of its results for each entity, in order.
_PER_ENTITY_PLUGINS = frozenset(("ansible.builtin.host_group_vars", "host_group_vars"))
# Names get_vars sets itself, beside the magic variables, which the fast path does not reproduce.
_RESERVED = frozenset(("ansible_facts", "ansible_local", "hostvars", "vars", "environment"))

# How the last read went (for tests and the benchmark): hosts read by each way, and why the fast path was not used.
try:  # a dependency of ansible-core itself; guarded so that the plugins import (and document) without it
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version
except ImportError:  # pragma: no cover - only without packaging
    SpecifierSet = Version = None  # type: ignore[misc,assignment]

# The ansible-core versions whose internals the fast path was compared with raw_get on
# (tests/unit/plugins/plugin_utils/test_inventory.py runs on 2.16 and 2.19); elsewhere every host is read with raw_get.
FAST_READER_CORES = ">=2.16,<2.20"


class _Unsupported(Exception):
    """The fast path cannot be exact here; read with raw_get instead."""


def read_inventory(
    task_vars: dict[str, t.Any],
    names: _model.InventoryNames,
    templar: t.Any,
    fast: bool = True,
    secrets: set[str] | None = None,
    stats: dict[str, t.Any] | None = None,
) -> tuple[_model.InventoryData | None, list[InputError]]:
    """Groups, and each relevant host's needed variables read once (the globals ``lync_pools``, ``lync_version``...
    included: the core merges them across hosts); the globals as the task's host sees them.

    ``fast=False`` reads every host with ``hostvars.raw_get`` (the reference the fast path is tested against).
    Vaulted values arrive as plain text; their texts are added to ``secrets`` (for :func:`_vault.redact`).
    ``stats`` receives how the read went: hosts read by each way, and why the fast path was not used.
    """
    secrets = set() if secrets is None else secrets
    read_stats = {} if stats is None else stats
    read_stats.update(fast=0, raw_get=0, reason=None)
    groups, errors = _groups(task_vars.get("groups"))
    hostvars = task_vars.get("hostvars") or {}
    wanted: dict[str, tuple[str, ...]] = {}
    lb_keys, server_keys = names.host_keys("lb"), names.host_keys("server")
    for host in groups.get(names.groups["load_balancers"]) or ():
        wanted[host] = lb_keys
    both: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in _model.SERVER_GROUP_KEYS:
        for host in groups.get(names.groups[key]) or ():
            known = wanted.get(host)
            if known is None or known == server_keys:
                wanted[host] = server_keys
            else:  # a host of two kinds (an error, reported later): one keys tuple for all such hosts, for the caches
                merged = tuple(dict.fromkeys(known + server_keys))
                wanted[host] = both.setdefault(merged, merged)
    if not wanted:
        listed = ", ".join(names.groups.values())
        return None, errors + [
            InputError(
                "inventory", f"no host is in any of the groups {listed}: check the inventory, or set inventory_groups"
            )
        ]

    reader = None
    revealed: dict[int, tuple[t.Any, t.Any]] = {}
    if fast and SpecifierSet is None:
        read_stats["reason"] = "the Python library packaging is missing, so the ansible-core version cannot be checked"
    elif fast and Version(ansible_version) not in SpecifierSet(FAST_READER_CORES):
        read_stats["reason"] = (
            f"ansible-core {ansible_version} is not among the versions the fast reader is tested on "
            f"({FAST_READER_CORES})"
        )
    elif fast:
        try:
            reader = _LayeredReader(hostvars, frozenset(k for keys in wanted.values() for k in keys), templar)
        except _Unsupported as exc:
            read_stats["reason"] = str(exc)
    else:
        read_stats["reason"] = "fast=False"

    host_data: dict[str, dict[str, t.Any]] = {}
    for host, keys in wanted.items():
        try:
            values = reader.values(host, keys) if reader is not None else None
        except Exception:  # pylint: disable=broad-exception-caught  # raw_get meets it too and reports it below
            values = None
        if values is not None:
            read_stats["fast"] += 1  # plain data: no template, no vaulted value (see _is_plain); nothing to reveal
            host_data[host] = values
            continue
        read_stats["raw_get"] += 1
        try:
            raw = hostvars.raw_get(host) if hasattr(hostvars, "raw_get") else hostvars.get(host, {})
        except Exception as exc:  # pylint: disable=broad-exception-caught  # a vars plugin or file failed
            errors.append(InputError(f"hostvars[{host!r}]", f"cannot read the host's variables: {_error_text(exc)}"))
            host_data[host] = {}
            continue
        values = {}
        templated = False
        for key in keys:
            if key in raw:
                try:
                    templated = templated or not _is_plain(raw[key], templar)
                    values[key] = _resolve(templar, raw[key], raw)
                except Exception as exc:  # pylint: disable=broad-exception-caught  # user templates raise anything
                    errors.append(InputError(f"hostvars[{host!r}].{key}", f"cannot template: {_error_text(exc)}"))
        if templated:  # ansible-core 2.16 templates a vaulted variable into plain text: its texts are secrets too
            _vault.collect(raw, secrets)
        host_data[host] = _revealed(values, f"hostvars[{host!r}]", secrets, errors, revealed)

    task_host = task_vars.get("inventory_hostname")
    task_view: dict[str, t.Any] = {}
    for key in _model.GLOBAL_KEYS:
        name = names.vars[key]
        if name in task_vars:
            try:
                task_view[key] = _resolve(templar, task_vars[name], task_vars)
            except Exception as exc:  # pylint: disable=broad-exception-caught  # user templates raise anything
                errors.append(InputError(name, f"cannot template: {_error_text(exc)}"))
    task_view = _revealed(task_view, "task variables", secrets, errors, revealed)
    data = _model.InventoryData(
        groups=groups,
        hostvars=host_data,
        pools=task_view.get("pools", _model.MISSING),
        lync_version=task_view.get("lync_version", _model.MISSING),
        coexisting_versions=task_view.get("coexisting_versions", _model.MISSING),
        task_host=task_host if isinstance(task_host, str) else "the task's host",
    )
    return data, errors


def _revealed(
    values: dict[str, t.Any],
    where: str,
    secrets: set[str],
    errors: list[InputError],
    done: dict[int, tuple[t.Any, t.Any]] | None = None,
) -> dict[str, t.Any]:
    """``values`` with vaulted strings as plain text (see _vault.reveal); one that cannot be decrypted is an error.

    ``done`` (object id -> (value, revealed)) spares walking again a list or mapping already revealed in this read:
    a variable of group_vars/all (``lync_pools``) is the same object on every host, and walking it once per host made
    the read quadratic (minutes at 10,000 hosts).
    """
    done = {} if done is None else done
    out = {}
    for key, value in values.items():
        known = done.get(id(value)) if isinstance(value, (dict, list)) else None
        if known is not None and known[0] is value:
            out[key] = known[1]
            continue
        try:
            out[key] = _vault.reveal(value, secrets)
            if isinstance(value, (dict, list)):
                done[id(value)] = (value, out[key])
        except Exception as exc:  # pylint: disable=broad-exception-caught  # a wrong or missing vault password
            errors.append(InputError(f"{where}.{key}", f"cannot decrypt the vaulted value: {_error_text(exc)}"))
    return out


_ERROR_LIMIT = 500


_RECURSION_DETAIL = re.compile(r"maximum recursion depth exceeded[^\n'\"]*")


def _error_text(exc: BaseException) -> str:
    """An exception's message for an input error: control characters escaped, at most _ERROR_LIMIT characters."""
    text = to_native(exc) or type(exc).__name__
    if not isinstance(exc, AnsibleError):
        text = f"{type(exc).__name__}: {text}"
    # Python ends the recursion message with where the limit was hit ("while calling a Python object", "in
    # comparison"), which varies between reads of the same template (the first compiles it): keep it stable.
    text = _RECURSION_DETAIL.sub("maximum recursion depth exceeded", text)
    text = printable(text, keep_newlines=True)
    return text if len(text) <= _ERROR_LIMIT else text[: _ERROR_LIMIT - 3] + "..."


def _groups(value: t.Any) -> tuple[dict[str, list[str]], list[InputError]]:
    """The ``groups`` magic variable as plain lists of host names (Ansible always gives that; a stand-in may not)."""
    if not isinstance(value, dict):
        if value is None:
            return {}, []
        return {}, [InputError("groups", f"is a {json_type(value)}, expected a mapping of group names to host names")]
    groups: dict[str, list[str]] = {}
    errors = []
    for name, members in value.items():
        if not isinstance(name, str):
            errors.append(InputError("groups", f"group name {name!r} is not a string"))
            continue
        if not isinstance(members, (list, tuple)):
            errors.append(InputError(f"groups[{name!r}]", f"is a {json_type(members)}, expected a list of host names"))
            continue
        hosts = [host for host in members if isinstance(host, str)]
        if len(hosts) != len(members):
            errors.append(InputError(f"groups[{name!r}]", "holds host names that are not strings"))
        groups[name] = hosts
    return groups, errors


def _resolve(templar, value, variables):
    """Template a value the way Ansible would for that host; plain values (no template inside) come back as they are."""
    if _is_plain(value, templar):
        return value
    return templar.copy_with_new_env(available_variables=variables).template(value)


_SCALARS = (bool, int, float, type(None))
_PLAIN_LIMIT = 1_000_000  # items looked at before giving up and templating (the templar then decides)


def _is_plain(value: t.Any, templar: t.Any) -> bool:
    """Whether ``value`` is plain data as it stands: scalars, and strings, lists and mappings holding no template
    (mapping keys are never templated) and no vaulted value. Anything else (a template, a vaulted value, another
    type, a cycle) is not plain: it goes through ``raw_get``, the templar and :func:`_vault.reveal`."""
    if isinstance(value, str):
        return _is_plain_text(value, templar)
    if isinstance(value, _SCALARS):
        return True
    if not isinstance(value, (list, dict)):
        return False
    stack, seen, count = [value], {id(value)}, 0
    while stack:  # containers only: their scalars and texts are looked at in place
        container = stack.pop()
        count += len(container)
        if count > _PLAIN_LIMIT:
            return False
        for item in container.values() if isinstance(container, dict) else container:
            if isinstance(item, str):
                if not _is_plain_text(item, templar):
                    return False
            elif isinstance(item, (list, dict)):
                if id(item) in seen:
                    return False
                seen.add(id(item))
                stack.append(item)
            elif not isinstance(item, _SCALARS):
                return False
    return True


def _is_plain_text(value: str, templar: t.Any) -> bool:
    """A string that is neither vaulted nor a template. Ansible's template start strings (``{{``, ``{%``, ``{#``)
    all begin with ``{``, and only a text that starts with ``#`` can carry a ``#jinja2:`` header changing them: the
    templar is asked about those texts only (most inventory texts have neither character)."""
    if _vault.may_be_vaulted(value):
        return False
    return not (("{" in value or value.startswith("#")) and templar.is_possibly_template(value))


class _LayeredReader:
    """The needed variables of a host, merged from the inventory objects as ``VariableManager.get_vars`` merges them.

    Exact for ``hash_behaviour = replace`` (a later layer replaces a variable whole): each variable's value is then
    the one of the last layer that defines it, so the layers can be restricted to the needed variables, and the
    contribution of the ``all`` group and of each group computed once. Raises :class:`_Unsupported` where that
    reasoning does not hold.
    """

    def __init__(self, hostvars: t.Any, keys: frozenset[str], templar: t.Any) -> None:
        try:
            from ansible.inventory.helpers import sort_groups
            from ansible.plugins.loader import vars_loader
            from ansible.vars import plugins as vars_plugins

            self._inventory = hostvars._inventory
            self._hosts = self._inventory.hosts
            self._vm = hostvars._variable_manager
            self._loader = hostvars._loader
            self._templar = templar
            self._sort_groups = sort_groups
            self._get_plugin_vars = vars_plugins.get_plugin_vars
            if C.DEFAULT_HASH_BEHAVIOUR != "replace":
                raise _Unsupported(f"hash_behaviour is {C.DEFAULT_HASH_BEHAVIOUR}")
            precedence = list(C.VARIABLE_PRECEDENCE)
            unknown = [entry for entry in precedence if entry not in _PRECEDENCE]
            if unknown:
                raise _Unsupported(f"variable precedence entries {unknown}")
            self._precedence = precedence
            self._keys = keys
            self._all = self._inventory.groups.get("all")
            sample = next(iter(self._inventory.hosts.values()), None)
            if sample is not None:
                magic = self._vm._get_magic_variables(play=None, host=sample, task=None, include_hostvars=False)
                reserved = set(magic) | set(sample.get_magic_vars()) | _RESERVED
                clash = sorted(keys & reserved)
                if clash:
                    raise _Unsupported(f"variables {clash} are set by Ansible itself")
            self._plugins = self._vars_plugins(vars_loader, vars_plugins)
            self._inventory_paths = self._source_dirs(self._inventory._sources)
            self._play_paths = [self._loader.get_basedir()] if self._vm.safe_basedir else []
            self._no_host_vars = {
                path
                for path in self._inventory_paths + self._play_paths
                if path and os.path.isdir(path) and not os.path.isdir(os.path.join(os.path.realpath(path), "host_vars"))
            }
            self._extra = self._restrict(self._vm._extra_vars)
            self._vars_cache = self._vm._vars_cache
            self._np_facts = self._vm._nonpersistent_fact_cache
            self._fact_cache = self._vm._fact_cache
        except _Unsupported:
            raise
        except (AttributeError, TypeError, KeyError, ImportError) as exc:  # internals of another ansible-core
            raise _Unsupported(f"ansible-core internals differ: {exc!r}") from None
        self._group_layer: dict[t.Any, dict[str, t.Any]] = {}
        # object id -> (value, whether it is plain): a group's variable is the same object on each of its hosts.
        self._plain: dict[int, tuple[t.Any, bool]] = {}
        self._entity_layer: dict[tuple[str, int, t.Any], dict[str, t.Any]] = {}
        self._by_groups: dict[tuple[str, ...], dict[str, t.Any]] = {}
        self._by_group_list: dict[tuple[int, ...], tuple[tuple[str, ...], dict[str, t.Any], frozenset[str]]] = {}
        self._key_sets: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}

    def _restrict(self, variables: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
        if not variables:
            return {}
        if len(variables) < len(self._keys):
            return {key: value for key, value in variables.items() if key in self._keys}
        return {key: variables[key] for key in self._keys if key in variables}

    @staticmethod
    def _vars_plugins(vars_loader: t.Any, vars_plugins: t.Any) -> list[t.Any]:
        """The vars plugins get_vars_from_path runs at stage 'task', in its order; only per-entity ones supported."""
        if vars_loader._paths is None:
            vars_plugins._prime_vars_loader()
        plugins = []
        for name in list(vars_loader._plugin_instance_cache):
            plugin = vars_loader.get(name)
            if plugin is None or not vars_plugins._plugin_should_run(plugin, "task"):
                continue
            if getattr(plugin, "ansible_name", None) not in _PER_ENTITY_PLUGINS:
                raise _Unsupported(f"vars plugin {getattr(plugin, 'ansible_name', name)} is enabled")
            plugins.append(plugin)
        return plugins

    @staticmethod
    def _source_dirs(sources: t.Iterable[t.Any]) -> list[str]:
        """The directories get_vars_from_inventory_sources hands to the vars plugins, in order."""
        paths = []
        for path in sources or ():
            if path is None:
                continue
            if "," in path and not os.path.exists(path):  # a host list
                continue
            if not os.path.isdir(path):
                path = os.path.dirname(path)
            paths.append(path)
        return paths

    def _host_plugin_layers(self, paths: list[str], host: t.Any) -> list[dict[str, t.Any]]:
        """What the vars plugins give ``host`` under each path (its host_vars files), restricted."""
        layers = []
        for path in paths:
            if path in self._no_host_vars:
                continue  # host_group_vars returns nothing for a host when <path>/host_vars is not a directory
            for plugin in self._plugins:
                layer = self._restrict(self._get_plugin_vars(self._loader, plugin, path, [host]))
                if layer:
                    layers.append(layer)
        return layers

    def _groups_values(self, host: t.Any, keys: tuple[str, ...]) -> tuple[dict[str, t.Any], frozenset[str]]:
        """``keys`` as the groups of ``host`` give them (:meth:`_groups_part`), and those whose value is not plain;
        cached per group list (the same Group objects, in the same order) and keys."""
        groups = host.get_groups()
        cache_key = (*map(id, groups), id(keys))  # groups and key tuples live as long as the reader
        known = self._by_group_list.get(cache_key)
        if known is None:
            merged = self._groups_part(groups)
            values = {key: merged[key] for key in keys if key in merged}
            not_plain = frozenset(key for key, value in values.items() if not self._is_plain(value))
            known = self._by_group_list[cache_key] = (keys, values, not_plain)
        return known[1], known[2]

    def _groups_part(self, groups: list[t.Any]) -> dict[str, t.Any]:
        """The layers of C.VARIABLE_PRECEDENCE (the all group and ``groups``), merged; cached per group set."""
        host_groups = self._sort_groups([g for g in groups if g.name != "all"])
        signature = tuple(g.name for g in host_groups)
        merged = self._by_groups.get(signature)
        if merged is not None:
            return merged
        merged = {}
        for entry in self._precedence:
            if entry == "all_inventory":
                layers = [self._group_vars(self._all)]
            elif entry == "all_plugins_inventory":
                layers = self._plugins_by_path(self._inventory_paths, [self._all])
            elif entry == "all_plugins_play":
                layers = self._plugins_by_path(self._play_paths, [self._all])
            elif entry == "groups_inventory":
                layers = [self._group_vars(group) for group in host_groups]
            elif entry == "groups_plugins_inventory":
                layers = self._plugins_by_path(self._inventory_paths, host_groups)
            else:  # groups_plugins_play
                layers = self._plugins_by_path(self._play_paths, host_groups)
            for layer in layers:
                merged.update(layer)
        self._by_groups[signature] = merged
        return merged

    def _plugins_by_path(self, paths: list[str], entities: list[t.Any]) -> list[dict[str, t.Any]]:
        """get_vars_from_inventory_sources / _plugins_play order: path, then plugin, then entity."""
        layers = []
        for path in paths:
            for index, plugin in enumerate(self._plugins):
                for entity in entities:
                    cache_key = (path, index, entity)
                    layer = self._entity_layer.get(cache_key)
                    if layer is None:
                        layer = self._restrict(self._get_plugin_vars(self._loader, plugin, path, [entity]))
                        self._entity_layer[cache_key] = layer
                    if layer:
                        layers.append(layer)
        return layers

    def _group_vars(self, group: t.Any) -> dict[str, t.Any]:
        if group is None:
            return {}
        layer = self._group_layer.get(group)
        if layer is None:
            layer = self._group_layer[group] = self._restrict(group.vars)
        return layer

    def _facts_touch(self, host: t.Any, keys: tuple[str, ...]) -> bool:
        """Whether the fact cache holds one of ``keys`` for ``host`` (set_fact cacheable, gathered facts)."""
        cache = self._fact_cache
        try:
            facts = cache.get(host.name)
        except KeyError:
            return False
        return bool(facts) and any(key in facts for key in keys)

    def _is_plain(self, value: t.Any) -> bool:
        """:func:`_is_plain`; a list or mapping is looked at once per object (a value of group_vars, ``lync_pools``,
        is the same object on every host), a text every time (it is cheap, and a host's own)."""
        if isinstance(value, str):  # a text of one host: looked at once anyway
            return _is_plain_text(value, self._templar)
        if isinstance(value, _SCALARS):
            return True
        known = self._plain.get(id(value))
        if known is None or known[0] is not value:
            known = self._plain[id(value)] = (value, _is_plain(value, self._templar))
        return known[1]

    def values(self, name: str, keys: tuple[str, ...]) -> dict[str, t.Any] | None:
        """``keys`` of host ``name`` as raw_get + _resolve give them, or None when only raw_get can tell."""
        # (the hosts mapping first: get_host also strips each name of its tags, a tenth of the read at 10,000 hosts)
        host = self._hosts.get(name) or self._inventory.get_host(name)
        if host is None or self._facts_touch(host, keys):
            return None
        values, not_plain = self._groups_values(host, keys)
        # The host's own layers, lowest precedence first: each replaces what the layers below gave a variable.
        layers = [host.vars]
        layers += self._host_plugin_layers(self._inventory_paths, host)
        layers += self._host_plugin_layers(self._play_paths, host)
        layers += (self._vars_cache.get(host.get_name()), self._np_facts.get(host.name), self._extra)
        wanted = self._key_set(keys)
        own = {}
        for layer in layers:
            if layer:  # the smaller of the two walked: a host may have many variables, or few
                for key in layer if len(layer) <= len(wanted) else keys:
                    if key in wanted and key in layer:
                        own[key] = layer[key]
        if not_plain and not not_plain <= own.keys():
            return None  # a group's template or vaulted value that the host does not replace
        for value in own.values():
            if not self._is_plain(value):
                return None
        if not own:
            return dict(values)
        values = {**values, **own}
        return {key: values[key] for key in keys if key in values}

    def _key_set(self, keys: tuple[str, ...]) -> frozenset[str]:
        known = self._key_sets.get(id(keys))
        if known is None or known[0] is not keys:
            known = self._key_sets[id(keys)] = (keys, frozenset(keys))
        return known[1]
