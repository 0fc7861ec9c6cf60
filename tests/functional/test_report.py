# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The report role, through `ansible-playbook lync.lb_qualification.report` against the installed collection.

For the passing example and failing ones, the HTML is parsed (html.parser) and checked against the inventory (every
load balancer and pool appears with its verdict) and against the check's own result (every finding appears). An
inventory full of hostile strings must come out escaped and unevaluated. The page is then rendered by real headless
Chromium (Debian's `chromium`): a screenshot, and the rendered DOM must hold every load balancer and pool. Without
chromium these tests FAIL: install it (`apt-get update && apt-get install -y chromium`).

The collection comes from LBQ_INSTALLED_COLLECTIONS_PATH (scripts/test.sh installs the tarball there); run on their
own, these tests build and install it into a temporary directory.
"""

from __future__ import annotations

import html
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import typing as t
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
import yaml

from ._support import run_ansible as _ansible

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "inventories"
SERVER_GROUPS = ("lync_front_end", "lync_web_components", "lync_director", "lync_edge")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ lookup('env','HOME') }}"
# HOME of the ansible-playbook process in the hostile run: if any template in the inventory were evaluated, this
# would show up in the report.
CANARY_HOME = "lbq-canary-home-5f1e"


# ------------------------------------------------------------------------------------------------------------------
# helpers (the ansible CLIs and the installed collection come from _support.py and conftest.py)


def _env(collections_path: pathlib.Path, tmp: pathlib.Path, **extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=str(collections_path),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"),
        ANSIBLE_RETRY_FILES_ENABLED="0",
        **extra,
    )


# ------------------------------------------------------------------------------------------------------------------
# a small HTML model: table rows with their data-* attributes and cell texts, plus what must never be there


@dataclass
class Row:
    attrs: dict[str, str]
    cells: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.cells)


class ReportParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.overall: dict[str, str] = {}
        self._row: Row | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key: value or "" for key, value in attrs}
        self.tags.append((tag, named))
        if tag == "tr":
            self._row = Row(named)
            self.rows.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif named.get("id") == "overall":
            self.overall = named

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def rows_of(self, kind: str) -> list[Row]:
        return [row for row in self.rows if kind in row.attrs.get("class", "").split()]


def _parse(path: pathlib.Path) -> ReportParser:
    parser = ReportParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _assert_inert(parser: ReportParser, raw: str) -> None:
    """No script, no event handler, no remote resource, no non-http link, no raw control character."""
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "img", "base", "form"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in ("href", "src", "xlink:href", "action"):
                assert re.match(r"^https?://", value), (tag, attrs)
    assert not CONTROL.search(raw), "a raw control character reached the HTML"


# ------------------------------------------------------------------------------------------------------------------
# the inventory, read independently of the collection


@dataclass
class Inventory:
    load_balancers: list[str]
    pools: list[str]


def _inventory(path: pathlib.Path, env: dict[str, str]) -> Inventory:
    listed = _ansible("inventory", "-i", str(path), "--list", "--export", env=env)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    hostvars = data["_meta"]["hostvars"]

    def members(group: str) -> set[str]:
        entry = data.get(group) or {}
        found = set(entry.get("hosts") or [])
        for child in entry.get("children") or []:
            found |= members(child)
        return found

    pools = set()
    for group in SERVER_GROUPS:
        for host in members(group):
            # pools are named by lync_pool (host or group variable); --export keeps group vars in their group
            pool = hostvars.get(host, {}).get("lync_pool") or _group_var(data, group, "lync_pool", path)
            pools.add(_literal(pool))
    return Inventory(sorted(members("lync_load_balancers")), sorted(pools))


def _literal(value: t.Any) -> str:
    """A value as written: ansible-inventory --export prints an !unsafe string as {"__ansible_unsafe": ...}."""
    if isinstance(value, dict) and "__ansible_unsafe" in value:
        return value["__ansible_unsafe"]
    return value


def _group_var(data: dict, group: str, name: str, path: pathlib.Path) -> str:
    value = (data.get(group) or {}).get("vars", {}).get(name)
    if value is None:
        group_vars = path / "group_vars" / f"{group}.yml"
        value = yaml.safe_load(group_vars.read_text(encoding="utf-8"))[name]
    return value


# ------------------------------------------------------------------------------------------------------------------
# rendering


@dataclass
class Report:
    directory: pathlib.Path
    run: subprocess.CompletedProcess[str]
    result: dict[str, t.Any]
    html: ReportParser
    raw: str
    markdown: str


def _render(
    inventory: pathlib.Path, collections_path: pathlib.Path, tmp: pathlib.Path, *extra: str, **env_extra: str
) -> Report:
    out = tmp / "report"
    env = _env(collections_path, tmp, **env_extra)
    run = _ansible(
        "playbook",
        "lync.lb_qualification.report",
        "-i",
        str(inventory),
        "-e",
        "precheck_quiet=true",
        "-e",
        f"report_output_dir={out}",
        "-e",
        '{"report_formats": ["html", "markdown", "json"]}',
        *extra,
        env=env,
        cwd=tmp,
    )
    html_file = out / "report.html"
    assert html_file.is_file(), f"no report.html (rc={run.returncode})\n{run.stdout}{run.stderr}"
    raw = html_file.read_text(encoding="utf-8")
    return Report(
        out,
        run,
        json.loads((out / "result.json").read_text(encoding="utf-8")),
        _parse(html_file),
        raw,
        (out / "report.md").read_text(encoding="utf-8"),
    )


def _assert_report_matches(report: Report, inventory: Inventory) -> None:
    parser, result = report.html, report.result
    _assert_inert(parser, report.raw)
    lb_rows = {row.attrs["data-name"]: row for row in parser.rows_of("lb")}
    pool_rows = {row.attrs["data-name"]: row for row in parser.rows_of("pool")}
    assert sorted(lb_rows) == inventory.load_balancers
    assert sorted(pool_rows) == inventory.pools
    for name, row in lb_rows.items():
        qualified = result["load_balancers"][name]["qualified"]
        assert row.attrs["data-qualified"] == str(qualified).lower(), name
        assert row.cells[0] == name
        assert row.cells[1] == ("qualified" if qualified else "not qualified"), (name, row.cells)
    for name, row in pool_rows.items():
        qualified = result["pools"][name]["qualified"]
        assert row.attrs["data-qualified"] == str(qualified).lower(), name
        assert row.cells[0] == name
        assert row.cells[2] == ("qualified" if qualified else "not qualified"), (name, row.cells)
    findings = parser.rows_of("finding")
    assert len(findings) == len(result["findings"])
    for finding in result["findings"]:
        matches = [
            row
            for row in findings
            if row.attrs["data-rule"] == finding["rule"] and row.attrs["data-subject"] == finding["subject"]
        ]
        assert matches, finding
        text = " ".join(finding["message"].split())
        assert any(text in row.text and finding["severity"] in row.text for row in matches), (finding, matches)
    overall = parser.overall.get("data-qualified")
    assert overall == ("true" if result["qualified"] and not result.get("input_errors") else "false")
    # the diagram: one band per pool, every pool named
    svg_pools = [attrs["data-pool"] for tag, attrs in parser.tags if tag == "g" and "data-pool" in attrs]
    assert sorted(svg_pools) == inventory.pools
    # the Markdown version names every load balancer and pool, and carries the Mermaid diagram
    assert "```mermaid\nflowchart LR\n" in report.markdown
    for name in inventory.load_balancers + inventory.pools:
        assert name in report.markdown or _md_escaped(name) in report.markdown, name


def _md_escaped(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>|~&$])", r"\\\1", text)


# ------------------------------------------------------------------------------------------------------------------
# Chromium


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "chromium is not installed: install Debian's chromium (apt-get update && apt-get install -y "
        "chromium); the report tests render the HTML in it and do not skip"
    )


def _chromium_run(page: pathlib.Path, tmp: pathlib.Path, *mode: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "chromium-profile"
    profile.mkdir(exist_ok=True)
    argv = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,2000",
        *mode,
        page.resolve().as_uri(),
    ]
    return subprocess.run(argv, capture_output=True, text=True, timeout=180, check=False, cwd=tmp)


def _assert_renders(report: Report, inventory: Inventory, tmp: pathlib.Path) -> None:
    page = report.directory / "report.html"
    shot = tmp / "report.png"
    run = _chromium_run(page, tmp, f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000, run.stdout + run.stderr
    with shot.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
    dom = _chromium_run(page, tmp, "--dump-dom")
    assert dom.returncode == 0, dom.stderr
    rendered = ReportParser()
    rendered.feed(dom.stdout)
    rendered.close()
    assert not [tag for tag, _attrs in rendered.tags if tag == "script"], "the rendered DOM has a script element"
    assert sorted(row.attrs["data-name"] for row in rendered.rows_of("lb")) == inventory.load_balancers
    assert sorted(row.attrs["data-name"] for row in rendered.rows_of("pool")) == inventory.pools
    text = " ".join("".join(rendered.text).split())
    for name in inventory.load_balancers + inventory.pools:
        assert name in text, name


# ------------------------------------------------------------------------------------------------------------------
# the tests


def test_report_on_the_passing_example(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    example = EXAMPLES / "lync2013"
    report = _render(example, collections_path, tmp_path)
    assert report.run.returncode == 0, report.run.stdout + report.run.stderr
    inventory = _inventory(example, _env(collections_path, tmp_path))
    assert len(inventory.load_balancers) == 6 and len(inventory.pools) == 3
    _assert_report_matches(report, inventory)
    assert report.result["qualified"] is True
    # Each HA pair is one box naming its members (the F5 pair listed in lync_pools, the KEMP pair through
    # lb_ha_peers), drawn qualified because every member is.
    boxes = {attrs.get("data-lb"): attrs for tag, attrs in report.html.tags if tag == "g" and "data-lb" in attrs}
    for pair in ("ltm01.contoso.com + ltm02.contoso.com", "lm01.contoso.com + lm02.contoso.com"):
        assert boxes[pair]["data-state"] == "qualified", boxes
    assert "HA: ltm01.contoso.com 11.6.1 HF2, ltm02.contoso.com 11.6.1 HF2" in report.markdown
    for row in report.html.rows_of("lb"):
        entry = report.result["load_balancers"][row.attrs["data-name"]]["entry"]
        assert entry["id"] in row.text and entry["versions_tested"] in row.text and entry["guide_title"] in row.text
    links = {attrs["href"] for tag, attrs in report.html.tags if tag == "a"}
    assert "https://f5.com/partners/product-technology-alliances/microsoft" in links
    assert f"(dataset {report.result['context']['dataset_version']})" in report.markdown
    _assert_renders(report, inventory, tmp_path)


@pytest.mark.parametrize("example", ["edge_single_vip_shared", "undeclared_lb", "unqualified_vendor"])
def test_report_on_a_failing_example(example: str, collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """The report is written although the layout is not qualified; then the playbook fails (exit 2)."""
    directory = EXAMPLES / "failing" / example
    report = _render(directory, collections_path, tmp_path)
    assert report.run.returncode == 2, report.run.stdout + report.run.stderr
    assert report.result["qualified"] is False and report.result["findings"]
    inventory = _inventory(directory, _env(collections_path, tmp_path))
    _assert_report_matches(report, inventory)
    assert any(
        row.attrs["data-qualified"] == "false" for row in report.html.rows_of("lb") + report.html.rows_of("pool")
    )
    _assert_renders(report, inventory, tmp_path)


def test_report_fail_on_never_only_writes(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    report = _render(
        EXAMPLES / "failing" / "edge_single_vip_shared", collections_path, tmp_path, "-e", "report_fail_on=never"
    )
    assert report.run.returncode == 0, report.run.stdout + report.run.stderr
    assert report.result["qualified"] is False


def test_report_lists_input_errors(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    report = _render(EXAMPLES / "failing" / "version_as_number", collections_path, tmp_path)
    assert report.run.returncode == 2
    rows = report.html.rows_of("input-error")
    assert [row.cells[0] for row in rows] == ["hostvars['ltm01.contoso.com'].lb_version"]
    assert "arrived as the number" in rows[0].text
    assert report.html.overall["data-qualified"] == "false"
    _assert_inert(report.html, report.raw)


def _hostile_inventory(tmp: pathlib.Path) -> pathlib.Path:
    """Hostile text where Ansible keeps it literal: host names, pool FQDNs (dict keys) and an !unsafe value.

    (A plain `{{ ... }}` inventory *value* is a template that Ansible itself evaluates when it reads the variable; that
    is Ansible's contract, not the report's, and `!unsafe` is how a literal is written.)
    """
    lb_bad = f"lb{SCRIPT}.contoso.com"
    lb_good = "ltm01.contoso.com"
    fe_pool = f"pool{SCRIPT}.contoso.com"
    dir_pool = "dir|pool`x`[a](b)*_{x}_$y$.contoso.com"
    directory = tmp / "hostile"
    (directory / "group_vars").mkdir(parents=True)
    (directory / "hosts.yml").write_text(
        f"""\
all:
  children:
    lync_load_balancers:
      hosts:
        "{lb_bad}":
          lb_vendor: Acme "Balancers" & Sons
          lb_product: ACE
          lb_model: !unsafe "{SCRIPT} {TEMPLATE}"
          lb_form_factor: hardware
          lb_version: "1.0"
        {lb_good}:
          lb_vendor: F5
          lb_product: BIG-IP Local Traffic Manager
          lb_model: !unsafe "{SCRIPT.replace("1", "2")} {TEMPLATE}"
          lb_form_factor: hardware
          lb_version: "11.6.1 HF2"
    lync_front_end:
      hosts:
        fe01.contoso.com:
        "fe02{TEMPLATE}.contoso.com":
      vars:
        lync_pool: !unsafe "{fe_pool}"
    lync_director:
      hosts:
        dir01.contoso.com:
        "dir02{SCRIPT}.contoso.com":
      vars:
        lync_pool: !unsafe "{dir_pool}"
""",
        encoding="utf-8",
    )
    (directory / "group_vars" / "all.yml").write_text(
        yaml.safe_dump(
            {
                "lync_version": "lync2013",
                "lync_pools": {fe_pool: {"load_balancer": lb_bad}, dir_pool: {"load_balancer": lb_good}},
            }
        ),
        encoding="utf-8",
    )
    return directory


def test_hostile_inventory_strings_are_escaped_and_not_evaluated(
    collections_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    inventory_dir = _hostile_inventory(tmp_path)
    home = tmp_path / CANARY_HOME
    home.mkdir()
    report = _render(inventory_dir, collections_path, tmp_path, HOME=str(home))
    assert report.run.returncode == 2, report.run.stdout + report.run.stderr  # Acme is not qualified
    inventory = _inventory(inventory_dir, _env(collections_path, tmp_path, HOME=str(home)))
    _assert_report_matches(report, inventory)

    # escaped: the markup is text, never an element
    assert SCRIPT not in report.raw
    assert html.escape(SCRIPT, quote=False) in report.raw
    text = "".join(report.html.text)
    assert SCRIPT in text and SCRIPT.replace("1", "2") in text
    # not evaluated: the template is printed as written and HOME appears nowhere
    assert TEMPLATE in text
    assert CANARY_HOME not in report.raw and CANARY_HOME not in report.markdown
    assert f"fe02{TEMPLATE}.contoso.com" in text

    # Markdown: inert as well. Markup from the data is either backslash-escaped or inside a code span (whose content
    # Markdown prints literally); a data pipe never splits a table row.
    outside_code = re.sub(r"`[^`\n]*`", "", report.markdown)
    assert SCRIPT not in outside_code
    assert "\\<script\\>alert(1)\\</script\\>" in report.markdown
    assert f"`lb{SCRIPT}.contoso.com`" in report.markdown
    mermaid = report.markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "<script" not in mermaid and "#lt;script#gt;" in mermaid
    assert mermaid.count('"') % 2 == 0
    for line in report.markdown.splitlines():
        if line.startswith("| `dir"):
            pytest.fail(f"a pipe in a name opened an inline code span in a table row: {line}")

    _assert_renders(report, inventory, tmp_path)


def test_control_characters_and_title_are_escaped(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """Control characters (here in a host name, which the check rejects as input) never reach the files raw."""
    directory = tmp_path / "control"
    directory.mkdir()
    bad = "lb\x1b[31m\x07evil.contoso.com"
    (directory / "hosts.yml").write_text(
        yaml.safe_dump(
            {
                "all": {
                    "children": {
                        "lync_load_balancers": {
                            "hosts": {
                                bad: {
                                    "lb_vendor": "F5",
                                    "lb_product": "BIG-IP Local Traffic Manager",
                                    "lb_form_factor": "hardware",
                                    "lb_version": "11.6.1",
                                }
                            }
                        },
                        "lync_front_end": {
                            "hosts": {"fe01.contoso.com": None, "fe02.contoso.com": None},
                            "vars": {"lync_pool": "pool01.contoso.com"},
                        },
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (directory / "group_vars").mkdir()
    (directory / "group_vars" / "all.yml").write_text(
        yaml.safe_dump({"lync_version": "lync2013", "lync_pools": {"pool01.contoso.com": {"load_balancer": bad}}}),
        encoding="utf-8",
    )
    title = json.dumps({"report_title": "Report \x1b[1m<b>bold</b>\x07"})
    report = _render(directory, collections_path, tmp_path, "-e", title)
    _assert_inert(report.html, report.raw)
    assert not CONTROL.search(report.markdown)
    assert "&lt;b&gt;bold&lt;/b&gt;" in report.raw
    assert "\ufffd" in report.raw


def _precheck_then_report(tmp_path: pathlib.Path, precheck_vars: dict[str, t.Any]) -> pathlib.Path:
    """A play on all hosts: the precheck role, then the report role given precheck_result."""
    playbook = tmp_path / "site.yml"
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    "name": "Precheck, then report its result",
                    "hosts": "all",
                    "gather_facts": False,
                    "roles": [
                        {
                            "role": "lync.lb_qualification.precheck",
                            "run_once": True,
                            "vars": {"precheck_fail_on": "never", "precheck_quiet": True, **precheck_vars},
                        },
                        {
                            "role": "lync.lb_qualification.report",
                            "run_once": True,
                            "vars": {
                                "report_result": "{{ precheck_result }}",
                                "report_output_dir": str(tmp_path / "out"),
                                "report_formats": ["html"],
                            },
                        },
                    ],
                }
            ],
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return playbook


def test_report_after_precheck_reuses_its_result(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """report_result: the check runs once (in the precheck role, with the full layout) and the report role only
    renders it."""
    playbook = _precheck_then_report(tmp_path, {"precheck_details": "full"})
    out = tmp_path / "out"
    run = _ansible(
        "playbook",
        "-i",
        str(EXAMPLES / "lync2013_ini"),
        str(playbook),
        env=_env(collections_path, tmp_path),
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("TASK [lync.lb_qualification.precheck : Check load balancers") == 1
    assert (out / "report.html").is_file() and not (out / "report.md").exists()
    parser = _parse(out / "report.html")
    assert len(parser.rows_of("lb")) == 3 and len(parser.rows_of("pool")) == 3


def test_report_refuses_a_compact_result(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """A compact precheck_result (the default) holds no layout to draw: the report role fails saying how to get one,
    and writes nothing."""
    playbook = _precheck_then_report(tmp_path, {})
    run = _ansible(
        "playbook",
        "-i",
        str(EXAMPLES / "lync2013_ini"),
        str(playbook),
        env=_env(collections_path, tmp_path),
        cwd=tmp_path,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "report_result holds a compact result" in run.stdout and "precheck_details: full" in run.stdout
    assert not (tmp_path / "out").exists()


def test_report_is_idempotent_and_relative_to_the_working_directory(
    collections_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    env = _env(collections_path, tmp_path)
    args = (
        "playbook",
        "lync.lb_qualification.report",
        "-i",
        str(EXAMPLES / "ocs2007r2_expanded"),
        "-e",
        "precheck_quiet=true",
    )
    first = _ansible(*args, env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (tmp_path / "lync-lb-report" / "report.html").is_file()
    assert (tmp_path / "lync-lb-report" / "report.md").is_file()
    second = _ansible(*args, env=env, cwd=tmp_path)
    assert second.returncode == 0
    assert re.search(r"changed=0\b", second.stdout), second.stdout


def test_diagram_caps_large_inventories(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """Hundreds of pools: the diagram draws report_diagram_max_pools of them (and a few servers each) and says so; the
    tables list everything."""
    pools, lbs, servers = {}, {}, {}
    for index in range(1, 61):
        pool = f"pool{index:03d}.contoso.com"
        lb = f"ltm{index:03d}.contoso.com"
        lbs[lb] = {
            "lb_vendor": "F5",
            "lb_product": "BIG-IP Local Traffic Manager",
            "lb_form_factor": "hardware",
            "lb_version": "11.6.1",
            "lb_multiple_vips": True,
        }
        pools[pool] = {"load_balancer": lb}
        for member in range(1, 10):
            servers[f"fe{index:03d}-{member}.contoso.com"] = {"lync_pool": pool}
    directory = tmp_path / "large"
    (directory / "group_vars").mkdir(parents=True)
    (directory / "hosts.yml").write_text(
        yaml.safe_dump(
            {"all": {"children": {"lync_load_balancers": {"hosts": lbs}, "lync_front_end": {"hosts": servers}}}}
        ),
        encoding="utf-8",
    )
    (directory / "group_vars" / "all.yml").write_text(
        yaml.safe_dump({"lync_version": "lync2013", "lync_pools": pools}), encoding="utf-8"
    )
    report = _render(directory, collections_path, tmp_path, "-e", "report_diagram_max_pools=10")
    assert report.run.returncode == 0, report.run.stdout + report.run.stderr
    bands = [attrs["data-pool"] for tag, attrs in report.html.tags if tag == "g" and "data-pool" in attrs]
    assert len(bands) == 10
    assert len(report.html.rows_of("pool")) == 60 and len(report.html.rows_of("lb")) == 60
    assert "The diagram shows the first 10 of 60 pools" in report.raw
    assert report.raw.count("… and 3 more") == 10  # 9 servers, 6 drawn per pool
    assert "The diagram shows the first 10 of 60 pools" in report.markdown
    assert report.markdown.count('["… and 3 more"]') == 10


def test_report_lists_each_vip_with_its_findings(collections_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """Each declared VIP is a row (settings and the findings about it); the diagram counts VIPs on each edge."""
    (tmp_path / "passing").mkdir()
    (tmp_path / "failing").mkdir()
    passing = _render(EXAMPLES / "lync2013", collections_path, tmp_path / "passing")
    declared = {
        (name, vip["name"]) for name, lb in passing.result["load_balancers"].items() for vip in lb["vips"] or []
    }
    assert declared, "the example declares VIPs"
    rows = passing.html.rows_of("vip")
    assert {(row.attrs["data-lb"], row.attrs["data-vip"]) for row in rows} == declared
    assert all(row.attrs["data-findings"] == "" for row in rows)
    assert any(tag == "g" and "data-vips" in attrs for tag, attrs in passing.html.tags)
    assert "## Virtual servers (VIPs)" in passing.markdown
    failing = _render(EXAMPLES / "failing" / "web_idle_timeout_300", collections_path, tmp_path / "failing")
    flagged = [row for row in failing.html.rows_of("vip") if "WEB_VIP_IDLE_TIMEOUT" in row.attrs["data-findings"]]
    assert len(flagged) >= 1 and all("300" in row.text for row in flagged)
    assert "WEB_VIP_IDLE_TIMEOUT" in failing.markdown.split("## Virtual servers (VIPs)")[1].split("## Pools")[0]
