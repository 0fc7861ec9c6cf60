# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_POOL_NEEDS_LB: an Edge interface of a multi-server pool with neither a hardware LB nor DNS LB."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    Context,
    Rule,
    needs_balancing,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("edge"):
        if not needs_balancing(pool):
            continue
        sides = (
            ("internal", pool.internal_load_balancing, pool.edge_internal_lb),
            ("external", pool.external_load_balancing, pool.edge_external_lb),
        )
        for side, mode, device in sides:
            if mode == "hardware" and not device:
                yield (
                    pool.fqdn,
                    pool.path,
                    (
                        f"Edge pool of {len(pool.servers)} servers has no load balancer on its {side} interface: set "
                        f"{ctx.topology.setting(pool, side + '_load_balancer')} (or "
                        f"{ctx.topology.setting(pool, 'load_balancer')}), or use DNS load balancing on both interfaces."
                    ),
                )


RULE = Rule(
    id="EDGE_POOL_NEEDS_LB",
    severity="error",
    title="Edge pool interface is not load balanced",
    description="An array of Edge Servers needs load balancing on both its internal and its external interfaces: "
    "hardware load balancers (OCS 2007 R2 and later) or DNS load balancing (Lync Server 2010 and later).",
    fix="Name a load balancer for each interface, or use DNS load balancing on both.",
    sources=(SOURCES["SEED"], SOURCES["O7c"], SOURCES["M1"]),
    check=_check,
)
