# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VIP_PORT_NOT_ALLOWED: the internal Edge VIP balances traffic Microsoft excludes from load balancing."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool_vips in ctx.vips.pools:
        for side in pool_vips.sides:
            forbidden = side.selection.forbidden_ports().get(side.name)
            if not forbidden:
                continue
            for declared in side.vips:
                vip = declared.vip
                balanced = (vip.served_ports | vip.listen_ports) & forbidden
                if balanced:
                    rows = [
                        f"{row.ports} ({row.as_written})" for row in side.selection.not_balanced if row.ports & balanced
                    ]
                    yield (
                        declared.member,
                        f"{vip.path}.ports",
                        (
                            f"VIP {vip.name!r} ({vip.service}) of pool {pool_vips.pool.fqdn!r} balances {'; '.join(rows)}, "
                            "which must reach each Edge server's own internal address: remove the port from the VIP."
                        ),
                    )


RULE = Rule(
    id="VIP_PORT_NOT_ALLOWED",
    severity="error",
    title="Internal Edge VIP balances excluded traffic",
    description='The internal Edge hardware load balancer "must be configured to load balance only the traffic to '
    "servers running the Access Edge service and the A/V Edge service. It cannot load balance the traffic to the "
    'internal Web Conferencing Edge service or the internal XMPP Proxy service": 8057/tcp (PSOM) and, where XMPP '
    "exists (Lync Server 2013, Skype for Business Server 2015), 23456/tcp go to each Edge server's own address.",
    fix="Remove 8057 and 23456 from the internal Edge VIP; the Front Ends reach each Edge server on them directly.",
    sources=(SOURCES["L13a"], SOURCES["M1"]),
    check=_check,
)
