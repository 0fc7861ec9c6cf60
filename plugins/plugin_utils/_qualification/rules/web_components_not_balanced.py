# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_COMPONENTS_NOT_BALANCED: an expanded pool whose Web Components servers are behind no load balancer."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("front_end"):
        if pool.configuration != "expanded" or len(pool.web_components) < 2:
            continue
        if not (pool.web_load_balancer or pool.load_balancer):
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"expanded pool with {len(pool.web_components)} Web Components servers has no hardware load "
                    f"balancer for them: set {ctx.topology.setting(pool, 'web_load_balancer')} (or "
                    f"{ctx.topology.setting(pool, 'load_balancer')}, which then fronts them too)."
                ),
            )


RULE = Rule(
    id="WEB_COMPONENTS_NOT_BALANCED",
    severity="error",
    title="Web Components servers are not load balanced",
    description="In the expanded configuration the hardware load balancer also load balances the traffic to the "
    "Web Components servers of the Enterprise pool.",
    fix="Put the Web Components servers behind a hardware load balancer (web_load_balancer or load_balancer).",
    sources=(SOURCES["SEED"], SOURCES["O7b"]),
    check=_check,
)
