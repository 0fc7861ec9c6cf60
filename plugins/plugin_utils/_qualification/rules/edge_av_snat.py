# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_AV_SNAT: the A/V Edge VIP rewrites the client's source address."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips, "snat", ("The A/V Edge needs the client's own address to find the media path.")
    )


RULE = Rule(
    id="EDGE_AV_SNAT",
    severity="error",
    title="SNAT on the A/V Edge VIP",
    description='"For the A/V Edge service, the VIP must NOT change the source IP address" (Lync Server 2013); '
    '"The load balancer must not change the source address of the client" (Skype for Business). Decision where the '
    'sources seem to disagree: "Do not use NAT on the internal or external firewall" concerns Edge addressing '
    "(EDGE_EXTERNAL_NAT), while the port summary explicitly allows SNAT on the Access and Web Conferencing VIPs, so "
    "SNAT is an error on the A/V Edge VIP (service edge_av) only.",
    fix="Set snat: false on the A/V Edge VIP (routed mode, the Edge servers' default gateway through the load "
    "balancer).",
    sources=(SOURCES["L13c"], SOURCES["M1"], SOURCES["L13a"]),
    check=_check,
)
