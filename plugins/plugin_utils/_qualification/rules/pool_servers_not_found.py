# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POOL_SERVERS_NOT_FOUND: a pool that a load balancer of this inventory fronts has no server in it."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def stranded(ctx: Context) -> dict[str, list[str]]:
    """Serverless pool -> its load balancers that are declared here but front no pool with servers here: such a pool
    lost its servers. (One that also fronts a pool of this inventory is shared across sites: its other pools belong
    to another inventory.) Pools with none are left out."""
    local = {name for pool in ctx.topology.pools.values() for name in pool.members()}
    found = {}
    for fqdn, stub in ctx.topology.serverless.items():
        here = [name for name in stub.names if name in ctx.topology.load_balancers and name not in local]
        if here:
            found[fqdn] = here
    return found


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    lost = stranded(ctx)
    for stub in ctx.topology.serverless.values():
        here = lost.get(stub.fqdn)
        if here:
            yield (
                stub.fqdn,
                stub.path,
                (
                    f"fronted by {ctx.names(here)}, declared in this inventory, but none of the pool's servers is here, so "
                    "the pool cannot be checked. If an inventory source failed to parse, Ansible only warned and went on "
                    "without its hosts (set ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true to make that fatal); otherwise "
                    + (
                        f"give the servers {ctx.topology.term('pool')} with this pool's name."
                        if ctx.topology.input_mode == "inventory"
                        else "list the pool's servers."
                    )
                ),
            )


RULE = Rule(
    id="POOL_SERVERS_NOT_FOUND",
    severity="error",
    title="Pool fronted here has no servers here",
    description="A pool declared in lync_pools (or topology.pools) names a load balancer of this inventory that fronts "
    "no pool with servers here, and none of the pool's own servers is in the inventory. A pool of another site is "
    "fronted by that site's load balancers, or by one shared with a pool of this inventory (POOL_WITHOUT_SERVERS, "
    "info); a pool whose load balancers are here and serve nothing else has lost its servers: most often an "
    "inventory source (a topology document, an INI file with a broken line) that Ansible could not parse and skipped "
    "with a warning, or servers whose pool variable names the pool differently. The pool would go unchecked, so the "
    "check fails instead of passing.",
    fix="Fix the inventory source Ansible warned about (ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true makes such a "
    "source fatal), or set the servers' lync_pool to the pool's FQDN.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
