# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_VERSION_NOT_TESTED: the software version is not accepted under the version policy."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status, tested_text
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, lb, found in ctx.load_balancers(Status.VERSION_NOT_TESTED):
        yield (
            name,
            ctx.lb_path(name, "version"),
            (
                f"version {lb.version!r} is not among the tested versions under policy {ctx.version_policy!r}; "
                f"tested: {tested_text(found.candidates)}. Run a tested version"
                + (
                    ", or choose version_policy: minimum to accept newer ones as a warning."
                    if ctx.version_policy != "minimum"
                    else "; it is older than every tested version."
                )
            ),
        )


RULE = Rule(
    id="LB_VERSION_NOT_TESTED",
    severity="error",
    title="Software version was not tested",
    description="Qualification covers the software versions the vendor tested; the device runs another one "
    "under the chosen version_policy (exact, release_train or minimum).",
    fix="Upgrade or downgrade to a tested version, or relax version_policy.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
