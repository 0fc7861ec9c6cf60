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
    declared = list(ctx.topology.load_balancers)
    for pool in ctx.topology.pools.values():
        for key, name in pool.referenced_load_balancers().items():
            if name in ctx.topology.load_balancers:
                continue
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield pool.fqdn, ctx.topology.locate(("topology", "pools", pool.fqdn, key)), (
                f"{key} {name!r} is not a declared load balancer{hint}: declare it (inventory group of load "
                "balancers, or the load_balancers option) or correct the name."
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
