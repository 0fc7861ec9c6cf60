# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_MIXED_LB_TYPE: DNS load balancing on one Edge interface and hardware on the other."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    Context,
    Rule,
    needs_balancing,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for pool in ctx.pools("edge"):
        if needs_balancing(pool) and pool.internal_load_balancing != pool.external_load_balancing:
            yield (
                pool.fqdn,
                pool.path,
                (
                    f"internal interface uses {pool.internal_load_balancing} load balancing and external uses "
                    f"{pool.external_load_balancing}: both Edge interfaces must use the same type."
                ),
            )


RULE = Rule(
    id="EDGE_MIXED_LB_TYPE",
    severity="error",
    title="Edge interfaces mix DNS and hardware load balancing",
    description="Using DNS load balancing on one Edge interface and hardware load balancing on the other is not "
    "supported: both interfaces use DNS load balancing, or both use hardware load balancers.",
    fix="Set internal_load_balancing and external_load_balancing to the same value.",
    sources=(SOURCES["L13a"], SOURCES["M1"]),
    check=_check,
)
