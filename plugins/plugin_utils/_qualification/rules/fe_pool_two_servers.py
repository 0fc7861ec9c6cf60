# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""FE_POOL_TWO_SERVERS: an Enterprise Front End pool of exactly two servers."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES

# Lync version -> (severity, what Microsoft says).
_STATEMENTS = {
    "lync2013": (
        "warning",
        "Microsoft recommends at least three Front End Servers in a Lync Server 2013 Enterprise pool",
    ),
    "sfb2015": (
        "warning",
        "Microsoft does not recommend a Skype for Business Server pool of only two Front End "
        "Servers (a robust high availability needs more)",
    ),
    "sfb2019": (
        "error",
        "Skype for Business Server 2019 does not support Enterprise Edition Front End pools with two "
        "Front End Servers, and Topology Builder will not publish that topology",
    ),
}


def _check(ctx: Context) -> t.Iterator[tuple[str, ...]]:
    statement = _STATEMENTS.get(ctx.topology.lync_version)
    if statement is None:
        return
    severity, says = statement
    for pool in ctx.pools("front_end"):
        if len(pool.servers) == 2:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"Front End pool of exactly two servers: {says}. With two servers, user data has fewer than its "
                    "three replicas and the pool needs special care to survive one server down: add a third Front End "
                    "Server, or deploy two paired Standard Edition servers."
                ),
                severity,
            )


RULE = Rule(
    id="FE_POOL_TWO_SERVERS",
    severity="error",
    title="Front End pool of exactly two servers",
    description="Front End pools keep each user's data on three servers (Windows Fabric replicas). Skype for "
    "Business Server 2019 does not support an Enterprise Edition Front End pool of two Front End Servers and "
    'Topology Builder will not publish it: an error. For Lync Server 2013 ("We recommend that all your Enterprise '
    'Edition Front End pools include at least three Front End Servers") and Skype for Business Server 2015 ("We do '
    'not recommend deploying a Front End pool that contains only two Front End Servers") the finding is a warning. '
    "The severity depends on lync_version; severity_overrides sets one severity for every version. Not reported for "
    "OCS 2007 R2 and Lync Server 2010, whose Front End pools keep user data in the Back End database rather than "
    "on replicas.",
    fix="Add a third Front End Server, or use two Standard Edition servers in a paired backup relationship.",
    sources=(SOURCES["M7"], SOURCES["M8"], SOURCES["L13k"]),
    check=_check,
)
