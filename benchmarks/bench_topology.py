#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long reading a topology document takes in-process: the target is under 2 s for 2,000 servers.

Usage:
    PYTHONPATH=.build/collections python benchmarks/bench_topology.py [--servers N ...] [--reps R] [--record]

For each size and both document forms (gen_topology.py), measures in one process: reading the document
(``topology_xml.parse``, defusedxml included), and what the inventory plugin and the filter then build
(``topology_views.inventory_layout`` and ``explicit_document``). Prints a Markdown section; ``--record`` also writes
it into benchmarks/RESULTS.md, replacing the section of a previous record (between the markers below).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import statistics
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_topology import generate  # noqa: E402  (beside this script)

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (  # noqa: E402
    topology_views,
    topology_xml,
)

BEGIN = "<!-- bench_topology.py: begin -->"
END = "<!-- bench_topology.py: end -->"
TARGET_SERVERS, TARGET_SECONDS = 2000, 2.0


def measure(servers: int, form: str, reps: int) -> dict[str, object]:
    data = generate(servers, form).encode("utf-8")
    parse, views = [], []
    for _round in range(reps):
        started = time.perf_counter()
        parsed = topology_xml.parse(data)
        middle = time.perf_counter()
        topology_views.inventory_layout(parsed)
        topology_views.explicit_document(parsed)
        views.append(time.perf_counter() - middle)
        parse.append(middle - started)
    assert sum(len(pool.servers) for pool in parsed.pools.values()) == servers
    return {
        "servers": servers,
        "form": form,
        "bytes": len(data),
        "pools": len(parsed.pools),
        "parse": parse,
        "views": views,
        "total": [a + b for a, b in zip(parse, views, strict=True)],
    }


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def report(rows: list[dict[str, object]], reps: int) -> str:
    lines = [
        BEGIN,
        "## Reading topology documents (in-process)",
        "",
        f"`benchmarks/bench_topology.py`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs (shared), "
        f"load average {os.getloadavg()[0]:.2f}. Median (min–max) in seconds over {reps} rounds, one process: "
        "*parse* is `topology_xml.parse` (defusedxml included) on the generated document "
        "(`gen_topology.py`), *views* the inventory layout and the explicit document built from it.",
        "",
        "| servers | form | document | pools | parse | views | total |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['servers']:,} | {row['form']} | {row['bytes'] / 1e6:.2f} MB | {row['pools']} | "
            f"{_cell(row['parse'])} | {_cell(row['views'])} | {_cell(row['total'])} |"
        )
    worst = (
        max((max(row["total"]), row["form"]) for row in rows if row["servers"] == TARGET_SERVERS)
        if any(row["servers"] == TARGET_SERVERS for row in rows)
        else None
    )
    if worst:
        lines += [
            "",
            f"Target: a {TARGET_SERVERS:,}-server topology loads in under {TARGET_SECONDS:.0f} s "
            f"in-process. Slowest round measured: {worst[0]:.3f} s ({worst[1]}): "
            f"{'met' if worst[0] < TARGET_SECONDS else 'NOT met'}.",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def record(section: str) -> None:
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--servers", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--record", action="store_true", help="write the section into benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    rows = [measure(servers, form, args.reps) for servers in args.servers for form in ("tbxml", "published")]
    section = report(rows, args.reps)
    sys.stdout.write(section)
    if args.record:
        record(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
