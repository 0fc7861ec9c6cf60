# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VIP_POOL_UNKNOWN: a VIP names a pool that is not declared, or that its load balancer does not front."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for stray in ctx.vips.strays:
        vip = stray.declared.vip
        yield (
            stray.declared.member,
            f"{vip.path}.pool",
            (
                f"VIP {vip.name!r} {stray.reason}: correct the VIP's pool or service, or reference this load balancer "
                "from the pool."
            ),
        )


RULE = Rule(
    id="VIP_POOL_UNKNOWN",
    severity="error",
    title="VIP fronts an unknown pool",
    description="Each VIP names the FQDN of the pool it fronts (case-insensitive). A VIP that names a pool which is "
    "not declared, a pool whose reference (load_balancer, web_load_balancer, internal_load_balancer, "
    "external_load_balancer, with HA peers) does not include this load balancer for the VIP's service, or a "
    "service the pool's role does not have (an Edge service on a Front End pool) cannot be checked and usually is a "
    "typo. A pool declared for another site's inventory (no servers here) is not reported.",
    fix="Correct the VIP's pool or service, or reference the load balancer from the pool.",
    sources=(SOURCES["M1"],),
    check=_check,
)
