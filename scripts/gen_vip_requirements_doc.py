#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write docs/vip-requirements.md from the requirements table data/lb_requirements.yml.

    python scripts/gen_vip_requirements_doc.py            rewrite docs/vip-requirements.md
    python scripts/gen_vip_requirements_doc.py --check    exit 1 when the page differs from what the table says

The table is the single source: every port, setting, source and decision. Change the table, then rerun this script;
tests/unit/plugins/plugin_utils/_qualification/test_lb_requirements_file.py fails until you do.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import typing as t

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "lb_requirements.yml"
OUTPUT = ROOT / "docs" / "vip-requirements.md"
ROLE_TITLES = {
    "front_end": "Front End pool",
    "director": "Director pool",
    "mediation": "Mediation Server pool",
    "edge": "Edge pool",
}
MODE_TITLES = {
    "hardware": "hardware load balancing only",
    "dns": "DNS load balancing (the load balancer carries web traffic only)",
}

INTRO = """\
What Microsoft requires of the virtual servers (VIPs) a hardware load balancer puts in front of Lync Server 2013 and
Skype for Business Server 2015 / 2019 pools (and, where a Lync Server 2010 source states it, Lync Server 2010): the
ports the load balancer must serve, the internal Edge ports it must not balance, and the settings of the VIPs. The
table is `data/lb_requirements.yml` (schema `schemas/lb_requirements.schema.json`); every row names its sources, and
where Microsoft's pages leave a question open the row names the decision below that settles it. Read it in a play
with the `lync.lb_qualification.lb_requirements` lookup (`ansible-doc -t lookup
lync.lb_qualification.lb_requirements`); the VIP rules of `assert_qualified` (which come with the VIP checks)
read the same table.

- **Levels.** `required`: Microsoft's tables or MUST statements. `conditional`: required only in the situation the
  row names, which the declared topology does not say. `recommended`: good practice the sources support, or a
  requirement whose primary source for that version could not be read.
- **Sides.** `pool` is every VIP of a Front End, Director or Mediation pool together (web, SIP and Mediation VIPs
  on its load balancer); each Edge side is one VIP (`edge_internal`, and the external `edge_access`,
  `edge_webconf`, `edge_av`). A port is served when a VIP of that side sends traffic to it: its listening port, or
  the server port its `port_map` maps a listening port to (`443 -> 4443` serves 4443/tcp). A required range is
  served only when all of it is.
- **Versions.** Port rows follow the topology's `lync_version`. Setting rows marked *also when coexisting* also apply
  when a version retained beside it (`coexisting_versions`) is listed."""


def _port_table(rows: list[dict[str, t.Any]]) -> list[str]:
    """A table of port rows: the port, where, how required, for which versions, Microsoft's words, sources, notes."""
    return [
        "| Port | Side | Level | Versions | As Microsoft writes it | Sources | Notes |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| `{row['port']}` | {row['side']} | {row['level']} | {', '.join(row['versions'])} | "
            f"{_cell(row['as_written'])} | {_sources(row['sources'])} | {_notes(row)} |"
            for row in rows
        ),
    ]


def _cell(value: t.Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).replace("|", "\\|").replace("\n", " ")


def _sources(keys: t.Sequence[str]) -> str:
    return ", ".join(f"[{key}](#sources)" for key in keys)


def _notes(row: dict[str, t.Any]) -> str:
    parts = []
    if row.get("condition"):
        parts.append(f"only if {row['condition']}")
    if row.get("collocated_mediation"):
        parts.append("the pool also runs Mediation Server")
    if row.get("decision"):
        parts.append(f"decision [`{row['decision']}`](#{row['decision']})")
    return "; ".join(parts)


def _expect(expect: dict[str, t.Any]) -> str:
    ((kind, value),) = expect.items()
    if kind == "min":
        return f"at least {value}"
    if kind == "serves":
        return "reaches the servers on " + ", ".join(value)
    if kind == "equals":
        return _cell(value)
    return ("one of " if kind == "one_of" else "not ") + ", ".join(map(_cell, value))


def _when(when: dict[str, t.Any]) -> str:
    parts = [f"VIP {key}: {_cell(value)}" for key, value in (when.get("vip") or {}).items()]
    parts += [f"pool {key}: {_cell(value)}" for key, value in (when.get("pool") or {}).items()]
    if when.get("ports_any"):
        parts.append("VIP listens on " + " or ".join(when["ports_any"]))
    return "; ".join(parts)


def render(data: dict[str, t.Any]) -> str:
    """The whole page for the requirements ``data`` (the parsed YAML)."""
    lines = [
        "# Load balancer VIP requirements",
        "",
        "<!-- Generated by scripts/gen_vip_requirements_doc.py from data/lb_requirements.yml.",
        "     Do not edit by hand: change the table, then run `python scripts/gen_vip_requirements_doc.py`. -->",
        "",
        f"Requirements table version `{data['requirements_version']}`.",
        "",
        INTRO,
        "",
        "## Ports the load balancer must serve",
    ]
    groups: dict[tuple[str, str], list[dict[str, t.Any]]] = {}
    for row in data["ports"]:
        groups.setdefault((row["role"], row["load_balancing"]), []).append(row)
    for (role, mode), rows in groups.items():
        lines += [
            "",
            f"### {ROLE_TITLES[role]}, {MODE_TITLES[mode]}",
            "",
        ]
        lines += _port_table(rows)
    lines += [
        "",
        'A Mediation Server pool with DNS load balancing needs no VIP: "All SIP and media traffic is balanced '
        'by DNS load balancing" (SFB-LB, L13-DNSLB). No port table is encoded for Lync Server 2010 (decision [`lync2010-unconfirmed`]'
        "(#lync2010-unconfirmed)).",
        "",
        "## Ports the internal Edge VIP must not balance",
        "",
    ]
    lines += _port_table(data["not_balanced"])
    lines += [
        "",
        "## VIP settings",
        "",
        "A setting the VIP declaration leaves out is not checked and not guessed: it is reported as undeclared.",
        "",
        "| Row | Setting | VIP services | Pool roles | Must be | When | Level | Versions | Sources | Notes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["settings"]:
        versions = ", ".join(row["versions"]) + (" (also when coexisting)" if row.get("match_coexisting") else "")
        notes = "; ".join(part for part in (_cell(row.get("notes", "")).strip(), _notes(row)) if part)
        lines.append(
            f"| `{row['id']}` | `{row['setting']}` | {', '.join(row['services'])} | {', '.join(row['roles'])} "
            f"| {_expect(row['expect'])} | {_when(row.get('when') or {})} | {row['level']} | {versions} | "
            f"{_sources(row['sources'])} | {notes} |"
        )
    lines += [
        "",
        "## Decisions",
        "",
        "Where Microsoft's pages leave a question open, we decided as a Lync administrator would, and say why.",
    ]
    for decision in data["decisions"]:
        lines += [
            "",
            f"### `{decision['id']}`",
            "",
            f"**Question.** {decision['question'].strip()}",
            "",
            f"**Decision.** {decision['decision'].strip()}",
            "",
            f"**Why.** {decision['reasoning'].strip()}",
            "",
            f"**Sources:** {_sources(decision['sources'])}",
        ]
    lines += ["", "## Sources", "", "| Id | Page |", "|---|---|"]
    lines += [f"| {source['id']} | [{_cell(source['title'])}]({source['url']}) |" for source in data["sources"]]
    return "\n".join(lines) + "\n"


def load(path: pathlib.Path = DATA) -> dict[str, t.Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main(argv: t.Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is not what the table says")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(load())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is out of date: run python scripts/gen_vip_requirements_doc.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
