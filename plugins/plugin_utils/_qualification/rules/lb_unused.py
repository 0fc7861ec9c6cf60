# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_UNUSED: a declared load balancer fronts no pool."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    used = {name for pool in ctx.topology.pools.values() for name in pool.members()}
    used.update(name for stub in ctx.topology.serverless.values() for name in stub.names)
    for name in ctx.topology.load_balancers:
        if name not in used:
            yield (
                name,
                ctx.lb_path(name),
                (
                    "declared but fronts no pool (not even as the HA peer of a load balancer a pool names): reference it "
                    f"from a pool, name it in its peer's {ctx.topology.term('ha_peers')}, or remove it from the declaration."
                ),
            )


RULE = Rule(
    id="LB_UNUSED",
    severity="info",
    title="Load balancer fronts no pool",
    description="A declared load balancer that no pool references may be a typo in a pool's reference.",
    fix="Reference it from the pool it fronts, or remove it.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
