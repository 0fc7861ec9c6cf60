# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each failing example inventory must give: the ``expected_rules:`` and ``expected_input_errors:`` lines of its
README.md (examples/inventories/failing/README.md describes them).

Read here and nowhere else: the functional tests import :func:`expected_of`; molecule's verify runs this file
(``python tests/functional/_examples.py DIRECTORY`` prints, as JSON, each example under DIRECTORY -> its expectations).
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

import yaml

_LINE = re.compile(r"^expected_(rules|input_errors): (\[.*\])$", re.MULTILINE)


def expected_of(example: pathlib.Path) -> dict[str, list[str]]:
    """The rule IDs (``rules``) and input-error paths (``input_errors``) the README of ``example`` lists, in its
    order; a README without an ``expected_rules:`` line fails the test that reads it."""
    readme = (example / "README.md").read_text(encoding="utf-8")
    found = {key: yaml.safe_load(value) for key, value in _LINE.findall(readme)}
    assert "rules" in found, f"{example}/README.md has no expected_rules: line"
    return {"rules": list(found["rules"]), "input_errors": list(found.get("input_errors") or [])}


def expectations(directory: pathlib.Path) -> dict[str, dict[str, list[str]]]:
    """Each example under ``directory`` (a subdirectory with a README.md) -> :func:`expected_of` it."""
    return {path.name: expected_of(path) for path in sorted(directory.iterdir()) if (path / "README.md").is_file()}


if __name__ == "__main__":
    print(json.dumps(expectations(pathlib.Path(sys.argv[1]))))
