# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""MOBILITY_REQUEST_LB: mobile clients deployed, but the web VIPs balance connections, not requests."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips,
        "request_level_lb",
        (
            "With mobility, each request inside a TCP connection must be balanced on its own (F5 OneConnect or "
            "equivalent)."
        ),
    )


RULE = Rule(
    id="MOBILITY_REQUEST_LB",
    severity="error",
    title="Mobility without request-level load balancing",
    description='"If you are deploying mobile devices, your hardware load balancer must be able to load balance '
    'individual request within a TCP session". Checked on the web services VIPs of pools with mobility: true.',
    fix="Enable request-level balancing on the web VIPs (F5 OneConnect, or the vendor's equivalent) and declare "
    "request_level_lb: true.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"]),
    check=_check,
)
