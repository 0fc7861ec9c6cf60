# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VIPS_NOT_DECLARED: a pool fronted by a hardware load balancer that declares no VIP for it."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool_vips in ctx.vips.pools:
        if pool_vips.undeclared:
            devices = ", ".join(ctx.names(members) for members in pool_vips.undeclared)
            yield (
                pool_vips.pool.fqdn,
                pool_vips.pool.path,
                (
                    f"load balancer {devices} fronts the pool but declares no VIP for it, so its VIPs (ports, "
                    f"persistence, timeouts) were not checked: declare them in {ctx.topology.term('vips')} to have them "
                    "checked."
                ),
            )


RULE = Rule(
    id="VIPS_NOT_DECLARED",
    severity="info",
    title="Pool's VIPs not declared",
    description="The VIP rules check only the VIPs a load balancer declares (lb_vips in inventory mode, vips in "
    "explicit mode); a pool fronted by a hardware load balancer none of whose members declares a VIP for it gets "
    "this one finding instead, so inventories without VIPs keep their verdicts. A load balancer that declares at "
    "least one VIP for a pool must declare all of them: its sides of the pool are checked in full. Pools of "
    "versions for which the requirement data has no row (OCS 2007 R2) are not concerned.",
    fix="Declare the load balancer's VIPs for the pool (name, pool, service, ports and the settings).",
    sources=(SOURCES["M1"], SOURCES["M2"]),
    check=_check,
)
