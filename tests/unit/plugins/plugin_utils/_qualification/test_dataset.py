# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Name matching shared by the qualified_lb lookup and the LB_* rules: vendors, products, models, terms, hints.

Most cases query the Lync list only (``lists=LYNC``), as a Lync Server 2013 topology does; the Skype for Business
rows have tests of their own below.
"""

from __future__ import annotations

import json
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import assess
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LoadBalancer
from ansible_collections.lync.lb_qualification.tests.unit.plugins.plugin_utils._qualification._declarations import (
    NOT_QUALIFIED,
    QUALIFIED,
    Declaration,
)


@pytest.fixture(scope="module")
def data() -> dataset.Dataset:
    return dataset.shipped()


LYNC = ("lync",)


def ids(entries: list[dataset.Entry]) -> list[str]:
    return [entry.id for entry in entries]


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("A10Networks", "A10 Networks"),
        ("A10 Networks", "A10 Networks"),
        ("a10-networks", "A10 Networks"),
        ("CitrixSystems", "Citrix Systems"),
        ("Citrix Systems", "Citrix Systems"),
        ("Citrix", "Citrix Systems"),
        ("F5", "F5"),
        ("F5 Networks", "F5"),
        ("f5networks", "F5"),
        ("KEMP", "KEMP Technologies"),
        ("Kemp", "KEMP Technologies"),
        ("KEMP Technologies", "KEMP Technologies"),
        ("BarracudaNetworks", "Barracuda Networks"),
        ("Barracuda Networks", "Barracuda Networks"),
        ("Riverbed", "Riverbed Technology"),
        ("jetnexus", "jetNEXUS"),
    ],
)
def test_vendor_aliases(data: dataset.Dataset, alias: str, canonical: str) -> None:
    assert data.canonical_vendor(alias) == canonical


@pytest.mark.parametrize("vendor", ["Cisco", "", "Citrix Systemz", "F5 Network Systems"])
def test_unknown_vendor(data: dataset.Dataset, vendor: str) -> None:
    assert data.canonical_vendor(vendor) is None
    assert data.find(vendor=vendor) == []


@pytest.mark.parametrize(
    ("vendor", "product", "model", "expected"),
    [
        ("F5", "BIG-IP Local Traffic Manager", None, ["f5-big-ip-ltm-hw"]),
        ("F5 Networks", "big-ip local traffic manager", None, ["f5-big-ip-ltm-hw"]),
        ("F5", "F5 BIG-IP LTM", None, ["f5-big-ip-ltm-hw"]),
        ("F5", "BIG-IP LTM 4000s", None, ["f5-big-ip-ltm-hw"]),
        ("F5", "BIG-IP LTM", "BIG-IP 4000s", ["f5-big-ip-ltm-hw"]),
        ("F5", "BIG-IP Local Traffic Manager Virtual Edition", None, ["f5-big-ip-ltm-ve-sw"]),
        ("Fortinet", "FortiADC-1500D", None, ["fortinet-fortiadc-hw"]),
        ("Fortinet", "FortiADC", "1500D", ["fortinet-fortiadc-hw"]),
        ("Fortinet", "FortiADC-1500D", "1500D", ["fortinet-fortiadc-hw"]),
        ("Fortinet", "FortiADC", "1000D", []),
        ("Fortinet", "FortiADC-1000D", None, []),
        ("AVANU", "Webmux", "591SGQ", ["avanu-webmux-hw"]),
        ("AVANU", "WebMux", "591SGQ", ["avanu-webmux-hw"]),
        ("AVANU", "WebMux 591SGQ", None, ["avanu-webmux-hw"]),
        ("AVANU", "WebMux", "591", []),
        ("Brocade", "ServerIron ADX", "4000", ["brocade-serveriron-adx-hw"]),
        ("Brocade", "ServerIron", "450", ["brocade-serveriron-hw"]),
        ("Brocade", "ServerIron", "4000", ["brocade-serveriron-adx-hw"]),  # the family, model picks the row
        ("Brocade", "ServerIron", "5000", []),
        ("A10Networks", "64-bit AX Series", "2500", ["a10-64-bit-ax-series-hw"]),
        ("A10 Networks", "AX Series", "3200", ["a10-ax-series-hw"]),
        ("A10 Networks", "AX Series", "2500", ["a10-64-bit-ax-series-hw"]),
        ("A10", "AX Series", "AX2500", ["a10-64-bit-ax-series-hw"]),
        ("A10", "AX 2500", None, ["a10-64-bit-ax-series-hw"]),
        ("A10", "AX Series", "AX-3200", ["a10-ax-series-hw"]),
        ("A10", "AX Series", "4000", []),
        ("Loadbalancer.org", "Enterprise MAX", None, ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise", "Enterprise MAX", ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise", "MAX", ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise", "10G", ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise", "R20", []),
        ("Loadbalancer.org", "Enterprise VA", None, ["loadbalancer-org-enterprise-va-sw"]),
        ("BarracudaNetworks", "Barracuda Load Balancer ADC", "440", ["barracuda-load-balancer-adc-hw"]),
        ("Barracuda Networks", "Barracuda Load Balancer ADC", "Model 440", ["barracuda-load-balancer-adc-hw"]),
        ("Barracuda Networks", "Barracuda Load Balancer ADC", "540", []),
        ("Barracuda", "Load Balancer ADC", "Model 340", ["barracuda-load-balancer-adc-hw"]),
        ("Array Networks", "APV 2600", None, ["array-apv-series-hw"]),
        ("jetNEXUS", "Accelerating Load Balancer Extreme (ALB-X)", None, ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ("jetNEXUS", "ALB-X", None, ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ("jetNEXUS", "Accelerating Load Balancer (ALB)", None, ["jetnexus-alb-hw", "jetnexus-alb-sw"]),
        ("KEMP", "LoadMaster", None, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ("KEMP", "LoadMaster", "LM-3600", ["kemp-loadmaster-hw"]),
        ("KEMP", "LoadMaster LM-3600", None, ["kemp-loadmaster-hw"]),
        ("KEMP", "LoadMaster", "LM-100", ["kemp-loadmaster-hw"]),  # not VLM-100: another prefix
        ("Kemp", "LoadMaster", "VLM-100", ["kemp-loadmaster-vlm-sw"]),
        ("KEMP Technologies", "LoadMaster VLM-1000", None, ["kemp-loadmaster-vlm-sw"]),
        ("CitrixSystems", "Netscaler", None, ["citrix-netscaler-hw"]),
        ("Citrix", "NetScaler VPX", None, ["citrix-netscaler-vpx-sw"]),
        ("Citrix", "Netscaler", "VPX", ["citrix-netscaler-vpx-sw"]),
        ("Citrix", "Citrix ADC", "MPX 7500", ["citrix-netscaler-hw"]),
        ("Citrix", "NetScaler MPX 8200", None, ["citrix-netscaler-hw"]),
        ("Riverbed", "Stingray", None, ["riverbed-stingray-traffic-manager-sw"]),
        ("F5", "BIG-IP Global Traffic Manager", None, []),
        ("KEMP", "BIG-IP Local Traffic Manager", None, []),
    ],
)
def test_find_product_and_model(
    data: dataset.Dataset, vendor: str, product: str, model: str | None, expected: list[str]
) -> None:
    assert ids(data.find(vendor=vendor, product=product, model=model, lists=LYNC)) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"vendor": "F5"}, ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw"]),
        ({"vendor": "F5", "form_factor": "software"}, ["f5-big-ip-ltm-ve-sw"]),
        ({"product": "LoadMaster"}, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ({"product": "LoadMaster", "form_factor": "hardware"}, ["kemp-loadmaster-hw"]),
        ({"product": "ALB-X", "form_factor": "software"}, ["jetnexus-alb-x-sw"]),
        ({"model": "1500D"}, ["fortinet-fortiadc-hw"]),
        ({"vendor": "Fortinet", "form_factor": "software"}, []),
    ],
)
def test_find_filters_combine_with_and(data: dataset.Dataset, filters: dict[str, str], expected: list[str]) -> None:
    assert ids(data.find(**filters, lists=LYNC)) == expected


def test_find_without_filters_returns_every_entry_in_list_order(data: dataset.Dataset) -> None:
    found = data.find()
    assert found == list(data.entries)
    lync = data.find(lists=LYNC)
    assert sum(e.form_factor == "hardware" for e in lync) == 17
    assert sum(e.form_factor == "software" for e in lync) == 9
    assert ids(data.find(lists=("sfb",))) == SFB_IDS


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("VLM-100", ["kemp-loadmaster-vlm-sw"]),
        ("VLM-1000", ["kemp-loadmaster-vlm-sw"]),
        ("LM-5400", ["kemp-loadmaster-hw"]),
        (None, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
    ],
)
def test_specific_model_wins_over_any_model(data: dataset.Dataset, model: str | None, expected: list[str]) -> None:
    """LoadMaster + VLM-100 names the virtual LoadMaster only, not also the hardware row that accepts any model."""
    assert ids(data.find(vendor="KEMP", product="LoadMaster", model=model, lists=LYNC)) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("F5 BIG-IP Local Traffic Manager", ["f5-big-ip-ltm-hw"]),
        ("F5 Networks BIG-IP LTM VE", ["f5-big-ip-ltm-ve-sw"]),
        ("BIG-IP Local Traffic Manager", ["f5-big-ip-ltm-hw"]),
        ("KEMP", ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ("Kemp Technologies", ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ("KEMP LoadMaster", ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ("LoadMaster VLM-100", ["kemp-loadmaster-vlm-sw"]),
        ("FortiADC-1500D", ["fortinet-fortiadc-hw"]),
        ("Fortinet FortiADC 1500D", ["fortinet-fortiadc-hw"]),
        ("ALB-X", ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ("Netscaler VPX", ["citrix-netscaler-vpx-sw"]),
        ("Citrix Netscaler", ["citrix-netscaler-hw"]),
        ("Enterprise MAX", ["loadbalancer-org-enterprise-hw"]),
        ("64-bit AX Series 2500", ["a10-64-bit-ax-series-hw"]),
        ("AVANU WebMux 591SGQ", ["avanu-webmux-hw"]),
        ("Brocade ServerIron ADX 4000", ["brocade-serveriron-adx-hw"]),
        ("Barracuda Load Balancer ADC 440", ["barracuda-load-balancer-adc-hw"]),
        ("AX Series 2500", ["a10-64-bit-ax-series-hw"]),
        ("Citrix NetScaler MPX 8200", ["citrix-netscaler-hw"]),
        ("KEMP BIG-IP", []),
        ("Cisco ACE", []),
        ("", []),
        ("  --  ", []),
    ],
)
def test_search_free_text(data: dataset.Dataset, term: str, expected: list[str]) -> None:
    assert ids(data.search(term, lists=LYNC)) == expected


@pytest.mark.parametrize(
    ("vendor", "product", "model", "suggested"),
    [
        ("Citrx", "Netscaler", None, "Citrix Systems"),
        ("KEMP Technology", "LoadMaster", None, "KEMP Technologies"),
        ("F5", "BIG-IP LTMX", None, "F5 BIG-IP Local Traffic Manager (hardware)"),
        ("F5", "BIG-IP LTMX", None, "F5 BIG-IP Local Traffic Manager Virtual Edition (software)"),
        ("Fortinet", "FortiADC", "1000D", "Fortinet FortiADC 1500D (hardware)"),
        ("A10 Networks", "AX Series", "4000", "A10 Networks 64-bit AX Series 2500, 2600, 3000, 5100, 5200 (hardware)"),
        ("A10 Networks", "AX Series", "4000", "A10 Networks AX Series 1000, 2200, 3200 (hardware)"),
        ("A10 Networks", "AX Series", "4000", "A10 Networks SoftAX (software)"),
        (
            "Barracuda",
            "Barracuda Load Balancer ADC",
            "540",
            "Barracuda Networks Barracuda Load Balancer ADC 340, 440, 640 (hardware)",
        ),
        (
            "Loadbalancer.org",
            "Enterprise",
            "R20",
            "Loadbalancer.org Enterprise, Enterprise MAX, Enterprise 10G (hardware)",
        ),
        ("Loadbalancer.org", "Enterprise", "R20", "Loadbalancer.org Enterprise VA (software)"),
    ],
)
def test_suggestions(data: dataset.Dataset, vendor: str, product: str, model: str | None, suggested: str) -> None:
    """Every row of the vendor that could fit, with its models and form factor."""
    suggestions = data.suggest(vendor, product, model, LYNC)
    assert suggested in suggestions
    assert 1 <= len(suggestions) <= 14


def test_suggestions_name_the_skype_for_business_list_only_where_it_counts(data: dataset.Dataset) -> None:
    assert data.suggest("Kemp", "LoadMaster", "LM-9999", ("lync", "sfb")) == [
        "KEMP Technologies LoadMaster (hardware)",
        "KEMP Technologies LoadMaster VLM-100, VLM-1000 (software)",
        "KEMP Technologies LoadMaster LM5400 (hardware, Skype for Business list)",
    ]
    assert not any("Skype" in s for s in data.suggest("Kemp", "LoadMaster", "LM-9999", LYNC))


def test_suggestions_for_an_unknown_vendor_name_qualified_vendors(data: dataset.Dataset) -> None:
    suggestions = data.suggest("Cisco", "ACE", "4710")
    assert suggestions
    assert set(suggestions) <= {entry.vendor for entry in data.entries}


@pytest.mark.parametrize(
    ("vendor", "product", "model", "form_factor", "status", "entry_id"),
    [
        ("KEMP", "LoadMaster", "VLM-100", "software", "qualified", "kemp-loadmaster-vlm-sw"),
        ("KEMP", "LoadMaster", "VLM-100", "hardware", "form_factor_mismatch", None),
        ("KEMP", "LoadMaster", "LM-3600", "hardware", "qualified", "kemp-loadmaster-hw"),
        ("jetNEXUS", "ALB-X", None, "software", "qualified", "jetnexus-alb-x-sw"),
        ("jetNEXUS", "ALB-X", None, "hardware", "qualified", "jetnexus-alb-x-hw"),
        ("Fortinet", "FortiADC", "1500D", "software", "form_factor_mismatch", None),
        ("Cisco", "ACE", None, "hardware", "not_qualified", None),
    ],
)
def test_assessment_uses_the_same_matching(
    vendor: str,
    product: str,
    model: str | None,
    form_factor: str,
    status: str,
    entry_id: str | None,
    data: dataset.Dataset,
) -> None:
    """The LB rules see exactly what the lookup would return for the same names."""
    version = {
        "KEMP": "5.1" if model and model.startswith("VLM") else "7.1-18b",
        "jetNEXUS": "3.42.1",
        "Fortinet": "4.2.3",
        "Cisco": "1.0",
    }[vendor]
    lb = LoadBalancer("lb", vendor, product, model, form_factor, version, False, "$.load_balancers.lb")
    found = assess(lb, data, "release_train", "lync2013")
    assert found.status == status
    assert (found.entry.id if found.entry else None) == entry_id
    lookup_ids = ids(data.find(vendor=vendor, product=product, model=model, form_factor=form_factor, lists=LYNC))
    assert (entry_id in lookup_ids) if entry_id else lookup_ids == []


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("BIG-IP LTM", "bigipltm"),
        ("  F5 Networks ", "f5networks"),
        ("Load_Balancer.org", "loadbalancerorg"),
        ("ALB-X (Extreme)", "albxextreme"),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert dataset.normalize(text) == normalized


def test_shipped_is_parsed_once() -> None:
    assert dataset.shipped() is dataset.shipped()


def test_entry_to_dict_is_plain_json_types(data: dataset.Dataset) -> None:
    for entry in data.entries:
        as_dict = entry.to_dict()
        assert json.loads(json.dumps(as_dict)) == as_dict
        assert as_dict["id"] == entry.id
        assert as_dict["origin"] == "seed"


@pytest.mark.parametrize(
    ("vendor", "product", "expected"),
    [
        ("F5 Networks, Inc.", "BIG-IP", "f5-big-ip-ltm-hw"),
        ("F5, Inc.", "BIG-IP Virtual Edition", "f5-big-ip-ltm-ve-sw"),
        ("Citrix Systems, Inc.", "NetScaler MPX", "citrix-netscaler-hw"),
        ("Progress", "LoadMaster", "kemp-loadmaster-hw"),
        ("Edgenexus", "ALB-X", "jetnexus-alb-x-hw"),
        ("Riverbed Technology Inc", "SteelApp Traffic Manager", "riverbed-stingray-traffic-manager-sw"),
    ],
)
def test_names_as_companies_and_renamed_products_are_written(vendor: str, product: str, expected: str) -> None:
    assert expected in [entry.id for entry in dataset.shipped().find(vendor=vendor, product=product)]


def test_a_model_not_listed_in_the_declared_form_is_not_qualified_rather_than_mismatched() -> None:
    """LoadMaster VLM-200 declared software: the virtual LoadMaster exists, that model is not on the list."""
    for product, model in (("LoadMaster", "VLM-200"), ("LoadMaster VLM-200", None)):
        lb = LoadBalancer("vlm", "KEMP", product, model, "software", "7.1-18b", False, "$")
        found = assess(lb, dataset.shipped(), "release_train", "lync2013")
        assert found.status == "not_qualified"
        assert "KEMP Technologies LoadMaster VLM-100, VLM-1000 (software)" in found.suggestions


def test_extra_dataset_files_may_not_use_yaml_aliases(tmp_path) -> None:
    """A 1 KB file of nested aliases expands to gigabytes: user files are refused before they are expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines += ["entries:", "  - {vendor: F5, product: LTM, form_factor: hardware, versions_tested: '12.1', models: *a8}"]
    bomb = tmp_path / "bomb.yml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="aliases"):
        dataset.with_extra(str(bomb))


SFB_IDS = ["citrix-netscaler-vpx-sfb", "f5-big-ip-ltm-3600-sfb", "kemp-loadmaster-lm5400-sfb"]


@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in QUALIFIED.items()])
def test_declarations_as_administrators_write_them(data: dataset.Dataset, declaration: Declaration) -> None:
    """Issue 9 §3: each resolves to the row the list supports, in the lookup and in the assessment alike."""
    lb = LoadBalancer("lb", *declaration[:5], False, "$.load_balancers.lb")
    found = assess(lb, data, "release_train", "lync2013")
    assert (found.status, found.entry.id if found.entry else None) == ("qualified", declaration.expected)
    assert ids(data.find(*declaration[:4], lists=LYNC)) == [declaration.expected]


@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in NOT_QUALIFIED.items()])
def test_precision_is_kept(data: dataset.Dataset, declaration: Declaration) -> None:
    """A product not on the list, a model the row does not list, a name of the other form: still refused."""
    lb = LoadBalancer("lb", *declaration[:5], False, "$.load_balancers.lb")
    status = {"LB_NOT_QUALIFIED": "not_qualified", "LB_FORM_FACTOR_MISMATCH": "form_factor_mismatch"}
    assert assess(lb, data, "release_train", "lync2013").status == status[declaration.expected]
    assert data.find(*declaration[:4], lists=LYNC) == []


@pytest.mark.parametrize(
    ("listed", "declared", "equal"),
    [
        ("2500", "ax2500", True),
        ("2500", "model2500", True),
        ("340", "model340", True),
        ("lm5400", "5400", True),
        ("lm5400", "lm5400", True),
        ("vlm100", "lm100", False),
        ("1500d", "1500", False),
        ("4000", "4000s", False),
        ("enterprise10g", "10g", True),
        ("enterprisemax", "max", True),
        ("xl", "gtc", False),
        ("2500", "", False),
    ],
)
def test_model_equality(listed: str, declared: str, equal: bool) -> None:
    assert dataset._model_equal(listed, declared, {"enterprise", "ax"}) is equal


def test_every_family_has_rows_of_its_vendor(data: dataset.Dataset) -> None:
    families = {(f["vendor"], f["name"]) for f in data.meta["families"]}
    used = {(e.vendor, e.family) for e in data.entries if e.family}
    assert used == families
    for vendor, name in families:
        rows = [e for e in data.entries if e.family == name]
        assert len(rows) >= 2 and {e.vendor for e in rows} == {vendor}, name


def test_the_skype_for_business_rows(data: dataset.Dataset) -> None:
    rows = {e.id: e for e in data.entries if e.list == "sfb"}
    assert sorted(rows) == sorted(SFB_IDS)
    assert (
        rows["f5-big-ip-ltm-3600-sfb"].product_aliases
        == data.find(vendor="F5", product="BIG-IP Local Traffic Manager", form_factor="hardware", lists=LYNC)[
            0
        ].product_aliases
    )
    assert data.lists_for("lync2013") == ("lync",)
    assert data.lists_for("sfb2015") == data.lists_for("sfb2019") == ("lync", "sfb")
    assert data.lists_for(None) is None


@pytest.mark.parametrize(
    ("declaration", "lync_version", "status", "entry_id"),
    [
        (
            ("Citrix", "NetScaler VPX", None, "software", "NS10.5 Build 56.22"),
            "sfb2019",
            "qualified",
            "citrix-netscaler-vpx-sfb",
        ),
        (
            ("Citrix", "NetScaler VPX", None, "software", "NS10.5 Build 56.22"),
            "lync2013",
            "version_not_tested",
            "citrix-netscaler-vpx-sw",
        ),
        (("Citrix", "NetScaler", None, "software", "10.5"), "sfb2015", "qualified", "citrix-netscaler-vpx-sfb"),
        (("Kemp", "LoadMaster", "LM5400", "hardware", "7.1-22b"), "sfb2015", "qualified", "kemp-loadmaster-lm5400-sfb"),
        (
            ("Kemp", "LoadMaster LM-5400", None, "hardware", "7.1-22b"),
            "lync2013",
            "version_not_tested",
            "kemp-loadmaster-hw",
        ),
        (("Kemp", "LoadMaster", "LM-5400", "hardware", "7.1-18b"), "sfb2015", "qualified", "kemp-loadmaster-hw"),
        (("F5 Networks", "BIG-IP LTM", "3600", "hardware", "11.6.1"), "sfb2019", "qualified", "f5-big-ip-ltm-3600-sfb"),
        (("F5", "BIG-IP LTM", None, "hardware", "11.6.1"), "sfb2015", "qualified", "f5-big-ip-ltm-hw"),
        (("F5", "BIG-IP LTM", None, "hardware", "12.1"), "sfb2015", "version_not_tested", "f5-big-ip-ltm-hw"),
        (("Radware", "Alteon", None, "hardware", "28.1.0"), "sfb2015", "qualified", "radware-alteon-hw"),
    ],
)
def test_either_list_counts_for_skype_for_business_only(
    data: dataset.Dataset, declaration: tuple[t.Any, ...], lync_version: str, status: str, entry_id: str
) -> None:
    found = assess(LoadBalancer("lb", *declaration, False, "$"), data, "release_train", lync_version)
    assert (found.status, found.entry.id if found.entry else None) == (status, entry_id)


def test_version_not_tested_compares_every_row_of_the_form(data: dataset.Dataset) -> None:
    lb = LoadBalancer("lb", "F5", "BIG-IP LTM", None, "hardware", "12.1", False, "$")
    found = assess(lb, data, "release_train", "sfb2015")
    assert ids(list(found.candidates)) == ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-3600-sfb"]
