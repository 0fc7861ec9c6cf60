# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where a path option points, for every plugin of the collection: the action, the lookup and the report role agree.

PRIVATE to the collection.
"""

from __future__ import annotations

import os
import typing as t


def resolve_path(path: str) -> str:
    """Where a path option points: ``~`` expanded, and a relative path taken from the directory ansible-playbook was
    started from (its working directory), whichever playbook runs (the collection's own live in the installed
    collection). extra_dataset, report_path and the report role's report_output_dir all resolve this way."""
    return os.path.abspath(os.path.expanduser(path))


def looked_in(extra: t.Any) -> str:
    """For an extra_dataset file that is not there: every place looked, and how a relative path resolves."""
    if not isinstance(extra, str) or not extra or os.path.exists(resolve_path(extra)):
        return ""
    if os.path.isabs(os.path.expanduser(extra)):
        return f" (looked in: {resolve_path(extra)})"
    return (
        f" (looked in: {resolve_path(extra)}; a relative path is taken from the directory ansible-playbook was "
        f"started from, {os.getcwd()}; use an absolute path or {{{{ playbook_dir }}}}/{extra} for a file beside "
        "the playbook)"
    )
