# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LYNC_VERSION_OUTSIDE_LIST: a Skype for Business Server topology is checked against both of Microsoft's lists."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES

_NAMES = {"sfb2015": "Skype for Business Server 2015", "sfb2019": "Skype for Business Server 2019"}


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    version = ctx.topology.lync_version
    if version in _NAMES:
        yield (
            "topology",
            ctx.topology.locate(("topology", "lync_version")),
            (
                f"the Lync Server partner list was qualified for Lync Server, but Microsoft's Skype for Business planning "
                f'page (Load balancing requirements for Skype for Business) states that it "applies to Skype for '
                f'Business Server": the load balancers of this {_NAMES[version]} topology were checked against it and '
                "against Microsoft's Skype for Business list (Load Balancers), and each verdict says which list matched."
            ),
        )


RULE = Rule(
    id="LYNC_VERSION_OUTSIDE_LIST",
    severity="info",
    title="Skype for Business Server topology: checked against both lists",
    description="Microsoft's partner list qualifies load balancers for Lync Server (its devices are backwards "
    "compatible with Office Communications Server 2007 R2). Microsoft's Skype for Business planning page says of "
    'that list "The content there applies to Skype for Business Server", and a separate, shorter "Load '
    'Balancers" page lists devices tested with Skype for Business Server 2015. For sfb2015 and sfb2019 a device '
    "on either list is qualified, and each load balancer's result (entry.list) says which list matched; this "
    "finding records that the topology is newer than the Lync list, for the report. No list names Skype for "
    "Business Server 2019 devices of its own.",
    fix="Nothing to fix. For a device on the Lync list only, read the vendor's Skype for Business deployment guide "
    "too; raise the severity with severity_overrides to make the finding fail a run.",
    sources=(SOURCES["M1"], SOURCES["M6"], SOURCES["SEED"]),
    check=_check,
)
