#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate a synthetic Lync Server inventory in the convention of lync.lb_qualification.assert_qualified.

Usage:
    python benchmarks/gen_inventory.py --hosts N --out DIR [--seed S] [--bad-ratio R] [--vips]

Standard library only; the output is deterministic for a given (N, seed, R). Adapted from the performance
baseline's generator (/work/shared/research/gen_inventory.py) to the inventory mode of assert_qualified.

Layout written under DIR:

    DIR/inventory/hosts.yml          YAML inventory: group lync_load_balancers (host vars lb_vendor, lb_product,
                                     lb_model, lb_form_factor, lb_version (a quoted string), lb_multiple_vips,
                                     with --vips lb_vips) and
                                     group lync_servers with children lync_front_end, lync_director, lync_edge
                                     (host var lync_pool); every host also has ansible_host
    DIR/inventory/group_vars/all/lync.yml
                                     lync_version: lync2013, and lync_pools: {pool FQDN: {load_balancer: LB}}
    DIR/inventory/group_vars/all/vendors.yml
                                     qualified_vendors: the vendor names a hand-written assert would accept
    DIR/explicit.json                the same data as the explicit options of assert_qualified
                                     ({"load_balancers": {...}, "topology": {...}}), for in-process runs

Use ``-i DIR/inventory`` (the directory, so that group_vars/ comes along; explicit.json stays outside it, where no
inventory plugin parses it).

Model: hosts come in blocks of 10, one block per pool: 1 load balancer + 9 pool members. Pool roles rotate front
end, front end, front end, director, edge, so a pool holds at most 9 servers (within POOL_SIZE_LIMIT: 12 / 10 / 12).
Each load balancer is a qualified device at a tested version; the one of an Edge pool supports multiple VIPs and
fronts both Edge interfaces. A trailing remainder of 2 to 9 hosts forms one more, smaller pool. So the generated
layout is qualified: assert_qualified reports no error.

With --bad-ratio R > 0, that fraction of load balancers gets a vendor that is not on the qualified list.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

# Qualified devices (vendor, product, model, form factor, a tested version): each is accepted by the shipped
# dataset under the default policy (release_train). Spellings vary on purpose, as in real inventories.
DEVICES = [
    ("F5", "BIG-IP Local Traffic Manager", "BIG-IP 4000s", "hardware", "11.6.1 HF2"),
    ("F5 Networks", "BIG-IP LTM", None, "hardware", "11.5.3"),
    ("KEMP", "LoadMaster", "LM-2600", "hardware", "7.1-18b"),
    ("Citrix", "Netscaler", "MPX 8200", "hardware", "10.5-57.7"),
    ("A10 Networks", "AX Series", "2200", "hardware", "2.4.3"),
    ("Radware", "Alteon", None, "hardware", "v.28.1.0"),
    ("HAProxy Technologies", "ALOHA Load Balancer", None, "hardware", "5.5"),
    ("Riverbed Technology", "Stingray Traffic Manager", None, "software", "9.1"),
    ("F5", "BIG-IP Local Traffic Manager Virtual Edition", None, "software", "11.4.1"),
    ("Loadbalancer.org", "Enterprise VA", None, "software", "v7.4.1"),
]
UNQUALIFIED = ("Acme Balancers", "AcmeLB", "A-100", "hardware", "1.0")
# What a hand-written "vendor in list" check accepts (case 3 of the benchmark).
QUALIFIED_VENDORS = sorted({device[0] for device in DEVICES})

# With --vips, every load balancer declares the virtual servers (lb_vips) of the pool it fronts, as the collection's
# lync2013 example inventory does (schemas/vips.schema.json): the Front End and Director SIP and web VIPs, the four
# Edge VIPs on the multi-VIP device of an Edge pool.
_FE_VIPS = (
    {
        "name": "sip",
        "service": "sip",
        "ports": [5061, 444, 135, "5071-5073", 5075, 5076, 5080, 448],
        "persistence": "source_address",
        "idle_timeout": 1800,
        "mode": "proxy",
        "snat": True,
    },
    {
        "name": "web_int",
        "service": "web_internal",
        "ports": [80, 443],
        "persistence": "source_address",
        "idle_timeout": 1800,
        "mode": "proxy",
        "snat": True,
        "monitor_port": 5061,
        "request_level_lb": True,
    },
    {
        "name": "web_ext",
        "service": "web_external",
        "ports": [4443, 8080],
        "persistence": "none",
        "idle_timeout": 1800,
        "mode": "proxy",
        "snat": True,
        "monitor_port": 5061,
        "request_level_lb": True,
    },
)
_DIRECTOR_VIPS = (
    {
        "name": "sip",
        "service": "sip",
        "ports": [5061, 444],
        "persistence": "source_address",
        "idle_timeout": 1800,
        "mode": "proxy",
    },
    {
        "name": "web_int",
        "service": "web_internal",
        "ports": [80, 443],
        "persistence": "source_address",
        "idle_timeout": 1800,
        "mode": "proxy",
        "monitor_port": 5061,
    },
    {
        "name": "web_ext",
        "service": "web_external",
        "ports": [4443, 8080],
        "persistence": "none",
        "idle_timeout": 1800,
        "mode": "proxy",
        "monitor_port": 5061,
    },
)
_EDGE_VIPS = (
    {
        "name": "int",
        "service": "edge_internal",
        "ports": [5061, 5062, "3478/udp", 443],
        "mode": "routed",
        "snat": False,
        "nagle": False,
    },
    {"name": "access", "service": "edge_access", "ports": [443, 5061], "mode": "proxy", "snat": True, "nagle": False},
    {"name": "webconf", "service": "edge_webconf", "ports": [443], "mode": "proxy", "snat": True, "nagle": False},
    {"name": "av", "service": "edge_av", "ports": [443, "3478/udp"], "mode": "routed", "snat": False, "nagle": False},
)
VIPS = {"front_end": _FE_VIPS, "director": _DIRECTOR_VIPS, "edge": _EDGE_VIPS}

ROLE_CYCLE = ("front_end", "front_end", "front_end", "director", "edge")
ROLE_PREFIX = {"front_end": "fe", "director": "dir", "edge": "edge"}
DOMAIN = "lync.example.test"


def _ip(n: int) -> str:
    n += 1
    return f"10.{(n // 65536) % 256}.{(n // 256) % 256}.{n % 256}"


def _pool_sizes(n_hosts: int) -> list[int]:
    sizes = [10] * (n_hosts // 10)
    rest = n_hosts % 10
    if rest >= 2:
        sizes.append(rest)
    elif rest == 1:  # a trailing single host joins the previous pool (11 hosts: 1 LB + 10 servers)
        sizes[-1] += 1
    return sizes


def build(n_hosts: int, seed: int = 1, bad_ratio: float = 0.0, vips: bool = False) -> dict:
    """Return {"load_balancers": {...}, "servers": {role: {host: pool}}, "pools": {...}, "ansible_host": {...}}."""
    if n_hosts < 2:
        raise ValueError("--hosts must be >= 2 (one load balancer + one pool member)")
    rng = random.Random(seed)
    load_balancers: dict[str, dict] = {}
    servers: dict[str, dict[str, str]] = {role: {} for role in ("front_end", "director", "edge")}
    pools: dict[str, dict] = {}
    addresses: dict[str, str] = {}
    host_no = 0
    for p, size in enumerate(_pool_sizes(n_hosts)):
        role = ROLE_CYCLE[p % len(ROLE_CYCLE)]
        if role == "director" and size - 1 > 10:
            role = "front_end"  # keep a director pool within its limit of 10
        pool_fqdn = f"pool{p + 1:05d}.{DOMAIN}"
        lb_name = f"lb{p + 1:05d}.{DOMAIN}"
        bad = bad_ratio > 0 and rng.random() < bad_ratio
        vendor, product, model, form_factor, version = UNQUALIFIED if bad else DEVICES[rng.randrange(len(DEVICES))]
        load_balancers[lb_name] = {
            "vendor": vendor,
            "product": product,
            "model": model,
            "form_factor": form_factor,
            "version": version,
            "multiple_vips": role == "edge" or vips or rng.random() < 0.5,
        }
        if vips:
            load_balancers[lb_name]["vips"] = [
                dict(vip, name=f"pool{p + 1:05d}_{vip['name']}", pool=pool_fqdn) for vip in VIPS[role]
            ]
        addresses[lb_name] = _ip(host_no)
        host_no += 1
        members = []
        for m in range(size - 1):
            name = f"{ROLE_PREFIX[role]}{p + 1:05d}-{m + 1}.{DOMAIN}"
            servers[role][name] = pool_fqdn
            addresses[name] = _ip(host_no)
            host_no += 1
            members.append(name)
        pools[pool_fqdn] = {"role": role, "servers": members, "load_balancer": lb_name}
    return {"load_balancers": load_balancers, "servers": servers, "pools": pools, "ansible_host": addresses}


def _q(value) -> str:
    """A YAML scalar: JSON strings, numbers, booleans and null are valid YAML."""
    return json.dumps(value)


def yaml_inventory(model: dict) -> str:
    out = [
        "# generated by benchmarks/gen_inventory.py",
        "all:",
        "  children:",
        "    lync_load_balancers:",
        "      hosts:",
    ]
    for name, lb in model["load_balancers"].items():
        out.append(f"        {name}:")
        out.append(f"          ansible_host: {_q(model['ansible_host'][name])}")
        for key in ("vendor", "product", "model", "form_factor", "version", "multiple_vips", "vips"):
            if lb.get(key) is not None:
                out.append(f"          lb_{key}: {_q(lb[key])}")
    out += ["    lync_servers:", "      children:"]
    for role, members in model["servers"].items():
        out.append(f"        lync_{role}:")
        if not members:
            out.append("          hosts: {}")
            continue
        out.append("          hosts:")
        for name, pool in members.items():
            out.append(f"            {name}:")
            out.append(f"              ansible_host: {_q(model['ansible_host'][name])}")
            out.append(f"              lync_pool: {_q(pool)}")
    return "\n".join(out) + "\n"


def yaml_group_vars(model: dict) -> str:
    out = ["# generated by benchmarks/gen_inventory.py", "lync_version: lync2013", "lync_pools:"]
    for fqdn, pool in model["pools"].items():
        out.append(f"  {fqdn}:")
        out.append(f"    load_balancer: {_q(pool['load_balancer'])}")
    return "\n".join(out) + "\n"


def explicit_options(model: dict) -> dict:
    """The same data as assert_qualified's explicit options load_balancers and topology."""
    load_balancers = {
        name: {key: value for key, value in lb.items() if value is not None}
        for name, lb in model["load_balancers"].items()
    }
    return {"load_balancers": load_balancers, "topology": {"lync_version": "lync2013", "pools": model["pools"]}}


def write(n_hosts: int, out: str, seed: int = 1, bad_ratio: float = 0.0, vips: bool = False) -> dict:
    """Write the inventory under ``out``; return a short description of what was written."""
    model = build(n_hosts, seed, bad_ratio, vips)
    inventory = os.path.join(out, "inventory")
    os.makedirs(os.path.join(inventory, "group_vars", "all"), exist_ok=True)
    with open(os.path.join(inventory, "hosts.yml"), "w", encoding="utf-8") as handle:
        handle.write(yaml_inventory(model))
    with open(os.path.join(inventory, "group_vars", "all", "lync.yml"), "w", encoding="utf-8") as handle:
        handle.write(yaml_group_vars(model))
    with open(os.path.join(inventory, "group_vars", "all", "vendors.yml"), "w", encoding="utf-8") as handle:
        handle.write(f"qualified_vendors: {_q(QUALIFIED_VENDORS)}\n")
    with open(os.path.join(out, "explicit.json"), "w", encoding="utf-8") as handle:
        json.dump(explicit_options(model), handle)
    return {
        "hosts": len(model["ansible_host"]),
        "load_balancers": len(model["load_balancers"]),
        "pools": len(model["pools"]),
        "servers": {role: len(members) for role, members in model["servers"].items()},
        "vips": sum(len(lb.get("vips") or ()) for lb in model["load_balancers"].values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("--hosts", type=int, required=True, help="total number of inventory hosts (>= 2)")
    parser.add_argument("--out", required=True, help="output directory (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--bad-ratio", type=float, default=0.0, help="fraction of load balancers with an unqualified vendor (default 0)"
    )
    parser.add_argument("--vips", action="store_true", help="every load balancer declares its VIPs (lb_vips)")
    args = parser.parse_args(argv)
    info = write(args.hosts, args.out, args.seed, args.bad_ratio, args.vips)
    print(
        f"{args.out}: {info['hosts']} hosts, {info['pools']} pools, {info['load_balancers']} load balancers, "
        f"{info['vips']} VIPs, servers {info['servers']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
