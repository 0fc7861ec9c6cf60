# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The result of assert_qualified: one builder for every outcome.

PRIVATE to the collection. No Ansible import.

:func:`build_result` returns every key the module's RETURN documents, for a qualified run, a failing one and invalid
input, compact or full (``tests/unit/plugins/plugin_utils/_qualification/test_result.py`` holds it to RETURN). The
action plugin adds only Ansible's own keys (``changed``, ``warnings``) and ``report_path``.
"""

from __future__ import annotations

import typing as t

# The severities counted in the summary, and the summary key of each.
_COUNTED = (("error", "errors"), ("warning", "warnings"), ("info", "infos"))


def build_result(
    *,
    msg: str,
    failed: bool,
    qualified: bool,
    version_policy: str,
    details: str,
    input_mode: str,
    dataset_version: str,
    counts: t.Mapping[str, int] | None = None,
    findings: t.Sequence[dict[str, t.Any]] = (),
    load_balancers: dict[str, dict[str, t.Any]] | None = None,
    pools: dict[str, dict[str, t.Any]] | None = None,
    input_errors: t.Sequence[dict[str, str]] = (),
    versions: tuple[str, t.Sequence[str]] | None = None,
    extra_entries: int = 0,
    rules: t.Sequence[str] = (),
    skipped_rules: t.Sequence[str] = (),
    inventory_reader: dict[str, t.Any] | None = None,
) -> dict[str, t.Any]:
    """The result of one run (minus Ansible's own keys).

    ``counts``: severity -> number of findings; ``versions``: lync_version and the coexisting versions, given when the
    input was valid (they are returned only then); ``inventory_reader``: how the inventory was read (inventory mode).
    """
    load_balancers = load_balancers or {}
    pools = pools or {}
    result: dict[str, t.Any] = {
        "qualified": qualified,
        "failed": failed,
        "findings": list(findings),
        "summary": {
            **{key: (counts or {}).get(severity, 0) for severity, key in _COUNTED},
            "load_balancers": len(load_balancers),
            "pools": len(pools),
        },
        "msg": msg,
        "version_policy": version_policy,
    }
    if versions is not None:
        result["lync_version"], coexisting = versions
        result["coexisting_versions"] = list(coexisting)
    context: dict[str, t.Any] = {
        "input_mode": input_mode,
        "dataset_version": dataset_version,
        "extra_entries": extra_entries,
        "rules": list(rules),
        "skipped_rules": list(skipped_rules),
    }
    if inventory_reader:
        context["inventory_reader"] = inventory_reader
    result.update(
        load_balancers=load_balancers, pools=pools, input_errors=list(input_errors), context=context, details=details
    )
    return result
