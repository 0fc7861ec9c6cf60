# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A timeline of one ansible-playbook run: where the time outside the check goes (benchmarks/NOTES.md, second round).

    LBQ_TIMELINE=/tmp/timeline.log PYTHONPATH=benchmarks/timeline ansible-playbook -i INVENTORY PLAYBOOK

Python imports this file at start-up (it is named sitecustomize). It wraps the parts of ansible-core that a task's
time is spent in, in the controller and in the workers (forks of the controller), and appends a line for each call
that took more than 20 ms, and for every full garbage collection over 50 ms, to the file LBQ_TIMELINE names: the
time, the process id, what ran and how long. The last lines give the tracked objects of the controller before and
after the play. Development only: never installed with the collection.
"""

from __future__ import annotations

import functools
import gc
import os
import time
import typing as t

from ansible.executor import task_executor
from ansible.executor import task_queue_manager as tqm
from ansible.executor.process import worker
from ansible.plugins.strategy import StrategyBase
from ansible.vars.manager import VariableManager

LOG = os.environ.get("LBQ_TIMELINE", "timeline.log")


def log(message: str) -> None:
    with open(LOG, "a", encoding="utf-8") as stream:
        stream.write(f"{time.time():.3f} pid={os.getpid()} {message}\n")


def timed(owner: type, name: str, label: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: t.Any, **kwargs: t.Any) -> t.Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            if elapsed > 0.02:
                log(f"{label} {elapsed:.3f}s")

    setattr(owner, name, wrapper)


timed(tqm.FinalQueue, "send_task_result", "send_task_result")
timed(worker.WorkerProcess, "_run", "worker._run")
timed(worker.WorkerProcess, "start", "worker.start(fork)")
timed(task_executor.TaskExecutor, "run", "TaskExecutor.run")
timed(StrategyBase, "_process_pending_results", "_process_pending_results")
timed(StrategyBase, "_queue_task", "_queue_task")
timed(VariableManager, "get_vars", "get_vars")
timed(tqm.TaskQueueManager, "send_callback", "send_callback")

_started: dict[str, float] = {}


def _collection(phase: str, info: dict[str, t.Any]) -> None:
    if info["generation"] != 2:
        return
    if phase == "start":
        _started["t"] = time.perf_counter()
        return
    elapsed = time.perf_counter() - _started.get("t", time.perf_counter())
    if elapsed > 0.05:
        log(f"full collection {elapsed:.3f}s collected={info['collected']}")


gc.callbacks.append(_collection)
_play = tqm.TaskQueueManager.run


def _run_play(self: t.Any, *args: t.Any, **kwargs: t.Any) -> t.Any:
    before = len(gc.get_objects())
    start = time.perf_counter()
    try:
        return _play(self, *args, **kwargs)
    finally:
        log(
            f"play (TaskQueueManager.run) {time.perf_counter() - start:.3f}s; "
            f"tracked objects {before} -> {len(gc.get_objects())}"
        )


tqm.TaskQueueManager.run = _run_play  # type: ignore[method-assign]
