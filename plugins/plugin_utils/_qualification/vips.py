# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The virtual servers (VIPs) a load balancer declares: validation and the frozen model.

PRIVATE to the collection. No Ansible import.

A load balancer's VIPs arrive as a list of mappings (host variable ``lb_vips`` in inventory mode, ``vips`` of a load
balancer in explicit mode) of the shape of ``schemas/vips.schema.json``. :func:`build_vips` checks the whole list —
schema, port texts, duplicate names, port maps — and reports every problem as an :class:`InputError` located by the
caller's ``locate`` function, like the topology. A setting left out stays ``None``: it is not checked, never guessed.
"""

from __future__ import annotations

import functools
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import (
    InputError,
    inventory_bool,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import (
    PortError,
    PortRange,
    PortSet,
    parse_port,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    json_path,
    validate_instance,
)

SERVICES = (
    "web_internal",
    "web_external",
    "sip",
    "mediation",
    "edge_internal",
    "edge_access",
    "edge_webconf",
    "edge_av",
)
PERSISTENCE = ("none", "source_address", "cookie")
COOKIE_INSERT = ("every_response", "once_per_connection")
MODES = ("proxy", "routed", "dsr")
# The settings a VIP may leave undeclared, as Vip.setting() names them.
SETTINGS = (
    "persistence",
    "cookie.name",
    "cookie.http_only",
    "cookie.expires",
    "cookie.insert",
    "idle_timeout",
    "snat",
    "mode",
    "nagle",
    "monitor_port",
    "request_level_lb",
)
_BOOL_KEYS = ("snat", "nagle", "request_level_lb")
_COOKIE_BOOL_KEYS = ("http_only", "expires")
Locate = t.Callable[[tuple[t.Any, ...]], str]


@dataclass(frozen=True)
class Cookie:
    """The persistence cookie; ``None`` where the declaration leaves a field out."""

    name: str | None = None
    http_only: bool | None = None
    expires: bool | None = None
    insert: str | None = None


@dataclass(frozen=True)
class Vip:
    """One declared virtual server. ``path`` is where it was declared, as the caller's ``locate`` writes it."""

    name: str
    pool: str
    service: str
    ports: tuple[PortRange, ...]
    port_map: tuple[tuple[PortRange, PortRange], ...] = ()
    persistence: str | None = None
    cookie: Cookie | None = None
    idle_timeout: int | None = None
    snat: bool | None = None
    mode: str | None = None
    nagle: bool | None = None
    monitor_port: int | None = None
    request_level_lb: bool | None = None
    path: str = ""

    @functools.cached_property
    def profile(self) -> tuple[t.Any, ...]:
        """What the requirement rows look at: every field but the name, the pool and where it was written. VIPs
        declared alike on pool after pool have equal profiles (the rules evaluate each profile once)."""
        return (
            self.service,
            self.ports,
            self.port_map,
            self.persistence,
            self.cookie,
            self.idle_timeout,
            self.snat,
            self.mode,
            self.nagle,
            self.monitor_port,
            self.request_level_lb,
        )

    @functools.cached_property
    def listen_ports(self) -> PortSet:
        """The ports the VIP listens on (computed once: several rules ask)."""
        return _listen_ports(self.ports)

    @functools.cached_property
    def served_ports(self) -> PortSet:
        """The server ports the VIP sends traffic to: its ports, each mapped through ``port_map`` where mapped
        (computed once: several rules ask)."""
        return _served_ports(self.ports, self.port_map)

    def setting(self, key: str) -> t.Any:
        """A setting by its name in :data:`SETTINGS` (``"cookie.name"`` for the cookie's fields); None if left out."""
        if key.startswith("cookie."):
            return getattr(self.cookie, key.split(".", 1)[1]) if self.cookie is not None else None
        if key not in SETTINGS:
            raise KeyError(f"unknown VIP setting {key!r}; known settings: {', '.join(SETTINGS)}")
        return getattr(self, key)

    def undeclared(self, keys: t.Iterable[str] = SETTINGS) -> tuple[str, ...]:
        """Which of ``keys`` the declaration leaves out, in the order given."""
        return tuple(key for key in keys if self.setting(key) is None)

    def to_dict(self) -> dict[str, t.Any]:
        """Plain data: ports as port texts, the port map as ``{"443/tcp": "4443/tcp"}``, left-out settings omitted."""
        data: dict[str, t.Any] = {
            "name": self.name,
            "pool": self.pool,
            "service": self.service,
            "ports": [str(port) for port in self.ports],
        }
        if self.port_map:
            data["port_map"] = {str(vip_port): str(server_port) for vip_port, server_port in self.port_map}
        for key in ("persistence", "idle_timeout", "snat", "mode", "nagle", "monitor_port", "request_level_lb"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.cookie is not None:
            data["cookie"] = {key: value for key, value in vars(self.cookie).items() if value is not None}
        return data


# VIPs of one kind list the same ports on load balancer after load balancer: each distinct list is merged once.
@functools.lru_cache(maxsize=1024)
def _listen_ports(ports: tuple[PortRange, ...]) -> PortSet:
    return PortSet.of(ports)


@functools.lru_cache(maxsize=1024)
def _served_ports(ports: tuple[PortRange, ...], port_map: tuple[tuple[PortRange, PortRange], ...]) -> PortSet:
    mapped = dict(port_map)
    return PortSet.of(mapped.get(port, port) for port in ports)


def build_vips(
    raw: t.Any, locate: Locate = json_path, base: tuple[t.Any, ...] = ()
) -> tuple[tuple[Vip, ...], list[InputError]]:
    """Validate one load balancer's VIP list and freeze it.

    ``locate`` turns a path tuple into the location users read; it receives ``base + (index, key, ...)``, so the
    caller chooses the prefix (e.g. ``("load_balancers", "ltm01", "vips")``, which its locate renders as
    ``hostvars['ltm01'].lb_vips``). ``None`` is an empty list. Returns the VIPs and no errors, or ``()`` and every
    error. The input is not modified: INI strings 'true' / 'false' are read as booleans on a copy.
    """
    if raw is None:
        return (), []
    document = _with_booleans(raw)
    errors: dict[str, InputError] = {}

    def add(parts: tuple[t.Any, ...], message: str) -> None:
        where = locate(base + parts)
        errors.setdefault(f"{where}\0{message}", InputError(where, message))

    for issue in validate_instance("vips", document):
        parts = issue.path_parts
        if len(parts) >= 3 and parts[1] == "port_map":
            continue  # each entry is checked, with its own message, by _port_map_errors
        add(parts, _message(parts, issue.validator, issue.instance) or issue.message)
    if isinstance(document, list):
        _semantic_errors(document, add)
    if errors:
        return (), sorted(errors.values(), key=lambda error: error.path)
    return tuple(_freeze(item, locate(base + (index,))) for index, item in enumerate(document)), []


def _with_booleans(raw: t.Any) -> t.Any:
    """``raw``, or where INI-style boolean strings stand for boolean settings, a copy with booleans there."""
    if not isinstance(raw, list):
        return raw
    copy: list[t.Any] = []
    for item in raw:
        if isinstance(item, dict) and _has_text(item, _BOOL_KEYS):
            item = {key: inventory_bool(value) if key in _BOOL_KEYS else value for key, value in item.items()}
        cookie = item.get("cookie") if isinstance(item, dict) else None
        if isinstance(cookie, dict) and _has_text(cookie, _COOKIE_BOOL_KEYS):
            cookie = {
                key: inventory_bool(value) if key in _COOKIE_BOOL_KEYS else value for key, value in cookie.items()
            }
            item = {**item, "cookie": cookie}
        copy.append(item)
    return copy


def _has_text(mapping: dict[str, t.Any], keys: tuple[str, ...]) -> bool:
    for key in keys:  # a loop: no generator per VIP
        if isinstance(mapping.get(key), str):
            return True
    return False


_EMPTY = {
    "name": "give the VIP a name, unique on this load balancer",
    "pool": "set it to the FQDN of the pool the VIP fronts",
    "ports": 'list the ports the VIP listens on, e.g. [443, 80] or ["3478/udp"]',
}


def _message(parts: tuple[t.Any, ...], validator: str, value: t.Any) -> str | None:
    """A message that says how to fix the issue, where the schema's generic one would not."""
    key = parts[-1] if parts else None
    if (len(parts) == 3 and parts[1] == "ports") or (key == "monitor_port" and validator in ("minimum", "maximum")):
        try:
            parse_port(value)
        except PortError as exc:
            return str(exc)
    if key in _EMPTY and (validator == "minItems" or value == ""):
        return f"{key} is empty: {_EMPTY[key]}"
    if key == "idle_timeout" and validator == "minimum":
        return f"{value!r}: the idle timeout is a number of seconds, 0 or more (e.g. 1800)"
    return None


def _semantic_errors(document: list[t.Any], add: t.Callable[[tuple[t.Any, ...], str], None]) -> None:
    """What the schema cannot say: port numbers and ranges, duplicate names, port maps, a stray cookie."""
    first_index: dict[str, int] = {}
    for index, item in enumerate(document):
        if not isinstance(item, dict):
            continue
        name = item.get("name")
        if isinstance(name, str):
            if name in first_index:
                add(
                    (index, "name"),
                    f"VIP name {name!r} is already used by VIP [{first_index[name]}] of this load "
                    "balancer: give each VIP its own name",
                )
            first_index.setdefault(name, index)
        listening: list[PortRange] = []
        ports = item.get("ports")
        for position, port in enumerate(ports if isinstance(ports, list) else ()):
            try:
                listening.append(parse_port(port))
            except PortError as exc:
                add((index, "ports", position), str(exc))
        port_map = item.get("port_map")
        if isinstance(port_map, dict):
            _port_map_errors(index, port_map, PortSet.of(listening) if isinstance(ports, list) else None, add)
        persistence = item.get("persistence")
        if "cookie" in item and isinstance(persistence, str) and persistence != "cookie":
            add(
                (index, "cookie"),
                f"cookie settings are given but persistence is {persistence!r}: set persistence: "
                "cookie, or remove the cookie settings",
            )


def _port_map_errors(
    index: int, port_map: dict[t.Any, t.Any], listening: PortSet | None, add: t.Callable[[tuple[t.Any, ...], str], None]
) -> None:
    """Each entry maps one VIP port the VIP listens on (unknown when ports is malformed) to one server port."""
    for key, value in port_map.items():
        try:
            vip_port, server_port = _map_entry(key, value)
        except PortError as exc:
            add((index, "port_map", key), str(exc))
            continue
        if listening is not None and vip_port not in listening:
            add(
                (index, "port_map", key),
                f"VIP port {vip_port} is not among the VIP's ports ({listening}): add it "
                "to ports, or map a port the VIP listens on",
            )
        elif vip_port.protocol != server_port.protocol:
            add((index, "port_map", key), f"{vip_port} is mapped to {server_port}: a port map keeps the protocol")


def _map_entry(key: t.Any, value: t.Any) -> tuple[PortRange, PortRange]:
    """One port-map entry; an integer or a text without protocol takes the VIP port's protocol."""
    vip_port = parse_port(key)
    server_port = parse_port(value)
    if not (vip_port.single and server_port.single):
        raise PortError(f"{key!r} -> {value!r}: a port map maps one port to one port, not a range")
    if isinstance(value, int) or (isinstance(value, str) and "/" not in value):
        server_port = PortRange(vip_port.protocol, server_port.low, server_port.high)
    return vip_port, server_port


def _freeze(item: dict[str, t.Any], path: str) -> Vip:
    cookie = item.get("cookie")
    return Vip(
        name=item["name"],
        pool=item["pool"],
        service=item["service"],
        ports=tuple(parse_port(port) for port in item["ports"]),
        port_map=tuple(_map_entry(key, value) for key, value in (item.get("port_map") or {}).items()),
        persistence=item.get("persistence"),
        cookie=Cookie(**cookie) if isinstance(cookie, dict) else None,
        idle_timeout=item.get("idle_timeout"),
        snat=item.get("snat"),
        mode=item.get("mode"),
        nagle=item.get("nagle"),
        monitor_port=item.get("monitor_port"),
        request_level_lb=item.get("request_level_lb"),
        path=path,
    )
