# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SARIF 2.1.0 output of a result, for code-scanning tools in CI.

PRIVATE to the collection. No Ansible import.
"""

from __future__ import annotations

import typing as t

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import collection
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_ERROR = "INPUT_ERROR"  # a pseudo-rule: results for invalid input, so code scanning never reads it as clean


def to_sarif(result: dict[str, t.Any], artifact: str = "inventory") -> dict[str, t.Any]:
    """One run whose results are the findings; locations are logical (inventory paths), the artifact the inventory."""
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.description},
            "help": {"text": f"{rule.description} Fix: {rule.fix}"},
            "helpUri": rule.source,
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in RULES.values()
    ]
    index = {rule.id: position for position, rule in enumerate(RULES.values())}
    results = [
        {
            "ruleId": finding["rule"],
            "ruleIndex": index[finding["rule"]],
            "level": _LEVEL[finding["severity"]],
            "message": {"text": f"{finding['subject']}: {finding['message']}"},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": {"uri": artifact}},
                    "logicalLocations": [{"name": finding["subject"], "fullyQualifiedName": finding["path"]}],
                }
            ],
        }
        for finding in result.get("findings", [])
    ]
    driver = {
        "name": "lync.lb_qualification.assert_qualified",
        "informationUri": "https://github.com/lync/lb_qualification",
        "rules": rules,
    }
    if collection.version():
        driver["version"] = collection.version()
    input_errors = result.get("input_errors") or []
    if input_errors:
        rules.append(
            {
                "id": INPUT_ERROR,
                "name": INPUT_ERROR,
                "shortDescription": {"text": "Invalid input: no rule was run"},
                "help": {"text": "Fix the input at the location given; every rule runs once the input is valid."},
                "defaultConfiguration": {"level": "error"},
            }
        )
    results += [
        {
            "ruleId": INPUT_ERROR,
            "ruleIndex": len(rules) - 1,
            "level": "error",
            "message": {"text": f"{error['path']}: {error['message']}"},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": {"uri": artifact}},
                    "logicalLocations": [{"name": error["path"], "fullyQualifiedName": error["path"]}],
                }
            ],
        }
        for error in input_errors
    ]
    invocation = {
        "executionSuccessful": not input_errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": f"{error['path']}: {error['message']}"}} for error in input_errors
        ],
    }
    run = {"tool": {"driver": driver}, "invocations": [invocation], "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
