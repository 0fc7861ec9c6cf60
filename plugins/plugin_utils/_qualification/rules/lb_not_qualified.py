# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_NOT_QUALIFIED: the vendor, product or model is on neither qualified list."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, lb, found in ctx.load_balancers("not_qualified"):
        what = f"vendor {lb.vendor!r}" if found.unknown_vendor else (
            f"{lb.vendor!r} {lb.product!r}" + (f" model {lb.model!r}" if lb.model else ""))
        label = "qualified vendors" if found.unknown_vendor and len(found.suggestions) > 3 else "closest qualified"
        hint = f"; {label}: {', '.join(found.suggestions)}" if found.suggestions else ""
        field = "vendor" if found.unknown_vendor else ("model" if lb.model else "product")
        yield name, ctx.lb_path(name, field), (
            f"{what} is not on Microsoft's qualified load balancer list{hint}. "
            "Use a qualified device, correct the name, or add a site-approved entry with extra_dataset."
        )


RULE = Rule(
    id="LB_NOT_QUALIFIED",
    severity="error",
    title="Load balancer is not on the qualified list",
    description="Microsoft supports load balancers that the vendor tested and Microsoft reviewed for Lync Server; "
    "a device that is on neither the hardware nor the software list was not qualified.",
    fix="Declare a qualified vendor / product / model (names are matched ignoring case, spacing and punctuation), "
    "or record a site-approved device with extra_dataset.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
