# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How one declared load balancer compares with the qualified dataset.

PRIVATE to the collection. No Ansible import. Computed once per load balancer and shared by the LB_* rules, through
the same :meth:`Dataset.find` the lookup uses, so the lookup and the assert module never disagree.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import Dataset, Entry
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LoadBalancer

# Best first: with several matching entries, the load balancer gets the best verdict any of them gives.
_VERDICT_RANK = {versions.Verdict.ACCEPTED: 0, versions.Verdict.NEWER_THAN_TESTED: 1, versions.Verdict.NOT_TESTED: 2}


@dataclass(frozen=True)
class Assessment:
    """status: qualified | newer_than_tested | not_qualified | form_factor_mismatch | version_not_tested |
    version_unparseable."""

    status: str
    entry: Entry | None
    other_form_entries: tuple[Entry, ...] = ()
    suggestions: tuple[str, ...] = ()
    version_error: str = ""
    unknown_vendor: bool = False

    @property
    def verdict(self) -> str | None:
        return {
            "qualified": "accepted",
            "newer_than_tested": "newer_than_tested",
            "version_not_tested": "not_tested",
            "version_unparseable": "unparseable",
        }.get(self.status)


def assess(lb: LoadBalancer, dataset: Dataset, policy: str) -> Assessment:
    named = dataset.find(vendor=lb.vendor, product=lb.product, model=lb.model)
    if not named:
        return Assessment(
            "not_qualified",
            None,
            suggestions=tuple(dataset.suggest(lb.vendor, lb.product, lb.model)),
            unknown_vendor=dataset.canonical_vendor(lb.vendor) is None,
        )
    same_form = [e for e in named if e.form_factor == lb.form_factor]
    if not same_form:
        named_by_model = any(e.match_score(lb.product, lb.model) == 2 for e in named)
        if lb.model and not named_by_model and dataset.find(vendor=lb.vendor, product=lb.product,
                                                            form_factor=lb.form_factor):
            # The product exists in the declared form factor, only not with this model (LoadMaster VLM-200
            # declared software): a model problem, not a form-factor one.
            return Assessment("not_qualified", None, suggestions=tuple(dataset.suggest(lb.vendor, lb.product, lb.model)))
        return Assessment("form_factor_mismatch", None, other_form_entries=tuple(named))
    try:
        version = versions.parse_version(lb.version)
    except versions.VersionError as exc:
        return Assessment("version_unparseable", same_form[0], version_error=str(exc))
    verdict, entry = min(
        ((versions.evaluate(e.versions, version, policy), e) for e in same_form),
        key=lambda pair: _VERDICT_RANK[pair[0]],
    )
    status = {
        versions.Verdict.ACCEPTED: "qualified",
        versions.Verdict.NEWER_THAN_TESTED: "newer_than_tested",
        versions.Verdict.NOT_TESTED: "version_not_tested",
    }[verdict]
    return Assessment(status, entry)


def describe(entry: Entry) -> str:
    """'F5 BIG-IP Local Traffic Manager (hardware)', with a note for user-added entries."""
    origin = "" if entry.origin == "seed" else f", from {entry.origin.replace('extra:', 'extra_dataset ')}"
    return f"{entry.display_name} ({entry.form_factor}{origin})"


def tested_text(entries: t.Iterable[Entry]) -> str:
    return "; ".join(f"{describe(e)}: {e.versions_tested}" for e in entries)
