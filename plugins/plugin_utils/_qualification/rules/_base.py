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

import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.sources import Source

if t.TYPE_CHECKING:  # pragma: no cover
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import Assessment
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import Dataset
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LoadBalancer, Pool, Topology

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

    def pools(self, role: str) -> t.Iterator[Pool]:
        return (pool for pool in self.topology.pools.values() if pool.role == role)

    def load_balancers(self, status: str) -> t.Iterator[tuple[str, LoadBalancer, Assessment]]:
        """(name, load balancer, assessment) of each load balancer whose assessment has ``status``."""
        for name, lb in self.topology.load_balancers.items():
            if self.assessments[name].status == status:
                yield name, lb, self.assessments[name]

    def lb_path(self, name: str, field: str | None = None) -> str:
        return self.topology.locate(("load_balancers", name) + ((field,) if field else ()))


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    description: str
    fix: str
    sources: tuple[Source, ...]
    check: t.Callable[[Context], t.Iterable[tuple[str, str, str]]]

    @property
    def source(self) -> str:
        return self.sources[0].url

    def findings(self, context: Context, severity: str) -> t.Iterator[Finding]:
        """The rule's findings at ``severity``; ``check`` yields (subject, path, message) triples."""
        for subject, path, message in self.check(context):
            yield Finding(self.id, severity, subject, path, message, self.source)

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


def missing_hlb(pool: Pool, lync_version: str) -> str:
    """Why a multi-server Front End or Director pool lacks the hardware load balancer it needs ('' when it has one).

    OCS 2007 R2: the hardware load balancer carries all traffic. Lync Server 2010 and later: with DNS load balancing
    for SIP, web traffic still needs a hardware load balancer (``load_balancer`` or ``web_load_balancer``).
    """
    if not needs_balancing(pool) or pool.load_balancer:
        return ""
    if lync_version == "ocs2007r2":
        return "has no hardware load balancer: in OCS 2007 R2 it carries all pool traffic; set load_balancer."
    if pool.load_balancing == "dns":
        if pool.web_load_balancer:
            return ""
        return ("uses DNS load balancing for SIP but has no hardware load balancer for its web traffic, which DNS "
                "cannot balance: set web_load_balancer (or load_balancer).")
    return "has no hardware load balancer: set load_balancer, or use load_balancing: dns with a web_load_balancer."
