# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_HA_VIPS_DIFFER: members of an HA pair that both declare VIPs declare different ones."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import differences
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    declared = ctx.topology.load_balancers
    for members in ctx.ha_groups():
        declaring = [name for name in members if declared[name].vips]
        for name in declaring[1:]:
            first = declaring[0]
            parts = differences(first, declared[first].vips or (), name, declared[name].vips or ())
            if parts:
                yield (
                    name,
                    ctx.lb_path(name, "vips"),
                    (
                        f"HA member {name!r} declares other VIPs than its peer {first!r} ({'; '.join(parts)}): the pair "
                        "synchronises its configuration, so one of the declarations is out of date. Declare the VIPs "
                        f"once (on one member: {ctx.topology.term('vips')} is read from every member) or alike on each."
                    ),
                )


RULE = Rule(
    id="LB_HA_VIPS_DIFFER",
    severity="warning",
    title="HA pair members declare different VIPs",
    description="The members of an HA pair or cluster synchronise their configuration, so their VIPs are the same. "
    "VIPs may be declared on one member (the pool's VIPs are the union over the members) or on each; two members "
    "that both declare VIPs and declare different ones (a VIP missing on one, or a setting that differs) disagree "
    "about the device, and the VIP checks then see both versions.",
    fix="Declare the VIPs on one member only, or make the declarations identical.",
    sources=(SOURCES["SEED"], SOURCES["M1"]),
    check=_check,
)
