# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""UNKNOWN_LOAD_BALANCER: a pool names a load balancer that is not declared."""

from __future__ import annotations

import difflib
import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    declared = ctx.topology.load_balancers
    folded = {name.casefold(): name for name in declared}

    def hint(name: str) -> str:
        close = difflib.get_close_matches(name.casefold(), list(folded), n=1)
        return f" (did you mean {folded[close[0]]!r}?)" if close else ""

    for pool in ctx.topology.pools.values():
        for key in pool.referenced_load_balancers():
            written = pool.declared.get(key)
            listed = [written] if isinstance(written, str) else list(written or ())
            for index, name in enumerate(listed):
                if name.casefold() in folded:
                    continue
                where = (key,) if isinstance(written, str) else (key, index)
                yield (
                    pool.fqdn,
                    ctx.topology.locate(("topology", "pools", pool.fqdn, *where)),
                    (
                        f"{ctx.topology.setting(pool, key)} names {name!r}, which is not a declared load balancer"
                        f"{hint(name)}: declare it (inventory group of load balancers, or the load_balancers option) "
                        "or correct the name."
                    ),
                )
    for name, peers in ctx.topology.unknown_peers.items():
        for peer in peers:
            yield (
                name,
                ctx.lb_path(name, "ha_peers"),
                (
                    f"{ctx.topology.term('ha_peers')} names {peer!r}, which is not a declared load balancer{hint(peer)}: "
                    "declare every member of the HA pair or correct the name."
                ),
            )


RULE = Rule(
    id="UNKNOWN_LOAD_BALANCER",
    severity="error",
    title="Pool names an undeclared load balancer",
    description="A load balancer that is not declared cannot be checked against the qualified list.",
    fix="Declare the load balancer with its vendor, product, form factor and version, or fix the reference.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
