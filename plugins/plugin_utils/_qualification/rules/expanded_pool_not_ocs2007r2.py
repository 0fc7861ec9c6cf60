# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EXPANDED_POOL_NOT_OCS2007R2: the expanded configuration (separate Web Components servers) outside OCS 2007 R2."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    if ctx.topology.lync_version == "ocs2007r2":
        return
    for pool in ctx.pools("front_end"):
        if pool.configuration == "expanded" or pool.web_components:
            what = (
                f"{len(pool.web_components)} Web Components server(s)"
                if pool.web_components
                else "configuration: expanded"
            )
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"{what} in a {ctx.topology.lync_version} topology: the expanded configuration (Web Components on "
                    "separate servers) exists only in OCS 2007 R2; from Lync Server 2010 on the web services run on the "
                    "Front End servers. Remove the Web Components servers and the expanded configuration, or correct "
                    f"{ctx.topology.term('lync_version')}."
                ),
            )


RULE = Rule(
    id="EXPANDED_POOL_NOT_OCS2007R2",
    severity="error",
    title="Expanded Front End pool outside OCS 2007 R2",
    description="The qualified list's deployment configurations include an Enterprise pool in the expanded "
    "configuration, where separate Web Components servers are load balanced too. That configuration belongs to "
    "Office Communications Server 2007 R2: from Lync Server 2010 on, the web services are collocated on the Front End "
    "servers and the load balancer serves them there.",
    fix="Declare the Front End pool as consolidated (no separate Web Components servers), or the topology as "
    "ocs2007r2 if it is one.",
    sources=(SOURCES["SEED"], SOURCES["O7b"], SOURCES["L10a"]),
    check=_check,
)
