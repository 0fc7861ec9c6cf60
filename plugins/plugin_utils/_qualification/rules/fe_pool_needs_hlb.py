# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""FE_POOL_NEEDS_HLB: a Front End pool of two or more servers without a hardware load balancer."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    Context,
    Rule,
    missing_hlb,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("front_end"):
        problem = missing_hlb(pool, ctx.topology)
        if problem:
            yield pool.fqdn, pool.path, f"Front End pool of {len(pool.servers)} servers {problem}"


RULE = Rule(
    id="FE_POOL_NEEDS_HLB",
    severity="error",
    title="Front End pool needs a hardware load balancer",
    description="An Enterprise pool with several Front End servers must be load balanced. In OCS 2007 R2 a hardware "
    "load balancer carries all its traffic; from Lync Server 2010 on DNS load balancing may carry SIP, but client "
    "web traffic (HTTP/HTTPS) cannot be DNS load balanced and still needs a hardware load balancer.",
    fix="Set load_balancer (hardware load balancing) or, with load_balancing: dns, at least web_load_balancer.",
    sources=(SOURCES["SEED"], SOURCES["O7a"], SOURCES["L13i"], SOURCES["M1"]),
    check=_check,
)
