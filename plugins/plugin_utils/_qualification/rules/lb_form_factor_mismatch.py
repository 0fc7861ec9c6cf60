# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""LB_FORM_FACTOR_MISMATCH: the product (or model) is qualified only in the other form factor."""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status, describe
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import Context, Rule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import SOURCES


def _check(ctx: Context) -> t.Iterator[tuple[str, str, str]]:
    for name, lb, found in ctx.load_balancers(Status.FORM_FACTOR_MISMATCH):
        qualified = ", ".join(describe(e) for e in found.other_form_entries)
        yield (
            name,
            ctx.lb_path(name, "form_factor"),
            (
                f"{lb.product!r}"
                + (f" model {lb.model!r}" if lb.model else "")
                + f" is declared {lb.form_factor}, but it is qualified only as {qualified}. "
                "Correct form_factor, or use the qualified product of that form factor."
            ),
        )


RULE = Rule(
    id="LB_FORM_FACTOR_MISMATCH",
    severity="error",
    title="Qualified only in the other form factor",
    description="The list qualifies hardware and software (virtual) load balancers separately; a product that is "
    "qualified as a virtual appliance (Netscaler VPX, Stingray, LoadMaster VLM) is not qualified as hardware, "
    "and the reverse (FortiADC hardware is not qualified as software). A family name (BIG-IP LTM, NetScaler, "
    "LoadMaster, ALOHA, AX Series, Enterprise) names the family's rows of both form factors, so it gets this "
    "finding only when no row of the family has the declared form factor; a name or model of one form "
    "(NetScaler VPX, MPX 8200, VLM-100) keeps its form.",
    fix="Set form_factor to what the device really is; if it is right, the device is not qualified in that form.",
    sources=(SOURCES["SEED"],),
    check=_check,
)
