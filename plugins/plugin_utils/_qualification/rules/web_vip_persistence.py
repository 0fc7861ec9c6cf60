# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_VIP_PERSISTENCE: a web services VIP without the persistence Microsoft requires."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips,
        "persistence",
        (
            "Internal web services need source-address (or cookie) persistence on 80 and 443; where Lync Server 2010 "
            "Front End pools are retained, external web services keep the cookie persistence Lync Server 2010 requires."
        ),
    )


RULE = Rule(
    id="WEB_VIP_PERSISTENCE",
    severity="error",
    title="Web services VIP without the required persistence",
    description="Microsoft asks for source-address persistence on the internal web services VIPs (ports 80 and 443) "
    "of Front End and Director pools; cookie persistence is accepted too, as cookies where they are not required "
    'have "no negative impact". Where Lync Server 2010 Front End pools are retained (lync_version or '
    'coexisting_versions includes lync2010), "you still use cookie-based persistence as it is deployed and '
    'configured for Lync Server 2010": decision of this collection (the Lync Server 2010 pages are only partly '
    "available), Lync Server 2010 requires cookie persistence for external clients, so the external web services "
    "VIPs then need persistence: cookie. Rows web-internal-persistence and web-lync2010-cookie-persistence of "
    "data/lb_requirements.yml.",
    fix="Set persistence: source_address on the internal web VIPs (or cookie, with the MS-WSMAN cookie); with Lync "
    "Server 2010 retained, persistence: cookie on the external web VIPs.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"], SOURCES["L10f"]),
    check=_check,
)
