# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_EXTERNAL_PORTS: external web traffic does not reach the servers on 4443 and 8080."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool_vips in ctx.vips.pools:
        for side in pool_vips.sides:
            for gap in side.gaps:
                first = gap.vips[0]
                names = ", ".join(repr(item.vip.name) for item in gap.vips)
                yield (
                    first.member,
                    f"{first.vip.path}.port_map",
                    (
                        f"the {'/'.join(gap.row.services)} VIPs {names} of pool {pool_vips.pool.fqdn!r} do not reach the "
                        f"servers on {gap.missing} (requirement {gap.row.id}). The servers tell external from internal "
                        "web traffic by the port: external web services listen on 4443 (HTTPS) and 8080 (HTTP). Map 443 "
                        "to 4443 and 80 to 8080 (port_map), or listen on 4443 and 8080."
                    ),
                )


RULE = Rule(
    id="WEB_EXTERNAL_PORTS",
    severity="error",
    title="External web VIP does not reach the servers on 4443 / 8080",
    description="External web services of Front End and Director pools listen on 4443 (HTTPS) and 8080 (HTTP) and "
    "publish on 443 and 80: the reverse proxy bridges 443 to 4443 and 80 to 8080, and Microsoft's VIP table gives "
    "node ports 4443 and 8080 for the external web VIPs. An external web VIP (service web_external) must reach the "
    "servers on both, through a port_map 443 -> 4443 / 80 -> 8080 or by listening on 4443 / 8080 itself. The external "
    "web VIPs of a pool are taken together (443 and 80 are often two VIPs); the ports reported here are not reported "
    "again by VIP_PORTS_MISSING.",
    fix="Add port_map: {443: 4443, 80: 8080} to the external web VIP, or make it listen on 4443 and 8080.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["L13l"], SOURCES["M9"]),
    check=_check,
)
