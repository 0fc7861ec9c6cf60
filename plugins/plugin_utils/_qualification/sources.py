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
        Source(
            "SEED",
            "Load balancer partner qualification requirements for Lync Server (dn788945)",
            "https://technet.microsoft.com/en-us/library/dn788945.aspx",
        ),
        Source(
            "M1",
            "Load balancing requirements for Skype for Business Server",
            "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/load-balancing",
        ),
        Source(
            "M3",
            "Edge Server environmental requirements in Skype for Business Server",
            "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/"
            "edge-environmental-requirements",
        ),
        Source(
            "M2",
            "Port and protocol requirements for servers (Skype for Business Server)",
            "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/"
            "ports-and-protocols",
        ),
        Source(
            "M4",
            "Edge Server system requirements in Skype for Business Server",
            "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/"
            "system-requirements",
        ),
        Source(
            "M7",
            "Front End Pool high availability and management (Skype for Business Server)",
            "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/"
            "high-availability-and-disaster-recovery/high-availability",
        ),
        Source(
            "M8",
            "Manage Front End Servers in Skype for Business Server",
            "https://learn.microsoft.com/en-us/skypeforbusiness/manage/topology/manage-front-end-servers",
        ),
        Source(
            "M9",
            "Front End General Settings Expander (Topology Builder help)",
            "https://learn.microsoft.com/en-us/skypeforbusiness/help-topics/help-topobld/"
            "front-end-general-settings-expander",
        ),
        Source(
            "M6",
            "Qualified load balancers for Skype for Business Server",
            "https://learn.microsoft.com/en-us/skypeforbusiness/certification/infra-load-balancers",
        ),
        Source(
            "L13a",
            "Hardware load balancer requirements for Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-hardware-load-balancer-requirements",
        ),
        Source("L13b", "DNS load balancing in Lync Server 2013", _PREVIOUS_L13 + "lync-server-2013-dns-load-balancing"),
        Source(
            "L13c",
            "Port summary - Scaled consolidated edge with hardware load balancers in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers",
        ),
        Source(
            "L13d",
            "Ports and protocols for internal servers in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-ports-and-protocols-for-internal-servers",
        ),
        Source(
            "L13f",
            "Port summary - Scaled Director pool, hardware load balancer in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-port-summary-scaled-director-pool-hardware-load-balancer",
        ),
        Source(
            "L13k",
            "Topologies and components for Front End Servers, instant messaging, and presence in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-topologies-and-components-for-front-end-servers-instant-messaging-"
            "and-presence",
        ),
        Source(
            "L13l",
            "Port summary - Reverse proxy in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-port-summary-reverse-proxy",
        ),
        Source(
            "L13e",
            "Components required for the Director in Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-components-required-for-the-director",
        ),
        Source(
            "L13g", "Supported topologies in Lync Server 2013", _PREVIOUS_L13 + "lync-server-2013-supported-topologies"
        ),
        Source(
            "L13i",
            "Load balancing requirements for Lync Server 2013",
            _PREVIOUS_L13 + "lync-server-2013-load-balancing-requirements",
        ),
        Source(
            "L10a",
            "Load Balancing Requirements (Lync Server 2010)",
            "https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg615011(v=ocs.14)",
        ),
        Source(
            "L10b",
            "DNS Load Balancing (Lync Server 2010)",
            "http://technet.microsoft.com/en-us/library/gg398634(v=ocs.14)",
        ),
        Source(
            "L10f",
            "Hardware Load Balancer Requirements for Lync Server 2010 (Microsoft NextHop blog, 2011-11-03)",
            "http://blogs.technet.com/b/nexthop/archive/2011/11/03/"
            "hardware-load-balancer-requirements-for-lync-server-2010.aspx",
        ),
        Source(
            "L10e",
            "Reference Architecture 3: Scaled Consolidated Edge (Hardware Load Balanced), Lync Server 2010",
            "https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg398586(v=ocs.14)",
        ),
        Source(
            "O7a",
            "Load Balancers for Office Communications Server 2007 R2 (dd572362)",
            "https://technet.microsoft.com/en-us/library/dd572362(v=office.13).aspx",
        ),
        Source(
            "O7b",
            "Load Balancing Support (Office Communications Server 2007 R2, dd572360)",
            "https://docs.microsoft.com/en-us/previous-versions/office/communications-server/dd572360(v=office.13)",
        ),
        Source(
            "O7c",
            "Deploy Load Balancers (Office Communications Server 2007 R2 Edge, dd441179)",
            "https://technet.microsoft.com/en-us/library/dd441179(v=office.13).aspx",
        ),
    )
}
