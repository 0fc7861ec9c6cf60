# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POOL_WITHOUT_SERVERS: a declared pool none of whose servers is in this inventory."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules.pool_servers_not_found import (
    stranded,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    lost = stranded(ctx)
    for stub in ctx.topology.serverless.values():
        if stub.fqdn in lost:
            continue  # its load balancers are here and serve nothing else: POOL_SERVERS_NOT_FOUND
        yield (
            stub.fqdn,
            stub.path,
            (
                "declared, but none of its servers is in this inventory: not checked here (an inventory that holds its "
                "servers checks it). Expected when one group_vars serves several site inventories; otherwise check the "
                "pool's name and the servers' pool variable."
            ),
        )


RULE = Rule(
    id="POOL_WITHOUT_SERVERS",
    severity="info",
    title="Pool has no servers in this inventory",
    description="A pool's settings are declared (lync_pools or topology.pools) but no server of this inventory belongs "
    "to it, and its load balancers belong to another inventory or also front a pool of this one. Shared group_vars "
    "that describe the pools of several sites lead here; the pool is checked by the inventory that holds its "
    "servers. (A pool whose load balancers are declared here and front nothing else here is POOL_SERVERS_NOT_FOUND, "
    "an error: it lost its servers.)",
    fix="Nothing when the pool belongs to another site's inventory; otherwise add its servers or correct the name.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
