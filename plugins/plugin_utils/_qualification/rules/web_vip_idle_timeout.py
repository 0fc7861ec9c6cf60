# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_VIP_IDLE_TIMEOUT: a web services VIP with a TCP idle timeout under Microsoft's 1800 seconds."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips,
        "idle_timeout",
        (
            "A shorter timeout cuts the long-lived web connections (address book, conferencing, mobility) of idle "
            "clients."
        ),
    )


RULE = Rule(
    id="WEB_VIP_IDLE_TIMEOUT",
    severity="error",
    title="Web services VIP idle timeout under 1800 seconds",
    description="Microsoft's web services settings for Front End and Director pools: \"Use TCP idle timeout of 1800 "
    'seconds." A longer timeout is accepted. Checked for Lync Server 2013 and later; for Lync Server 2010 the '
    "requirement data keeps the value as recommended only (its own page could not be read), so it is not reported.",
    fix="Set the TCP idle timeout of the web services VIPs to 1800 seconds or more.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M4"]),
    check=_check,
)
