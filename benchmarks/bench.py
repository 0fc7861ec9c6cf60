#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the pre-check costs beside what Ansible already spends loading the inventory.

Run from the repository root, with the Python of a virtual environment that has ansible-core and jsonschema:

    .venv/bin/python benchmarks/bench.py            # 1,000, 10,000 and 50,000 hosts (about 31 minutes)
    .venv/bin/python benchmarks/bench.py --quick    # 1,000 and 10,000 hosts, fewer repetitions (about 8 minutes)

(``bash benchmarks/run.sh [--quick]`` does the same with .venv, or $PYTHON.) It writes ``benchmarks/RESULTS.md``
and keeps the raw measurements, the generated inventories and the ansible-playbook logs under ``benchmarks/work/``
(git-ignored). ``--report-only`` rewrites RESULTS.md from the raw measurements of the last run.

Whole-process cases, run with ansible-playbook, interleaved (every case once, in rotating order, then again); each
run is divided by its floor's run of the same round:

- ``floor``: a play on all hosts with one run_once debug task: start-up plus the inventory load (case 1);
- ``role_all``: the floor plus the precheck role as its README says for plays on all hosts (case 2);
- ``role_noop_all``: the floor plus a no-op role shaped like the precheck role (an argument spec, one task), included
  the same way: what Ansible charges for the include and the tasks, without the check (case 2∅);
- ``floor_localhost``: a play on localhost with one debug task, over the same inventory (case 1L, the floor of:)
- ``collection``: ``ansible-playbook lync.lb_qualification.precheck`` (case P);
- ``*_vips``: ``floor``, ``role_all``, ``floor_localhost`` and ``collection`` on the inventory whose load balancers
  declare their VIPs (``lb_vips``);
- with fewer rounds: ``role_localhost`` (the role in a play on localhost, 2L), ``assert_loop`` (the floor plus
  ansible.builtin.assert looping over the pools, vendor in a list, 3), ``module_all_quiet`` / ``module_all_register``
  (the floor plus the assert_qualified task, run_once, quiet, without and with ``register``);
- only when named with ``--cases``: ``module_all`` (result printed), ``role_all_quiet``, ``role_all_import``,
  ``role_all_roles`` (the role under ``roles:`` with run_once), ``role_all_naive`` (without run_once).

Each run records wall time, CPU time (user + system, all processes) and the peak resident set size of the largest
process of the run (``wait4``). Ratios to the floor are taken run by run, between runs of the same round.

In-process cases (one Python process per inventory, no ansible-playbook): the action's run (``ActionModule.run``,
inventory mode, compact result: the check's own work); the explicit model (``topology.from_options`` +
``engine.run``); the schema proof against jsonschema; the inventory read with the fast path and with
``hostvars.raw_get`` per host; and the qualified_lb lookup.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import typing as t
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PLAYBOOKS = HERE / "playbooks"
sys.path.insert(0, str(HERE))  # profile_check.py, beside this file, for the in-process measurements


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    playbook: str  # a file of playbooks/, or a collection playbook (namespace.name.playbook)
    extra_args: tuple[str, ...] = ()
    main: bool = True  # main cases run at every size with the full repetitions; the others with extra_reps
    max_hosts: int | None = None
    max_reps: int | None = None
    baseline: str = "floor"  # the case each run is divided by, in the same round
    vips: bool = False  # on the inventory whose load balancers declare lb_vips
    optional: bool = False  # run only when named with --cases


_CASES = (
    Case("floor", "(1) no-op play on all hosts (the floor)", "noop.yml", max_hosts=10_000),
    Case(
        "role_all",
        "(2) + precheck role, play on all hosts (include_role, run_once)",
        "precheck_all.yml",
        max_hosts=10_000,
    ),
    Case(
        "role_noop_all",
        "(2∅) + a no-op role with an argument spec, included as (2) includes the precheck role",
        "include_noop_role.yml",
        max_hosts=10_000,
    ),
    Case(
        "floor_localhost",
        "(1L) no-op play on localhost (the floor of the collection playbook)",
        "noop_localhost.yml",
        baseline="floor_localhost",
    ),
    Case(
        "collection",
        "(P) ansible-playbook lync.lb_qualification.precheck",
        "lync.lb_qualification.precheck",
        baseline="floor_localhost",
    ),
    Case(
        "role_localhost",
        "(2L) precheck role, play on localhost",
        "precheck_localhost.yml",
        baseline="floor_localhost",
        main=False,
        max_hosts=10_000,
    ),
    Case(
        "assert_loop",
        "(3) + ansible.builtin.assert looping over the pools",
        "assert_loop.yml",
        main=False,
        max_hosts=10_000,
    ),
    Case(
        "module_all_quiet",
        "(2Mq) + assert_qualified task, run_once, quiet: true",
        "module_all.yml",
        ("-e", "lbq_quiet=true"),
        main=False,
        max_hosts=10_000,
    ),
    Case(
        "module_all_register",
        "(2Mr) as (2Mq), result registered (on every host, as run_once does)",
        "module_all_register.yml",
        main=False,
        max_hosts=10_000,
    ),
    Case(
        "module_all",
        "(2M) + assert_qualified task, run_once, result printed",
        "module_all.yml",
        main=False,
        max_hosts=10_000,
        optional=True,
    ),
    Case(
        "role_all_quiet",
        "(2q) as (2), with precheck_quiet: true",
        "precheck_all.yml",
        ("-e", "precheck_quiet=true"),
        main=False,
        max_hosts=10_000,
        optional=True,
    ),
    Case(
        "role_all_import",
        "(2I) + precheck role, play on all hosts (import_role, run_once)",
        "precheck_all_import.yml",
        main=False,
        max_hosts=10_000,
        max_reps=2,
        optional=True,
    ),
    Case(
        "role_all_roles",
        "(2R) + precheck role under roles: with run_once",
        "precheck_all_roles.yml",
        main=False,
        max_hosts=10_000,
        max_reps=2,
        optional=True,
    ),
    Case(
        "role_all_naive",
        "(2N) + precheck role under roles: without run_once",
        "precheck_all_naive.yml",
        main=False,
        max_hosts=1_000,
        max_reps=2,
        optional=True,
    ),
)
# The same main cases on the inventory whose load balancers declare their VIPs (gen_inventory.py --vips).
_VIP_CASES = tuple(
    Case(
        f"{case.name}_vips",
        f"{case.label}, VIPs declared",
        case.playbook,
        case.extra_args,
        case.main,
        case.max_hosts,
        case.max_reps,
        f"{case.baseline}_vips",
        True,
    )
    for case in _CASES
    if case.name in ("floor", "role_all", "floor_localhost", "collection")
)
CASES = _CASES + _VIP_CASES
CASE_BY_NAME = {case.name: case for case in CASES}
FULL = {"sizes": (1_000, 10_000, 50_000), "reps": {1_000: 3, 10_000: 5, 50_000: 3}, "extra_reps": 2}
QUICK = {"sizes": (1_000, 10_000), "reps": {1_000: 3, 10_000: 3}, "extra_reps": 0}


def _collections_path(work: Path) -> str:
    """ANSIBLE_COLLECTIONS_PATH for the checkout: $LBQ_INSTALLED_COLLECTIONS_PATH, or a symlink under work/."""
    installed = os.environ.get("LBQ_INSTALLED_COLLECTIONS_PATH")
    if installed:
        return installed
    link = work / "collections" / "ansible_collections" / "lync" / "lb_qualification"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink() or link.resolve() != ROOT:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(ROOT, target_is_directory=True)
    return str(work / "collections")


def _ansible_playbook() -> str:
    beside = Path(sys.executable).parent / "ansible-playbook"
    return str(beside) if beside.exists() else (shutil.which("ansible-playbook") or "ansible-playbook")


def _env(collections: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=collections,
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        PYTHONPATH=collections,
    )
    return env


def run_process(cmd: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float) -> dict[str, t.Any]:
    """Run ``cmd``; wall, CPU and the peak RSS of its largest process (wait4 covers the processes it waited for)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024.0,
        "rc": proc.returncode,
        "timed_out": timed_out.is_set(),
        "load": os.getloadavg()[0],
    }


def generate(work: Path, sizes: t.Iterable[int]) -> dict[int, dict[bool, Path]]:
    """Size -> {False: the inventory, True: the same with lb_vips on every load balancer}."""
    dirs: dict[int, dict[bool, Path]] = {}
    for size in sizes:
        for vips in (False, True):
            out = work / (f"inv{size}-vips" if vips else f"inv{size}")
            stamp = out / "generated.json"
            if not stamp.exists():
                # In a child process: Linux carries a process's peak RSS across exec into ru_maxrss, so the benchmark
                # process itself must stay small (building 50,000 hosts here would floor every later reading).
                subprocess.run(
                    [
                        sys.executable,
                        str(HERE / "gen_inventory.py"),
                        "--hosts",
                        str(size),
                        "--out",
                        str(out),
                        *(["--vips"] if vips else []),
                    ],
                    check=True,
                    capture_output=True,
                )
                stamp.write_text(json.dumps({"hosts": size, "vips": vips}))
            dirs.setdefault(size, {})[vips] = out
    return dirs


def measure_playbooks(args: argparse.Namespace, work: Path, dirs: dict[int, dict[bool, Path]], runs_file: Path) -> None:
    mode = QUICK if args.quick else FULL
    env = _env(_collections_path(work))
    playbook = _ansible_playbook()
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    selected = [CASE_BY_NAME[name] for name in args.cases] if args.cases else [c for c in CASES if not c.optional]
    rng = random.Random(0)
    for size in dirs:
        reps = args.reps or mode["reps"].get(size, 3)
        plan = {}
        for case in selected:
            if case.max_hosts is not None and size > case.max_hosts:
                continue
            case_reps = reps if case.main else (args.reps or mode["extra_reps"])
            if case.max_reps is not None:
                case_reps = min(case_reps, case.max_reps)
            if case_reps:
                plan[case.name] = case_reps
        floor_walls: list[float] = []
        skipped: set[str] = set()
        for rep in range(max(plan.values(), default=0)):
            order = [name for name in plan if rep < plan[name] and name not in skipped]
            rng.shuffle(order)
            floors = [name for name in order if CASE_BY_NAME[name].baseline == name]
            # the floors first in each round: the other cases' timeouts scale with them
            order = floors + [name for name in order if name not in floors]
            for name in order:
                case = CASE_BY_NAME[name]
                inventory = dirs[size][case.vips] / "inventory"
                target = case.playbook if not case.playbook.endswith(".yml") else str(PLAYBOOKS / case.playbook)
                cmd = [playbook, "-i", str(inventory), target, *case.extra_args]
                timeout = args.timeout if not floor_walls else max(args.timeout, 15 * statistics.median(floor_walls))
                log = logs / f"{name}-{size}-{rep}.log"
                print(
                    f"[{time.strftime('%H:%M:%S')}] {size:>6} hosts  round {rep + 1}  {name:<17}", end=" ", flush=True
                )
                result = run_process(cmd, env, work, log, timeout)
                result.update(case=name, hosts=size, rep=rep, log=str(log.relative_to(work)))
                print(
                    f"{result['wall']:7.2f} s  {result['peak_mib']:6.0f} MiB  rc={result['rc']}"
                    + ("  TIMED OUT" if result["timed_out"] else ""),
                    flush=True,
                )
                with open(runs_file, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(result) + "\n")
                if case.baseline == name and result["rc"] == 0:
                    floor_walls.append(result["wall"])
                if result["timed_out"]:
                    skipped.add(name)


# ------------------------------------------------------------------------------------------------------------------
# In-process measurements (run in a child process per size: python bench.py --inprocess DIR)


def _timed(function: t.Callable[[], t.Any]) -> tuple[float, t.Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def inprocess(directory: Path, repeat: int, with_inventory: bool) -> dict[str, t.Any]:
    """Everything measured without ansible-playbook for one generated inventory."""
    from ansible import constants as C

    from ansible_collections.lync.lb_qualification.plugins.lookup import qualified_lb
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _inventory
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._argspec import documented_options
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
        dataset,
        engine,
        inventory_model,
        topology,
    )

    out: dict[str, t.Any] = {}
    # The lookup first, in a fresh process: its first call parses the dataset.
    C.config.initialize_plugin_configuration_definitions(
        "lookup", "lync.lb_qualification.qualified_lb", documented_options(qualified_lb.DOCUMENTATION)
    )
    lookup = qualified_lb.LookupModule()
    lookup._load_name = "lync.lb_qualification.qualified_lb"
    query = {"vendor": "F5", "product": "BIG-IP Local Traffic Manager", "version": "11.6.1 HF2"}
    first, found = _timed(lambda: lookup.run([], variables={}, **query))
    again = [_timed(lambda: lookup.run([], variables={}, **query))[0] for _round in range(200)]
    out["lookup"] = {"first": first, "repeat": _stats(again), "entries": len(found)}

    options = json.loads((directory / "explicit.json").read_text(encoding="utf-8"))
    checked, errors = engine.check_options()
    assert checked is not None and not errors

    def core() -> dict[str, t.Any]:
        model, problems = topology.from_options(options["load_balancers"], options["topology"])
        assert model is not None, problems[:3]
        return engine.run(model, dataset.shipped(), checked, "compact")

    cold, result = _timed(core)
    warm = [_timed(core)[0] for _round in range(repeat)]
    out["core"] = {
        "cold": cold,
        "warm": _stats(warm),
        "pools": result["summary"]["pools"],
        "load_balancers": result["summary"]["load_balancers"],
        "errors": result["summary"]["errors"],
    }
    out["schema"] = _schema_proof(options, max(1, repeat // 2))
    out["action"] = _inprocess_action(directory / "inventory", repeat)
    if with_inventory:
        out["inventory"] = _inprocess_inventory(
            directory / "inventory", _inventory, inventory_model, engine, dataset, checked
        )
    return out


def _schema_proof(options: dict[str, t.Any], repeat: int) -> dict[str, t.Any]:
    """The topology schema check of the explicit model: the proof compiled from the schema (what validate_instance
    does for a valid document) against jsonschema's iter_errors (what it did before, and does for invalid input)."""
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import schemas

    instance = {"load_balancers": options["load_balancers"], "topology": options["topology"]}
    proof, validator = schemas._conformance("topology"), schemas._validator("topology")
    fast = [_timed(lambda: proof(instance))[0] for _round in range(repeat)]
    slow = [_timed(lambda: list(validator.iter_errors(instance)))[0] for _round in range(repeat)]
    return {
        "proof": _stats(fast),
        "jsonschema": _stats(slow),
        "same_verdict": proof(instance) == (not list(validator.iter_errors(instance))),
    }


def _inprocess_action(inventory_dir: Path, repeat: int) -> dict[str, t.Any]:
    """The worker side of the task: the action's run (compact result) once Ansible has loaded the inventory, the first
    call of the process (cold: builds the schema checks, parses the dataset) and the next ones (warm)."""
    import pickle

    import profile_check  # benchmarks/profile_check.py, beside this file

    loader, task_vars = profile_check._task_vars(inventory_dir)

    def action() -> dict[str, t.Any]:
        return profile_check._action(loader, {"quiet": True}).run(task_vars=task_vars)

    cold, result = _timed(action)
    warm = [_timed(action)[0] for _round in range(repeat)]
    return {
        "cold": cold,
        "warm": _stats(warm),
        "failed": bool(result.get("failed")),
        "msg": str(result.get("msg", ""))[:300],
        "result_kib": len(pickle.dumps(result)) / 1024,
    }


def _inprocess_inventory(inventory_dir, _inventory, inventory_model, engine, dataset, checked) -> dict[str, t.Any]:
    """The inventory mode of the action: what it does once the inventory is loaded, fast path against raw_get."""
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.playbook.play import Play
    from ansible.template import Templar
    from ansible.vars.hostvars import HostVars
    from ansible.vars.manager import VariableManager

    loader = DataLoader()
    load, inventory = _timed(lambda: InventoryManager(loader=loader, sources=[str(inventory_dir)]))
    variables = VariableManager(loader=loader, inventory=inventory)
    HostVars(inventory=inventory, variable_manager=variables, loader=loader)
    play = Play.load(
        {"hosts": "localhost", "gather_facts": False, "tasks": []}, variable_manager=variables, loader=loader
    )
    task_vars = variables.get_vars(play=play, host=inventory.get_host("localhost"))
    templar = Templar(loader=loader, variables=task_vars)
    names = inventory_model.InventoryNames()
    stats: dict[str, t.Any] = {}
    fast_first, (fast_data, fast_errors) = _timed(
        lambda: _inventory.read_inventory(task_vars, names, templar, stats=stats)
    )
    fast_again = [_timed(lambda: _inventory.read_inventory(task_vars, names, templar))[0] for _round in range(3)]
    slow, (slow_data, slow_errors) = _timed(lambda: _inventory.read_inventory(task_vars, names, templar, fast=False))
    build, (model, problems) = _timed(lambda: inventory_model.from_inventory(fast_data, names))
    assert model is not None, problems[:3]
    run, result = _timed(lambda: engine.run(model, dataset.shipped(), checked, "compact"))
    return {
        "load_inventory": load,
        "read_fast_first": fast_first,
        "read_fast_again": _stats(fast_again),
        "read_raw_get": slow,
        "fast_stats": stats,
        "same_result": fast_data == slow_data and fast_errors == slow_errors,
        "from_inventory": build,
        "engine_run": run,
        "qualified": result["qualified"],
        "hosts": len(fast_data.hostvars),
    }


def measure_inprocess(args: argparse.Namespace, work: Path, dirs: dict[int, dict[bool, Path]], out_file: Path) -> None:
    env = _env(_collections_path(work))
    results = {}
    for size, variants in dirs.items():
        for vips, directory in variants.items():
            with_inventory = not vips and (size <= 10_000 or not args.quick)
            repeat = 10 if size <= 10_000 else 5
            print(f"[{time.strftime('%H:%M:%S')}] {size:>6} hosts  in-process{' (VIPs)' if vips else ''}", flush=True)
            cmd = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--inprocess",
                str(directory),
                "--repeat",
                str(repeat),
            ]
            if not with_inventory:
                cmd.append("--no-inventory")
            done = subprocess.run(cmd, env=env, cwd=work, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-4000:], file=sys.stderr)
                raise SystemExit(f"in-process measurement failed for {directory}")
            results[f"{size}-vips" if vips else str(size)] = json.loads(done.stdout.strip().splitlines()[-1])
    out_file.write_text(json.dumps(results, indent=1), encoding="utf-8")


# ------------------------------------------------------------------------------------------------------------------
# The report


def _machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for distribution in ("ansible-core", "jsonschema", "PyYAML", "Jinja2"):
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            versions[distribution] = "missing"
    try:
        import yaml

        libyaml = "yes (CSafeLoader)" if hasattr(yaml, "CSafeLoader") else "no"
    except ImportError:
        libyaml = "?"
    return {
        "cpu": cpu or platform.processor(),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "ansible-core": versions["ansible-core"],
        "jsonschema": versions["jsonschema"],
        "PyYAML": f"{versions['PyYAML']} (libyaml: {libyaml})",
        "Jinja2": versions["Jinja2"],
    }


def _fmt(stats: dict[str, float], digits: int = 2, scale: float = 1.0) -> str:
    return f"{stats['median'] * scale:.{digits}f} ({stats['min'] * scale:.{digits}f}–{stats['max'] * scale:.{digits}f})"


def report(work: Path, runs_file: Path, inprocess_file: Path, meta: dict[str, t.Any], target: Path) -> None:
    runs = [json.loads(line) for line in runs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    inproc = json.loads(inprocess_file.read_text(encoding="utf-8")) if inprocess_file.exists() else {}
    sizes = sorted({run["hosts"] for run in runs})
    floors = {
        (r["case"], r["hosts"], r["rep"]): r
        for r in runs
        if r["case"] in CASE_BY_NAME and CASE_BY_NAME[r["case"]].baseline == r["case"] and r["rc"] == 0
    }
    rows = []
    summary: dict[tuple[str, int], dict[str, t.Any]] = {}
    for size in sizes:
        for case in CASES:
            mine = [r for r in runs if r["case"] == case.name and r["hosts"] == size]
            if not mine:
                continue
            ok = [r for r in mine if r["rc"] == 0 and not r["timed_out"]]
            failed = len(mine) - len(ok)
            if not ok:
                rows.append(
                    f"| {case.label} | {size:,} | {len(mine)} | timed out or failed "
                    f"(> {max(r['wall'] for r in mine):.0f} s) | | | | |"
                )
                summary[(case.name, size)] = {"timed_out": True}
                continue
            walls = [r["wall"] for r in ok]
            paired = [
                (r, floors[(case.baseline, size, r["rep"])]) for r in ok if (case.baseline, size, r["rep"]) in floors
            ]
            ratios = [r["wall"] / base["wall"] for r, base in paired]
            rss = [r["peak_mib"] for r in ok]
            rss_ratios = [r["peak_mib"] / base["peak_mib"] for r, base in paired]
            extra = [r["wall"] - base["wall"] for r, base in paired]
            entry = {
                "wall": _stats(walls),
                "ratio": _stats(ratios) if ratios else None,
                "rss": _stats(rss),
                "rss_ratio": _stats(rss_ratios) if rss_ratios else None,
                "extra": _stats(extra) if extra else None,
                "cpu": _stats([r["cpu"] for r in ok]),
            }
            summary[(case.name, size)] = entry
            ratio = "–" if case.baseline == case.name or not ratios else _fmt(entry["ratio"])
            rss_ratio = "–" if case.baseline == case.name or not rss_ratios else _fmt(entry["rss_ratio"])
            note = f" ({failed} failed)" if failed else ""
            rows.append(
                f"| {case.label} | {size:,} | {len(ok)}{note} | {_fmt(entry['wall'])} | "
                f"{statistics.median(r['cpu'] for r in ok):.2f} | {statistics.median(rss):.0f} | {rss_ratio} | "
                f"{ratio} |"
            )
    loads = [r["load"] for r in runs]

    lines = [
        "# Benchmark results: the cost of the pre-check beside Ansible's own",
        "",
        f"Generated by `benchmarks/bench.py` ({meta.get('mode', '?')} mode) on {meta.get('date', '?')}, "
        f"in {meta.get('duration_min', '?')} minutes. "
        f"Reproduce with `{meta.get('command', 'python benchmarks/bench.py')}`.",
        "",
        "## Machine and versions",
        "",
        "| what | value |",
        "|---|---|",
    ]
    for key, value in meta.get("machine", {}).items():
        lines.append(f"| {key} | {value} |")
    if loads:
        lines.append(
            f"| load average (1 min) during the runs | median {statistics.median(loads):.1f}, "
            f"min {min(loads):.1f}, max {max(loads):.1f} (on {meta.get('machine', {}).get('cores', '?')} "
            f"cores, shared with other work) |"
        )
    lines += [
        "",
        "## Whole runs of ansible-playbook",
        "",
        "Median (min–max) over the runs; cases interleaved round by round. *× floor* is the ratio of each run's wall "
        "time to its floor's in the same round, median (min–max): (1) for plays on all hosts, (1L) for plays on "
        "localhost, the VIP floors for the VIP cases. Peak RSS: the largest process of the run; *RSS × floor* the "
        "same ratio for it.",
        "",
        "| case | hosts | runs | wall s | cpu s | peak RSS MiB | RSS × floor | × floor |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
    ]
    if inproc:
        lines += [
            "",
            "## In-process (no ansible-playbook)",
            "",
            "Median (min–max) in seconds. *action run* is the worker side of the task once Ansible has loaded the "
            "inventory: `ActionModule.run` in inventory mode with the default (compact) result, which reads each "
            "host's variables once, builds the model and runs every rule; *cold* is the first call of the process "
            "(it also compiles the schema checks and parses the dataset: what a forked worker pays), *warm* the next "
            "ones (the check's own work). *result* is the pickled result the worker hands to the controller. "
            "*explicit model* is `topology.from_options` + `engine.run` on the same data given as options. "
            "*schema*: the check of that document, the proof compiled from the schema (what `validate_instance` "
            "does for a valid document) against jsonschema. *read_inventory*: the fast reader against "
            "`hostvars.raw_get` per host.",
            "",
            "| inventory | pools | action run cold | action run warm | result KiB | explicit model warm | schema proof "
            "| jsonschema | read_inventory fast | raw_get | same data |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for key in sorted(inproc, key=lambda k: (int(k.split("-")[0]), k)):
            item = inproc[key]
            core, action, schema = item["core"], item.get("action"), item.get("schema")
            inv = item.get("inventory")
            name = f"{int(key.split('-')[0]):,} hosts" + (", VIPs" if key.endswith("-vips") else "")
            action_cells = (
                (
                    f"{action['cold']:.3f} | {_fmt(action['warm'], 3)} | {action['result_kib']:.0f}"
                    + (" (failed)" if action["failed"] else "")
                )
                if action
                else "– | – | –"
            )
            schema_cells = f"{_fmt(schema['proof'], 3)} | {_fmt(schema['jsonschema'], 3)}" if schema else "– | –"
            inv_cells = (
                (f"{inv['read_fast_first']:.3f} | {inv['read_raw_get']:.2f} | {'yes' if inv['same_result'] else 'NO'}")
                if inv
                else "– | – | –"
            )
            lines.append(
                f"| {name} | {core['pools']:,} | {action_cells} | {_fmt(core['warm'], 3)} | {schema_cells} | "
                f"{inv_cells} |"
            )
        any_size = next(iter(inproc.values()))
        lookup = any_size["lookup"]
        lines += [
            "",
            f"qualified_lb lookup (vendor, product and version filters): first call of a process "
            f"{lookup['first'] * 1000:.1f} ms (parses the dataset); a repeated query "
            f"{_fmt(lookup['repeat'], 3, 1000)} ms over {lookup['repeat']['n']} calls.",
        ]
    lines += ["", "## Targets", ""] + _targets(summary, inproc) + [""]
    lines += ["The analysis of the recorded run (targets missed, why, and what it would take) is in `NOTES.md`.", ""]
    # bench_topology.py records its own section between markers: keep it.
    previous = target.read_text(encoding="utf-8") if target.exists() else ""
    begin, end = "<!-- bench_topology.py: begin -->", "<!-- bench_topology.py: end -->"
    if begin in previous and end in previous:
        lines += [previous[previous.index(begin) : previous.index(end) + len(end)], ""]
    target.write_text("\n".join(lines), encoding="utf-8")


def _targets(summary: dict[tuple[str, int], dict[str, t.Any]], inproc: dict[str, t.Any]) -> list[str]:
    lines = ["| target | measured | met |", "|---|---|---|"]

    def get(case: str, size: int) -> dict[str, t.Any] | None:
        entry = summary.get((case, size))
        return entry if entry and not entry.get("timed_out") else None

    def row(target: str, measured: str, met: bool | str | None) -> None:
        verdict = met if isinstance(met, str) else "yes" if met else "no" if met is not None else "not measured"
        lines.append(f"| {target} | {measured} | {verdict} |")

    for suffix, what in (("", ""), ("_vips", ", VIPs declared")):
        for size in (10_000, 50_000):
            entry = get(f"collection{suffix}", size)
            row(
                f"(P)/(1L) ≤ 1.05 at {size:,} hosts{what} (ansible-playbook lync.lb_qualification.precheck against a "
                "no-op play on localhost)",
                _fmt(entry["ratio"]) if entry and entry["ratio"] else "–",
                entry["ratio"]["median"] <= 1.05 if entry and entry["ratio"] else None,
            )
        entry = get(f"role_all{suffix}", 10_000)
        row(
            f"(2)/(1) ≤ 1.05 at 10,000 hosts{what} (a play on all hosts with the precheck role: include_role, "
            "run_once)",
            _fmt(entry["ratio"]) if entry and entry["ratio"] else "–",
            entry["ratio"]["median"] <= 1.05 if entry and entry["ratio"] else None,
        )
        for case, floor in (("collection", "1L"), ("role_all", "1")):
            entry = get(f"{case}{suffix}", 10_000)
            label = "(P)" if case == "collection" else "(2)"
            row(
                f"peak RSS of {label} within 5 % of ({floor}) at 10,000 hosts{what}",
                _fmt(entry["rss_ratio"]) if entry and entry["rss_ratio"] else "–",
                entry["rss_ratio"]["median"] <= 1.05 if entry and entry["rss_ratio"] else None,
            )
        action10 = inproc.get(f"10000{suffix.replace('_', '-')}", {}).get("action")
        action50 = inproc.get(f"50000{suffix.replace('_', '-')}", {}).get("action")
        row(
            f"the check's own work in-process ≤ 0.25 s at 10,000 hosts{what} (action run, warm; cold in brackets)",
            f"{action10['warm']['median']:.3f} s ({action10['cold']:.3f} s)" if action10 else "–",
            action10["warm"]["median"] <= 0.25 if action10 else None,
        )
        if action10 and action50:
            growth = action50["warm"]["median"] / action10["warm"]["median"]
            row(
                f"the check's own work, 10,000 → 50,000 hosts{what}, ≤ 5.5× (action run, warm)",
                f"{action10['warm']['median']:.3f} s → {action50['warm']['median']:.3f} s: {growth:.2f}×",
                growth <= 5.5,
            )
        else:
            row(f"the check's own work, 10,000 → 50,000 hosts{what}, ≤ 5.5×", "–", None)
    loop = get("assert_loop", 10_000)
    row(
        "(3)/(1) at 10,000 hosts (a hand-written looped assert, for reference)",
        _fmt(loop["ratio"]) if loop and loop["ratio"] else "–",
        "reference" if loop else None,
    )
    lookup = next(iter(inproc.values()), {}).get("lookup")
    row(
        "lookup: a repeated query under 1 ms",
        f"{lookup['repeat']['median'] * 1000:.3f} ms" if lookup else "–",
        lookup["repeat"]["median"] < 0.001 if lookup else None,
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 hosts, 3 rounds, main cases only")
    parser.add_argument("--reps", type=int, help="rounds per size (default: 5, 5, 3; quick: 3)")
    parser.add_argument("--cases", nargs="+", choices=list(CASE_BY_NAME), help="only these whole-process cases")
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds before a run is killed (at least 15x the floor; default 300)",
    )
    parser.add_argument("--work", type=Path, default=HERE / "work", help="work directory (default benchmarks/work)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="Markdown results file")
    parser.add_argument("--report-only", action="store_true", help="rewrite the results file from the last run")
    parser.add_argument("--skip-playbooks", action="store_true", help="in-process measurements only")
    parser.add_argument("--skip-inprocess", action="store_true", help="whole-process measurements only")
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="inventory sizes (default: 1000 10000 50000; quick: 1000 10000)"
    )
    parser.add_argument("--inprocess", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--no-inventory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.inprocess:
        print(json.dumps(inprocess(args.inprocess, args.repeat, not args.no_inventory)))
        return 0

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    runs_file = work / "runs.jsonl"
    inprocess_file = work / "inprocess.json"
    meta_file = work / "meta.json"
    if not args.report_only:
        mode = QUICK if args.quick else FULL
        started = time.time()
        command = "python benchmarks/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
        print(f"work directory: {work}", flush=True)
        dirs = generate(work, args.sizes or mode["sizes"])
        if not args.skip_playbooks:
            runs_file.write_text("", encoding="utf-8")
            measure_playbooks(args, work, dirs, runs_file)
        if not args.skip_inprocess:
            measure_inprocess(args, work, dirs, inprocess_file)
        meta = {
            "mode": "quick" if args.quick else "full",
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "duration_min": round((time.time() - started) / 60, 1),
            "command": command,
            "machine": _machine(),
        }
        meta_file.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {"machine": _machine()}
    report(work, runs_file, inprocess_file, meta, args.results)
    print(f"results written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
