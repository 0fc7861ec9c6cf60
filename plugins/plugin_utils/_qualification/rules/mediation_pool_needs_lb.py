# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""MEDIATION_POOL_NEEDS_LB: a Mediation pool of two or more servers with neither DNS nor hardware load balancing."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    Context,
    Rule,
    needs_balancing,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("mediation"):
        if needs_balancing(pool) and pool.load_balancing == "hardware" and not pool.load_balancer:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"Mediation pool of {len(pool.servers)} servers has no load balancer: set "
                    f"{ctx.topology.setting(pool, 'load_balancer')}, or use "
                    f"{ctx.topology.setting(pool, 'load_balancing')}: dns."
                ),
            )


RULE = Rule(
    id="MEDIATION_POOL_NEEDS_LB",
    severity="error",
    title="Mediation pool is not load balanced",
    description="A stand-alone Mediation Server pool of several servers must be load balanced: DNS load balancing "
    '("all SIP and media traffic is balanced by DNS load balancing") or a hardware load balancer serving 5070.',
    fix="Use load_balancing: dns, or name the hardware load balancer in load_balancer.",
    sources=(SOURCES["M1"], SOURCES["L13b"], SOURCES["M2"]),
    check=_check,
)
