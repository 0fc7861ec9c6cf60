# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Name matching shared by the qualified_lb lookup and the LB_* rules: vendors, products, models, terms, hints."""

from __future__ import annotations

import json

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.assessment import assess
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LoadBalancer


@pytest.fixture(scope="module")
def data() -> dataset.Dataset:
    return dataset.shipped()


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
        ("Brocade", "ServerIron", "4000", []),
        ("A10Networks", "64-bit AX Series", "2500", ["a10-64-bit-ax-series-hw"]),
        ("A10 Networks", "AX Series", "3200", ["a10-ax-series-hw"]),
        ("A10 Networks", "AX Series", "2500", []),
        ("Loadbalancer.org", "Enterprise MAX", None, ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise", "Enterprise MAX", ["loadbalancer-org-enterprise-hw"]),
        ("Loadbalancer.org", "Enterprise VA", None, ["loadbalancer-org-enterprise-va-sw"]),
        ("BarracudaNetworks", "Barracuda Load Balancer ADC", "440", ["barracuda-load-balancer-adc-hw"]),
        ("Barracuda Networks", "Barracuda Load Balancer ADC", "Model 440", ["barracuda-load-balancer-adc-hw"]),
        ("Barracuda Networks", "Barracuda Load Balancer ADC", "540", []),
        ("jetNEXUS", "Accelerating Load Balancer Extreme (ALB-X)", None, ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ("jetNEXUS", "ALB-X", None, ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ("jetNEXUS", "Accelerating Load Balancer (ALB)", None, ["jetnexus-alb-hw", "jetnexus-alb-sw"]),
        ("KEMP", "LoadMaster", None, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ("KEMP", "LoadMaster", "LM-3600", ["kemp-loadmaster-hw"]),
        ("Kemp", "LoadMaster", "VLM-100", ["kemp-loadmaster-vlm-sw"]),
        ("KEMP Technologies", "LoadMaster VLM-1000", None, ["kemp-loadmaster-vlm-sw"]),
        ("CitrixSystems", "Netscaler", None, ["citrix-netscaler-hw"]),
        ("Citrix", "NetScaler VPX", None, ["citrix-netscaler-vpx-sw"]),
        ("Citrix", "Netscaler", "VPX", ["citrix-netscaler-vpx-sw"]),
        ("Citrix", "Citrix ADC", "MPX 7500", ["citrix-netscaler-hw"]),
        ("Riverbed", "Stingray", None, ["riverbed-stingray-traffic-manager-sw"]),
        ("F5", "BIG-IP Global Traffic Manager", None, []),
        ("KEMP", "BIG-IP Local Traffic Manager", None, []),
    ],
)
def test_find_product_and_model(data: dataset.Dataset, vendor: str, product: str, model: str | None,
                                expected: list[str]) -> None:
    assert ids(data.find(vendor=vendor, product=product, model=model)) == expected


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
    assert ids(data.find(**filters)) == expected


def test_find_without_filters_returns_every_entry_in_list_order(data: dataset.Dataset) -> None:
    found = data.find()
    assert found == list(data.entries)
    assert sum(e.form_factor == "hardware" for e in found) == 17
    assert sum(e.form_factor == "software" for e in found) == 9


@pytest.mark.parametrize(
    ("model", "expected"),
    [("VLM-100", ["kemp-loadmaster-vlm-sw"]), ("VLM-1000", ["kemp-loadmaster-vlm-sw"]),
     ("LM-5400", ["kemp-loadmaster-hw"]), (None, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"])],
)
def test_specific_model_wins_over_any_model(data: dataset.Dataset, model: str | None, expected: list[str]) -> None:
    """LoadMaster + VLM-100 names the virtual LoadMaster only, not also the hardware row that accepts any model."""
    assert ids(data.find(vendor="KEMP", product="LoadMaster", model=model)) == expected


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
        ("AX Series 2500", []),
        ("Cisco ACE", []),
        ("", []),
        ("  --  ", []),
    ],
)
def test_search_free_text(data: dataset.Dataset, term: str, expected: list[str]) -> None:
    assert ids(data.search(term)) == expected


@pytest.mark.parametrize(
    ("vendor", "product", "model", "suggested"),
    [
        ("Citrx", "Netscaler", None, "Citrix Systems"),
        ("KEMP Technology", "LoadMaster", None, "KEMP Technologies"),
        ("F5", "BIG-IP LTMX", None, "F5 BIG-IP Local Traffic Manager"),
        ("Fortinet", "FortiADC", "1000D", "Fortinet FortiADC 1500D"),
        ("A10 Networks", "AX Series", "2500", "A10 Networks 64-bit AX Series 2500"),
        ("Barracuda", "Barracuda Load Balancer ADC", "540", "Barracuda Networks Barracuda Load Balancer ADC 440"),
    ],
)
def test_suggestions(data: dataset.Dataset, vendor: str, product: str, model: str | None, suggested: str) -> None:
    suggestions = data.suggest(vendor, product, model)
    assert suggested in suggestions
    assert 1 <= len(suggestions) <= 14


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
def test_assessment_uses_the_same_matching(vendor: str, product: str, model: str | None, form_factor: str,
                                           status: str, entry_id: str | None, data: dataset.Dataset) -> None:
    """The LB rules see exactly what the lookup would return for the same names."""
    version = {"KEMP": "5.1" if model and model.startswith("VLM") else "7.1-18b", "jetNEXUS": "3.42.1",
               "Fortinet": "4.2.3", "Cisco": "1.0"}[vendor]
    lb = LoadBalancer("lb", vendor, product, model, form_factor, version, False, "$.load_balancers.lb")
    found = assess(lb, data, "release_train")
    assert found.status == status
    assert (found.entry.id if found.entry else None) == entry_id
    lookup_ids = ids(data.find(vendor=vendor, product=product, model=model, form_factor=form_factor))
    assert (entry_id in lookup_ids) if entry_id else lookup_ids == []


@pytest.mark.parametrize(
    ("text", "normalized"),
    [("BIG-IP LTM", "bigipltm"), ("  F5 Networks ", "f5networks"), ("Load_Balancer.org", "loadbalancerorg"),
     ("ALB-X (Extreme)", "albxextreme")],
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
    lb = LoadBalancer("vlm", "KEMP", "LoadMaster", "VLM-200", "software", "7.1-18b", False, "$")
    found = assess(lb, dataset.shipped(), "release_train")
    assert found.status == "not_qualified"
    assert any("VLM-100" in name for name in found.suggestions)


def test_extra_dataset_files_may_not_use_yaml_aliases(tmp_path) -> None:
    """A 1 KB file of nested aliases expands to gigabytes: user files are refused before they are expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines += ["entries:", "  - {vendor: F5, product: LTM, form_factor: hardware, versions_tested: '12.1', models: *a8}"]
    bomb = tmp_path / "bomb.yml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="aliases"):
        dataset.with_extra(str(bomb))
