# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the collection lies and which version it is: the one place the core asks.

PRIVATE to the collection. No Ansible import.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


@functools.cache
def version() -> str:
    """The collection's version: MANIFEST.json of an installed collection, else galaxy.yml of a checkout; '' when
    neither can be read."""
    try:
        return str(json.loads((ROOT / "MANIFEST.json").read_text(encoding="utf-8"))["collection_info"]["version"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        return str(yaml.safe_load((ROOT / "galaxy.yml").read_text(encoding="utf-8"))["version"])
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return ""
