# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VIP_SETTING_UNDECLARED: a VIP leaves settings out that Microsoft's requirements need to check."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool_vips in ctx.vips.pools:
        missing: dict[int, tuple[str, t.Any, list[str]]] = {}
        for check in pool_vips.checks:
            if check.result is None:
                entry = missing.setdefault(id(check.declared), (check.declared.member, check.declared.vip, []))
                if check.row.setting not in entry[2]:
                    entry[2].append(check.row.setting)
        for member, vip, settings in missing.values():
            yield (
                member,
                vip.path,
                (
                    f"VIP {vip.name!r} ({vip.service}) of pool {pool_vips.pool.fqdn!r} leaves {', '.join(settings)} "
                    "undeclared, so these requirements were not checked: declare them to have them checked."
                ),
            )


RULE = Rule(
    id="VIP_SETTING_UNDECLARED",
    severity="info",
    title="VIP settings not declared",
    description="A setting a VIP leaves out is not guessed at: one finding per VIP lists the settings that Microsoft's "
    "requirements for its service and pool would check (persistence, cookie fields, idle_timeout, mode, snat, nagle, "
    "monitor_port, request_level_lb) and that the declaration leaves out.",
    fix="Declare the listed settings as the load balancer has them.",
    sources=(SOURCES["M1"], SOURCES["L13a"]),
    check=_check,
)
