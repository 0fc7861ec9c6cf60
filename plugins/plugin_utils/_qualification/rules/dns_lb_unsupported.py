# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DNS_LB_UNSUPPORTED: DNS load balancing in an Office Communications Server 2007 R2 topology."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES

_KEYS = ("load_balancing", "internal_load_balancing", "external_load_balancing")


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    if ctx.topology.lync_version != "ocs2007r2":
        return
    for pool in ctx.topology.pools.values():
        keys = [key for key in _KEYS if getattr(pool, key) == "dns"]
        if pool.role != "edge":
            keys = [key for key in keys if key == "load_balancing"]
        if keys:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"{', '.join(keys)}: dns, but OCS 2007 R2 supports only hardware load balancing (DNS load "
                    "balancing arrived with Lync Server 2010): use a hardware load balancer."
                ),
            )


RULE = Rule(
    id="DNS_LB_UNSUPPORTED",
    severity="error",
    title="DNS load balancing in OCS 2007 R2",
    description="Office Communications Server 2007 R2 supports hardware load balancing only; DNS load balancing "
    "exists from Lync Server 2010 on.",
    fix="Use hardware load balancing, or set lync_version to the release you really run.",
    sources=(SOURCES["O7b"], SOURCES["L10b"]),
    check=_check,
)
