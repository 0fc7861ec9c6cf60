# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Device names as administrators write them (issue 9 §3) and the Skype for Business list (issue 11), through both
input modes of the assert_qualified action: explicit (load_balancers + topology) and inventory (groups, hostvars)."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.lync.lb_qualification.tests.unit.plugins.action.test_assert_qualified import HostVars, run
from ansible_collections.lync.lb_qualification.tests.unit.plugins.plugin_utils._qualification._declarations import (
    NOT_QUALIFIED,
    QUALIFIED,
    Declaration,
)

POOL = "pool01.contoso.com"
MODES = ("explicit", "inventory")
# The README's own site-qualified.yml example.
README_EXTRA = [
    {
        "vendor": "F5",
        "product": "BIG-IP Local Traffic Manager",
        "form_factor": "hardware",
        "versions_tested": "12.1, 13.1",
        "note": "Lab-tested for our Lync 2013 pools, change CHG-1234",
    }
]


def check(mode: str, declaration: Declaration, lync_version: str = "lync2013", **options: t.Any) -> dict[str, t.Any]:
    """One load balancer fronting a three-server Front End pool, declared in ``mode`` (its VIPs are not the point:
    VIPS_NOT_DECLARED is skipped)."""
    options.setdefault("skip_rules", ["VIPS_NOT_DECLARED"])
    options.setdefault("details", "full")  # the verdicts are read from the matched entries
    servers = ["fe01", "fe02", "fe03"]
    if mode == "explicit":
        return run(
            {
                "load_balancers": {"lb01": declaration.lb},
                "topology": {
                    "lync_version": lync_version,
                    "pools": {POOL: {"role": "front_end", "servers": servers, "load_balancer": "lb01"}},
                },
                **options,
            }
        )
    hostvars = {"lb01": declaration.hostvars, **{server: {"lync_pool": POOL} for server in servers}}
    return run(
        options,
        {
            "groups": {"all": list(hostvars), "lync_load_balancers": ["lb01"], "lync_front_end": servers},
            "hostvars": HostVars(hostvars),
            "lync_version": lync_version,
            "lync_pools": {POOL: {"load_balancer": "lb01"}},
            "inventory_hostname": "localhost",
        },
    )


def findings(result: dict[str, t.Any]) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in result["findings"]]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in QUALIFIED.items()])
def test_declarations_get_the_verdict_the_list_supports(mode: str, declaration: Declaration) -> None:
    result = check(mode, declaration)
    assert (result["qualified"], findings(result)) == (True, []), result["msg"]
    assert result["load_balancers"]["lb01"]["entry"]["id"] == declaration.expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("declaration", [pytest.param(d, id=k) for k, d in NOT_QUALIFIED.items()])
def test_precision_is_kept(mode: str, declaration: Declaration) -> None:
    result = check(mode, declaration)
    assert findings(result) == [(declaration.expected, "error")]
    assert result["load_balancers"]["lb01"]["entry"] is None
    path = result["findings"][0]["path"]
    assert path.startswith("hostvars['lb01'].lb_" if mode == "inventory" else "$.load_balancers.lb01.")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("declaration", "needles"),
    [
        (
            NOT_QUALIFIED["ax-series-4000"],
            [
                "A10 Networks AX Series 1000, 2200, 3200 (hardware)",
                "A10 Networks 64-bit AX Series 2500, 2600, 3000, 5100, 5200 (hardware)",
                "A10 Networks SoftAX (software)",
            ],
        ),
        (
            NOT_QUALIFIED["big-ip-gtm"],
            [
                "F5 BIG-IP Local Traffic Manager (hardware)",
                "F5 BIG-IP Local Traffic Manager Virtual Edition (software)",
            ],
        ),
        (
            NOT_QUALIFIED["enterprise-r20"],
            [
                "Loadbalancer.org Enterprise, Enterprise MAX, Enterprise 10G (hardware)",
                "Loadbalancer.org Enterprise VA (software)",
            ],
        ),
    ],
)
def test_suggestions_list_every_row_that_could_fit_with_its_form_factor(
    mode: str, declaration: Declaration, needles: list[str]
) -> None:
    (finding,) = check(mode, declaration)["findings"]
    for needle in needles:
        assert needle in finding["message"]
    assert "Skype for Business" not in finding["message"], "the sfb rows do not count for lync2013"


SFB_KEMP = Declaration("Kemp", "LoadMaster", "LM5400", "hardware", "7.1-22b", "kemp-loadmaster-lm5400-sfb")
SFB_VPX = Declaration("Citrix", "NetScaler VPX", None, "software", "NS10.5 Build 56.22", "citrix-netscaler-vpx-sfb")
SFB_LTM = Declaration("F5 Networks", "BIG-IP LTM", "LTM 3600", "hardware", "11.6.0", "f5-big-ip-ltm-3600-sfb")
LYNC_ONLY = Declaration("Radware", "Alteon", None, "hardware", "28.1.0", "radware-alteon-hw")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lync_version", ["sfb2015", "sfb2019"])
@pytest.mark.parametrize(
    ("declaration", "list_"), [(SFB_KEMP, "sfb"), (SFB_VPX, "sfb"), (SFB_LTM, "sfb"), (LYNC_ONLY, "lync")]
)
def test_either_list_qualifies_for_skype_for_business(
    mode: str, lync_version: str, declaration: Declaration, list_: str
) -> None:
    result = check(mode, declaration, lync_version)
    assert result["qualified"] is True and result["failed"] is False, result["msg"]
    assert findings(result) == [("LYNC_VERSION_OUTSIDE_LIST", "info")]
    entry = result["load_balancers"]["lb01"]["entry"]
    assert (entry["id"], entry["list"]) == (declaration.expected, list_)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lync_version", ["ocs2007r2", "lync2010", "lync2013"])
@pytest.mark.parametrize("declaration", [SFB_KEMP, SFB_VPX])
def test_only_the_lync_list_counts_before_skype_for_business(
    mode: str, lync_version: str, declaration: Declaration
) -> None:
    result = check(mode, declaration, lync_version)
    software_on_ocs = declaration.form_factor == "software" and lync_version == "ocs2007r2"
    assert set(findings(result)) == {("LB_VERSION_NOT_TESTED", "error")} | (
        {("LB_SOFTWARE_ON_OCS2007R2", "error")} if software_on_ocs else set()
    )
    assert result["load_balancers"]["lb01"]["entry"]["list"] == "lync"
    assert "Skype for Business" not in result["findings"][0]["message"]


@pytest.mark.parametrize("mode", MODES)
def test_the_readme_site_qualified_example_applies_to_big_ip_ltm(mode: str) -> None:
    """extra_dataset entries are matched with the aliases of the shipped rows of their vendor and product."""
    device = Declaration("F5", "BIG-IP LTM", None, "hardware", "13.1.0.8", "")
    result = check(mode, device, extra_dataset=README_EXTRA)
    assert (result["qualified"], findings(result)) == (True, []), result["msg"]
    entry = result["load_balancers"]["lb01"]["entry"]
    assert (entry["list"], entry["origin"], entry["versions_tested"]) == ("extra", "extra", "12.1, 13.1")
    assert findings(check(mode, device)) == [("LB_VERSION_NOT_TESTED", "error")]


@pytest.mark.parametrize("mode", MODES)
def test_messages_name_the_extra_entries_considered(mode: str) -> None:
    too_new = check(mode, Declaration("F5", "BIG-IP LTM", None, "hardware", "14.1", ""), extra_dataset=README_EXTRA)
    (finding,) = too_new["findings"]
    assert finding["rule"] == "LB_VERSION_NOT_TESTED"
    assert "F5 BIG-IP Local Traffic Manager (hardware): 11.x" in finding["message"]
    assert "F5 BIG-IP Local Traffic Manager (hardware, from extra): 12.1, 13.1" in finding["message"]
    other = check(mode, Declaration("F5", "BIG-IP GTM", None, "hardware", "13.1", ""), extra_dataset=README_EXTRA)
    (finding,) = other["findings"]
    assert finding["rule"] == "LB_NOT_QUALIFIED"
    assert "F5 BIG-IP Local Traffic Manager (hardware, from extra)" in finding["message"]
