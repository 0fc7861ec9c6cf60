# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The qualified_lb lookup: filters, terms, version policies, argument errors and the parsed-once dataset."""

from __future__ import annotations

import typing as t

import pytest
from ansible.errors import AnsibleError, AnsibleLookupError

from ansible_collections.lync.lb_qualification.plugins.lookup import qualified_lb
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset
from ansible_collections.lync.lb_qualification.tests.unit.plugins.plugin_utils._qualification._declarations import (
    NOT_QUALIFIED,
    QUALIFIED,
    Declaration,
)

NAME = "lync.lb_qualification.qualified_lb"
LOOKUP_PLUGIN = qualified_lb


def lookup(*terms: t.Any, **filters: t.Any) -> list[dict[str, t.Any]]:
    plugin = qualified_lb.LookupModule()
    plugin._load_name = NAME
    return plugin.run(list(terms), variables={}, **filters)


def ids(entries: list[dict[str, t.Any]]) -> list[str]:
    return [entry["id"] for entry in entries]


SFB = ["citrix-netscaler-vpx-sfb", "f5-big-ip-ltm-3600-sfb", "kemp-loadmaster-lm5400-sfb"]


def test_no_filter_returns_the_whole_list_in_order() -> None:
    entries = lookup()
    assert ids(entries) == [entry.id for entry in dataset.shipped().entries]
    assert len(entries) == 29
    assert [e["form_factor"] for e in entries[:26]] == ["hardware"] * 17 + ["software"] * 9
    assert [e["list"] for e in entries] == ["lync"] * 26 + ["sfb"] * 3


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"list": "sfb"}, SFB),
        ({"list": "sfb", "form_factor": "hardware"}, SFB[1:]),
        ({"list": "sfb", "vendor": "F5 Networks", "model": "LTM 3600"}, ["f5-big-ip-ltm-3600-sfb"]),
        ({"list": "lync", "vendor": "F5 Networks", "model": "LTM 3600"}, ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw"]),
        (
            {"vendor": "Kemp", "product": "LoadMaster LM-5400", "form_factor": "hardware"},
            ["kemp-loadmaster-hw", "kemp-loadmaster-lm5400-sfb"],
        ),
        ({"vendor": "Kemp", "product": "LoadMaster LM-5400", "version": "7.1-22b"}, ["kemp-loadmaster-lm5400-sfb"]),
        ({"list": "lync", "vendor": "Kemp", "product": "LoadMaster LM-5400", "version": "7.1-22b"}, []),
        ({"list": "sfb", "product": "NetScaler VPX", "version": "NS10.5 Build 56.22"}, ["citrix-netscaler-vpx-sfb"]),
        ({"list": "sfb", "vendor": "Radware"}, []),
    ],
)
def test_list_filter(filters: dict[str, str], expected: list[str]) -> None:
    assert ids(lookup(**filters)) == expected


def test_list_filter_with_terms() -> None:
    assert ids(lookup("KEMP", list="sfb")) == ["kemp-loadmaster-lm5400-sfb"]
    assert ids(lookup("KEMP", list="lync")) == ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]


def test_list_filter_keeps_site_entries() -> None:
    """extra_dataset entries count for every topology, so every list keeps them."""
    extra = [{"vendor": "F5", "product": "BIG-IP LTM", "form_factor": "hardware", "versions_tested": "13.1"}]
    for list_ in ("lync", "sfb"):
        found = lookup(
            vendor="F5", product="BIG-IP Local Traffic Manager", version="13.1.0.8", list=list_, extra_dataset=extra
        )
        assert [(e["list"], e["origin"]) for e in found] == [("extra", "extra")]


def test_bad_list_is_named() -> None:
    with pytest.raises(AnsibleError) as caught:
        lookup(list="skype")
    assert "skype" in str(caught.value) and "list" in str(caught.value)


@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in QUALIFIED.items()])
def test_declarations_as_administrators_write_them(declaration: Declaration) -> None:
    """Issue 9 §3: the lookup answers what the assert module decides."""
    found = lookup(
        vendor=declaration.vendor,
        product=declaration.product,
        model=declaration.model,
        form_factor=declaration.form_factor,
        version=declaration.version,
        list="lync",
    )
    assert ids(found) == [declaration.expected]


@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in NOT_QUALIFIED.items()])
def test_precision_is_kept(declaration: Declaration) -> None:
    assert (
        lookup(
            vendor=declaration.vendor,
            product=declaration.product,
            model=declaration.model,
            form_factor=declaration.form_factor,
            list="lync",
        )
        == []
    )


def test_entry_fields() -> None:
    (entry,) = lookup(vendor="F5", form_factor="hardware", list="lync")
    assert entry["id"] == "f5-big-ip-ltm-hw"
    assert entry["list"] == "lync"
    assert entry["family"] == "BIG-IP"
    assert entry["vendor"] == "F5"
    assert entry["vendor_aliases"] == ["F5 Networks"]
    assert entry["product"] == "BIG-IP Local Traffic Manager"
    assert entry["models"] == []
    assert entry["versions_tested"] == "11.x"
    assert entry["versions_parsed"] == [{"release": [11], "wildcard": True, "or_later": False, "build": None}]
    assert entry["guide_url"].startswith("https://")
    assert entry["origin"] == "seed"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"vendor": "A10Networks"}, ["a10-ax-series-hw", "a10-64-bit-ax-series-hw", "a10-softax-sw"]),
        ({"vendor": "A10 Networks", "form_factor": "software"}, ["a10-softax-sw"]),
        ({"vendor": "CitrixSystems"}, ["citrix-netscaler-hw", "citrix-netscaler-vpx-sw"]),
        ({"vendor": "Citrix", "form_factor": "hardware"}, ["citrix-netscaler-hw"]),
        ({"vendor": "F5 Networks"}, ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw"]),
        ({"vendor": "KEMP"}, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        ({"vendor": "Kemp", "form_factor": "software"}, ["kemp-loadmaster-vlm-sw"]),
        ({"vendor": "KEMP Technologies", "form_factor": "hardware"}, ["kemp-loadmaster-hw"]),
        ({"vendor": "BarracudaNetworks"}, ["barracuda-load-balancer-adc-hw"]),
        ({"vendor": "Barracuda Networks"}, ["barracuda-load-balancer-adc-hw"]),
        ({"vendor": "F5", "product": "BIG-IP Local Traffic Manager"}, ["f5-big-ip-ltm-hw"]),
        ({"product": "FortiADC-1500D"}, ["fortinet-fortiadc-hw"]),
        ({"product": "FortiADC", "model": "1500D"}, ["fortinet-fortiadc-hw"]),
        ({"product": "FortiADC", "model": "1000D"}, []),
        ({"product": "Webmux", "model": "591SGQ"}, ["avanu-webmux-hw"]),
        ({"product": "WebMux", "model": "591SGQ"}, ["avanu-webmux-hw"]),
        ({"product": "ServerIron ADX", "model": "4000"}, ["brocade-serveriron-adx-hw"]),
        ({"product": "64-bit AX Series", "model": "2500"}, ["a10-64-bit-ax-series-hw"]),
        ({"product": "Enterprise MAX"}, ["loadbalancer-org-enterprise-hw"]),
        ({"product": "Barracuda Load Balancer ADC", "model": "440"}, ["barracuda-load-balancer-adc-hw"]),
        ({"product": "Accelerating Load Balancer Extreme (ALB-X)"}, ["jetnexus-alb-x-hw", "jetnexus-alb-x-sw"]),
        ({"product": "ALB-X", "form_factor": "hardware"}, ["jetnexus-alb-x-hw"]),
        ({"product": "LoadMaster", "model": "VLM-100"}, ["kemp-loadmaster-vlm-sw"]),
        ({"product": "LoadMaster", "model": "VLM-100", "form_factor": "hardware"}, []),
        ({"vendor": "Cisco"}, []),
        ({"vendor": "F5", "product": "LoadMaster"}, []),
    ],
)
def test_filters(filters: dict[str, str], expected: list[str]) -> None:
    assert ids(lookup(list="lync", **filters)) == expected


@pytest.mark.parametrize(
    ("terms", "filters", "expected"),
    [
        (["F5 BIG-IP Local Traffic Manager"], {}, ["f5-big-ip-ltm-hw"]),
        (["KEMP"], {}, ["kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"]),
        (["KEMP"], {"form_factor": "software"}, ["kemp-loadmaster-vlm-sw"]),
        (["FortiADC-1500D"], {}, ["fortinet-fortiadc-hw"]),
        (["ALB-X"], {"form_factor": "software"}, ["jetnexus-alb-x-sw"]),
        (
            ["F5", "KEMP"],
            {},
            ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw", "kemp-loadmaster-hw", "kemp-loadmaster-vlm-sw"],
        ),
        (["F5", "KEMP"], {"form_factor": "hardware"}, ["f5-big-ip-ltm-hw", "kemp-loadmaster-hw"]),
        (["F5 BIG-IP Local Traffic Manager"], {"vendor": "KEMP"}, []),
        (["Cisco ACE"], {}, []),
    ],
)
def test_terms(terms: list[str], filters: dict[str, str], expected: list[str]) -> None:
    assert ids(lookup(*terms, list="lync", **filters)) == expected


POLICIES = ("exact", "release_train", "minimum")


def _per_policy(exact: list[str], release_train: list[str], minimum: list[str]) -> dict[str, list[str]]:
    return {"exact": exact, "release_train": release_train, "minimum": minimum}


def _all_policies(expected: list[str]) -> dict[str, list[str]]:
    return {policy: expected for policy in POLICIES}


F5_BOTH = ["f5-big-ip-ltm-hw", "f5-big-ip-ltm-ve-sw"]
ADX = ["brocade-serveriron-adx-hw"]
KEMP_HW = ["kemp-loadmaster-hw"]


@pytest.mark.parametrize(
    ("filters", "version", "expected"),
    [
        # 11.x (hardware) and 10.x, 11.x (software): 12.1 is newer than both, 10.2 only tested in software.
        ({"vendor": "F5"}, "12.1", _per_policy([], [], F5_BOTH)),
        ({"vendor": "F5"}, "10.2", _all_policies(["f5-big-ip-ltm-ve-sw"])),
        ({"vendor": "F5"}, "11.6.1 HF2", _all_policies(F5_BOTH)),
        # V12.1, V12.2: 12.1.4 is on the 12.1 release train.
        ({"product": "ServerIron ADX"}, "12.1.4", _per_policy([], ADX, ADX)),
        ({"product": "ServerIron ADX"}, "12.1", _all_policies(ADX)),
        ({"product": "ServerIron ADX"}, "11.9", _all_policies([])),
        # 7.1-18b: 7.1-20 is newer, 7.1-18b.2 on the train.
        ({"vendor": "KEMP", "form_factor": "hardware"}, "7.1-20", _per_policy([], [], KEMP_HW)),
        ({"vendor": "KEMP", "form_factor": "hardware"}, "7.1-18b.2", _per_policy([], KEMP_HW, KEMP_HW)),
        # 8.x and up
        ({"vendor": "Riverbed"}, "9.4", _all_policies(["riverbed-stingray-traffic-manager-sw"])),
    ],
)
@pytest.mark.parametrize("policy", POLICIES)
def test_version_filter_under_each_policy(
    filters: dict[str, str], version: str, expected: dict[str, list[str]], policy: str
) -> None:
    assert ids(lookup(version=version, version_policy=policy, list="lync", **filters)) == expected[policy]


def test_default_policy_is_release_train() -> None:
    assert ids(lookup(product="ServerIron ADX", version="12.1.4")) == ["brocade-serveriron-adx-hw"]
    assert ids(lookup(vendor="F5", version="12.1")) == []


@pytest.mark.parametrize("name", ["colour", "vendors", "policy"])
def test_unknown_filter_is_named(name: str) -> None:
    with pytest.raises(AnsibleLookupError, match=f"unknown filter.*{name}"):
        lookup(**{name: "x"})


@pytest.mark.parametrize(
    ("filters", "needles"),
    [
        ({"version": 11.6}, ("version", "number", "11.6", "quote")),
        ({"version": 11}, ("version", "number", "quote")),
        ({"vendor": 5}, ("vendor", "number")),
        ({"model": ["1500D"]}, ("model", "list")),
    ],
)
def test_wrong_filter_type(filters: dict[str, t.Any], needles: tuple[str, ...]) -> None:
    with pytest.raises(AnsibleLookupError) as caught:
        lookup(**filters)
    for needle in needles:
        assert needle in str(caught.value)


@pytest.mark.parametrize("term", [5, 11.6, None, ["F5"]])
def test_wrong_term_type(term: t.Any) -> None:
    with pytest.raises(AnsibleLookupError, match="terms must be strings"):
        lookup(term)


@pytest.mark.parametrize(
    ("filters", "needles"),
    [
        ({"form_factor": "virtual"}, ("virtual", "form_factor")),
        ({"version_policy": "loose"}, ("loose", "version_policy")),
    ],
)
def test_bad_choice(filters: dict[str, str], needles: tuple[str, ...]) -> None:
    with pytest.raises(AnsibleError) as caught:
        lookup(**filters)
    for needle in needles:
        assert needle in str(caught.value)


@pytest.mark.parametrize("version", ["latest", "11.x", "11.6, 11.5", ""])
def test_unparseable_version(version: str) -> None:
    with pytest.raises(AnsibleLookupError, match="qualified_lb: "):
        lookup(vendor="F5", version=version)


def test_repeated_queries_reuse_the_parsed_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    first = lookup(vendor="F5")
    parsed = dataset.shipped()

    def no_second_parse(path: t.Any) -> t.NoReturn:
        raise AssertionError(f"the dataset was read again from {path}")

    monkeypatch.setattr(dataset, "_read_structured", no_second_parse)
    hits = dataset.shipped.cache_info().hits
    for _attempt in range(3):
        assert lookup(vendor="F5") == first
    assert dataset.shipped() is parsed
    assert dataset.shipped.cache_info().hits > hits


def test_results_are_copies() -> None:
    """Changing what a query returned does not change what the next query returns."""
    first = lookup(vendor="F5")
    first[0]["models"].append("tampered")
    first[0]["versions_tested"] = "tampered"
    assert lookup(vendor="F5")[0]["versions_tested"] == "11.x"
    assert lookup(vendor="F5")[0]["models"] == []
