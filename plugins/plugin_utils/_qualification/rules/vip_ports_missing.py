# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VIP_PORTS_MISSING: a pool's VIPs on one side lack ports Microsoft requires for its role and load balancing."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import union
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool_vips in ctx.vips.pools:
        pool = pool_vips.pool
        for side in pool_vips.sides:
            required = side.selection.required_ports().get(side.name)
            # Ports a web_external VIP fails to reach are WEB_EXTERNAL_PORTS findings: not reported twice.
            missing = required - side.served if required else None
            if missing and side.gaps:
                missing -= union(gap.missing for gap in side.gaps)
            if not missing:
                continue
            rows = [
                f"{row.ports & missing} ({row.as_written})"
                for row in side.selection.ports
                if row.level == "required" and row.ports & missing
            ]
            where = "" if side.name == "pool" else f" on the {side.name} side"
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"the VIPs of {ctx.names(side.members)} for this {pool.role} pool{where} ({side.load_balancing} load "
                    f"balancing) do not reach the servers on: {'; '.join(rows)}. Add the ports to a VIP of the pool, or "
                    "map a VIP port to them."
                ),
            )


RULE = Rule(
    id="VIP_PORTS_MISSING",
    severity="error",
    title="Required ports missing from a pool's VIPs",
    description="Microsoft's port tables list the ports the hardware load balancer must serve: Front End pool with "
    "hardware load balancing only (SIP, web and the other Front End services, and 5070 with a collocated Mediation "
    "Server), with DNS load balancing (web only), Director pool likewise, a Mediation pool, and the Edge internal VIP "
    "and each external Edge service VIP; docs/vip-requirements.md lists them row by row. The union "
    "of the server ports the pool's VIPs reach (after port_map), over every member of the HA pair, is compared per "
    "side (pool, edge_internal, edge_access, edge_webconf, edge_av) with the required rows of "
    "data/lb_requirements.yml for the pool's role, its load balancing on that side and lync_version. Decisions: a "
    "pool with DNS load balancing, or with a web_load_balancer only, is checked against the DNS (web-only) rows; "
    "Director pools need 80 and 8080 too (the Director port summaries send both to the Director VIP); 5070 is "
    "required only with hardware load balancing. Conditional rows (XMPP 5269, the A/V media range for OCS 2007 "
    "federation) are not required. A load balancer that declares no VIP for the pool is reported by "
    "VIPS_NOT_DECLARED instead.",
    fix="Add the missing ports to the pool's VIPs, as listed in the message (see docs/vip-requirements.md).",
    sources=(SOURCES["M2"], SOURCES["L13d"], SOURCES["L13c"], SOURCES["M3"], SOURCES["L13f"], SOURCES["M1"]),
    check=_check,
)
