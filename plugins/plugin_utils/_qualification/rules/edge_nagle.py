# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EDGE_NAGLE: Nagle left on where Microsoft asks to turn it off on the Edge VIPs."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(ctx.vips, "nagle", ("Nagle delays the small TURN-over-TCP packets of audio and video."))


RULE = Rule(
    id="EDGE_NAGLE",
    severity="error",
    title="TCP Nagle on the Edge's 443 or media ports",
    description='For Edge Servers running the A/V Edge service: "Turn off TCP nagling for both internal and '
    'external ports 443" and "for external port range 50,000 - 59,999". Reported on the internal Edge VIP and '
    "the A/V Edge VIP when they listen on 443/tcp or on the media range. Decision: the statement sits in the A/V "
    "Edge list, so on the Access and Web Conferencing VIPs it stays a recommendation (not reported).",
    fix="Set nagle: false on those VIPs (F5: a TCP profile with Nagle disabled; KEMP and NetScaler: their "
    "equivalents).",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"], SOURCES["L10e"]),
    check=_check,
)
