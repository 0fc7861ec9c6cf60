# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_VIP_COOKIE: cookie persistence whose cookie breaks Microsoft's rules."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips,
        "cookie",
        (
            "The web services read the MS-WSMAN cookie: it must not be httpOnly, must not expire, and must be set in "
            "every response to a request without it."
        ),
    )


RULE = Rule(
    id="WEB_VIP_COOKIE",
    severity="error",
    title="Persistence cookie breaks Microsoft's cookie rules",
    description="When a web services VIP uses cookie persistence, the load balancer's cookie MUST be named "
    "MS-WSMAN, MUST NOT be marked httpOnly, MUST NOT have an expiration time, and MUST be set in every HTTP response "
    "whose request carried no cookie (no once-per-TCP-connection insert optimisation). Microsoft states these on "
    "the Lync Server 2013 and Skype for Business pages; this collection applies them to Lync Server 2010 too, since "
    "the cookie case is the Lync Server 2010 case and the web services read the cookie by name.",
    fix="Name the cookie MS-WSMAN, clear httpOnly and the expiry, and insert it on every response (F5: cookie insert "
    "without expiration; KEMP and NetScaler: their equivalents).",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"]),
    check=_check,
)
