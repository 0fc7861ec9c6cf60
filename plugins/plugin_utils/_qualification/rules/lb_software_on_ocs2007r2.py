# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_SOFTWARE_ON_OCS2007R2: a software load balancer in an Office Communications Server 2007 R2 topology."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    if ctx.topology.lync_version != "ocs2007r2":
        return
    for name, lb in ctx.topology.load_balancers.items():
        if lb.form_factor == "software":
            yield (
                name,
                ctx.lb_path(name, "form_factor"),
                (
                    f"software load balancer in an OCS 2007 R2 topology: Microsoft's list states backward compatibility "
                    "with Office Communications Server 2007 R2 for the hardware load balancers only. Use a qualified "
                    f"hardware load balancer, or correct {ctx.topology.term('form_factor')}."
                ),
            )


RULE = Rule(
    id="LB_SOFTWARE_ON_OCS2007R2",
    severity="error",
    title="Software load balancer in an OCS 2007 R2 topology",
    description="The qualified list's note \"these devices are backwards compatible with Office Communications Server "
    '2007 R2" stands under the hardware load balancer table only: the software load balancers were qualified for '
    "Lync Server, not for OCS 2007 R2, which supports hardware load balancing only.",
    fix="Front OCS 2007 R2 pools with a qualified hardware load balancer.",
    sources=(SOURCES["SEED"], SOURCES["O7b"]),
    check=_check,
)
