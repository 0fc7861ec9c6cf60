# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Microsoft pages the rules rest on (keys as in the project's research catalogue).

PRIVATE to the collection. No Ansible import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


_PREVIOUS_L13 = "https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"

SOURCES = {
    s.key: s
    for s in (
        Source("SEED", "Load balancer partner qualification requirements for Lync Server (dn788945)",
               "https://technet.microsoft.com/en-us/library/dn788945.aspx"),
        Source("M1", "Load balancing requirements for Skype for Business Server",
               "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/load-balancing"),
        Source("M3", "Edge Server environmental requirements in Skype for Business Server",
               "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/"
               "edge-environmental-requirements"),
        Source("M6", "Qualified load balancers for Skype for Business Server",
               "https://learn.microsoft.com/en-us/skypeforbusiness/certification/infra-load-balancers"),
        Source("L13a", "Hardware load balancer requirements for Lync Server 2013",
               _PREVIOUS_L13 + "lync-server-2013-hardware-load-balancer-requirements"),
        Source("L13b", "DNS load balancing in Lync Server 2013",
               _PREVIOUS_L13 + "lync-server-2013-dns-load-balancing"),
        Source("L13e", "Components required for the Director in Lync Server 2013",
               _PREVIOUS_L13 + "lync-server-2013-components-required-for-the-director"),
        Source("L13g", "Supported topologies in Lync Server 2013",
               _PREVIOUS_L13 + "lync-server-2013-supported-topologies"),
        Source("L13i", "Load balancing requirements for Lync Server 2013",
               _PREVIOUS_L13 + "lync-server-2013-load-balancing-requirements"),
        Source("L10a", "Load Balancing Requirements (Lync Server 2010)",
               "https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg615011(v=ocs.14)"),
        Source("L10b", "DNS Load Balancing (Lync Server 2010)",
               "http://technet.microsoft.com/en-us/library/gg398634(v=ocs.14)"),
        Source("O7a", "Load Balancers for Office Communications Server 2007 R2 (dd572362)",
               "https://technet.microsoft.com/en-us/library/dd572362(v=office.13).aspx"),
        Source("O7b", "Load Balancing Support (Office Communications Server 2007 R2, dd572360)",
               "https://docs.microsoft.com/en-us/previous-versions/office/communications-server/dd572360(v=office.13)"),
        Source("O7c", "Deploy Load Balancers (Office Communications Server 2007 R2 Edge, dd441179)",
               "https://technet.microsoft.com/en-us/library/dd441179(v=office.13).aspx"),
    )
}
