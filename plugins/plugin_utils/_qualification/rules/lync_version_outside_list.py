# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LYNC_VERSION_OUTSIDE_LIST: Skype for Business Server is outside what this list qualified."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES

_NAMES = {"sfb2015": "Skype for Business Server 2015", "sfb2019": "Skype for Business Server 2019"}


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    version = ctx.topology.lync_version
    if version in _NAMES:
        yield "topology", ctx.topology.locate(("topology", "lync_version")), (
            f"the list was qualified for Lync Server and is backwards compatible with OCS 2007 R2 only; "
            f"{_NAMES[version]} has its own qualified list: check the devices against it too."
        )


RULE = Rule(
    id="LYNC_VERSION_OUTSIDE_LIST",
    severity="warning",
    title="Topology is newer than the qualified list",
    description="The qualified list covers Lync Server, and its devices are backwards compatible with Office "
    "Communications Server 2007 R2; Skype for Business Server has a separate qualified list.",
    fix="Check the load balancers against the Skype for Business qualified list as well.",
    sources=(SOURCES["SEED"], SOURCES["M6"]),
    check=_check,
)
