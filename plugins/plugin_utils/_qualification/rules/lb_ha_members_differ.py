# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_HA_MEMBERS_DIFFER: the members of an HA pair or cluster are different products or form factors."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for members in ctx.ha_groups():
        first = members[0]
        for name in members[1:]:
            if ctx.product_of(name) == ctx.product_of(first):
                continue
            yield (
                name,
                ctx.lb_path(name, "product"),
                (
                    f"HA member {name!r} is {ctx.describe_device(name)} but its peer {first!r} is "
                    f"{ctx.describe_device(first)}: after a failover the pool would be served by a different product. "
                    "Pair identical devices (same product and form factor)."
                ),
            )


RULE = Rule(
    id="LB_HA_MEMBERS_DIFFER",
    severity="error",
    title="HA pair members are different products",
    description="The members of an HA pair or cluster each carry the pool's traffic in turn: after a failover the "
    "standby is what the Lync servers talk to. Microsoft qualifies a product in a form factor; members that are "
    "different products or form factors make the pool's qualification depend on which member is active.",
    fix="Use members of the same qualified product and form factor, or declare them as separate load balancers.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
