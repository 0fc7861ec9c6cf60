#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Profile the worker side of the assert_qualified task on a generated inventory, without ansible-playbook.

    PYTHONPATH=.build/collections python benchmarks/profile_check.py DIR [--details compact|full] [--top N]

DIR is a directory written by gen_inventory.py. Ansible loads the inventory first (not measured); then, as a worker
does for the task: the action's run (inventory read, model, rules, result), the pickling of its result (how the worker
hands it to the controller), and on the controller the copy ``register`` makes (``module_response_deepcopy`` and
``strip_internal_keys``). Prints the time of each step, the result's size, and cProfile's top functions of the
action's run (cumulative time). NOTES.md says what was learnt from it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import sys
import time
import typing as t
from pathlib import Path
from unittest.mock import MagicMock


def _task_vars(inventory_dir: Path) -> tuple[t.Any, dict[str, t.Any]]:
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.playbook.play import Play
    from ansible.vars.hostvars import HostVars
    from ansible.vars.manager import VariableManager

    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[str(inventory_dir)])
    variables = VariableManager(loader=loader, inventory=inventory)
    HostVars(inventory=inventory, variable_manager=variables, loader=loader)
    play = Play.load(
        {"hosts": "localhost", "gather_facts": False, "tasks": []}, variable_manager=variables, loader=loader
    )
    return loader, variables.get_vars(play=play, host=inventory.get_host("localhost"))


def _action(loader: t.Any, args: dict[str, t.Any]) -> t.Any:
    from ansible.playbook.task import Task
    from ansible.template import Templar

    from ansible_collections.lync.lb_qualification.plugins.action.assert_qualified import ActionModule

    task = MagicMock(Task)
    task.args = args
    task.check_mode = False
    task.async_val = 0
    task.action = "lync.lb_qualification.assert_qualified"
    return ActionModule(
        task=task,
        connection=MagicMock(),
        play_context=MagicMock(),
        loader=loader,
        templar=Templar(loader=loader),
        shared_loader_obj=None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("directory", type=Path, help="a directory written by gen_inventory.py")
    parser.add_argument("--details", choices=("compact", "full"), help="the details option (default: not given)")
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    args = parser.parse_args(argv)

    from ansible.vars.clean import module_response_deepcopy, strip_internal_keys

    loader, task_vars = _task_vars(args.directory / "inventory")
    options = {"quiet": True} if args.details is None else {"quiet": True, "details": args.details}
    start = time.perf_counter()
    _action(loader, dict(options)).run(task_vars=task_vars)
    cold = time.perf_counter() - start  # builds the schema checks and parses the dataset
    warm = []
    for _round in range(3):
        start = time.perf_counter()
        _action(loader, dict(options)).run(task_vars=task_vars)
        warm.append(time.perf_counter() - start)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = _action(loader, dict(options)).run(task_vars=task_vars)
    profiler.disable()
    run = time.perf_counter() - start
    assert not result.get("failed"), result.get("msg", "")[:500]
    start = time.perf_counter()
    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    pickled = time.perf_counter() - start
    start = time.perf_counter()
    strip_internal_keys(module_response_deepcopy(result))
    copied = time.perf_counter() - start
    print(
        f"action run: cold {cold:.3f} s, warm {sorted(warm)[1]:.3f} s (median of 3), under cProfile {run:.3f} s; "
        f"result pickled: {len(payload) / 1024:.0f} KiB in {pickled:.3f} s; "
        f"register copy {copied:.3f} s"
    )
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(args.top)
    print(stream.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
