# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_DSR_UNSUPPORTED: direct server return on a Lync VIP."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips, "mode", ("Direct server return is not supported: use a proxy (SNAT) or routed mode.")
    )


RULE = Rule(
    id="LB_DSR_UNSUPPORTED",
    severity="error",
    title="Direct server return on a Lync VIP",
    description='"The direct server return (DSR) NAT is not supported with Skype for Business Server" (and, on '
    "the 2013 page, with Lync Server 2013): no VIP in front of a Lync pool may use mode: dsr. For Lync Server 2010 "
    "the requirement data keeps it as recommended (the 2010 statement could not be read), so it is not reported.",
    fix="Set the VIP's mode to proxy or routed.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"]),
    check=_check,
)
