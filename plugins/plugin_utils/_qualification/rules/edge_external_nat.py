# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_EXTERNAL_NAT: hardware-load-balanced Edge whose external addresses are NATed."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("edge"):
        if pool.external_nat and pool.external_load_balancing == "hardware" and pool.edge_external_lb:
            stated = pool.stated.get("external_nat")
            origin = (
                ""
                if not (stated and stated[0])
                else (
                    f" (the Lync topology states NAT: hostvars[{stated[1]!r}].{ctx.topology.term('edge_external_nat')})"
                )
            )
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"external Edge addresses are NATed{origin} behind a hardware load balancer: with hardware load balancing "
                    "the external (A/V) addresses must be publicly routable; NAT is supported only with DNS load "
                    "balancing."
                ),
            )


RULE = Rule(
    id="EDGE_EXTERNAL_NAT",
    severity="error",
    title="NAT on a hardware-load-balanced Edge",
    description="When the Edge pool uses hardware load balancers, its external addresses must be publicly routable "
    "IP addresses with no NAT or port translation; NAT is allowed with DNS load balancing.",
    fix="Give the external interfaces public addresses, or use DNS load balancing for the Edge pool.",
    sources=(SOURCES["L13a"], SOURCES["M1"], SOURCES["M3"]),
    check=_check,
)
