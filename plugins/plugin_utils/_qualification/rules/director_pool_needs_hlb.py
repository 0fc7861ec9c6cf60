# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DIRECTOR_POOL_NEEDS_HLB: two or more Directors without a hardware load balancer."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    Context,
    Rule,
    missing_hlb,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("director"):
        problem = missing_hlb(pool, ctx.topology)
        if problem:
            yield pool.fqdn, pool.path, f"Director pool of {len(pool.servers)} servers {problem}"


RULE = Rule(
    id="DIRECTOR_POOL_NEEDS_HLB",
    severity="error",
    title="Director pool needs a hardware load balancer",
    description="An array of Directors must be load balanced: a hardware load balancer for all traffic, or DNS "
    "load balancing for SIP plus a hardware load balancer for the web traffic, which DNS cannot balance.",
    fix="Set load_balancer, or with load_balancing: dns at least web_load_balancer.",
    sources=(SOURCES["SEED"], SOURCES["L13e"], SOURCES["L13i"]),
    check=_check,
)
