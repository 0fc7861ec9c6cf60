# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a rule is, what it sees and what it reports.

PRIVATE to the collection. No Ansible import.

A rule is one small module in this package with a ``RULE``: a stable ID, a default severity, a short doc (what, why,
how to fix), its sources, and a ``check`` generator that yields findings from a :class:`Context`. Rules never raise
on bad data: the topology they see has already been validated.
"""

from __future__ import annotations

import functools
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Status
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import _vips
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import Source

if t.TYPE_CHECKING:  # pragma: no cover
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Assessment
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import Dataset
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import (
        LoadBalancer,
        Pool,
        Topology,
    )

SEVERITIES = ("error", "warning", "info")
LYNC_2013_AND_LATER = ("lync2013", "sfb2015", "sfb2019")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    subject: str
    path: str
    message: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "path": self.path,
            "message": self.message,
            "source": self.source,
        }


@dataclass(frozen=True)
class Context:
    """What every rule sees: the validated topology, the dataset and each load balancer's assessment."""

    topology: Topology
    dataset: Dataset
    assessments: dict[str, Assessment]
    version_policy: str

    @functools.cached_property
    def vips(self) -> _vips.VipIndex:
        """The declared VIPs grouped by pool and side with the requirements that apply: built once, read by every
        VIP rule."""
        return _vips.build(self.topology)

    def pools(self, role: str) -> t.Iterator[Pool]:
        return (pool for pool in self.topology.pools.values() if pool.role == role)

    def load_balancers(self, status: Status) -> t.Iterator[tuple[str, LoadBalancer, Assessment]]:
        """(name, load balancer, assessment) of each load balancer whose assessment has ``status`` (a Status: a
        misspelt text raises instead of silently matching nothing)."""
        status = Status(status)
        for name, lb in self.topology.load_balancers.items():
            if self.assessments[name].status == status:
                yield name, lb, self.assessments[name]

    def lb_path(self, name: str, field: str | None = None) -> str:
        return self.topology.locate(("load_balancers", name) + ((field,) if field else ()))

    def ha_groups(self) -> list[tuple[str, ...]]:
        """Each HA pair or cluster once, members in reference order: every reference of two or more declared load
        balancers (names listed together, or one name with its ha_peers)."""
        groups: dict[frozenset[str], tuple[str, ...]] = {}
        declared = self.topology.load_balancers
        for pool in self.topology.pools.values():
            for names in pool.referenced_load_balancers().values():
                members = tuple(name for name in names if name in declared)
                if len(members) > 1:
                    groups.setdefault(frozenset(members), members)
        for name, lb in declared.items():
            members = tuple(dict.fromkeys((name, *(peer for peer in lb.ha_peers if peer in declared))))
            if len(members) > 1 and not any(set(members) <= set(group) for group in groups):
                groups.setdefault(frozenset(members), members)
        return list(groups.values())

    def product_of(self, name: str) -> tuple[str | None, ...]:
        """What makes two devices the same product: the matched qualified entry (or the declared vendor and product,
        when none matched) and the form factor."""
        lb = self.topology.load_balancers[name]
        entry = self.assessments[name].entry
        if entry is not None:
            return (entry.id, lb.form_factor)
        vendor = self.dataset.canonical_vendor(lb.vendor) or lb.vendor.casefold()
        return (vendor, " ".join(lb.product.casefold().split()), lb.form_factor)

    def describe_device(self, name: str) -> str:
        lb = self.topology.load_balancers[name]
        entry = self.assessments[name].entry
        product = entry.display_name if entry is not None else f"{lb.vendor} {lb.product}"
        return f"{product} ({lb.form_factor})"

    @staticmethod
    def same_version(first: str, second: str) -> bool:
        """Whether two version texts name the same release (11.6.1 HF2 and 11.6.1-hf2), as the version engine reads
        them; texts it cannot read are compared ignoring case and surrounding spaces."""
        try:
            return versions.parse_version(first).identity() == versions.parse_version(second).identity()
        except versions.VersionError:
            return first.strip().casefold() == second.strip().casefold()

    def names(self, members: t.Iterable[str]) -> str:
        """'ltm01' or 'ltm01 + ltm02' (the members of an HA pair), for messages."""
        return " + ".join(repr(name) for name in members)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    description: str
    fix: str
    sources: tuple[Source, ...]
    # Yields (subject, path, message), or (subject, path, message, severity) where the severity depends on the case
    # (FE_POOL_TWO_SERVERS: an error for one Lync version, a warning for others).
    check: t.Callable[[Context], t.Iterable[tuple[str, ...]]]

    @property
    def source(self) -> str:
        return self.sources[0].url

    def findings(self, context: Context, override: str | None = None) -> t.Iterator[Finding]:
        """The rule's findings: at ``override`` when the user overrides the rule's severity, else at the severity the
        check gives the finding, else at the rule's default severity."""
        for subject, path, message, *severity in self.check(context):
            yield Finding(
                self.id, override or (severity[0] if severity else self.severity), subject, path, message, self.source
            )

    def to_dict(self) -> dict[str, t.Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "title": self.title,
            "description": self.description,
            "fix": self.fix,
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
        }


def needs_balancing(pool: Pool) -> bool:
    """A pool with a single server needs no load balancer."""
    return len(pool.servers) >= 2


def missing_hlb(pool: Pool, topology: Topology) -> str:
    """Why a multi-server Front End or Director pool lacks the hardware load balancer it needs ('' when it has one).

    OCS 2007 R2: the hardware load balancer carries all traffic. Lync Server 2010 and later: with DNS load balancing
    for SIP, web traffic still needs a hardware load balancer (``load_balancer`` or ``web_load_balancer``).
    """
    if not needs_balancing(pool) or pool.load_balancer:
        return ""
    lb_key = topology.setting(pool, "load_balancer")
    web_key = topology.setting(pool, "web_load_balancer")
    if topology.lync_version == "ocs2007r2":
        return f"has no hardware load balancer: in OCS 2007 R2 it carries all pool traffic; set {lb_key}."
    if pool.load_balancing == "dns":
        if pool.web_load_balancer:
            return ""
        return (
            "uses DNS load balancing for SIP but has no hardware load balancer for its web traffic, which DNS "
            f"cannot balance: set {web_key} (or {lb_key})."
        )
    return (
        f"has no hardware load balancer: set {lb_key}, or use {topology.setting(pool, 'load_balancing')}: dns "
        f"with a {web_key}."
    )
