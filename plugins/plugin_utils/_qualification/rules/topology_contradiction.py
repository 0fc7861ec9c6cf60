# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TOPOLOGY_CONTRADICTION: a pool setting declared in lync_pools contradicts what the Lync topology states."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LYNC_VERSIONS

# Pool setting -> the server variable the topology import sets for it.
STATED_BY = {"external_nat": "edge_external_nat", "collocated_mediation": "collocated_mediation"}


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    stated = ctx.topology.stated_versions
    if stated:
        newest = max(stated, key=LYNC_VERSIONS.index)
        missing = sorted(set(stated) - set(ctx.topology.versions()), key=LYNC_VERSIONS.index)
        if ctx.topology.lync_version != newest or missing:
            pools = ", ".join(
                f"{version} (hostvars[{host!r}].{ctx.topology.term('pool_version')})"
                for version, host in sorted(stated.items(), key=lambda item: LYNC_VERSIONS.index(item[0]))
            )
            yield (
                "lync_version",
                ctx.topology.locate(("topology", "lync_version")),
                (
                    f"{ctx.topology.term('lync_version')} is {ctx.topology.lync_version}"
                    + (
                        f" and {ctx.topology.term('coexisting_versions')} is {list(ctx.topology.coexisting_versions)}"
                        if ctx.topology.coexisting_versions
                        else ""
                    )
                    + f", but the Lync topology's pools run {pools}; the declared version is used, and it decides which "
                    "list qualifies a device. With two inventory sources that both set it, the later -i wins: set it in "
                    "one place, or let the topology set it."
                ),
            )
    for pool in ctx.topology.pools.values():
        for setting, (stated, host) in pool.stated.items():
            declared = pool.declared.get(setting, stated)
            if declared == stated:
                continue
            source = f"hostvars[{host!r}].{ctx.topology.term(STATED_BY[setting])}"
            yield (
                pool.fqdn,
                ctx.topology.locate(("topology", "pools", pool.fqdn, setting)),
                (
                    f"{ctx.topology.setting(pool, setting)} is {str(declared).lower()} but the Lync topology states "
                    f"{str(stated).lower()} ({source}); the declared value is used. Correct the declaration, or the "
                    "topology document if it is stale, so that both say the same."
                ),
            )


RULE = Rule(
    id="TOPOLOGY_CONTRADICTION",
    severity="warning",
    title="Declared pool setting contradicts the Lync topology",
    description="When the inventory is built from the Lync topology (the lync_topology inventory plugin), the "
    "topology states some settings itself: each pool's Lync version (lync_pool_version), whether an Edge pool's "
    "external addresses are translated by NAT, whether a Mediation Server is collocated on a Front End pool. A "
    "lync_version that is not the newest version of the topology's pools, or that with lync_coexisting_versions "
    "leaves one of them out, contradicts it too (two inventory sources setting lync_version: the later -i wins). A value declared in lync_pools wins, but one "
    "that contradicts the topology means one of the two is wrong.",
    fix="Make lync_pools and the topology agree, or drop the setting from lync_pools and let the topology state it.",
    sources=(SOURCES["M3"], SOURCES["L13a"]),
    check=_check,
)
