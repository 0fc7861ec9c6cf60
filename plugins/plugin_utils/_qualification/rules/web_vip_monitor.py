# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WEB_VIP_MONITOR: a web services VIP whose health monitor probes neither 5061 nor the pool's monitoring port."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._vips import setting_findings
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    yield from setting_findings(
        ctx.vips, "monitor_port", ("The monitor must stop web traffic to a server whose Front End service is down.")
    )


RULE = Rule(
    id="WEB_VIP_MONITOR",
    severity="error",
    title="Web services VIP monitors the wrong port",
    description='Microsoft\'s port monitoring table gives every web services VIP the monitor "Front End 5061", so '
    "that web traffic stops when the Front End service stops; Topology Builder's \"hardware load balancer "
    'monitoring port" names another port for the load balancer to probe. Decision where the sources are silent '
    "(no monitor is given for Director web VIPs, nor whether the Topology Builder port replaces 5061): a web "
    "services VIP of a Front End or Director pool must probe 5061 or the pool's hlb_monitoring_port.",
    fix="Point the web VIPs' health monitor at the servers' port 5061, or set the pool's hlb_monitoring_port to the "
    "port it probes.",
    sources=(SOURCES["M1"], SOURCES["L13a"], SOURCES["M9"]),
    check=_check,
)
