# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_VERSION_NEWER_THAN_TESTED: accepted only because version_policy is minimum."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status, tested_text
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, lb, found in ctx.load_balancers(Status.NEWER_THAN_TESTED):
        yield (
            name,
            ctx.lb_path(name, "version"),
            (
                f"version {lb.version!r} is newer than the tested versions ({tested_text([found.entry] if found.entry else [])}); "
                "accepted because version_policy is minimum. Check the vendor's Lync guide for this release."
            ),
        )


RULE = Rule(
    id="LB_VERSION_NEWER_THAN_TESTED",
    severity="warning",
    title="Software version is newer than tested",
    description="With version_policy minimum, a version above the lowest tested one is accepted, but it is not "
    "one Microsoft's list names.",
    fix="Confirm the release with the vendor's deployment guide, or run a tested version.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
