# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How one declared load balancer compares with the qualified dataset.

PRIVATE to the collection. No Ansible import. Computed once per load balancer and shared by the LB_* rules, through
the same :meth:`Dataset.match` the lookup uses, so the lookup and the assert module never disagree. Only the rows of
the lists that count for the topology's ``lync_version`` are considered (:meth:`Dataset.lists_for`): the Lync list
for every version, the Skype for Business list for sfb2015 and sfb2019, site entries (extra_dataset) always.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import (
    Dataset,
    Entry,
    origin_text,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LoadBalancer

# Best first: with several matching entries, the load balancer gets the best verdict any of them gives.
_VERDICT_RANK = {versions.Verdict.ACCEPTED: 0, versions.Verdict.NEWER_THAN_TESTED: 1, versions.Verdict.NOT_TESTED: 2}


@dataclass(frozen=True)
class Assessment:
    """status: qualified | newer_than_tested | not_qualified | form_factor_mismatch | version_not_tested |
    version_unparseable. ``entry`` is the row the verdict rests on; ``candidates`` every row of the declared form
    factor that was compared (their tested versions, site entries included, are what a version message names)."""

    status: str
    entry: Entry | None
    other_form_entries: tuple[Entry, ...] = ()
    suggestions: tuple[str, ...] = ()
    version_error: str = ""
    unknown_vendor: bool = False
    candidates: tuple[Entry, ...] = ()

    @property
    def verdict(self) -> str | None:
        return {
            "qualified": "accepted",
            "newer_than_tested": "newer_than_tested",
            "version_not_tested": "not_tested",
            "version_unparseable": "unparseable",
        }.get(self.status)


def assess(lb: LoadBalancer, dataset: Dataset, policy: str, lync_version: str | None = None) -> Assessment:
    """The verdict for ``lb`` in a topology of ``lync_version`` (``None``: every list counts)."""
    lists = dataset.lists_for(lync_version)
    named = dataset.match(vendor=lb.vendor, product=lb.product, model=lb.model, lists=lists)
    if not named.entries:
        return _not_qualified(lb, dataset, lists, unknown_vendor=dataset.canonical_vendor(lb.vendor) is None)
    same_form = dataset.find(vendor=lb.vendor, product=lb.product, model=lb.model, form_factor=lb.form_factor,
                             lists=lists)
    if not same_form:
        if named.models and not named.by_model and dataset.find(vendor=lb.vendor, product=named.name,
                                                                form_factor=lb.form_factor, lists=lists):
            # The product exists in the declared form factor, only not with this model (LoadMaster VLM-200
            # declared software): a model problem, not a form-factor one.
            return _not_qualified(lb, dataset, lists)
        return Assessment("form_factor_mismatch", None, other_form_entries=named.entries)
    try:
        version = versions.parse_version(lb.version)
    except versions.VersionError as exc:
        return Assessment("version_unparseable", same_form[0], version_error=str(exc), candidates=tuple(same_form))

    def lists_model(entry: Entry) -> bool:
        return bool(named.models and entry.models) and all(entry.accepts_model(m) for m in named.models)

    # Best verdict first; among equals, a row that lists the declared model, then (no model declared) a row that
    # accepts any model over one that lists models, then the list closest to the topology (the Skype for Business
    # list for sfb2015/sfb2019), then the dataset's order.
    verdict, entry = min(
        ((versions.evaluate(e.versions, version, policy), e) for e in same_form),
        key=lambda pair: (_VERDICT_RANK[pair[0]], not lists_model(pair[1]),
                          not named.models and bool(pair[1].models), dataset.list_scope(pair[1])),
    )
    status = {
        versions.Verdict.ACCEPTED: "qualified",
        versions.Verdict.NEWER_THAN_TESTED: "newer_than_tested",
        versions.Verdict.NOT_TESTED: "version_not_tested",
    }[verdict]
    return Assessment(status, entry, candidates=tuple(same_form))


def _not_qualified(lb: LoadBalancer, dataset: Dataset, lists: t.Collection[str] | None,
                   unknown_vendor: bool = False) -> Assessment:
    return Assessment("not_qualified", None, suggestions=tuple(dataset.suggest(lb.vendor, lb.product, lb.model, lists)),
                      unknown_vendor=unknown_vendor)


def describe(entry: Entry) -> str:
    """'F5 BIG-IP Local Traffic Manager (hardware)', with where the row comes from when not the Lync list."""
    return f"{entry.display_name} ({entry.form_factor}{origin_text(entry)})"


def tested_text(entries: t.Iterable[Entry]) -> str:
    return "; ".join(f"{describe(e)}: {e.versions_tested}" for e in entries)
