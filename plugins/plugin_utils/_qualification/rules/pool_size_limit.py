# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POOL_SIZE_LIMIT: more servers in one pool than Lync Server 2013 and later support."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    LYNC_2013_AND_LATER,
    Context,
    Rule,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES

LIMITS = {"front_end": 12, "director": 10, "edge": 12}
_NAMES = {"front_end": "Front End", "director": "Director", "edge": "Edge"}


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    if ctx.topology.lync_version not in LYNC_2013_AND_LATER:
        return
    for pool in ctx.topology.pools.values():
        limit = LIMITS.get(pool.role)
        if limit is not None and len(pool.servers) > limit:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"{len(pool.servers)} {_NAMES[pool.role]} servers in one pool; at most {limit} are supported: "
                    "split the pool."
                ),
            )


RULE = Rule(
    id="POOL_SIZE_LIMIT",
    severity="error",
    title="Pool has more servers than supported",
    description="From Lync Server 2013 on, a Front End pool holds at most 12 servers, a Director pool 10 and an "
    "Edge pool 12.",
    fix="Split the pool into several pools.",
    sources=(SOURCES["L13g"], SOURCES["M3"]),
    check=_check,
)
