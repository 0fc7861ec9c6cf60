# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_VERSION_UNPARSEABLE: the declared software version cannot be read."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, _lb, found in ctx.load_balancers(Status.VERSION_UNPARSEABLE):
        yield (
            name,
            ctx.lb_path(name, "version"),
            (
                f"{found.version_error}. Write the version as the device reports it, e.g. '11.6.1 HF2', "
                "'10.5-57.7', '7.1-18b'."
            ),
        )


RULE = Rule(
    id="LB_VERSION_UNPARSEABLE",
    severity="error",
    title="Software version cannot be read",
    description="Without a readable version the device cannot be compared with the tested versions.",
    fix="Write the version as the device reports it (see docs/version-semantics.md).",
    sources=(SOURCES["SEED"],),
    check=_check,
)
