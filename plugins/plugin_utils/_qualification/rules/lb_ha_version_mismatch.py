# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_HA_VERSION_MISMATCH: the members of an HA pair or cluster run different software versions."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for members in ctx.ha_groups():
        first = ctx.topology.load_balancers[members[0]]
        for name in members[1:]:
            lb = ctx.topology.load_balancers[name]
            if ctx.product_of(name) != ctx.product_of(first.name) or ctx.same_version(lb.version, first.version):
                continue
            versions = ", ".join(f"{member} runs {ctx.topology.load_balancers[member].version!r}" for member in members)
            yield (
                name,
                ctx.lb_path(name, "version"),
                (
                    f"the members of an HA pair run different versions ({versions}): normal for the hour of an upgrade, "
                    "not beyond it. Finish the upgrade so that every member runs the same qualified version."
                ),
            )


RULE = Rule(
    id="LB_HA_VERSION_MISMATCH",
    severity="warning",
    title="HA pair members run different versions",
    description="Members of an HA pair or cluster are upgraded one at a time, so a pair mid-upgrade runs two versions "
    "for a while; a pair left that way behaves differently after each failover, and configuration synchronisation "
    "between different versions is at best partial.",
    fix="Upgrade every member to the same qualified version.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
