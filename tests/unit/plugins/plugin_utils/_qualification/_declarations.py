# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Device declarations as administrators write them (issue 9 §3), shared by the dataset, action and lookup tests.

Each has the row of Microsoft's Lync list it must resolve to in a Lync Server 2013 topology, or the rule it must
still get: a product that is not on the list, or a model the row does not list, stays not qualified.
"""

from __future__ import annotations

import typing as t


class Declaration(t.NamedTuple):
    vendor: str
    product: str
    model: str | None
    form_factor: str
    version: str
    expected: str  # the entry id it resolves to, or the rule it gets

    @property
    def lb(self) -> dict[str, t.Any]:
        """Explicit-mode load balancer."""
        return {
            "vendor": self.vendor,
            "product": self.product,
            "form_factor": self.form_factor,
            "version": self.version,
            "multiple_vips": True,
            **({"model": self.model} if self.model else {}),
        }

    @property
    def hostvars(self) -> dict[str, t.Any]:
        """Inventory-mode host variables."""
        return {f"lb_{key}": value for key, value in self.lb.items()}


QUALIFIED = {
    # a family name with a form factor
    "f5-big-ip-ltm-software": Declaration("F5", "BIG-IP LTM", None, "software", "11.6.1", "f5-big-ip-ltm-ve-sw"),
    "f5-big-ip-software": Declaration("F5", "BIG-IP", None, "software", "11.4.1 HF3", "f5-big-ip-ltm-ve-sw"),
    "f5-inc-ltm-software": Declaration(
        "F5 Networks, Inc.", "F5 BIG-IP Local Traffic Manager", None, "software", "10.2.4", "f5-big-ip-ltm-ve-sw"
    ),
    "citrix-netscaler-software": Declaration(
        "Citrix", "NetScaler", None, "software", "9.1.102.8", "citrix-netscaler-vpx-sw"
    ),
    "citrix-adc-software": Declaration(
        "Citrix Systems", "Citrix ADC", None, "software", "9.1.102.8", "citrix-netscaler-vpx-sw"
    ),
    "kemp-loadmaster-software": Declaration("KEMP", "LoadMaster", None, "software", "5.1", "kemp-loadmaster-vlm-sw"),
    "aloha-software": Declaration("HAProxy", "ALOHA", None, "software", "5.5", "haproxy-aloha-virtual-appliance-sw"),
    "enterprise-software": Declaration(
        "Loadbalancer.org", "Enterprise", None, "software", "v7.4.1", "loadbalancer-org-enterprise-va-sw"
    ),
    "ax-series-software": Declaration("A10", "AX Series", None, "software", "2.6", "a10-softax-sw"),
    # the model written inside the product
    "loadmaster-lm-3600": Declaration("KEMP", "LoadMaster LM-3600", None, "hardware", "7.1-18b", "kemp-loadmaster-hw"),
    "kemp-loadmaster-lm3600": Declaration(
        "Progress Kemp", "Kemp LoadMaster LM3600", None, "hardware", "7.1-18b", "kemp-loadmaster-hw"
    ),
    "apv-2600": Declaration("Array Networks", "APV 2600", None, "hardware", "8.4.0.21", "array-apv-series-hw"),
    "netscaler-mpx-8200": Declaration(
        "Citrix", "NetScaler MPX 8200", None, "hardware", "10.5-57.7", "citrix-netscaler-hw"
    ),
    "big-ip-ltm-4000s": Declaration("F5", "BIG-IP LTM 4000s", None, "hardware", "11.6.1 HF2", "f5-big-ip-ltm-hw"),
    "fortiadc-1500d": Declaration("Fortinet", "FortiADC 1500D", None, "hardware", "4.2.3", "fortinet-fortiadc-hw"),
    "webmux-591sgq": Declaration("AVANU", "WebMux 591SGQ", None, "hardware", "8.5", "avanu-webmux-hw"),
    "serveriron-adx-4000": Declaration(
        "Brocade Communications Systems", "ServerIron ADX 4000", None, "hardware", "12.2", "brocade-serveriron-adx-hw"
    ),
    # the model selecting the row
    "ax-series-2500": Declaration("A10 Networks", "AX Series", "2500", "hardware", "2.4.3", "a10-64-bit-ax-series-hw"),
    "ax-series-ax2500": Declaration("A10", "AX Series", "AX2500", "hardware", "2.4.3", "a10-64-bit-ax-series-hw"),
    "enterprise-10g": Declaration(
        "Loadbalancer.org", "Enterprise", "10G", "hardware", "v7.4.1", "loadbalancer-org-enterprise-hw"
    ),
    "enterprise-max": Declaration(
        "Loadbalancer.org", "Enterprise", "MAX", "hardware", "v6.18", "loadbalancer-org-enterprise-hw"
    ),
    "load-balancer-adc-model-340": Declaration(
        "Barracuda", "Load Balancer ADC", "Model 340", "hardware", "3.5.0.008", "barracuda-load-balancer-adc-hw"
    ),
    "serveriron-4000": Declaration("Brocade", "ServerIron", "4000", "hardware", "12.1", "brocade-serveriron-adx-hw"),
    "fortiadc-fad-1500d": Declaration("Fortinet", "FortiADC", "FAD-1500D", "hardware", "4.2.3", "fortinet-fortiadc-hw"),
    "vlm-1000-alone": Declaration("Kemp Technologies", "VLM-1000", None, "software", "5.1", "kemp-loadmaster-vlm-sw"),
    "64-bit-ax-5100": Declaration("A10Networks", "64-bit AX", "5100", "hardware", "2.4.3", "a10-64-bit-ax-series-hw"),
    "adx-4000": Declaration("Brocade", "ADX 4000", None, "hardware", "12.1.4", "brocade-serveriron-adx-hw"),
    "netscaler-adc-mpx": Declaration(
        "Citrix Systems, Inc.", "NetScaler ADC", "MPX 5550", "hardware", "9.3", "citrix-netscaler-hw"
    ),
    "ltm-software": Declaration("F5 Networks", "LTM", None, "software", "11.5.4", "f5-big-ip-ltm-ve-sw"),
    "aloha-va": Declaration(
        "HAProxy Technologies", "HAProxy ALOHA VA", None, "software", "5.5", "haproxy-aloha-virtual-appliance-sw"
    ),
    "edgenexus-alb-x": Declaration("Edgenexus", "jetNEXUS ALB-X", None, "hardware", "3.42.1", "jetnexus-alb-x-hw"),
    "steelapp": Declaration(
        "Riverbed Technology, Inc.",
        "SteelApp Traffic Manager",
        None,
        "software",
        "9.1",
        "riverbed-stingray-traffic-manager-sw",
    ),
    "alteon-5224": Declaration("Radware", "Radware Alteon 5224", None, "hardware", "28.1.0", "radware-alteon-hw"),
    "enterprise-10g-in-product": Declaration(
        "loadbalancer.org",
        "Loadbalancer.org Enterprise 10G",
        None,
        "hardware",
        "v7.4.1",
        "loadbalancer-org-enterprise-hw",
    ),
    "webmux-690pg": Declaration("Avanu", "WebMux-690PG", None, "hardware", "8.1", "avanu-webmux-hw"),
}

NOT_QUALIFIED = {
    "big-ip-gtm": Declaration("F5", "BIG-IP GTM", None, "hardware", "11.6", "LB_NOT_QUALIFIED"),
    "ax-series-4000": Declaration("A10", "AX Series", "4000", "hardware", "2.4.3", "LB_NOT_QUALIFIED"),
    "enterprise-r20": Declaration("Loadbalancer.org", "Enterprise", "R20", "hardware", "v7.4.1", "LB_NOT_QUALIFIED"),
    "adc-model-540": Declaration(
        "Barracuda", "Load Balancer ADC", "Model 540", "hardware", "3.5.0.008", "LB_NOT_QUALIFIED"
    ),
    "fortiadc-1000d": Declaration("Fortinet", "FortiADC 1000D", None, "hardware", "4.2.3", "LB_NOT_QUALIFIED"),
    "vlm-200": Declaration("KEMP", "LoadMaster VLM-200", None, "software", "5.1", "LB_NOT_QUALIFIED"),
    "alteon-va": Declaration("Radware", "Alteon VA", None, "software", "28.1.0", "LB_NOT_QUALIFIED"),
    "big-ip-ltm-ve-hardware": Declaration("F5", "BIG-IP LTM VE", None, "hardware", "11.6", "LB_FORM_FACTOR_MISMATCH"),
    "netscaler-vpx-hardware": Declaration(
        "Citrix", "NetScaler VPX", None, "hardware", "9.1.102.8", "LB_FORM_FACTOR_MISMATCH"
    ),
    "netscaler-mpx-software": Declaration(
        "Citrix", "NetScaler", "MPX 8200", "software", "10.5", "LB_FORM_FACTOR_MISMATCH"
    ),
    "enterprise-10g-software": Declaration(
        "Loadbalancer.org", "Enterprise", "10G", "software", "v7.4.1", "LB_FORM_FACTOR_MISMATCH"
    ),
    "fortiadc-software": Declaration("Fortinet", "FortiADC", "1500D", "software", "4.2.3", "LB_FORM_FACTOR_MISMATCH"),
    "webmux-480": Declaration("AVANU", "WebMux 480", None, "hardware", "8.1", "LB_NOT_QUALIFIED"),
    "lm-3600-alone": Declaration("KEMP", "LM-3600", None, "hardware", "7.1-18b", "LB_NOT_QUALIFIED"),
    "garbage-model-only": Declaration("F5", "12345", None, "hardware", "11.6", "LB_NOT_QUALIFIED"),
    "stingray-hardware": Declaration("Riverbed", "Stingray", None, "hardware", "9.1", "LB_FORM_FACTOR_MISMATCH"),
    "fortiadc-vm": Declaration("Fortinet", "FortiADC VM", None, "software", "4.2.3", "LB_NOT_QUALIFIED"),
}
