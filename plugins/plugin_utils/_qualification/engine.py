# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run every rule over a validated topology and shape the result.

PRIVATE to the collection. No Ansible import.

Two phases, as Batfish's bf_assert does: options are checked first (:func:`check_options`) and the topology is
validated by :mod:`topology`; only then do all rules run, none stopping another, and every finding is reported.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import assess
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import Dataset
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import (
    RULES,
    SEVERITIES,
    Context,
    Finding,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import json_type
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import (
    InputError,
    Topology,
)

FAIL_ON = ("error", "warning", "never")
_FAILING = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@dataclass(frozen=True)
class Options:
    version_policy: str = versions.DEFAULT_POLICY
    skip_rules: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, str], ...] = ()
    fail_on: str = "error"


def check_options(
    version_policy: t.Any = versions.DEFAULT_POLICY,
    skip_rules: t.Any = (),
    severity_overrides: t.Any = None,
    fail_on: t.Any = "error",
) -> tuple[Options | None, list[InputError]]:
    """Validate the rule-selection options; unknown rule IDs are input errors that name them."""
    errors = []
    if version_policy not in versions.POLICIES:
        errors.append(InputError("version_policy", f"{version_policy!r} is not one of {', '.join(versions.POLICIES)}"))
    if fail_on not in FAIL_ON:
        errors.append(InputError("fail_on", f"{fail_on!r} is not one of {', '.join(FAIL_ON)}"))
    known = ", ".join(RULES)
    skip_rules = skip_rules or []
    if not isinstance(skip_rules, (list, tuple)):
        errors.append(InputError("skip_rules", f"expected a list of rule IDs, got a {json_type(skip_rules)}"))
        skip_rules = []
    for index, rule in enumerate(skip_rules):
        if rule not in RULES:
            errors.append(InputError(f"skip_rules[{index}]", f"unknown rule ID {rule!r}; known rules: {known}"))
    overrides = severity_overrides or {}
    if not isinstance(overrides, dict):
        errors.append(InputError("severity_overrides",
                                 f"expected a mapping of rule ID to severity, got a {json_type(overrides)}"))
        overrides = {}
    for rule, severity in overrides.items():
        if rule not in RULES:
            errors.append(InputError(f"severity_overrides[{rule!r}]", f"unknown rule ID {rule!r}; known rules: {known}"))
        elif severity not in SEVERITIES:
            errors.append(InputError(f"severity_overrides[{rule!r}]",
                                     f"{severity!r} is not one of {', '.join(SEVERITIES)}"))
    if errors:
        return None, errors
    return Options(version_policy, tuple(skip_rules), tuple(sorted(overrides.items())), fail_on), []


def run(topology: Topology, dataset: Dataset, options: Options) -> dict[str, t.Any]:
    """Every rule over ``topology``; the result dict the action plugin returns (minus Ansible's own keys)."""
    assessments = {name: assess(lb, dataset, options.version_policy) for name, lb in topology.load_balancers.items()}
    context = Context(topology, dataset, assessments, options.version_policy)
    overrides = dict(options.severity_overrides)
    findings: list[Finding] = []
    for rule_id, rule in RULES.items():
        if rule_id in options.skip_rules:
            continue
        findings.extend(rule.findings(context, overrides.get(rule_id)))

    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}
    error_subjects = {f.subject for f in findings if f.severity == "error"}
    fronts: dict[str, list[str]] = {name: [] for name in topology.load_balancers}
    for pool in topology.pools.values():
        for name in pool.members():
            if name in fronts:
                fronts[name].append(pool.fqdn)

    load_balancers = {}
    for name, lb in topology.load_balancers.items():
        found = assessments[name]
        load_balancers[name] = {
            **lb.to_dict(),
            "qualified": name not in error_subjects,
            "entry": found.entry.to_dict() if found.entry else None,
            "version_verdict": found.verdict,
            "pools": fronts[name],
        }
    pools = {}
    for fqdn, pool in topology.pools.items():
        lb_errors = any(name in error_subjects for name in pool.members())
        pools[fqdn] = {**pool.to_dict(), "qualified": fqdn not in error_subjects and not lb_errors}

    failing = _FAILING[options.fail_on]
    if counts["error"]:
        msg = f"Not qualified: {counts['error']} error(s), {counts['warning']} warning(s)."
    elif options.fail_on == "warning" and counts["warning"]:
        msg = f"Qualified, but failing on {counts['warning']} warning(s) (fail_on: warning)."
    else:
        msg = (f"Qualified: {len(load_balancers)} load balancer(s) and {len(pools)} pool(s) checked, "
               f"{counts['warning']} warning(s), {counts['info']} info(s).")
    listed = [f for f in findings if f.severity == "error" or f.severity in failing]
    if listed:
        msg += "\n" + "\n".join(f"{f.rule} {f.subject}: {f.message}" for f in listed)
    return {
        "qualified": not counts["error"],
        "failed": any(f.severity in failing for f in findings),
        "findings": [f.to_dict() for f in findings],
        "summary": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "load_balancers": len(load_balancers),
            "pools": len(pools),
        },
        "msg": msg,
        "version_policy": options.version_policy,
        "lync_version": topology.lync_version,
        "coexisting_versions": list(topology.coexisting_versions),
        "load_balancers": load_balancers,
        "pools": pools,
        "context": {
            "input_mode": topology.input_mode,
            "dataset_version": dataset.version,
            "extra_entries": sum(1 for e in dataset.entries if e.origin != "seed"),
            "rules": [rule_id for rule_id in RULES if rule_id not in options.skip_rules],
            "skipped_rules": list(options.skip_rules),
        },
    }


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _printable(text: str) -> str:
    """Control characters from the input shown escaped (\\x1b), so they cannot drive a terminal or a log."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def input_failure(errors: t.Sequence[InputError]) -> dict[str, t.Any]:
    """The result when the input is invalid: every problem, located, and no rule run."""
    escaped = [InputError(_printable(e.path), _printable(e.message)) for e in errors]
    lines = "\n".join(f"{e.path}: {e.message}" for e in escaped)
    return {
        "failed": True,
        "qualified": False,
        "msg": f"{len(escaped)} input error(s), no rule was run:\n{lines}",
        "input_errors": [e.to_dict() for e in escaped],
    }
