# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_SINGLE_VIP_SHARED: one single-VIP device fronts both Edge interfaces."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    declared = ctx.topology.load_balancers
    for pool in ctx.pools("edge"):
        if pool.internal_load_balancing != "hardware" or pool.external_load_balancing != "hardware":
            continue
        shared = [name for name in pool.edge_internal_lb if name in pool.edge_external_lb and name in declared]
        single = [name for name in shared if not declared[name].multiple_vips]
        if single:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"load balancer {ctx.names(single)} fronts both the internal and the external Edge interfaces but "
                    f"does not support multiple VIPs: use separate load balancers (or separate HA pairs) for the two "
                    f"interfaces ({ctx.topology.setting(pool, 'internal_load_balancer')} and "
                    f"{ctx.topology.setting(pool, 'external_load_balancer')}, each member a peer of its own side only), or set "
                    f"{ctx.topology.term('multiple_vips')}: true if the device supports them."
                ),
            )


RULE = Rule(
    id="EDGE_SINGLE_VIP_SHARED",
    severity="error",
    title="Single-VIP load balancer on both Edge interfaces",
    description="A load balancer that supports multiple VIPs can front both the internal and the external NICs of "
    "the Edge Servers; one that supports a single VIP cannot, and two are then required.",
    fix="Use one load balancer per Edge interface, or a device with multiple VIPs.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
