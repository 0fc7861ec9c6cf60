# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of the shipped dataset file data/qualified_load_balancers.yml.

Three independent sources are compared for the Lync list: the dataset, the literal table below (transcribed by hand
from the source page) and, when the source page is available, its HTML tables parsed here with html.parser. A
transcription slip in any one of them fails a test. The Skype for Business list's three rows are compared with a
literal table of that page (Skype/SfbPartnerCertification/certification/infra-load-balancers.md).
"""

from __future__ import annotations

import json
import os
import re
import typing as t
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions


def _find_repo_root() -> Path:
    for candidate in Path(__file__).resolve().parents:
        if (candidate / "galaxy.yml").is_file():
            return candidate
    raise RuntimeError(f"no galaxy.yml above {__file__}")


REPO_ROOT = _find_repo_root()
DATASET_PATH = REPO_ROOT / "data" / "qualified_load_balancers.yml"
SCHEMA_PATH = REPO_ROOT / "schemas" / "qualified_load_balancers.schema.json"
SEED_NAME = "000_a871f0731ee3420a.txt"

FORM_FACTORS = {"hw": "hardware", "sw": "software"}
TABLE_HEADER = ["Vendor", "Qualified Product", "Software Version Tested", "Vendor's Lync Page"]

A10_GUIDE = "AX Series for Lync 2010 Overview and Deployment Guide"
A10_URL = "http://www.a10networks.com/solutions/application_solutions_microsoft.php"
BROCADE_GUIDE = "Brocade Communications' Microsoft Unified Communications Solutions"
BROCADE_URL = (
    "http://www.brocade.com/partnerships/technology-alliance-partners/partner-details/microsoft/"
    "microsoft-office-communications-server/index.page"
)
CITRIX_GUIDE = "Netscaler Developer Network"
CITRIX_URL = "https://www.citrix.com/community.html"
F5_GUIDE = "F5 Lync Server Solutions"
F5_URL = "https://f5.com/partners/product-technology-alliances/microsoft"
ALOHA_URL = (
    "http://www.haproxy.com/static/media/uploads/eng/resources/"
    "aloha_load_balancer_appnotes_0061_lync_2010_deployment_guide_en.pdf"
)
JETNEXUS_GUIDE = "Advanced Load Balancing for Microsoft Lync 2010"
JETNEXUS_URL = "http://www.jetnexus.com/support/applications/microsoft-lync/"
LBORG_GUIDE = "Microsoft Lync 2010 Deployment Guide"
LBORG_URL = "http://pdfs.loadbalancer.org/Microsoft_Lync_2010_Deployment_Guide.pdf"
RADWARE_URL = "http://www.radware.com/Partners/TechnologyPartners/Microsoft/"


class SeedRow(t.NamedTuple):
    table: str  # "hw" or "sw"
    vendor: str  # Vendor cell as written
    product: str  # Qualified Product cell as written (entities decoded)
    models: tuple[str, ...]
    version: str  # Software Version Tested cell, surrounding whitespace stripped
    guide_title: str
    guide_url: str


# Transcribed by hand from the source page, one line per table row, rowspan cells repeated on every row they cover.
SEED_ROWS: tuple[SeedRow, ...] = (
    # Hardware load balancers for Lync Server
    SeedRow("hw", "A10Networks", "AX Series 1000, 2200, 3200", ("1000", "2200", "3200"), "2.4.3", A10_GUIDE, A10_URL),
    SeedRow(
        "hw",
        "A10Networks",
        "64-bit AX Series 2500, 2600, 3000, 5100, 5200",
        ("2500", "2600", "3000", "5100", "5200"),
        "2.4.3",
        A10_GUIDE,
        A10_URL,
    ),
    SeedRow(
        "hw",
        "Array Networks",
        "APV Series",
        (),
        "ArrayOS TM 8.x or later",
        "Deployment Guide for Array Networks APV Application Delivery Controllers and Microsoft Lync Server 2010",
        "http://www.arraynetworks.com/libraries/DG-APV-Lync2010-Dec-2011-Rev-III.PDF",
    ),
    SeedRow(
        "hw",
        "AVANU",
        "Webmux 481SD, 591SGQ, 690PG",
        ("481SD", "591SGQ", "690PG"),
        "V8.x and up",
        "WebMux and Microsoft Lync 2010",
        "http://avanu.com/webmuxuc/",
    ),
    SeedRow(
        "hw",
        "BarracudaNetworks",
        "Barracuda Load Balancer ADC Model 340, 440 or 640",
        ("340", "440", "640"),
        "3.3.1.005, 3.5.0.008",
        "Barracuda Load Balancer Deployment Guide",
        "https://techlib.barracuda.com/ADC/MSLyncDeployOverview",
    ),
    SeedRow(
        # the page separates "450 & 850" with no-break spaces
        "hw",
        "Brocade",
        "ServerIron XL,4G,GTC,GTE,350,450\u00a0&\u00a0850",
        ("XL", "4G", "GTC", "GTE", "350", "450", "850"),
        "SI V10.0.0a",
        BROCADE_GUIDE,
        BROCADE_URL,
    ),
    SeedRow(
        "hw",
        "Brocade",
        "ServerIron ADX 1000, 4000, 10000",
        ("1000", "4000", "10000"),
        "V12.1, V12.2",
        BROCADE_GUIDE,
        BROCADE_URL,
    ),
    SeedRow("hw", "CitrixSystems", "Netscaler", (), "8.1, 9.x, 10.5", CITRIX_GUIDE, CITRIX_URL),
    SeedRow("hw", "F5", "BIG-IP Local Traffic Manager", (), "11.x", F5_GUIDE, F5_URL),
    SeedRow(
        "hw",
        "Fortinet",
        "FortiADC-1500D",
        ("1500D",),
        "4.2.3",
        "Fortinet ADC Deployment Guide for Lync Server 2013",
        "http://docs.fortinet.com/d/fortiadc-load-balancing-lync",
    ),
    SeedRow(
        "hw",
        "HAProxy Technologies",
        "ALOHA Load Balancer",
        (),
        "5.5",
        "Aloha Deployment Guide for Lync 2010",
        ALOHA_URL,
    ),
    SeedRow("hw", "jetNEXUS", "Accelerating Load Balancer (ALB)", (), "ALB 2.0", JETNEXUS_GUIDE, JETNEXUS_URL),
    SeedRow(
        "hw",
        "jetNEXUS",
        "Accelerating Load Balancer Extreme (ALB-X)",
        (),
        "3.42.1 (Build 1475)",
        JETNEXUS_GUIDE,
        JETNEXUS_URL,
    ),
    SeedRow(
        "hw",
        "KEMP Technologies",
        "LoadMaster",
        (),
        "7.1-18b",
        "LoadMaster Deployment Guide",
        "http://kemptechnologies.com/microsoft-load-balancing/load-balancing-microsoft-lync/",
    ),
    SeedRow(
        "hw",
        "Loadbalancer.org",
        "Enterprise, Enterprise MAX, Enterprise 10G",
        ("Enterprise", "Enterprise MAX", "Enterprise 10G"),
        "v6.18, v7.4.1",
        LBORG_GUIDE,
        LBORG_URL,
    ),
    SeedRow(
        "hw",
        "Radware",
        "AppDirector",
        (),
        "v.2.14.03",
        "Radware AppDirector optimizing the delivery of Microsoft Lync 2010",
        RADWARE_URL,
    ),
    SeedRow(
        "hw",
        "Radware",
        "Alteon",
        (),
        "v.28.1.0",
        "Alteon Application Switch (AAS) optimizing the delivery of Microsoft Lync 2010",
        RADWARE_URL,
    ),
    # Software load balancers for Lync Server
    SeedRow("sw", "A10Networks", "64-bit AX Series: SoftAX", (), "2.6", A10_GUIDE, A10_URL),
    SeedRow("sw", "Citrix Systems", "Netscaler VPX", (), "9.1.102.8", CITRIX_GUIDE, CITRIX_URL),
    SeedRow("sw", "F5", "BIG-IP Local Traffic Manager Virtual Edition", (), "10.x, 11.x", F5_GUIDE, F5_URL),
    SeedRow(
        "sw", "HAProxy Technologies", "ALOHA Load-Balancer Virtual Appliance", (), "5.5", "Deployment guide", ALOHA_URL
    ),
    SeedRow("sw", "jetNEXUS", "Accelerating Load Balancer (ALB)", (), "ALB 2.0", JETNEXUS_GUIDE, JETNEXUS_URL),
    SeedRow(
        "sw",
        "jetNEXUS",
        "Accelerating Load Balancer Extreme (ALB-X)",
        (),
        "3.42.1 (Build 1475)",
        JETNEXUS_GUIDE,
        JETNEXUS_URL,
    ),
    SeedRow(
        "sw",
        "KEMP",
        "LoadMaster VLM-100, VLM-1000",
        ("VLM-100", "VLM-1000"),
        "V5.1",
        "LoadMaster Deployment Guide for Microsoft Lync 2010",
        "http://kemptechnologies.com/files/downloads/documentation/Lync/KEMP_Lync_2010_Deployment_Guide.pdf",
    ),
    SeedRow("sw", "Loadbalancer.org", "Enterprise VA", (), "v6.18, v7.4.1", LBORG_GUIDE, LBORG_URL),
    SeedRow(
        "sw",
        "Riverbed Technology",
        "Stingray Traffic Manager",
        (),
        "8.x and up",
        "Riverbed Stingray and Microsft Lync 2010: Deployment Guide",
        "https://splash.riverbed.com/docs/DOC-1335",
    ),
)


def _load_dataset() -> dict[str, t.Any]:
    with DATASET_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _load_schema() -> dict[str, t.Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


DATASET = _load_dataset()
ALL_ENTRIES: list[dict[str, t.Any]] = DATASET["entries"]
ENTRIES: list[dict[str, t.Any]] = [entry for entry in ALL_ENTRIES if entry["list"] == "lync"]


class SfbRow(t.NamedTuple):
    vendor: str  # Vendor cell's link text
    vendor_url: str  # its link: the vendor's Skype for Business deployment guide
    product: str  # Product cell
    version: str  # Software Version cell, empty <span></span> elements dropped


# The "Load Balancers" page for Skype for Business Server (dn947483), transcribed by hand; its last row is empty.
SFB_ROWS: tuple[SfbRow, ...] = (
    SfbRow(
        "Citrix",
        "https://www.citrix.com/content/dam/citrix/en_us/documents/products-solutions/"
        "deploying-skype-for-business-server-2015-with-netscaler.pdf",
        "NetScaler VPX NS10.5",
        "Build 56.22.nc",
    ),
    SfbRow(
        "F5 Networks",
        "https://f5.com/solutions/deployment-guides/microsoft-skype-for-business-server-2015-big-ip-ltm-v11",
        "BIG-IP Local Traffic Manager (LTM 3600)",
        "11.6",
    ),
    SfbRow(
        "Kemp",
        "http://kemptechnologies.com/microsoft-load-balancing/load-balancing-microsoft-skype-for-business/",
        "Hardware Load Balancer LM5400",
        "7.1-22b",
    ),
)


def _normalise(name: str) -> str:
    """The comparison key matching uses: case, spacing and punctuation ignored."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _row_key(table: str, vendor: str, product: str, version: str, guide_title: str, guide_url: str) -> tuple[str, ...]:
    return (FORM_FACTORS[table], vendor, product, version, guide_title, guide_url)


def _entry_key(entry: dict[str, t.Any]) -> tuple[str, ...]:
    return (
        entry["form_factor"],
        entry["seed_vendor"],
        entry["seed_product"],
        entry["versions_tested"],
        entry["guide_title"],
        entry["guide_url"],
    )


# --------------------------------------------------------------------------------------------------------------
# (a) the shipped file validates against the schema
# --------------------------------------------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(_load_schema())


def test_dataset_validates_against_schema() -> None:
    validator = Draft202012Validator(_load_schema())
    errors = sorted(validator.iter_errors(DATASET), key=lambda error: list(error.absolute_path))
    assert {entry["list"] for entry in ALL_ENTRIES} == set(DATASET["lists"])
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors)


def test_schema_entry_definition_validates_single_entries() -> None:
    """$defs/entry is what user-supplied extra entries are validated with."""
    schema = _load_schema()
    entry_validator = Draft202012Validator({"$ref": "#/$defs/entry", "$defs": schema["$defs"]})
    for entry in ALL_ENTRIES:
        entry_validator.validate(entry)
    bad = dict(ENTRIES[0], form_factor="virtual", unexpected=True)
    assert not entry_validator.is_valid(bad)
    assert not entry_validator.is_valid(dict(ENTRIES[0], id="Not Kebab"))


# --------------------------------------------------------------------------------------------------------------
# (b) one case per source-page row, against the hand-transcribed table
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [pytest.param(row, id=f"{row.table}-{row.vendor}-{row.product}".replace("\u00a0", " ")) for row in SEED_ROWS],
)
def test_seed_row_is_in_dataset(row: SeedRow) -> None:
    form_factor = FORM_FACTORS[row.table]
    matches = [
        entry
        for entry in ENTRIES
        if entry["form_factor"] == form_factor
        and entry["seed_vendor"] == row.vendor
        and entry["seed_product"] == row.product
    ]
    assert len(matches) == 1, f"expected exactly one {form_factor} entry for {row.vendor!r} / {row.product!r}"
    entry = matches[0]
    assert entry["models"] == list(row.models)
    assert entry["versions_tested"] == row.version
    assert entry["guide_title"] == row.guide_title
    assert entry["guide_url"] == row.guide_url
    vendor_names = {vendor["name"]: vendor for vendor in DATASET["vendors"]}
    vendor = vendor_names[entry["vendor"]]
    assert row.vendor == vendor["name"] or row.vendor in vendor["aliases"], "seed spelling must be the name or an alias"


# --------------------------------------------------------------------------------------------------------------
# (c) independent parse of the source page's HTML tables
# --------------------------------------------------------------------------------------------------------------


class _Cell(t.NamedTuple):
    text: str
    href: str | None
    rowspan: int


class _TableParser(HTMLParser):
    """Collects the <td> cells of every <table>: text (entities decoded, stripped), first link, rowspan."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[_Cell]]] = []
        self._in_table = False
        self._row: list[_Cell] | None = None
        self._text: list[str] | None = None
        self._href: str | None = None
        self._rowspan = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self._in_table = True
        elif tag == "tr" and self._in_table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._text = []
            self._href = None
            self._rowspan = int(attributes.get("rowspan") or 1)
        elif tag == "a" and self._text is not None and self._href is None:
            self._href = attributes.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None and self._row is not None:
            self._row.append(_Cell("".join(self._text).strip(), self._href, self._rowspan))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def _expand_rowspans(rows: list[list[_Cell]]) -> list[list[_Cell]]:
    """Give a cell spanning several rows to each of those rows."""
    pending: dict[int, tuple[_Cell, int]] = {}
    grid: list[list[_Cell]] = []
    for cells in rows:
        queue = list(cells)
        row: list[_Cell] = []
        column = 0
        while queue or any(pending_column >= column for pending_column in pending):
            if column in pending:
                cell, rows_left = pending.pop(column)
                if rows_left > 1:
                    pending[column] = (cell, rows_left - 1)
            else:
                cell = queue.pop(0)
                if cell.rowspan > 1:
                    pending[column] = (cell, cell.rowspan - 1)
            row.append(cell)
            column += 1
        grid.append(row)
    assert not pending, "a rowspan runs past the end of its table"
    return grid


def _seed_path() -> Path:
    configured = os.environ.get("LBQ_SEED")
    if configured:
        return Path(configured)
    return REPO_ROOT.parent / "shared" / "seed" / SEED_NAME


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = _seed_path()
    if not path.is_file():
        pytest.skip(f"source page not available at {path} (set LBQ_SEED); it is not shipped with the collection")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_grid(seed_text: str) -> list[tuple[str, list[_Cell]]]:
    """(table, expanded cells) for every data row of the page, tables in page order: hw then sw."""
    parser = _TableParser()
    parser.feed(seed_text)
    parser.close()
    assert len(parser.tables) == 2, "expected the hardware and the software table"
    rows: list[tuple[str, list[_Cell]]] = []
    for table, raw_rows in zip(("hw", "sw"), parser.tables, strict=True):
        header, *body = _expand_rowspans(raw_rows)
        assert [cell.text for cell in header] == TABLE_HEADER
        for cells in body:
            assert len(cells) == 4, f"{table} row with {len(cells)} cells: {cells}"
            rows.append((table, cells))
    return rows


def _grid_key(table: str, cells: list[_Cell]) -> tuple[str, ...]:
    vendor, product, version, guide = cells
    assert guide.href, f"guide cell without a link: {guide}"
    return _row_key(table, vendor.text, product.text, version.text, guide.text, guide.href)


def test_seed_html_matches_dataset(seed_grid: list[tuple[str, list[_Cell]]]) -> None:
    from_seed = sorted(_grid_key(table, cells) for table, cells in seed_grid)
    from_dataset = sorted(_entry_key(entry) for entry in ENTRIES)
    assert from_dataset == from_seed


def test_seed_html_matches_literal_table(seed_grid: list[tuple[str, list[_Cell]]]) -> None:
    from_seed = [_grid_key(table, cells) for table, cells in seed_grid]
    literal = [
        _row_key(row.table, row.vendor, row.product, row.version, row.guide_title, row.guide_url) for row in SEED_ROWS
    ]
    assert literal == from_seed


def test_vendor_urls_match_seed(seed_grid: list[tuple[str, list[_Cell]]]) -> None:
    """vendors[].url is the first link on that vendor's cells in page order, or null when none has one."""
    canonical = {(entry["form_factor"], entry["seed_vendor"]): entry["vendor"] for entry in ENTRIES}
    first_link: dict[str, str | None] = {}
    for table, cells in seed_grid:
        vendor = canonical[(FORM_FACTORS[table], cells[0].text)]
        if first_link.get(vendor) is None:
            first_link[vendor] = cells[0].href
    assert {vendor["name"]: vendor["url"] for vendor in DATASET["vendors"]} == first_link


def test_source_block_matches_seed(seed_text: str) -> None:
    source = DATASET["source"]
    assert f"# {source['title']}\n" in seed_text
    assert source["document_id"] in seed_text
    assert source["statement"] in seed_text
    assert f"mailto:{source['contact']}" in seed_text


# --------------------------------------------------------------------------------------------------------------
# (d) counts and internal consistency
# --------------------------------------------------------------------------------------------------------------


def test_row_counts() -> None:
    assert sum(entry["form_factor"] == "hardware" for entry in ENTRIES) == 17
    assert sum(entry["form_factor"] == "software" for entry in ENTRIES) == 9
    assert len(SEED_ROWS) == 26
    assert len(ALL_ENTRIES) == 26 + len(SFB_ROWS)
    assert ALL_ENTRIES[:26] == ENTRIES, "the Lync rows first, in page order"


@pytest.mark.parametrize("row", [pytest.param(row, id=row.vendor) for row in SFB_ROWS])
def test_sfb_row_is_in_dataset(row: SfbRow) -> None:
    (entry,) = [e for e in ALL_ENTRIES if e["list"] == "sfb" and e["seed_vendor"] == row.vendor]
    assert entry["seed_product"] == row.product
    assert entry["guide_url"] == row.vendor_url
    # The Citrix row writes its release in the product cell: versions_tested joins it to the build.
    release = re.search(r"\bNS\d+(?:\.\d+)*$", row.product)
    assert entry["versions_tested"] == (f"{release.group()} {row.version}" if release else row.version)
    vendor = next(v for v in DATASET["vendors"] if v["name"] == entry["vendor"])
    assert row.vendor == vendor["name"] or row.vendor in vendor["aliases"], "the page's spelling must be known"
    for model in entry["models"]:
        assert _normalise(model) in _normalise(row.product)


def test_lists_block() -> None:
    """lists.lync is the page of the source block; each list says which topologies it qualifies devices for."""
    lync, sfb = DATASET["lists"]["lync"], DATASET["lists"]["sfb"]
    assert {key: lync[key] for key in ("title", "document_id", "url")} == {
        key: DATASET["source"][key] for key in ("title", "document_id", "url")
    }
    assert lync["lync_versions"] == ["ocs2007r2", "lync2010", "lync2013", "sfb2015", "sfb2019"]
    assert sfb["document_id"] == "dn947483"
    assert sfb["url"].endswith("/skypeforbusiness/certification/infra-load-balancers")
    assert sfb["lync_versions"] == ["sfb2015", "sfb2019"]


def test_entry_ids_are_unique() -> None:
    ids = [entry["id"] for entry in ALL_ENTRIES]
    assert len(ids) == len(set(ids))


def test_entry_vendors_are_declared() -> None:
    names = [vendor["name"] for vendor in DATASET["vendors"]]
    assert len(names) == len(set(names))
    assert {entry["vendor"] for entry in ENTRIES} == set(names), "every vendor is used and every used vendor declared"
    assert {entry["vendor"] for entry in ALL_ENTRIES} == set(names)


def test_families_are_declared_and_used() -> None:
    families = {(family["vendor"], family["name"]) for family in DATASET["families"]}
    assert len(families) == len(DATASET["families"])
    assert {(entry["vendor"], entry["family"]) for entry in ALL_ENTRIES if "family" in entry} == families
    names: dict[tuple[str, str], str] = {}
    for family in DATASET["families"]:
        for name in (family["name"], *family["aliases"]):
            key = (family["vendor"], _normalise(name))
            assert names.setdefault(key, family["name"]) == family["name"], f"{name!r} names two families"


def test_vendor_names_do_not_collide() -> None:
    owner: dict[str, str] = {}
    for vendor in DATASET["vendors"]:
        for spelling in [vendor["name"], *vendor["aliases"]]:
            key = _normalise(spelling)
            assert owner.setdefault(key, vendor["name"]) == vendor["name"], f"{spelling!r} names two vendors"


def test_product_names_do_not_collide() -> None:
    """No two entries of one vendor and form factor share a product name or alias; no alias repeats its product."""
    owner: dict[tuple[str, str, str, str], str] = {}
    for entry in ALL_ENTRIES:
        product_key = _normalise(entry["product"])
        for alias in entry["product_aliases"]:
            assert _normalise(alias) != product_key, f"{entry['id']}: alias {alias!r} only respells the product"
        for name in {product_key, *(_normalise(alias) for alias in entry["product_aliases"])}:
            key = (entry["list"], entry["vendor"], entry["form_factor"], name)
            assert owner.setdefault(key, entry["id"]) == entry["id"], f"{name!r} names {owner[key]} and {entry['id']}"


# --------------------------------------------------------------------------------------------------------------
# (e) versions_parsed agrees with the version parser
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", [pytest.param(entry, id=entry["id"]) for entry in ALL_ENTRIES])
def test_versions_parsed_matches_parser(entry: dict[str, t.Any]) -> None:
    assert entry["versions_parsed"] == versions.parse_tested(entry["versions_tested"]).to_data()
