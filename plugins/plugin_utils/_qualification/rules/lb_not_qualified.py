# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_NOT_QUALIFIED: the vendor, product or model is on no qualified list that counts for the topology."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, lb, found in ctx.load_balancers(Status.NOT_QUALIFIED):
        what = (
            f"vendor {lb.vendor!r}"
            if found.unknown_vendor
            else (f"{lb.vendor!r} {lb.product!r}" + (f" model {lb.model!r}" if lb.model else ""))
        )
        label = "qualified vendors" if found.unknown_vendor and len(found.suggestions) > 3 else "closest qualified"
        hint = f"; {label}: {', '.join(found.suggestions)}" if found.suggestions else ""
        field = "vendor" if found.unknown_vendor else ("model" if lb.model else "product")
        yield (
            name,
            ctx.lb_path(name, field),
            (
                f"{what} is not on Microsoft's qualified load balancer list{hint}. "
                "Use a qualified device, correct the name, or add a site-approved entry with extra_dataset."
            ),
        )


RULE = Rule(
    id="LB_NOT_QUALIFIED",
    severity="error",
    title="Load balancer is not on the qualified list",
    description="Microsoft supports load balancers that the vendor tested and Microsoft reviewed for Lync Server "
    "(and, for Skype for Business Server, also those of its Skype for Business list); a device that is on neither "
    "the hardware nor the software table of a list that counts for the topology was not qualified. Names are "
    "matched as administrators write them: case, spacing, punctuation, a vendor name in the product, a family name "
    "with a form factor (BIG-IP LTM declared software is the Virtual Edition), a model in the product text "
    "(LoadMaster LM-3600) or with its prefix (AX2500, Model 340). A model that the row does not list is not "
    "qualified. The message lists every row of the vendor that could fit, with its models and form factor, and "
    "the extra_dataset entries of the vendor that were considered.",
    fix="Declare a qualified vendor / product / model, or record a site-approved device with extra_dataset.",
    sources=(SOURCES["SEED"], SOURCES["M6"]),
    check=_check,
)
