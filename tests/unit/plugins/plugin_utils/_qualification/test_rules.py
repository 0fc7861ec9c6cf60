# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Each rule alone: a minimal valid topology that triggers exactly that rule, and the boundary that does not.

Every case asserts the exact set of rule IDs found (all severities), so an unrelated rule that fires is caught too.
"""

from __future__ import annotations

import copy
import re
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    dataset,
    engine,
    inventory_model,
    topology,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import RULES, Context

# Qualified devices, each in the form factor and at a version the list accepts.
LTM = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "version": "11.6.1 HF2",
    "multiple_vips": True,
}
ALOHA = {
    "vendor": "HAProxy Technologies",
    "product": "ALOHA Load Balancer",
    "form_factor": "hardware",
    "version": "5.5",
    "multiple_vips": False,
}
KEMP = {
    "vendor": "KEMP Technologies",
    "product": "LoadMaster",
    "model": "LM-3600",
    "form_factor": "hardware",
    "version": "7.1-18b",
    "multiple_vips": True,
}


def servers(count: int, prefix: str = "srv") -> list[str]:
    return [f"{prefix}{index:02d}.contoso.com" for index in range(1, count + 1)]


def fe_pool(count: int = 3, **settings: t.Any) -> dict[str, t.Any]:
    """An Enterprise Front End pool; three servers, as Microsoft recommends (two draw FE_POOL_TWO_SERVERS)."""
    return {"role": "front_end", "servers": servers(count, "fe"), **settings}


def director_pool(count: int = 2, **settings: t.Any) -> dict[str, t.Any]:
    return {"role": "director", "servers": servers(count, "dir"), **settings}


def edge_pool(count: int = 2, **settings: t.Any) -> dict[str, t.Any]:
    return {"role": "edge", "servers": servers(count, "edge"), **settings}


def edge_hlb(count: int = 2, **settings: t.Any) -> dict[str, t.Any]:
    """An Edge pool behind two single-VIP devices, one per interface (qualified as is)."""
    return edge_pool(count, internal_load_balancer="alb-int", external_load_balancer="alb-ext", **settings)


EDGE_LBS = {"alb-int": ALOHA, "alb-ext": ALOHA}


def _topology(lync_version: str, pools: dict[str, t.Any], coexisting: list[str] | None) -> dict[str, t.Any]:
    return {"lync_version": lync_version, "pools": pools, **({"coexisting_versions": coexisting} if coexisting else {})}


# These topologies declare no VIPs, so each hardware-balanced pool also draws the info VIPS_NOT_DECLARED; the cases
# here leave it out (skip_rules) to keep each one about its rule. test_vip_rules.py checks, over every case below,
# that the full run finds exactly these findings plus one VIPS_NOT_DECLARED info per such pool.
WITHOUT_VIPS = ("VIPS_NOT_DECLARED",)


def run(
    load_balancers: dict[str, t.Any], lync_version: str, pools: dict[str, t.Any], **options: t.Any
) -> dict[str, t.Any]:
    """``options`` are the module's, and ``coexisting`` (lync_coexisting_versions)."""
    coexisting = options.pop("coexisting", None)
    model, errors = topology.from_options(load_balancers, _topology(lync_version, pools, coexisting))
    assert errors == [], [e.to_dict() for e in errors]
    checked, option_errors = engine.check_options(**{"skip_rules": list(WITHOUT_VIPS), **options})
    assert option_errors == []
    return engine.run(model, dataset.shipped(), checked)


def rule_ids(result: dict[str, t.Any]) -> set[str]:
    return {finding["rule"] for finding in result["findings"]}


def case(
    case_id: str,
    load_balancers: dict[str, t.Any],
    lync_version: str,
    pools: dict[str, t.Any],
    expected: set[str],
    **options: t.Any,
) -> t.Any:
    return pytest.param(load_balancers, lync_version, pools, options, expected, id=case_id)


# One or more topologies per rule that trigger that rule and nothing else.
TRIGGERS = [
    case(
        "not-qualified-vendor",
        {"ace": {"vendor": "Cisco", "product": "ACE", "model": "4710", "form_factor": "hardware", "version": "5.1"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ace")},
        {"LB_NOT_QUALIFIED"},
    ),
    case(
        "not-qualified-product",
        {"gtm": {**LTM, "product": "BIG-IP Global Traffic Manager"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="gtm")},
        {"LB_NOT_QUALIFIED"},
    ),
    case(
        "not-qualified-model",
        {
            "adc": {
                "vendor": "Fortinet",
                "product": "FortiADC",
                "model": "1000D",
                "form_factor": "hardware",
                "version": "4.2.3",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="adc")},
        {"LB_NOT_QUALIFIED"},
    ),
    case(
        "form-factor-vpx-hardware",
        {"vpx": {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "hardware", "version": "9.1.102.8"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="vpx")},
        {"LB_FORM_FACTOR_MISMATCH"},
    ),
    case(
        "form-factor-stingray-hardware",
        {
            "stm": {
                "vendor": "Riverbed",
                "product": "Stingray Traffic Manager",
                "form_factor": "hardware",
                "version": "9.1",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="stm")},
        {"LB_FORM_FACTOR_MISMATCH"},
    ),
    case(
        "form-factor-vlm100-hardware",
        {
            "vlm": {
                "vendor": "KEMP",
                "product": "LoadMaster",
                "model": "VLM-100",
                "form_factor": "hardware",
                "version": "5.1",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="vlm")},
        {"LB_FORM_FACTOR_MISMATCH"},
    ),
    case(
        "form-factor-fortiadc-software",
        {"adc": {"vendor": "Fortinet", "product": "FortiADC-1500D", "form_factor": "software", "version": "4.2.3"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="adc")},
        {"LB_FORM_FACTOR_MISMATCH"},
    ),
    case(
        "form-factor-mpx-model-software",
        {
            "ns": {
                "vendor": "Citrix",
                "product": "NetScaler",
                "model": "MPX 8200",
                "form_factor": "software",
                "version": "9.1.102.8",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ns")},
        {"LB_FORM_FACTOR_MISMATCH"},
    ),
    case(
        "not-qualified-model-of-no-family-row",
        {
            "ax": {
                "vendor": "A10",
                "product": "AX Series",
                "model": "4000",
                "form_factor": "hardware",
                "version": "2.4.3",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ax")},
        {"LB_NOT_QUALIFIED"},
    ),
    case(
        "sfb-row-only-on-sfb-list",
        {
            "lm": {
                "vendor": "Kemp",
                "product": "LoadMaster",
                "model": "LM5400",
                "form_factor": "hardware",
                "version": "7.1-22b",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="lm")},
        {"LB_VERSION_NOT_TESTED"},
    ),
    case(
        "version-not-tested",
        {"ltm": {**LTM, "version": "10.2.4 HF7"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_NOT_TESTED"},
    ),
    case(
        "version-not-tested-below-minimum",
        {"ltm": {**LTM, "version": "10.2.4"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_NOT_TESTED"},
        version_policy="minimum",
    ),
    case(
        "version-not-tested-exact",
        {
            "adx": {
                "vendor": "Brocade",
                "product": "ServerIron ADX",
                "model": "4000",
                "form_factor": "hardware",
                "version": "12.1.4",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="adx")},
        {"LB_VERSION_NOT_TESTED"},
        version_policy="exact",
    ),
    case(
        "version-newer-than-tested",
        {"ltm": {**LTM, "version": "12.1.2"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_NEWER_THAN_TESTED"},
        version_policy="minimum",
    ),
    case(
        "version-unparseable",
        {"ltm": {**LTM, "version": "latest"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_UNPARSEABLE"},
    ),
    case(
        "version-unparseable-wildcard",
        {"ltm": {**LTM, "version": "11.x"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_UNPARSEABLE"},
    ),
    case("fe-no-lb-lync2013", {}, "lync2013", {"pool.contoso.com": fe_pool()}, {"FE_POOL_NEEDS_HLB"}),
    case(
        "fe-dns-no-web-lb-lync2013",
        {},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns")},
        {"FE_POOL_NEEDS_HLB"},
    ),
    case(
        "fe-dns-no-web-lb-lync2010",
        {},
        "lync2010",
        {"pool.contoso.com": fe_pool(load_balancing="dns")},
        {"FE_POOL_NEEDS_HLB"},
    ),
    case(
        "fe-hardware-web-lb-only-lync2013",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(web_load_balancer="ltm")},
        {"FE_POOL_NEEDS_HLB"},
    ),
    case(
        "fe-web-lb-only-ocs2007r2",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(web_load_balancer="ltm")},
        {"FE_POOL_NEEDS_HLB"},
    ),
    case(
        "web-components-unbalanced",
        {},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(1, configuration="expanded", web_components=servers(2, "web"))},
        {"WEB_COMPONENTS_NOT_BALANCED"},
    ),
    case(
        "web-components-unbalanced-default-expanded",
        {},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(1, web_components=servers(3, "web"))},
        {"WEB_COMPONENTS_NOT_BALANCED"},
    ),
    case("director-no-lb", {}, "lync2013", {"dir.contoso.com": director_pool()}, {"DIRECTOR_POOL_NEEDS_HLB"}),
    case(
        "director-dns-no-web-lb",
        {},
        "lync2013",
        {"dir.contoso.com": director_pool(load_balancing="dns")},
        {"DIRECTOR_POOL_NEEDS_HLB"},
    ),
    case(
        "director-no-lb-ocs2007r2", {}, "ocs2007r2", {"dir.contoso.com": director_pool()}, {"DIRECTOR_POOL_NEEDS_HLB"}
    ),
    case("edge-no-lb", {}, "lync2013", {"edge.contoso.com": edge_pool()}, {"EDGE_POOL_NEEDS_LB"}),
    case(
        "edge-no-external-lb",
        {"alb-int": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="alb-int")},
        {"EDGE_POOL_NEEDS_LB"},
    ),
    case(
        "edge-no-internal-lb",
        {"alb-ext": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(external_load_balancer="alb-ext")},
        {"EDGE_POOL_NEEDS_LB"},
    ),
    case("edge-no-lb-ocs2007r2", {}, "ocs2007r2", {"edge.contoso.com": edge_pool()}, {"EDGE_POOL_NEEDS_LB"}),
    case(
        "edge-single-vip-both-sides",
        {"alb": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="alb", external_load_balancer="alb")},
        {"EDGE_SINGLE_VIP_SHARED"},
    ),
    case(
        "edge-single-vip-load-balancer",
        {"alb": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancer="alb")},
        {"EDGE_SINGLE_VIP_SHARED"},
    ),
    case(
        "edge-mixed-hw-inside-dns-outside",
        {"alb-int": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="alb-int", external_load_balancing="dns")},
        {"EDGE_MIXED_LB_TYPE"},
    ),
    case(
        "edge-mixed-dns-inside-hw-outside",
        {"alb-ext": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(external_load_balancer="alb-ext", internal_load_balancing="dns")},
        {"EDGE_MIXED_LB_TYPE"},
    ),
    case(
        "dns-lb-ocs2007r2-front-end",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(load_balancing="dns", load_balancer="ltm")},
        {"DNS_LB_UNSUPPORTED"},
    ),
    case(
        "dns-lb-ocs2007r2-edge",
        {},
        "ocs2007r2",
        {"edge.contoso.com": edge_pool(load_balancing="dns")},
        {"DNS_LB_UNSUPPORTED"},
    ),
    case(
        "dns-lb-ocs2007r2-director",
        {"ltm": LTM},
        "ocs2007r2",
        {"dir.contoso.com": director_pool(load_balancing="dns", load_balancer="ltm")},
        {"DNS_LB_UNSUPPORTED"},
    ),
    case(
        "edge-nat-behind-hlb",
        EDGE_LBS,
        "lync2013",
        {"edge.contoso.com": edge_hlb(external_nat=True)},
        {"EDGE_EXTERNAL_NAT"},
    ),
    case(
        "fe-13-servers",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(13, load_balancer="ltm")},
        {"POOL_SIZE_LIMIT"},
    ),
    case(
        "director-11-servers",
        {"kemp": KEMP},
        "lync2013",
        {"dir.contoso.com": director_pool(11, load_balancer="kemp")},
        {"POOL_SIZE_LIMIT"},
    ),
    case("edge-13-servers", EDGE_LBS, "lync2013", {"edge.contoso.com": edge_hlb(13)}, {"POOL_SIZE_LIMIT"}),
    case(
        "edge-13-servers-dns",
        {},
        "lync2013",
        {"edge.contoso.com": edge_pool(13, load_balancing="dns")},
        {"POOL_SIZE_LIMIT"},
    ),
    case(
        "unknown-load-balancer",
        {},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm1")},
        {"UNKNOWN_LOAD_BALANCER"},
    ),
    case(
        "unknown-edge-load-balancer",
        {"alb-int": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="alb-int", external_load_balancer="alb-x")},
        {"UNKNOWN_LOAD_BALANCER"},
    ),
    case("lb-unused", {"ltm": LTM}, "lync2013", {"pool.contoso.com": fe_pool(1)}, {"LB_UNUSED"}),
    case(
        "sfb2015",
        {"ltm": LTM},
        "sfb2015",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case("sfb2019", {}, "sfb2019", {"pool.contoso.com": fe_pool(1)}, {"LYNC_VERSION_OUTSIDE_LIST"}),
]

VPX = {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "software", "version": "9.1.102.8"}
TRIGGERS += [
    case(
        "software-lb-on-ocs2007r2",
        {"vpx": VPX},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(load_balancer="vpx")},
        {"LB_SOFTWARE_ON_OCS2007R2"},
    ),
    case(
        "expanded-pool-lync2013",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", configuration="expanded")},
        {"EXPANDED_POOL_NOT_OCS2007R2"},
    ),
    case(
        "web-components-lync2010",
        {"ltm": LTM},
        "lync2010",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", web_components=servers(2, "web"))},
        {"EXPANDED_POOL_NOT_OCS2007R2"},
    ),
    case(
        "ha-pair-hardware-and-ve",
        {"ltm01": LTM, "ltm02": {**LTM, "product": "BIG-IP LTM VE", "form_factor": "software"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        {"LB_HA_MEMBERS_DIFFER"},
    ),
    case(
        "ha-peers-different-vendors",
        {"ltm01": {**LTM, "ha_peers": ["kemp01"]}, "kemp01": KEMP},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm01")},
        {"LB_HA_MEMBERS_DIFFER"},
    ),
    case(
        "ha-pair-mid-upgrade",
        {"ltm01": LTM, "ltm02": {**LTM, "version": "11.6.0"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        {"LB_HA_VERSION_MISMATCH"},
    ),
    case(
        "ha-standby-untested",
        {"ltm01": LTM, "ltm02": {**LTM, "version": "10.2.4"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        {"LB_VERSION_NOT_TESTED", "LB_HA_VERSION_MISMATCH"},
    ),
    case(
        "ha-peer-undeclared",
        {"ltm01": {**LTM, "ha_peers": ["ltm02"]}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm01")},
        {"UNKNOWN_LOAD_BALANCER"},
    ),
    case(
        "ha-list-member-undeclared",
        {"ltm01": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "LTM-02"])},
        {"UNKNOWN_LOAD_BALANCER"},
    ),
    case(
        "edge-single-vip-pair-on-both-sides",
        {"alb1": ALOHA, "alb2": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancer=["alb1", "alb2"])},
        {"EDGE_SINGLE_VIP_SHARED"},
    ),
    case(
        "pool-of-another-site",
        {"ltm": LTM},
        "lync2013",
        {
            "pool.contoso.com": fe_pool(load_balancer="ltm"),
            "site-b.contoso.com": {"role": "front_end", "servers": [], "load_balancer": "ltm-site-b"},
        },
        {"POOL_WITHOUT_SERVERS"},
    ),
    case(
        "pool-fronted-here-lost-its-servers",
        {"ltm": LTM, "ltm2": LTM},
        "lync2013",
        {
            "pool.contoso.com": fe_pool(load_balancer="ltm"),
            "pool2.contoso.com": {"role": "front_end", "servers": [], "load_balancer": "ltm2"},
        },
        {"POOL_SERVERS_NOT_FOUND"},
    ),
]

# The same rules' boundaries: close to a trigger, but correct.
BOUNDARIES = [
    case("qualified-f5-ltm", {"ltm": LTM}, "lync2013", {"pool.contoso.com": fe_pool(load_balancer="ltm")}, set()),
    case(
        "vpx-software",
        {"vpx": {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "software", "version": "9.1.102.8"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="vpx")},
        set(),
    ),
    case(
        "stingray-software",
        {
            "stm": {
                "vendor": "Riverbed",
                "product": "Stingray Traffic Manager",
                "form_factor": "software",
                "version": "9.1",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="stm")},
        set(),
    ),
    case(
        "vlm100-software",
        {
            "vlm": {
                "vendor": "KEMP",
                "product": "LoadMaster",
                "model": "VLM-100",
                "form_factor": "software",
                "version": "5.1",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="vlm")},
        set(),
    ),
    case(
        "hardware-lb-on-ocs2007r2", {"ltm": LTM}, "ocs2007r2", {"pool.contoso.com": fe_pool(load_balancer="ltm")}, set()
    ),
    case(
        "expanded-pool-ocs2007r2",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", web_components=servers(2, "web"))},
        set(),
    ),
    case(
        "ha-pair-same-product-other-models",
        {"ltm01": LTM, "ltm02": {**LTM, "model": "BIG-IP 4000s", "version": "11.6.1-hf2"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        set(),
    ),
    case(
        "ha-peers-cover-the-standby",
        {"ltm01": {**LTM, "ha_peers": ["LTM02"]}, "ltm02": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm01")},
        set(),
    ),
    case(
        "ha-pair-case-insensitive",
        {"ltm01.contoso.com": LTM, "ltm02.contoso.com": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["LTM01.contoso.com", "Ltm02.Contoso.com"])},
        set(),
    ),
    case(
        "edge-multi-vip-pair-on-both-sides",
        {"ltm01": LTM, "ltm02": LTM},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancer=["ltm01", "ltm02"])},
        set(),
    ),
    case(
        "edge-single-vip-pairs-one-per-side",
        {"a1": ALOHA, "a2": ALOHA, "b1": ALOHA, "b2": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer=["a1", "a2"], external_load_balancer=["b1", "b2"])},
        set(),
    ),
    case(
        "loadmaster-hardware-model",
        {"kemp": KEMP},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="kemp")},
        set(),
    ),
    case(
        "family-name-declared-software",
        {"ve": {**LTM, "product": "BIG-IP LTM", "form_factor": "software"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ve")},
        set(),
    ),
    case(
        "model-selects-the-row",
        {
            "ax": {
                "vendor": "A10",
                "product": "AX Series",
                "model": "AX2500",
                "form_factor": "hardware",
                "version": "2.4.3",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ax")},
        set(),
    ),
    case(
        "sfb-row-counts-for-sfb2015",
        {
            "lm": {
                "vendor": "Kemp",
                "product": "LoadMaster",
                "model": "LM5400",
                "form_factor": "hardware",
                "version": "7.1-22b",
            }
        },
        "sfb2015",
        {"pool.contoso.com": fe_pool(load_balancer="lm")},
        {"LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "fortiadc-hardware",
        {
            "adc": {
                "vendor": "Fortinet",
                "product": "FortiADC",
                "model": "1500D",
                "form_factor": "hardware",
                "version": "4.2.3",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="adc")},
        set(),
    ),
    case(
        "release-train-accepts-12.1.4",
        {
            "adx": {
                "vendor": "Brocade",
                "product": "ServerIron ADX",
                "model": "4000",
                "form_factor": "hardware",
                "version": "12.1.4",
            }
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="adx")},
        set(),
    ),
    case(
        "newer-is-not-tested-under-release-train",
        {"ltm": {**LTM, "version": "12.1.2"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_NOT_TESTED"},
    ),
    case(
        "newer-is-not-tested-under-exact",
        {"ltm": {**LTM, "version": "12.1.2"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        {"LB_VERSION_NOT_TESTED"},
        version_policy="exact",
    ),
    case(
        "tested-version-under-minimum",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm")},
        set(),
        version_policy="minimum",
    ),
    case("fe-single-server", {}, "lync2013", {"pool.contoso.com": fe_pool(1)}, set()),
    case("fe-single-server-ocs2007r2", {}, "ocs2007r2", {"pool.contoso.com": fe_pool(1)}, set()),
    case(
        "fe-dns-with-web-lb-lync2010",
        {"ltm": LTM},
        "lync2010",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")},
        set(),
    ),
    case(
        "fe-dns-with-web-lb-lync2013",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")},
        set(),
    ),
    case(
        "fe-dns-with-load-balancer-lync2013",
        {"ltm": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", load_balancer="ltm")},
        set(),
    ),
    case(
        "fe-dns-with-web-lb-ocs2007r2",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")},
        {"DNS_LB_UNSUPPORTED", "FE_POOL_NEEDS_HLB"},
    ),
    case("fe-hlb-ocs2007r2", {"ltm": LTM}, "ocs2007r2", {"pool.contoso.com": fe_pool(load_balancer="ltm")}, set()),
    case(
        "web-components-single",
        {},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(1, configuration="expanded", web_components=servers(1, "web"))},
        set(),
    ),
    case(
        "web-components-web-lb",
        {"ltm": LTM},
        "ocs2007r2",
        {
            "pool.contoso.com": fe_pool(
                1, configuration="expanded", web_components=servers(2, "web"), web_load_balancer="ltm"
            )
        },
        set(),
    ),
    case(
        "web-components-behind-pool-lb",
        {"ltm": LTM},
        "ocs2007r2",
        {
            "pool.contoso.com": fe_pool(
                4, configuration="expanded", web_components=servers(2, "web"), load_balancer="ltm"
            )
        },
        set(),
    ),
    case("director-single-server", {}, "lync2013", {"dir.contoso.com": director_pool(1)}, set()),
    case(
        "director-dns-with-web-lb",
        {"kemp": KEMP},
        "lync2013",
        {"dir.contoso.com": director_pool(load_balancing="dns", web_load_balancer="kemp")},
        set(),
    ),
    case("edge-single-server", {}, "lync2013", {"edge.contoso.com": edge_pool(1)}, set()),
    case("edge-dns-both", {}, "lync2013", {"edge.contoso.com": edge_pool(load_balancing="dns")}, set()),
    case(
        "edge-dns-both-explicit",
        {},
        "lync2010",
        {"edge.contoso.com": edge_pool(internal_load_balancing="dns", external_load_balancing="dns")},
        set(),
    ),
    case("edge-two-single-vip-devices", EDGE_LBS, "lync2013", {"edge.contoso.com": edge_hlb()}, set()),
    case("edge-hlb-ocs2007r2", EDGE_LBS, "ocs2007r2", {"edge.contoso.com": edge_hlb()}, set()),
    case(
        "edge-multi-vip-both-sides",
        {"ltm": LTM},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="ltm", external_load_balancer="ltm")},
        set(),
    ),
    case(
        "edge-multi-vip-load-balancer",
        {"ltm": LTM},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancer="ltm")},
        set(),
    ),
    case(
        "edge-mixed-single-server",
        {},
        "lync2013",
        {"edge.contoso.com": edge_pool(1, internal_load_balancing="hardware", external_load_balancing="dns")},
        set(),
    ),
    case("edge-dns-lync2010", {}, "lync2010", {"edge.contoso.com": edge_pool(load_balancing="dns")}, set()),
    case(
        "fe-dns-lync2010-with-lb",
        {"ltm": LTM},
        "lync2010",
        {"pool.contoso.com": fe_pool(load_balancing="dns", load_balancer="ltm")},
        set(),
    ),
    case(
        "edge-nat-with-dns-lb",
        {},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancing="dns", external_nat=True)},
        set(),
    ),
    case("edge-nat-single-server", {}, "lync2013", {"edge.contoso.com": edge_pool(1, external_nat=True)}, set()),
    case("edge-public-behind-hlb", EDGE_LBS, "lync2013", {"edge.contoso.com": edge_hlb(external_nat=False)}, set()),
    case("fe-12-servers", {"ltm": LTM}, "lync2013", {"pool.contoso.com": fe_pool(12, load_balancer="ltm")}, set()),
    case(
        "fe-13-servers-lync2010",
        {"ltm": LTM},
        "lync2010",
        {"pool.contoso.com": fe_pool(13, load_balancer="ltm")},
        set(),
    ),
    case(
        "fe-13-servers-ocs2007r2",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(13, load_balancer="ltm")},
        set(),
    ),
    case(
        "fe-13-servers-sfb2019",
        {"ltm": LTM},
        "sfb2019",
        {"pool.contoso.com": fe_pool(13, load_balancer="ltm")},
        {"POOL_SIZE_LIMIT", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "fe-12-servers-plus-web-components",
        {"ltm": LTM},
        "ocs2007r2",
        {"pool.contoso.com": fe_pool(12, load_balancer="ltm", web_components=servers(2, "web"))},
        set(),
    ),
    case(
        "director-10-servers",
        {"kemp": KEMP},
        "lync2013",
        {"dir.contoso.com": director_pool(10, load_balancer="kemp")},
        set(),
    ),
    case("edge-12-servers", EDGE_LBS, "lync2013", {"edge.contoso.com": edge_hlb(12)}, set()),
    case("lync2013-is-on-the-list", {}, "lync2013", {"pool.contoso.com": fe_pool(1)}, set()),
    case("lync2010-is-on-the-list", {}, "lync2010", {"pool.contoso.com": fe_pool(1)}, set()),
    case("ocs2007r2-is-on-the-list", {}, "ocs2007r2", {"pool.contoso.com": fe_pool(1)}, set()),
    case("no-pools", {}, "lync2013", {}, set()),
]


# --- VIPs -------------------------------------------------------------------------------------------------------
# The cases above declare no VIPs; what follows declares them, complete and correct unless a case changes them.
PRE_VIP_CASES = [*TRIGGERS, *BOUNDARIES]

WEB = {"persistence": "source_address", "idle_timeout": 1800, "mode": "proxy", "monitor_port": 5061}
MS_WSMAN = {"name": "MS-WSMAN", "http_only": False, "expires": False, "insert": "every_response"}


def fe_vips(pool: str = "pool.contoso.com", sip: bool = True) -> list[dict[str, t.Any]]:
    """A Front End pool's VIPs: SIP and the other services (hardware load balancing only), internal and external web."""
    vips = [
        {"name": f"{pool}-web-int", "pool": pool, "service": "web_internal", "ports": [80, 443], **WEB},
        {
            "name": f"{pool}-web-ext",
            "pool": pool,
            "service": "web_external",
            "ports": [443, 80],
            "port_map": {443: 4443, 80: 8080},
            **WEB,
            "persistence": "none",
        },
    ]
    if sip:
        vips.insert(
            0,
            {
                "name": f"{pool}-sip",
                "pool": pool,
                "service": "sip",
                "mode": "proxy",
                "ports": [5061, 444, 135, "5071-5073", 5075, 5076, 5080, 448],
            },
        )
    return vips


def director_vips(pool: str = "dir.contoso.com") -> list[dict[str, t.Any]]:
    return [
        {"name": f"{pool}-sip", "pool": pool, "service": "sip", "ports": [5061, 444], "mode": "proxy"},
        *fe_vips(pool, sip=False),
    ]


def edge_vips(pool: str = "edge.contoso.com") -> list[dict[str, t.Any]]:
    return [
        {
            "name": "edge-int",
            "pool": pool,
            "service": "edge_internal",
            "ports": [5061, 5062, "3478/udp", 443],
            "mode": "routed",
            "nagle": False,
        },
        {"name": "edge-access", "pool": pool, "service": "edge_access", "ports": [443, 5061], "mode": "routed"},
        {"name": "edge-webconf", "pool": pool, "service": "edge_webconf", "ports": [443], "mode": "routed"},
        {
            "name": "edge-av",
            "pool": pool,
            "service": "edge_av",
            "ports": [443, "3478/udp"],
            "mode": "routed",
            "snat": False,
            "nagle": False,
        },
    ]


def mediation_pool(count: int = 2, **settings: t.Any) -> dict[str, t.Any]:
    return {"role": "mediation", "servers": servers(count, "med"), **settings}


def changed(
    vips: list[dict[str, t.Any]], name: str, drop: tuple[str, ...] = (), **settings: t.Any
) -> list[dict[str, t.Any]]:
    """``vips`` with the VIP whose name ends with ``name`` changed: ``settings`` set, ``drop`` removed."""
    (index,) = [i for i, vip in enumerate(vips) if vip["name"].endswith(name)]
    vip = {key: value for key, value in {**vips[index], **settings}.items() if key not in drop}
    return [*vips[:index], vip, *vips[index + 1 :]]


def with_vips(device: dict[str, t.Any], vips: list[dict[str, t.Any]]) -> dict[str, t.Any]:
    return {**device, "vips": vips}


FE = {"pool.contoso.com": fe_pool(load_balancer="ltm")}
FE_VIPS = {"ltm": with_vips(LTM, fe_vips())}
# Lync Server 2010 web services: cookie persistence on the external web VIP.
FE_VIPS_2010 = changed(fe_vips(), "web-ext", persistence="cookie", cookie=MS_WSMAN)
EDGE = {"edge.contoso.com": edge_pool(load_balancer="ltm")}
EDGE_VIPS = {"ltm": with_vips(LTM, edge_vips())}
SHOW_ALL = {"skip_rules": []}  # VIPS_NOT_DECLARED too

VIP_TRIGGERS = [
    case("vips-not-declared", {"ltm": LTM}, "lync2013", FE, {"VIPS_NOT_DECLARED"}, **SHOW_ALL),
    case(
        "vips-declared-for-another-pool-only",
        {"ltm": with_vips(LTM, fe_vips("other.contoso.com"))},
        "lync2013",
        {**FE, "other.contoso.com": {**fe_pool(load_balancer="ltm"), "servers": servers(3, "other")}},
        {"VIPS_NOT_DECLARED"},
        **SHOW_ALL,
    ),
    case(
        "vips-not-declared-on-the-external-edge-device",
        {"ltm-int": with_vips(LTM, edge_vips()[:1]), "ltm-ext": LTM},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="ltm-int", external_load_balancer="ltm-ext")},
        {"VIPS_NOT_DECLARED"},
        **SHOW_ALL,
    ),
    case(
        "vip-setting-undeclared",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", drop=("idle_timeout",)))},
        "lync2013",
        FE,
        {"VIP_SETTING_UNDECLARED"},
    ),
    case(
        "vip-mode-undeclared",
        {"ltm": with_vips(LTM, changed(fe_vips(), "sip", drop=("mode",)))},
        "lync2013",
        FE,
        {"VIP_SETTING_UNDECLARED"},
    ),
    case(
        "vip-cookie-fields-undeclared",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", persistence="cookie", cookie={"name": "MS-WSMAN"}))},
        "lync2013",
        FE,
        {"VIP_SETTING_UNDECLARED"},
    ),
    case(
        "vip-pool-not-declared",
        {"ltm": with_vips(LTM, [*fe_vips(), *fe_vips("pool2.contoso.com")[:1]])},
        "lync2013",
        FE,
        {"VIP_POOL_UNKNOWN"},
    ),
    case(
        "vip-pool-fronted-by-another-device",
        {"ltm": with_vips(LTM, [*fe_vips(), *director_vips()[:1]]), "kemp": with_vips(KEMP, director_vips())},
        "lync2013",
        {**FE, "dir.contoso.com": director_pool(load_balancer="kemp")},
        {"VIP_POOL_UNKNOWN"},
    ),
    case(
        "vip-service-of-another-role",
        {"ltm": with_vips(LTM, [*fe_vips(), *edge_vips("pool.contoso.com")[3:]])},
        "lync2013",
        FE,
        {"VIP_POOL_UNKNOWN"},
    ),
    case(
        "vip-external-edge-service-on-the-internal-device",
        {"int": with_vips(LTM, edge_vips()), "ext": with_vips(LTM, edge_vips()[1:])},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="int", external_load_balancer="ext")},
        {"VIP_POOL_UNKNOWN"},
    ),
    case(
        "ports-missing-fe-hardware",
        {"ltm": with_vips(LTM, changed(fe_vips(), "sip", ports=[5061, 444]))},
        "lync2013",
        FE,
        {"VIP_PORTS_MISSING"},
    ),
    case(
        "ports-missing-collocated-mediation",
        FE_VIPS,
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", collocated_mediation=True)},
        {"VIP_PORTS_MISSING"},
    ),
    case(
        "ports-missing-fe-dns-web",
        {"ltm": with_vips(LTM, changed(fe_vips(sip=False), "web-int", ports=[443]))},
        "sfb2015",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")},
        {"VIP_PORTS_MISSING", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "ports-missing-director",
        {"kemp": with_vips(KEMP, changed(director_vips(), "sip", ports=[5061]))},
        "lync2013",
        {"dir.contoso.com": director_pool(load_balancer="kemp")},
        {"VIP_PORTS_MISSING"},
    ),
    case(
        "ports-missing-mediation",
        {
            "ltm": with_vips(
                LTM,
                [{"name": "med", "pool": "med.contoso.com", "service": "mediation", "ports": [5067], "mode": "proxy"}],
            )
        },
        "lync2013",
        {"med.contoso.com": mediation_pool(load_balancer="ltm")},
        {"VIP_PORTS_MISSING"},
    ),
    case(
        "ports-missing-edge-av-udp",
        {"ltm": with_vips(LTM, changed(edge_vips(), "av", ports=[443]))},
        "lync2013",
        EDGE,
        {"VIP_PORTS_MISSING"},
    ),
    case(
        "ports-missing-edge-webconf-vip",
        {"ltm": with_vips(LTM, [vip for vip in edge_vips() if "webconf" not in vip["name"]])},
        "sfb2019",
        EDGE,
        {"VIP_PORTS_MISSING", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "port-not-allowed-8057",
        {"ltm": with_vips(LTM, changed(edge_vips(), "int", ports=[5061, 5062, "3478/udp", 443, 8057]))},
        "lync2013",
        EDGE,
        {"VIP_PORT_NOT_ALLOWED"},
    ),
    case(
        "port-not-allowed-23456",
        {"ltm": with_vips(LTM, changed(edge_vips(), "int", ports=[5061, 5062, "3478/udp", 443, 23456]))},
        "lync2013",
        EDGE,
        {"VIP_PORT_NOT_ALLOWED"},
    ),
    case(
        "web-internal-no-persistence",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", persistence="none"))},
        "lync2013",
        FE,
        {"WEB_VIP_PERSISTENCE"},
    ),
    case(
        "web-external-no-cookie-lync2010-retained",
        FE_VIPS,
        "lync2013",
        FE,
        {"WEB_VIP_PERSISTENCE"},
        coexisting=["lync2010"],
    ),
    case(
        "cookie-name",
        {
            "ltm": with_vips(
                LTM, changed(fe_vips(), "web-int", persistence="cookie", cookie={**MS_WSMAN, "name": "BIGipServerLync"})
            )
        },
        "lync2013",
        FE,
        {"WEB_VIP_COOKIE"},
    ),
    case(
        "cookie-once-per-connection",
        {
            "ltm": with_vips(
                LTM,
                changed(
                    fe_vips(), "web-ext", persistence="cookie", cookie={**MS_WSMAN, "insert": "once_per_connection"}
                ),
            )
        },
        "sfb2019",
        FE,
        {"WEB_VIP_COOKIE", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "cookie-http-only-expires",
        {
            "ltm": with_vips(
                LTM,
                changed(
                    fe_vips(), "web-int", persistence="cookie", cookie={**MS_WSMAN, "http_only": True, "expires": True}
                ),
            )
        },
        "lync2013",
        FE,
        {"WEB_VIP_COOKIE"},
    ),
    case(
        "idle-timeout-300",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", idle_timeout=300))},
        "lync2013",
        FE,
        {"WEB_VIP_IDLE_TIMEOUT"},
    ),
    case(
        "idle-timeout-1799-director",
        {"kemp": with_vips(KEMP, changed(director_vips(), "web-int", idle_timeout=1799))},
        "lync2013",
        {"dir.contoso.com": director_pool(load_balancer="kemp")},
        {"WEB_VIP_IDLE_TIMEOUT"},
    ),
    case(
        "external-web-no-port-map",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", drop=("port_map",)))},
        "lync2013",
        FE,
        {"WEB_EXTERNAL_PORTS"},
    ),
    case(
        "external-web-8080-not-mapped",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", port_map={443: 4443}))},
        "lync2013",
        FE,
        {"WEB_EXTERNAL_PORTS"},
    ),
    case(
        "dsr-on-sip",
        {"ltm": with_vips(LTM, changed(fe_vips(), "sip", mode="dsr"))},
        "lync2013",
        FE,
        {"LB_DSR_UNSUPPORTED"},
    ),
    case(
        "dsr-on-edge-access",
        {"ltm": with_vips(LTM, changed(edge_vips(), "access", mode="dsr"))},
        "lync2013",
        EDGE,
        {"LB_DSR_UNSUPPORTED"},
    ),
    case(
        "snat-on-av", {"ltm": with_vips(LTM, changed(edge_vips(), "av", snat=True))}, "lync2013", EDGE, {"EDGE_AV_SNAT"}
    ),
    case(
        "nagle-on-internal-edge",
        {"ltm": with_vips(LTM, changed(edge_vips(), "int", nagle=True))},
        "lync2013",
        EDGE,
        {"EDGE_NAGLE"},
    ),
    case(
        "nagle-on-av",
        {"ltm": with_vips(LTM, changed(edge_vips(), "av", nagle=True))},
        "sfb2015",
        EDGE,
        {"EDGE_NAGLE", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case(
        "monitor-on-443",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", monitor_port=443))},
        "lync2013",
        FE,
        {"WEB_VIP_MONITOR"},
    ),
    case(
        "monitor-not-the-pool-port",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", monitor_port=5071))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", hlb_monitoring_port=8443)},
        {"WEB_VIP_MONITOR"},
    ),
    case(
        "mobility-without-request-lb",
        {
            "ltm": with_vips(
                LTM, changed(changed(fe_vips(), "web-int", request_level_lb=True), "web-ext", request_level_lb=False)
            )
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", mobility=True)},
        {"MOBILITY_REQUEST_LB"},
    ),
    case(
        "fe-two-servers-sfb2019",
        FE_VIPS,
        "sfb2019",
        {"pool.contoso.com": fe_pool(2, load_balancer="ltm")},
        {"FE_POOL_TWO_SERVERS", "LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case("mediation-no-lb", {}, "lync2013", {"med.contoso.com": mediation_pool()}, {"MEDIATION_POOL_NEEDS_LB"}),
    case(
        "ha-members-declare-different-vips",
        {"ltm01": with_vips(LTM, fe_vips()), "ltm02": with_vips(LTM, changed(fe_vips(), "web-ext", idle_timeout=3600))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        {"LB_HA_VIPS_DIFFER"},
    ),
    case(
        "ha-peer-declares-fewer-vips",
        {"ltm01": with_vips({**LTM, "ha_peers": ["ltm02"]}, fe_vips()), "ltm02": with_vips(LTM, fe_vips()[:2])},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm01")},
        {"LB_HA_VIPS_DIFFER"},
    ),
]

VIP_BOUNDARIES = [
    case("fe-hardware-complete", FE_VIPS, "lync2013", FE, set(), **SHOW_ALL),
    case(
        "fe-dns-web-lb-web-ports-only",
        {"ltm": with_vips(LTM, fe_vips(sip=False))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "fe-dns-load-balancer-web-ports-only",
        {"ltm": with_vips(LTM, fe_vips(sip=False))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", load_balancer="ltm")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "collocated-mediation-5070",
        {"ltm": with_vips(LTM, changed(fe_vips(), "sip", ports=[5061, 444, 135, "5070-5073", 5075, 5076, 5080, 448]))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", collocated_mediation=True)},
        set(),
    ),
    case(
        "collocated-mediation-dns-no-5070",
        {"ltm": with_vips(LTM, fe_vips(sip=False))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm", collocated_mediation=True)},
        set(),
    ),
    case(
        "director-complete",
        {"kemp": with_vips(KEMP, director_vips())},
        "lync2013",
        {"dir.contoso.com": director_pool(load_balancer="kemp")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "mediation-5070",
        {
            "ltm": with_vips(
                LTM,
                [{"name": "med", "pool": "MED.contoso.com", "service": "mediation", "ports": [5070], "mode": "proxy"}],
            )
        },
        "lync2013",
        {"med.contoso.com": mediation_pool(load_balancer="ltm")},
        set(),
        **SHOW_ALL,
    ),
    case("mediation-dns", {}, "lync2013", {"med.contoso.com": mediation_pool(load_balancing="dns")}, set()),
    case(
        "mediation-dns-load-balancer-not-in-the-path",
        {"ltm": LTM},
        "lync2013",
        {"med.contoso.com": mediation_pool(load_balancing="dns", load_balancer="ltm")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "edge-dns-load-balancer-not-in-the-path",
        {"ltm": LTM},
        "lync2013",
        {"edge.contoso.com": edge_pool(load_balancing="dns", load_balancer="ltm")},
        set(),
        **SHOW_ALL,
    ),
    case("mediation-single-server", {}, "lync2013", {"med.contoso.com": mediation_pool(1)}, set()),
    case("edge-complete", EDGE_VIPS, "lync2013", EDGE, set(), **SHOW_ALL),
    case(
        "edge-two-devices-complete",
        {"int": with_vips(LTM, edge_vips()[:1]), "ext": with_vips(LTM, edge_vips()[1:])},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="int", external_load_balancer="ext")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "edge-23456-sfb2019-no-xmpp",
        {"ltm": with_vips(LTM, changed(edge_vips(), "int", ports=[5061, 5062, "3478/udp", 443, 23456]))},
        "sfb2019",
        EDGE,
        {"LYNC_VERSION_OUTSIDE_LIST"},
    ),
    case("ocs2007r2-no-requirements", {"ltm": LTM}, "ocs2007r2", FE, set(), **SHOW_ALL),
    case("pool-name-case-insensitive", {"ltm": with_vips(LTM, fe_vips("POOL.Contoso.com"))}, "lync2013", FE, set()),
    case(
        "vip-for-another-sites-pool",
        {"ltm": with_vips(LTM, [*fe_vips(), *fe_vips("site-b.contoso.com")])},
        "lync2013",
        {**FE, "site-b.contoso.com": {"role": "front_end", "servers": [], "load_balancer": "ltm"}},
        {"POOL_WITHOUT_SERVERS"},
    ),
    case(
        "web-internal-cookie-persistence",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", persistence="cookie", cookie=MS_WSMAN))},
        "lync2013",
        FE,
        set(),
    ),
    case(
        "web-external-cookie-lync2010-retained",
        {"ltm": with_vips(LTM, FE_VIPS_2010)},
        "lync2013",
        FE,
        set(),
        coexisting=["lync2010"],
    ),
    case(
        "idle-timeout-3600",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", idle_timeout=3600))},
        "lync2013",
        FE,
        set(),
    ),
    case(
        "idle-timeout-300-lync2010-recommended-only",
        {"ltm": with_vips(LTM, changed(FE_VIPS_2010, "web-ext", idle_timeout=300))},
        "lync2010",
        FE,
        set(),
    ),
    case(
        "external-web-listens-on-4443-8080",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", ports=[4443, 8080], drop=("port_map",)))},
        "lync2013",
        FE,
        set(),
    ),
    case(
        "external-web-two-vips",
        {
            "ltm": with_vips(
                LTM,
                [
                    *changed(fe_vips(), "web-ext", ports=[443], port_map={443: 4443}),
                    {**fe_vips()[2], "name": "web-ext-http", "ports": [80], "port_map": {80: 8080}},
                ],
            )
        },
        "lync2013",
        FE,
        set(),
    ),
    case(
        "snat-on-access-edge",
        {"ltm": with_vips(LTM, changed(edge_vips(), "access", snat=True))},
        "lync2013",
        EDGE,
        set(),
    ),
    case(
        "nagle-on-access-edge-recommended-only",
        {"ltm": with_vips(LTM, changed(edge_vips(), "access", nagle=True))},
        "lync2013",
        EDGE,
        set(),
    ),
    case(
        "monitor-hlb-monitoring-port",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", monitor_port=5071))},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", hlb_monitoring_port=5071)},
        set(),
    ),
    case(
        "mobility-with-request-lb",
        {
            "ltm": with_vips(
                LTM,
                [{**vip, "request_level_lb": True} if vip["service"].startswith("web") else vip for vip in fe_vips()],
            )
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm", mobility=True)},
        set(),
    ),
    case(
        "no-mobility-no-request-lb",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-ext", request_level_lb=False))},
        "lync2013",
        FE,
        set(),
    ),
    case(
        "proxy-and-routed-modes",
        {"ltm": with_vips(LTM, changed(fe_vips(), "web-int", mode="routed"))},
        "lync2013",
        FE,
        set(),
    ),
    case(
        "fe-two-servers-lync2010",
        {"ltm": with_vips(LTM, FE_VIPS_2010)},
        "lync2010",
        {"pool.contoso.com": fe_pool(2, load_balancer="ltm")},
        set(),
    ),
    case("fe-three-servers-sfb2019", FE_VIPS, "sfb2019", FE, {"LYNC_VERSION_OUTSIDE_LIST"}),
    case(
        "ha-vips-on-one-member",
        {"ltm01": with_vips(LTM, fe_vips()), "ltm02": LTM},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        set(),
        **SHOW_ALL,
    ),
    case(
        "ha-vips-on-the-standby-peer",
        {"ltm01": {**LTM, "ha_peers": ["ltm02"]}, "ltm02": with_vips(LTM, fe_vips())},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer="ltm01")},
        set(),
        **SHOW_ALL,
    ),
    case(
        "ha-members-declare-the-same-vips",
        {
            "ltm01": with_vips(LTM, fe_vips()),
            "ltm02": with_vips(LTM, [{**vip, "pool": "Pool.contoso.com"} for vip in reversed(fe_vips())]),
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        set(),
    ),
    case(
        "ha-members-list-ports-in-another-order",
        {
            "ltm01": with_vips(LTM, fe_vips()),
            "ltm02": with_vips(LTM, [{**vip, "ports": list(reversed(vip["ports"]))} for vip in fe_vips()]),
        },
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])},
        set(),
    ),
]

TRIGGERS += VIP_TRIGGERS
BOUNDARIES += VIP_BOUNDARIES


@pytest.mark.parametrize(("load_balancers", "lync_version", "pools", "options", "expected"), TRIGGERS)
def test_rule_triggers_alone(load_balancers, lync_version, pools, options, expected) -> None:
    result = run(load_balancers, lync_version, pools, **options)
    assert rule_ids(result) == expected, result["findings"]


@pytest.mark.parametrize(("load_balancers", "lync_version", "pools", "options", "expected"), BOUNDARIES)
def test_rule_boundary(load_balancers, lync_version, pools, options, expected) -> None:
    result = run(load_balancers, lync_version, pools, **options)
    assert rule_ids(result) == expected, result["findings"]


# Rules that only the inventory mode can trigger, each with its own test below.
INVENTORY_ONLY = {"TOPOLOGY_CONTRADICTION"}


def test_every_rule_has_a_trigger() -> None:
    triggered = set().union(*(param.values[-1] for param in TRIGGERS))
    assert triggered | INVENTORY_ONLY == set(RULES)


def _inventory_run(edge_nat: t.Any, declared: dict[str, t.Any]) -> dict[str, t.Any]:
    """An Edge pool of 2 servers whose topology import states NAT (lync_edge_external_nat), declared as given."""
    data = inventory_model.InventoryData(
        groups={
            "lync_load_balancers": ["ltm"] if "load_balancer" in declared else [],
            "lync_edge": ["edge01", "edge02"],
        },
        hostvars={
            "ltm": {
                "lb_vendor": "F5",
                "lb_product": "BIG-IP LTM",
                "lb_form_factor": "hardware",
                "lb_version": "11.6.1 HF2",
                "lb_multiple_vips": True,
            },
            **{
                host: {"lync_pool": "edge.contoso.com", "lync_edge_external_nat": edge_nat}
                for host in ("edge01", "edge02")
            },
        },
        pools={"edge.contoso.com": declared},
        lync_version="lync2013",
    )
    model, errors = inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert errors == [], errors
    checked, _option_errors = engine.check_options(skip_rules=list(WITHOUT_VIPS))
    return engine.run(model, dataset.shipped(), checked)


def test_topology_contradiction_trigger() -> None:
    result = _inventory_run(True, {"load_balancing": "dns", "external_nat": False})
    assert rule_ids(result) == {"TOPOLOGY_CONTRADICTION"}, result["findings"]
    (finding,) = result["findings"]
    assert finding["severity"] == "warning"
    assert "lync_pools['edge.contoso.com'].external_nat is false" in finding["message"]
    assert "hostvars['edge01'].lync_edge_external_nat" in finding["message"]


@pytest.mark.parametrize(
    ("stated", "declared"),
    [
        (True, {"load_balancing": "dns"}),
        ("yes", {"load_balancing": "dns", "external_nat": True}),
        (False, {"load_balancer": "ltm", "external_nat": False}),
    ],
)
def test_topology_contradiction_boundary(stated: t.Any, declared: dict[str, t.Any]) -> None:
    assert rule_ids(_inventory_run(stated, declared)) == set()


def test_topology_stated_nat_applies_where_lync_pools_is_silent() -> None:
    """A NATed Edge pool behind a hardware load balancer, NAT known only from the topology: EDGE_EXTERNAL_NAT."""
    result = _inventory_run(True, {"load_balancer": "ltm"})
    assert rule_ids(result) == {"EDGE_EXTERNAL_NAT"}, result["findings"]
    assert "the Lync topology states NAT" in result["findings"][0]["message"]


@pytest.mark.parametrize(("load_balancers", "lync_version", "pools", "options", "expected"), TRIGGERS)
def test_finding_fields(load_balancers, lync_version, pools, options, expected) -> None:
    result = run(load_balancers, lync_version, pools, **options)
    for finding in result["findings"]:
        rule = RULES[finding["rule"]]
        assert set(finding) == {"rule", "severity", "subject", "path", "message", "source"}
        assert all(isinstance(value, str) and value for value in finding.values()), finding
        assert "\n" not in finding["message"], "msg has one line per finding"
        assert finding["severity"] == rule.severity
        assert finding["source"] == rule.source
        assert finding["source"].startswith(("https://", "http://"))
        assert finding["subject"] in {*load_balancers, *pools, "topology"}
        assert finding["path"].startswith("$.")


@pytest.mark.parametrize(
    ("load_balancers", "lync_version", "pools", "subject", "path"),
    [
        (
            {"ace": {"vendor": "Cisco", "product": "ACE", "form_factor": "hardware", "version": "5.1"}},
            "lync2013",
            {"p.contoso.com": fe_pool(load_balancer="ace")},
            "ace",
            "$.load_balancers.ace.vendor",
        ),
        (
            {"gtm": {**LTM, "product": "BIG-IP GTM"}},
            "lync2013",
            {"p.contoso.com": fe_pool(load_balancer="gtm")},
            "gtm",
            "$.load_balancers.gtm.product",
        ),
        (
            {"vpx": {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "hardware", "version": "9.1"}},
            "lync2013",
            {"p.contoso.com": fe_pool(load_balancer="vpx")},
            "vpx",
            "$.load_balancers.vpx.form_factor",
        ),
        (
            {"ltm": {**LTM, "version": "10.2.4"}},
            "lync2013",
            {"p.contoso.com": fe_pool(load_balancer="ltm")},
            "ltm",
            "$.load_balancers.ltm.version",
        ),
        ({}, "lync2013", {"p.contoso.com": fe_pool()}, "p.contoso.com", "$.topology.pools['p.contoso.com']"),
        (
            {},
            "lync2013",
            {"p.contoso.com": fe_pool(load_balancer="ltm1")},
            "p.contoso.com",
            "$.topology.pools['p.contoso.com'].load_balancer",
        ),
        ({"ltm": LTM}, "lync2013", {"p.contoso.com": fe_pool(1)}, "ltm", "$.load_balancers.ltm"),
        ({}, "sfb2015", {}, "topology", "$.topology.lync_version"),
    ],
)
def test_finding_subject_and_path(load_balancers, lync_version, pools, subject, path) -> None:
    findings = run(load_balancers, lync_version, pools)["findings"]
    assert [(f["subject"], f["path"]) for f in findings] == [(subject, path)]


def test_edge_pool_reports_each_unbalanced_interface() -> None:
    findings = run({}, "lync2013", {"edge.contoso.com": edge_pool()})["findings"]
    messages = [f["message"] for f in findings if f["rule"] == "EDGE_POOL_NEEDS_LB"]
    assert len(messages) == 2
    assert "internal interface" in messages[0]
    assert "external interface" in messages[1]


@pytest.mark.parametrize(
    ("lync_version", "needle"),
    [("ocs2007r2", "OCS 2007 R2"), ("lync2010", "web_load_balancer"), ("lync2013", "web_load_balancer")],
)
def test_fe_message_depends_on_version(lync_version: str, needle: str) -> None:
    pools = {"pool.contoso.com": fe_pool(3, load_balancing="hardware" if lync_version == "ocs2007r2" else "dns")}
    (finding,) = run({}, lync_version, pools)["findings"]
    assert finding["rule"] == "FE_POOL_NEEDS_HLB"
    assert needle in finding["message"]
    assert "3 servers" in finding["message"]


@pytest.mark.parametrize(
    ("load_balancer", "needles"),
    [
        ({"vendor": "Citrx", "product": "Netscaler", "form_factor": "hardware", "version": "9.3"}, ["Citrix Systems"]),
        ({**LTM, "product": "BIG-IP LTMX"}, ["F5 BIG-IP Local Traffic Manager"]),
        (
            {
                "vendor": "Fortinet",
                "product": "FortiADC",
                "model": "1000D",
                "form_factor": "hardware",
                "version": "4.2.3",
            },
            ["FortiADC 1500D"],
        ),
        (
            {
                "vendor": "A10 Networks",
                "product": "AX Series",
                "model": "4000",
                "form_factor": "hardware",
                "version": "2.4.3",
            },
            [
                "AX Series 1000, 2200, 3200 (hardware)",
                "64-bit AX Series 2500, 2600, 3000, 5100, 5200 (hardware)",
                "SoftAX (software)",
            ],
        ),
    ],
    ids=["vendor-typo", "product-typo", "model-of-no-entry", "model-of-no-family-row"],
)
def test_not_qualified_suggests_closest_names(load_balancer: dict[str, t.Any], needles: list[str]) -> None:
    (finding,) = run({"lb": load_balancer}, "lync2013", {"p.contoso.com": fe_pool(load_balancer="lb")})["findings"]
    assert finding["rule"] == "LB_NOT_QUALIFIED"
    assert "closest qualified" in finding["message"]
    for needle in needles:
        assert needle in finding["message"]


@pytest.mark.parametrize(
    ("load_balancer", "needle"),
    [
        (
            {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "hardware", "version": "9.1.102.8"},
            "Netscaler VPX (software)",
        ),
        (
            {
                "vendor": "KEMP",
                "product": "LoadMaster",
                "model": "VLM-100",
                "form_factor": "hardware",
                "version": "5.1",
            },
            "LoadMaster (software)",
        ),
        (
            {
                "vendor": "Fortinet",
                "product": "FortiADC",
                "model": "1500D",
                "form_factor": "software",
                "version": "4.2.3",
            },
            "FortiADC (hardware)",
        ),
    ],
)
def test_form_factor_message_names_the_qualified_form(load_balancer: dict[str, t.Any], needle: str) -> None:
    (finding,) = run({"lb": load_balancer}, "lync2013", {"p.contoso.com": fe_pool(load_balancer="lb")})["findings"]
    assert finding["rule"] == "LB_FORM_FACTOR_MISMATCH"
    assert needle in finding["message"]


def test_lync_version_outside_list_is_info_citing_the_planning_page() -> None:
    result = run(
        {
            "lm": {
                "vendor": "Kemp",
                "product": "LoadMaster",
                "model": "LM5400",
                "form_factor": "hardware",
                "version": "7.1-22b",
            }
        },
        "sfb2019",
        {"p.contoso.com": fe_pool(load_balancer="lm")},
    )
    (finding,) = result["findings"]
    assert (finding["rule"], finding["severity"]) == ("LYNC_VERSION_OUTSIDE_LIST", "info")
    assert '"applies to Skype for Business Server"' in finding["message"]
    assert finding["source"].endswith("/plan-your-deployment/network-requirements/load-balancing")
    assert result["qualified"] is True and result["failed"] is False
    assert result["load_balancers"]["lm"]["entry"]["list"] == "sfb"


@pytest.mark.parametrize("policy", ["exact", "release_train", "minimum"])
def test_version_not_tested_names_tested_versions(policy: str) -> None:
    lbs = {"ltm": {**LTM, "version": "10.2.4"}}
    (finding,) = run(lbs, "lync2013", {"p.contoso.com": fe_pool(load_balancer="ltm")}, version_policy=policy)[
        "findings"
    ]
    assert finding["rule"] == "LB_VERSION_NOT_TESTED"
    assert "11.x" in finding["message"]
    assert "'10.2.4'" in finding["message"]
    assert repr(policy) in finding["message"]


def test_newer_than_tested_is_a_warning_that_does_not_fail() -> None:
    result = run(
        {"ltm": {**LTM, "version": "12.1.2"}},
        "lync2013",
        {"p.contoso.com": fe_pool(load_balancer="ltm")},
        version_policy="minimum",
    )
    (finding,) = result["findings"]
    assert finding["severity"] == "warning"
    assert "11.x" in finding["message"]
    assert result["qualified"] is True
    assert result["failed"] is False
    assert result["load_balancers"]["ltm"]["version_verdict"] == "newer_than_tested"


def test_unknown_load_balancer_suggests_the_declared_name() -> None:
    result = run({"ltm01.contoso.com": LTM}, "lync2013", {"p.contoso.com": fe_pool(load_balancer="ltm1.contoso.com")})
    assert rule_ids(result) == {"UNKNOWN_LOAD_BALANCER", "LB_UNUSED"}
    unknown = next(f for f in result["findings"] if f["rule"] == "UNKNOWN_LOAD_BALANCER")
    assert "did you mean 'ltm01.contoso.com'" in unknown["message"]


def test_lb_unused_is_info_and_does_not_fail() -> None:
    result = run({"ltm": LTM}, "lync2013", {"p.contoso.com": fe_pool(1)})
    assert [(f["rule"], f["severity"]) for f in result["findings"]] == [("LB_UNUSED", "info")]
    assert result["qualified"] is True
    assert result["failed"] is False


def test_all_rules_report_in_one_run() -> None:
    """Several broken pools and devices: every rule that applies reports, none stops another."""
    lbs = {
        "ace": {"vendor": "Cisco", "product": "ACE", "form_factor": "hardware", "version": "5.1"},
        "vpx": {"vendor": "Citrix", "product": "Netscaler VPX", "form_factor": "hardware", "version": "9.1.102.8"},
        "old": {**LTM, "version": "10.2.4"},
        "bad": {**LTM, "version": "latest"},
        "alb": ALOHA,
        "spare": LTM,
    }
    pools = {
        "fe1.contoso.com": fe_pool(13, load_balancer="ace"),
        "fe2.contoso.com": {**fe_pool(3, load_balancer="vpx"), "servers": servers(3, "fe2-")},
        "dir.contoso.com": director_pool(2, load_balancer="old"),
        "dir2.contoso.com": {**director_pool(2), "servers": servers(2, "dir2-")},
        "edge.contoso.com": edge_pool(2, internal_load_balancer="alb", external_load_balancer="alb", external_nat=True),
        "edge2.contoso.com": {
            **edge_pool(2, internal_load_balancer="bad", external_load_balancing="dns"),
            "servers": servers(2, "edge2-"),
        },
        "fe3.contoso.com": {**fe_pool(3, load_balancer="nope"), "servers": servers(3, "fe3-")},
    }
    result = run(lbs, "sfb2015", pools)
    assert rule_ids(result) == {
        "LB_NOT_QUALIFIED",
        "LB_FORM_FACTOR_MISMATCH",
        "LB_VERSION_NOT_TESTED",
        "LB_VERSION_UNPARSEABLE",
        "DIRECTOR_POOL_NEEDS_HLB",
        "EDGE_SINGLE_VIP_SHARED",
        "EDGE_MIXED_LB_TYPE",
        "EDGE_EXTERNAL_NAT",
        "POOL_SIZE_LIMIT",
        "UNKNOWN_LOAD_BALANCER",
        "LB_UNUSED",
        "LYNC_VERSION_OUTSIDE_LIST",
    }


@pytest.mark.parametrize(
    ("declared", "coexisting", "stated", "contradiction"),
    [
        ("sfb2015", None, ["lync2013", "lync2013"], True),
        ("lync2013", None, ["lync2013", "lync2010"], True),
        ("lync2013", ["lync2010"], ["lync2013", "lync2010"], False),
        ("lync2013", None, ["lync2013", "lync2013"], False),
    ],
)
def test_topology_contradiction_of_the_lync_version(
    declared: str, coexisting: list[str] | None, stated: list[str], contradiction: bool
) -> None:
    """lync_version (which decides the lists that qualify a device) against the pool versions the topology states."""
    data = inventory_model.InventoryData(
        groups={"lync_front_end": ["fe01", "fe02"]},
        hostvars={
            host: {"lync_pool": f"pool{index}.contoso.com", "lync_pool_version": version}
            for index, (host, version) in enumerate(zip(("fe01", "fe02"), stated, strict=True))
        },
        lync_version=declared,
        coexisting_versions=coexisting if coexisting is not None else inventory_model.MISSING,
    )
    model, errors = inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert errors == []
    checked, _option_errors = engine.check_options()
    found = [
        f for f in engine.run(model, dataset.shipped(), checked)["findings"] if f["rule"] == "TOPOLOGY_CONTRADICTION"
    ]
    assert bool(found) is contradiction, found
    if found:
        assert found[0]["subject"] == "lync_version" and found[0]["path"] == "lync_version"
        assert f"lync_version is {declared}" in found[0]["message"]
        assert "hostvars['fe01'].lync_pool_version" in found[0]["message"]


# --- VIP rules: the same cases in inventory mode, the verdict of inventories without VIPs, severities ---------


def _inventory(
    load_balancers: dict[str, t.Any], lync_version: str, pools: dict[str, t.Any], coexisting: list[str] | None = None
) -> inventory_model.InventoryData:
    """The inventory equivalent to explicit-mode options: lb_* host variables (lb_vips...), one group per role,
    lync_pool on each server, lync_pools and lync_version as group_vars/all would give them."""
    groups: dict[str, list[str]] = {"lync_load_balancers": list(load_balancers)}
    hostvars: dict[str, dict[str, t.Any]] = {
        name: {f"lb_{key}": value for key, value in lb.items()} for name, lb in load_balancers.items()
    }
    lync_pools = {}
    for fqdn, pool in pools.items():
        lync_pools[fqdn] = {key: value for key, value in pool.items() if key not in ("role", "servers")}
        for host in pool["servers"]:
            groups.setdefault(f"lync_{pool['role']}", []).append(host)
            hostvars[host] = {"lync_pool": fqdn}
    extra = {"coexisting_versions": coexisting} if coexisting else {}
    return inventory_model.InventoryData(
        groups=groups, hostvars=hostvars, pools=lync_pools, lync_version=lync_version, **extra
    )


def _explicit_terms(message: str) -> str:
    """A message of inventory mode in the words of explicit mode (lb_vips -> vips, lync_pools['p'].mobility ->
    mobility): apart from naming the settings as each mode writes them, both modes say the same."""
    return re.sub(r"\blb_(\w+)", r"\1", re.sub(r"lync_pools\['[^']+'\]\.", "", message))


@pytest.mark.parametrize(
    ("load_balancers", "lync_version", "pools", "options", "expected"), VIP_TRIGGERS + VIP_BOUNDARIES
)
def test_vip_rules_in_inventory_mode(load_balancers, lync_version, pools, options, expected) -> None:
    options = dict(options)
    coexisting = options.pop("coexisting", None)
    data = _inventory(copy.deepcopy(load_balancers), lync_version, copy.deepcopy(pools), coexisting)
    model, errors = inventory_model.from_inventory(data, inventory_model.InventoryNames())
    assert errors == [], [e.to_dict() for e in errors]
    checked, _option_errors = engine.check_options(**{"skip_rules": list(WITHOUT_VIPS), **options})
    by_inventory = engine.run(model, dataset.shipped(), checked)
    assert rule_ids(by_inventory) == expected, by_inventory["findings"]
    by_options = run(
        load_balancers, lync_version, pools, **options, **({"coexisting": coexisting} if coexisting else {})
    )
    assert [
        (f["rule"], f["severity"], f["subject"], _explicit_terms(f["message"])) for f in by_inventory["findings"]
    ] == [(f["rule"], f["severity"], f["subject"], f["message"]) for f in by_options["findings"]]
    for finding in by_inventory["findings"]:
        assert re.match(r"(hostvars|lync_pools|groups)\[|lync_version$", finding["path"]), finding


@pytest.mark.parametrize(("load_balancers", "lync_version", "pools", "options", "expected"), PRE_VIP_CASES)
def test_without_vips_same_verdict_plus_infos(load_balancers, lync_version, pools, options, expected) -> None:
    """Every topology without VIPs: the full run finds what the case expects plus, for each pool a hardware load
    balancer fronts (Lync Server 2010 and later), one VIPS_NOT_DECLARED info; the verdict does not change."""
    without = run(load_balancers, lync_version, pools, **options)
    full = run(load_balancers, lync_version, pools, **{**options, "skip_rules": []})
    extra = [f for f in full["findings"] if f not in without["findings"]]
    assert [f for f in full["findings"] if f not in extra] == without["findings"]
    assert {(f["rule"], f["severity"]) for f in extra} <= {("VIPS_NOT_DECLARED", "info")}
    declared = {name.casefold() for name in load_balancers}
    fronted = {
        fqdn
        for fqdn, pool in pools.items()
        if pool["servers"]
        and lync_version != "ocs2007r2"
        and any(
            name.casefold() in declared
            for key in topology.REF_KEYS
            for name in ([pool[key]] if isinstance(pool.get(key), str) else pool.get(key) or ())
        )
    }
    assert sorted(f["subject"] for f in extra) == sorted(fronted)
    assert (full["qualified"], full["failed"]) == (without["qualified"], without["failed"])
    assert full["summary"]["infos"] == without["summary"]["infos"] + len(extra)


@pytest.mark.parametrize(
    ("lync_version", "severity"), [("lync2013", "warning"), ("sfb2015", "warning"), ("sfb2019", "error")]
)
@pytest.mark.parametrize("mode", ["explicit", "inventory"])
def test_fe_pool_two_servers_severity_depends_on_the_version(lync_version: str, severity: str, mode: str) -> None:
    pools = {"pool.contoso.com": fe_pool(2, load_balancer="ltm")}
    if mode == "explicit":
        result = run(FE_VIPS, lync_version, pools)
    else:
        model, errors = inventory_model.from_inventory(
            _inventory(FE_VIPS, lync_version, pools), inventory_model.InventoryNames()
        )
        assert errors == []
        result = engine.run(model, dataset.shipped(), engine.check_options(skip_rules=list(WITHOUT_VIPS))[0])
    (finding,) = [f for f in result["findings"] if f["rule"] == "FE_POOL_TWO_SERVERS"]
    assert finding["severity"] == severity
    assert finding["subject"] == "pool.contoso.com"
    assert "two servers" in finding["message"]
    assert result["qualified"] is (severity != "error")
    overridden = run(FE_VIPS, lync_version, pools, severity_overrides={"FE_POOL_TWO_SERVERS": "info"})
    assert [f["severity"] for f in overridden["findings"] if f["rule"] == "FE_POOL_TWO_SERVERS"] == ["info"]


def test_vip_ports_missing_names_ports_protocol_and_side() -> None:
    vips = changed(edge_vips(), "int", ports=[5061, 443])
    (finding,) = run({"ltm": with_vips(LTM, vips)}, "lync2013", EDGE)["findings"]
    assert finding["rule"] == "VIP_PORTS_MISSING"
    assert finding["path"] == "$.topology.pools['edge.contoso.com']"
    assert "edge_internal side" in finding["message"]
    assert "5062/tcp (SIP (MTLS) TCP 5062, A/V authentication)" in finding["message"]
    assert "3478/udp" in finding["message"]
    assert "5061/tcp" not in finding["message"]


def test_vip_ports_missing_dns_pool_is_checked_against_the_web_ports() -> None:
    pools = {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")}
    (finding,) = run({"ltm": with_vips(LTM, fe_vips(sip=False)[:1])}, "lync2013", pools)["findings"]
    assert finding["rule"] == "VIP_PORTS_MISSING"
    assert "(dns load balancing)" in finding["message"]
    assert "4443/tcp" in finding["message"] and "8080/tcp" in finding["message"]
    assert "5061" not in finding["message"]


def test_vip_settings_findings_name_vip_value_and_requirement() -> None:
    (finding,) = run({"ltm": with_vips(LTM, changed(fe_vips(), "web-int", persistence="none"))}, "lync2013", FE)[
        "findings"
    ]
    assert finding["subject"] == "ltm"
    assert finding["path"] == "$.load_balancers.ltm.vips[1].persistence"
    assert "VIP 'pool.contoso.com-web-int' (web_internal)" in finding["message"]
    assert "persistence is 'none'" in finding["message"]
    assert "one of source_address, cookie" in finding["message"]


def test_vip_setting_undeclared_lists_each_setting_once_per_vip() -> None:
    vips = changed(fe_vips(), "web-int", drop=("idle_timeout", "monitor_port", "persistence"))
    (finding,) = run({"ltm": with_vips(LTM, vips)}, "lync2013", FE)["findings"]
    assert finding["rule"] == "VIP_SETTING_UNDECLARED"
    assert finding["severity"] == "info"
    assert finding["path"] == "$.load_balancers.ltm.vips[1]"
    assert "leaves persistence, idle_timeout, monitor_port undeclared" in finding["message"]


def test_ha_vips_differ_names_what_differs() -> None:
    lbs = {
        "ltm01": with_vips(LTM, fe_vips()),
        "ltm02": with_vips(LTM, changed(fe_vips()[1:], "web-ext", mode="routed")),
    }
    (finding,) = run(lbs, "lync2013", {"pool.contoso.com": fe_pool(load_balancer=["ltm01", "ltm02"])})["findings"]
    assert (finding["rule"], finding["severity"], finding["subject"]) == ("LB_HA_VIPS_DIFFER", "warning", "ltm02")
    assert finding["path"] == "$.load_balancers.ltm02.vips"
    assert "only on 'ltm01': 'pool.contoso.com-sip'" in finding["message"]
    assert "declared differently: 'pool.contoso.com-web-ext'" in finding["message"]


def test_vip_grouping_is_built_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every VIP rule reads the Context's one grouping: built once however many rules and pools."""
    from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import _vips

    calls = []
    build = _vips.build
    monkeypatch.setattr(_vips, "build", lambda model: calls.append(model) or build(model))
    pools = {
        f"pool{n}.contoso.com": {**fe_pool(load_balancer="ltm"), "servers": servers(3, f"p{n}-")} for n in range(20)
    }
    vips = [vip for n in range(20) for vip in fe_vips(f"pool{n}.contoso.com")]
    result = run({"ltm": with_vips(LTM, vips)}, "lync2013", pools, skip_rules=[])
    assert result["findings"] == []
    assert len(calls) == 1


class _TaggedText(str):
    """What ansible-core 2.19 hands over for an inventory text: a str subclass carrying tags."""


def test_cookie_settings_declared_as_tagged_texts_are_accepted() -> None:
    """A correct MS-WSMAN cookie whose texts arrive as a str subclass is correct (the equality checked the exact type)."""
    cookie = {
        "name": _TaggedText("MS-WSMAN"),
        "http_only": False,
        "expires": False,
        "insert": _TaggedText("every_response"),
    }
    vips = changed(fe_vips(), "web-int", persistence=_TaggedText("cookie"), cookie=cookie)
    assert rule_ids(run({"ltm": with_vips(LTM, vips)}, "lync2013", FE)) == set()
    retained = changed(FE_VIPS_2010, "web-ext", persistence=_TaggedText("cookie"), cookie=cookie)
    assert rule_ids(run({"ltm": with_vips(LTM, retained)}, "lync2013", FE, coexisting=["lync2010"])) == set()


HA_CASES = [
    param
    for param in PRE_VIP_CASES
    if param.id.startswith(
        (
            "ha-",
            "edge-single-vip-pair",
            "edge-multi-vip-pair",
            "pool-of-another-site",
            "pool-fronted-here",
            "software-lb",
            "expanded-pool-lync2013",
        )
    )
]
HA_CASES += [
    case(
        "ha-pair-as-web-load-balancer",
        {"ltm01": LTM, "ltm02": {**LTM, "version": "10.2.4"}},
        "lync2013",
        {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer=["ltm01", "ltm02"])},
        {"LB_VERSION_NOT_TESTED", "LB_HA_VERSION_MISMATCH"},
    ),
    case(
        "ha-pairs-on-each-edge-side",
        {"a1": ALOHA, "a2": {**ALOHA, "version": "5.0"}, "b1": ALOHA, "b2": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer=["a1", "a2"], external_load_balancer=["b1", "b2"])},
        {"LB_VERSION_NOT_TESTED", "LB_HA_VERSION_MISMATCH"},
    ),
    case(
        "ha-peers-on-the-external-side",
        {"b1": {**ALOHA, "ha_peers": ["b2"]}, "b2": KEMP, "a1": ALOHA},
        "lync2013",
        {"edge.contoso.com": edge_pool(internal_load_balancer="a1", external_load_balancer="b1")},
        {"LB_HA_MEMBERS_DIFFER"},
    ),
]


@pytest.mark.parametrize(("load_balancers", "lync_version", "pools", "options", "expected"), HA_CASES)
@pytest.mark.parametrize("mode", ["explicit", "inventory"])
def test_ha_pairs_in_both_input_modes(mode: str, load_balancers, lync_version, pools, options, expected) -> None:
    """Pairs in every reference key (a list, or one name with ha_peers), through both input modes."""
    if mode == "explicit":
        result = run(load_balancers, lync_version, pools, **options)
    else:
        model, errors = inventory_model.from_inventory(
            _inventory(copy.deepcopy(load_balancers), lync_version, copy.deepcopy(pools)),
            inventory_model.InventoryNames(),
        )
        assert errors == [], [e.to_dict() for e in errors]
        result = engine.run(
            model, dataset.shipped(), engine.check_options(**{"skip_rules": list(WITHOUT_VIPS), **options})[0]
        )
    assert rule_ids(result) == expected, result["findings"]


def test_a_misspelt_status_raises_instead_of_disabling_a_rule() -> None:
    model, _errors = topology.from_options({"ltm": LTM}, _topology("lync2013", FE, None))
    context = Context(model, dataset.shipped(), {}, "release_train")
    with pytest.raises(ValueError):
        list(context.load_balancers("not_qualifed"))


@pytest.mark.parametrize("mode", ["explicit", "inventory"])
@pytest.mark.parametrize(("sip", "expected"), [(True, {"VIP_POOL_UNKNOWN"}), (False, set())])
def test_a_sip_vip_on_a_dns_balanced_pool_is_stray(mode: str, sip: bool, expected: set[str]) -> None:
    """With DNS load balancing for SIP the load balancer carries the web services only: a SIP VIP there is a mistake."""
    lbs = {"ltm": with_vips(LTM, fe_vips(sip=sip))}
    pools = {"pool.contoso.com": fe_pool(load_balancing="dns", web_load_balancer="ltm")}
    if mode == "explicit":
        result = run(lbs, "lync2013", pools)
    else:
        model, errors = inventory_model.from_inventory(
            _inventory(copy.deepcopy(lbs), "lync2013", copy.deepcopy(pools)), inventory_model.InventoryNames()
        )
        assert errors == []
        result = engine.run(model, dataset.shipped(), engine.check_options(skip_rules=list(WITHOUT_VIPS))[0])
    assert rule_ids(result) == expected, result["findings"]
    if sip:
        assert "balances SIP by DNS" in result["findings"][0]["message"]
