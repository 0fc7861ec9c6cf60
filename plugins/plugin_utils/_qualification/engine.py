# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run every rule over a validated topology and shape the result.

PRIVATE to the collection. No Ansible import.

Two phases, as Batfish's bf_assert does: options are checked first (:func:`check_options`) and the topology is
validated by :mod:`topology`; only then do all rules run, none stopping another, and every finding is reported.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import (
    Assessment,
    assess_all,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.dataset import Dataset, shipped
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import printable
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.result import build_result
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import (
    RULES,
    SEVERITIES,
    Context,
    Finding,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import needs_balancing
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import json_type
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import (
    InputError,
    Pool,
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
        errors.append(
            InputError("severity_overrides", f"expected a mapping of rule ID to severity, got a {json_type(overrides)}")
        )
        overrides = {}
    for rule, severity in overrides.items():
        if rule not in RULES:
            errors.append(
                InputError(f"severity_overrides[{rule!r}]", f"unknown rule ID {rule!r}; known rules: {known}")
            )
        elif severity not in SEVERITIES:
            errors.append(
                InputError(f"severity_overrides[{rule!r}]", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
            )
    if errors:
        return None, errors
    return Options(version_policy, tuple(skip_rules), tuple(sorted(overrides.items())), fail_on), []


DETAILS = ("compact", "full")
# What a compact result keeps of each load balancer and each pool: the verdicts (the full layout: docs of RETURN).
LB_VERDICT_KEYS = ("qualified", "version_verdict")
POOL_VERDICT_KEYS = ("qualified",)


def run(
    topology: Topology,
    dataset: Dataset,
    options: Options,
    details: str = "full",
    inventory_reader: dict[str, t.Any] | None = None,
) -> dict[str, t.Any]:
    """Every rule over ``topology``; the result dict the action plugin returns (minus Ansible's own keys), built by
    :func:`result.build_result`. ``inventory_reader``: how the inventory was read, for the context (inventory mode).

    ``details="full"`` gives each load balancer and pool its layout beside its verdicts (the declared settings, the
    dataset entry and candidates, the resolved sides of each pool: what the report draws); ``"compact"`` (the module's
    default) the verdicts only (:data:`LB_VERDICT_KEYS`, :data:`POOL_VERDICT_KEYS`). :func:`compact` turns a full
    result into the compact one.
    """
    assessments = assess_all(topology.load_balancers, dataset, options.version_policy, topology.lync_version)
    context = Context(topology, dataset, assessments, options.version_policy)
    overrides = dict(options.severity_overrides)
    findings: list[Finding] = []
    for rule_id, rule in RULES.items():
        if rule_id in options.skip_rules:
            continue
        findings.extend(rule.findings(context, overrides.get(rule_id)))

    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}
    error_subjects = {f.subject for f in findings if f.severity == "error"}
    full = details == "full"
    fronts: dict[str, list[str]] = {name: [] for name in topology.load_balancers}
    if full:
        for pool in topology.pools.values():
            for name in pool.members():
                if name in fronts:
                    fronts[name].append(pool.fqdn)

    load_balancers = {}
    for name, lb in topology.load_balancers.items():
        found = assessments[name]
        verdict = {"qualified": name not in error_subjects, "version_verdict": found.verdict}
        load_balancers[name] = (
            verdict
            if not full
            else {
                **lb.to_dict(),
                **verdict,
                "entry": found.entry.to_dict() if found.entry else None,
                "pools": fronts[name],
                "suggestions": list(found.suggestions),
                "candidates": [entry.to_dict() for entry in _candidates(lb.vendor, found, dataset)],
            }
        )
    pools = {}
    for fqdn, pool in topology.pools.items():
        qualified = fqdn not in error_subjects and not any(name in error_subjects for name in pool.members())
        pools[fqdn] = (
            {"qualified": qualified}
            if not full
            else {**pool.to_dict(), "qualified": qualified, "sides": _sides(pool, topology, load_balancers)}
        )

    failing = _FAILING[options.fail_on]
    if counts["error"]:
        msg = f"Not qualified: {counts['error']} error(s), {counts['warning']} warning(s)."
    elif options.fail_on == "warning" and counts["warning"]:
        msg = f"Failing on {counts['warning']} warning(s) (fail_on: warning); no error, the layout is qualified."
    else:
        msg = (
            f"Qualified: {len(load_balancers)} load balancer(s) and {len(pools)} pool(s) checked, "
            f"{counts['warning']} warning(s), {counts['info']} info(s)."
        )
    listed = [f for f in findings if f.severity == "error" or f.severity in failing]
    if listed:
        msg += "\n" + "\n".join(f"{f.rule} {f.subject}: {f.message}" for f in listed)
    return build_result(
        msg=msg,
        failed=any(f.severity in failing for f in findings),
        qualified=not counts["error"],
        version_policy=options.version_policy,
        details="full" if full else "compact",
        input_mode=topology.input_mode,
        dataset_version=dataset.version,
        counts=counts,
        findings=[f.to_dict() for f in findings],
        load_balancers=load_balancers,
        pools=pools,
        versions=(topology.lync_version, topology.coexisting_versions),
        extra_entries=sum(1 for e in dataset.entries if e.origin != "seed"),
        rules=[rule_id for rule_id in RULES if rule_id not in options.skip_rules],
        skipped_rules=options.skip_rules,
        inventory_reader=inventory_reader,
    )


def compact(result: dict[str, t.Any]) -> dict[str, t.Any]:
    """The compact form of a full result of :func:`run` (a compact one comes back as it is)."""
    if result.get("details") != "full":
        return result
    return {
        **result,
        "details": "compact",
        "load_balancers": {
            name: {key: lb[key] for key in LB_VERDICT_KEYS} for name, lb in result["load_balancers"].items()
        },
        "pools": {fqdn: {key: pool[key] for key in POOL_VERDICT_KEYS} for fqdn, pool in result["pools"].items()},
    }


def _sides(pool: Pool, topology: Topology, load_balancers: dict[str, dict[str, t.Any]]) -> list[dict[str, t.Any]]:
    """Which devices (or DNS) front which side of ``pool``, resolved as the rules resolve it; the report draws this.

    Front End and Director pools: one side ``all`` when one device (or DNS alone) carries every kind of traffic, else
    ``sip`` and ``web`` (DNS load balancing carries SIP only; web traffic goes to ``web_load_balancer``, falling back to
    ``load_balancer``). Edge pools: ``internal`` and ``external``, each falling back to ``load_balancer``. A side
    fronted by an HA pair or cluster names every member; ``qualified`` holds when every member is.
    """
    if pool.role == "edge":
        pairs = [
            ("internal", pool.internal_load_balancing, pool.edge_internal_lb),
            ("external", pool.external_load_balancing, pool.edge_external_lb),
        ]
    elif pool.load_balancing == "dns":
        pairs = [("sip", "dns", ()), ("web", "hardware", pool.web_load_balancer or pool.load_balancer)]
    elif pool.web_load_balancer and pool.web_load_balancer != pool.load_balancer:
        pairs = [("sip", "hardware", pool.load_balancer), ("web", "hardware", pool.web_load_balancer)]
    else:
        pairs = [("all", "hardware", pool.load_balancer)]
    required = needs_balancing(pool) or (pool.configuration == "expanded" and len(pool.web_components) >= 2)
    sides = []
    for side, mode, devices in pairs:
        members = list(devices) if mode == "hardware" else []
        known = [load_balancers[name] for name in members if name in load_balancers]
        if len(members) == 1 and known:
            detail = " ".join(str(part) for part in (known[0]["vendor"], known[0]["product"], known[0]["version"]))
        else:
            detail = ", ".join(
                f"{name} {load_balancers[name]['version']}" if name in load_balancers else f"{name} (not declared)"
                for name in members
            )
        sides.append(
            {
                "side": side,
                "load_balancing": mode,
                "load_balancer": " + ".join(members) or None,
                "members": members,
                "declared": bool(members) and len(known) == len(members),
                "qualified": all(lb["qualified"] for lb in known) if members and len(known) == len(members) else None,
                "detail": detail,
                "required": required,
            }
        )
    return sides


def _candidates(vendor: str, found: Assessment, dataset: Dataset) -> list[t.Any]:
    """Dataset entries (extra ones included) that could fit a load balancer that matched none: the entries of the other
    form factor, else every entry of its vendor."""
    if found.entry is not None:
        return []
    if found.other_form_entries:
        return list(found.other_form_entries)
    return dataset.find(vendor=vendor) if dataset.canonical_vendor(vendor) else []


def input_failure(
    errors: t.Sequence[InputError],
    input_mode: str = "options",
    version_policy: t.Any = None,
    details: t.Any = None,
    inventory_reader: dict[str, t.Any] | None = None,
) -> dict[str, t.Any]:
    """The result when the input is invalid: every problem, located, and no rule run.

    ``version_policy`` and ``details`` as given (the default when not a string, resp. not a known layout);
    ``inventory_reader`` as for :func:`run`.
    """
    escaped = [InputError(printable(e.path), printable(e.message)) for e in errors]
    lines = "\n".join(f"{e.path}: {e.message}" for e in escaped)
    return build_result(
        msg=f"{len(escaped)} input error(s), no rule was run:\n{lines}",
        failed=True,
        qualified=False,
        version_policy=version_policy if isinstance(version_policy, str) else versions.DEFAULT_POLICY,
        details=details if details in DETAILS else "compact",
        input_mode=input_mode,
        dataset_version=shipped().version,
        input_errors=[e.to_dict() for e in escaped],
        inventory_reader=inventory_reader,
    )
