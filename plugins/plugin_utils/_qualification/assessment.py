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

import enum
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


class Status(str, enum.Enum):
    """How a declared load balancer compares with the list: the one vocabulary of the engine, the LB_* rules and the
    result (``version_verdict`` is the version part of it)."""

    QUALIFIED = "qualified"
    NEWER_THAN_TESTED = "newer_than_tested"
    NOT_QUALIFIED = "not_qualified"
    FORM_FACTOR_MISMATCH = "form_factor_mismatch"
    VERSION_NOT_TESTED = "version_not_tested"
    VERSION_UNPARSEABLE = "version_unparseable"

    @property
    def version_verdict(self) -> str | None:
        """The version engine's word for it (``versions.Verdict``), ``unparseable``, or None (no entry matched)."""
        return _VERSION_VERDICT.get(self)


_VERSION_VERDICT = {
    Status.QUALIFIED: versions.Verdict.ACCEPTED.value,
    Status.NEWER_THAN_TESTED: versions.Verdict.NEWER_THAN_TESTED.value,
    Status.VERSION_NOT_TESTED: versions.Verdict.NOT_TESTED.value,
    Status.VERSION_UNPARSEABLE: "unparseable",
}
_STATUS_OF_VERDICT = {
    versions.Verdict.ACCEPTED: Status.QUALIFIED,
    versions.Verdict.NEWER_THAN_TESTED: Status.NEWER_THAN_TESTED,
    versions.Verdict.NOT_TESTED: Status.VERSION_NOT_TESTED,
}


@dataclass(frozen=True)
class Assessment:
    """``status``: see :class:`Status`. ``entry`` is the row the verdict rests on; ``candidates`` every row of the
    declared form factor that was compared (their tested versions, site entries included, are what a version message
    names)."""

    status: Status
    entry: Entry | None
    other_form_entries: tuple[Entry, ...] = ()
    suggestions: tuple[str, ...] = ()
    version_error: str = ""
    unknown_vendor: bool = False
    candidates: tuple[Entry, ...] = ()

    @property
    def verdict(self) -> str | None:
        return self.status.version_verdict


def assess(lb: LoadBalancer, dataset: Dataset, policy: str, lync_version: str | None = None) -> Assessment:
    """The verdict for ``lb`` in a topology of ``lync_version`` (``None``: every list counts)."""
    lists = dataset.lists_for(lync_version)
    named = dataset.match(vendor=lb.vendor, product=lb.product, model=lb.model, lists=lists)
    if not named.entries:
        return _not_qualified(lb, dataset, lists, unknown_vendor=dataset.canonical_vendor(lb.vendor) is None)
    same_form = dataset.find(
        vendor=lb.vendor, product=lb.product, model=lb.model, form_factor=lb.form_factor, lists=lists
    )
    if not same_form:
        if (
            named.models
            and not named.by_model
            and dataset.find(vendor=lb.vendor, product=named.name, form_factor=lb.form_factor, lists=lists)
        ):
            # The product exists in the declared form factor, only not with this model (LoadMaster VLM-200
            # declared software): a model problem, not a form-factor one.
            return _not_qualified(lb, dataset, lists)
        return Assessment(Status.FORM_FACTOR_MISMATCH, None, other_form_entries=named.entries)
    try:
        version = versions.parse_version(lb.version)
    except versions.VersionError as exc:
        return Assessment(Status.VERSION_UNPARSEABLE, same_form[0], version_error=str(exc), candidates=tuple(same_form))

    def lists_model(entry: Entry) -> bool:
        return bool(named.models and entry.models) and all(entry.accepts_model(m) for m in named.models)

    # Best verdict first; among equals, a row that lists the declared model, then (no model declared) a row that
    # accepts any model over one that lists models, then the list closest to the topology (the Skype for Business
    # list for sfb2015/sfb2019), then the dataset's order.
    verdict, entry = min(
        ((versions.evaluate(e.versions, version, policy), e) for e in same_form),
        key=lambda pair: (
            _VERDICT_RANK[pair[0]],
            not lists_model(pair[1]),
            not named.models and bool(pair[1].models),
            dataset.list_scope(pair[1]),
        ),
    )
    return Assessment(_STATUS_OF_VERDICT[verdict], entry, candidates=tuple(same_form))


def assess_all(
    load_balancers: t.Mapping[str, LoadBalancer], dataset: Dataset, policy: str, lync_version: str | None = None
) -> dict[str, Assessment]:
    """:func:`assess` for every load balancer (name -> verdict). Devices declared alike (the members of a pair, a
    fleet of one model and version) are assessed once: the verdict depends on nothing else."""
    verdicts: dict[tuple[t.Any, ...], Assessment] = {}
    assessed = {}
    for name, lb in load_balancers.items():
        key = (lb.vendor, lb.product, lb.model, lb.form_factor, lb.version)
        if key not in verdicts:
            verdicts[key] = assess(lb, dataset, policy, lync_version)
        assessed[name] = verdicts[key]
    return assessed


def _not_qualified(
    lb: LoadBalancer, dataset: Dataset, lists: t.Collection[str] | None, unknown_vendor: bool = False
) -> Assessment:
    return Assessment(
        Status.NOT_QUALIFIED,
        None,
        suggestions=tuple(dataset.suggest(lb.vendor, lb.product, lb.model, lists)),
        unknown_vendor=unknown_vendor,
    )


def describe(entry: Entry) -> str:
    """'F5 BIG-IP Local Traffic Manager (hardware)', with where the row comes from when not the Lync list."""
    return f"{entry.display_name} ({entry.form_factor}{origin_text(entry)})"


def tested_text(entries: t.Iterable[Entry]) -> str:
    return "; ".join(f"{describe(e)}: {e.versions_tested}" for e in entries)
