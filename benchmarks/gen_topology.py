#!/usr/bin/env python
# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate a synthetic Lync / Skype for Business topology document, in either form, for the parser's benchmark.

Usage:
    python benchmarks/gen_topology.py --servers N --form tbxml|published [--out FILE]

Standard library only; the output is deterministic for a given (N, form). The document has the structure of the
real ones (see plugins/plugin_utils/_qualification/topology_xml.py): central sites of 100 servers each, every site
with 7 Front End pools of 12, a Director pool of 4, an Edge pool of 6 (NATed in every other site), a stand-alone
Mediation pool of 6 and SQL, file store and Office Web Apps clusters (single machine, no Machine Fqdn); services with
their DependsOn and Ports as Topology Builder writes them. Site versions rotate Lync Server 2013, Skype for Business
Server 2015 and 2019. A remainder under 100 servers forms one more, smaller site.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

NS_T = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"
NS_B = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"
NS_W = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008"
NS_R = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"
NS_WEB = "urn:schema:Microsoft.Rtc.Management.Deploy.WebServices.2011"

# The services each kind of cluster runs, in the order Topology Builder lists them.
SERVICES = {
    "front_end": ("UserServices", "Registrar", "WebServices", "ConfServices", "ApplicationServer"),
    "director": ("Registrar", "WebServices"),
    "edge": ("EdgeServer",),
    "mediation": ("MediationServer",),
    "sql": (),  # its stores are installed on its SQL instance
    "filestore": ("FileStore",),
    "wac": ("WacService",),
}
SQL_STORES = ("UserStore", "ApplicationStore", "MonitoringStore")
PORTS = {  # (owner, usage, interface side, port, protocol)
    "UserServices": [
        ("McuFactory", "WebServer", "Primary", 444, "Mtls"),
        ("PresenceFocus", "UserPinManagement", "Primary", 443, "Https"),
    ],
    "Registrar": [
        ("Registrar", "SipServer", "Primary", 5061, "Mtls"),
        ("Registrar", "WebServer", "Primary", 444, "Mtls"),
        ("WinFab", "WinFabFederation", "Primary", 5090, "Tcp"),
        ("QoE", "SipServer", "Primary", 5061, "Mtls"),
    ],
    "WebServices": [
        ("OCSWebSite", "WebSite", "External", 8080, "Http"),
        ("OCSWebSite", "WebSite", "External", 4443, "Https"),
        ("OCSWebSite", "WebSite", "Primary", 80, "Http"),
        ("OCSWebSite", "WebSite", "Primary", 443, "Https"),
    ],
    "ConfServices": [
        ("IMConf", "SipServer", "Primary", 5062, "Mtls"),
        ("AVConf", "SipServer", "Primary", 5063, "Mtls"),
    ],
    "ApplicationServer": [("RGS", "SipServer", "Primary", 5071, "Mtls")],
    "EdgeServer": [
        ("AccessEdge", "SipServer", "Internal", 5061, "Mtls"),
        ("AccessEdge", "SipClient", "External", 443, "Tls"),
        ("DataEdge", "PsomServer", "Internal", 8057, "Mtls"),
        ("MediaRelayEdge", "TURNServer", "External", 3478, "Udp"),
    ],
    "MediationServer": [
        ("Mediation", "SipServer", "Primary", 5070, "Mtls"),
        ("Mediation", "SipClient", "Pstn", 5067, "Tls"),
    ],
}


@dataclass
class Cluster:
    kind: str
    fqdn: str
    machines: list[str]  # empty: a single-machine cluster whose Machine carries no Fqdn
    nat: bool = False
    web_external: str | None = None
    web_internal: str | None = None
    collocated_mediation: bool = False
    director: bool = False


@dataclass
class Site:
    site_id: int
    name: str
    service_version: int
    clusters: list[Cluster] = field(default_factory=list)


def _id(*parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, ".".join(map(str, parts))))


def _attrs(**values: object) -> str:
    return "".join(f" {key}={quoteattr(str(value))}" for key, value in values.items() if value is not None)


def synthetic_sites(servers: int) -> list[Site]:
    """Sites of 100 servers: 7 Front End pools of 12, Director 4, Edge 6, Mediation 6, plus SQL, file store, WAC."""
    sites, number = [], 0
    while servers > 0:
        number += 1
        size, servers = min(servers, 100), servers - min(servers, 100)
        site = Site(number, f"Site {number:03d}", (6, 7, 8)[number % 3])
        domain = f"s{number:03d}.contoso.com"
        plan = [("front_end", 12)] * 7 + [("director", 4), ("edge", 6), ("mediation", 6)]
        for index, (kind, count) in enumerate(plan):
            count = min(count, size)
            if count <= 0:
                break
            size -= count
            fqdn = f"{kind.replace('_', '')}{index:02d}.{domain}"
            machines = [f"{kind.replace('_', '')}{index:02d}-{n:02d}.{domain}" for n in range(1, count + 1)]
            site.clusters.append(
                Cluster(
                    kind,
                    fqdn,
                    machines,
                    nat=kind == "edge" and number % 2 == 1,
                    web_external=f"web{index:02d}.{domain}" if kind == "front_end" else None,
                    collocated_mediation=kind == "front_end" and index % 2 == 0,
                    director=kind == "director",
                )
            )
        for kind in ("sql", "filestore", "wac"):
            site.clusters.append(Cluster(kind, f"{kind}01.{domain}", []))
        sites.append(site)
    return sites


def _services(site: Site, cluster: Cluster) -> list[str]:
    roles = list(SERVICES[cluster.kind])
    if cluster.collocated_mediation:
        roles.append("MediationServer")
    return roles


def _net_interfaces(cluster: Cluster, index: int, ns: str) -> list[str]:
    xmlns = f" xmlns={quoteattr(ns)}" if ns else ""
    if cluster.kind != "edge":
        return [f'<NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="0.0.0.0"{xmlns} />']
    internal = f'<NetInterface InterfaceSide="Internal" InterfaceNumber="1" IPAddress="10.20.0.{index}"{xmlns} />'
    nat = f' ConfiguredIPAddress="131.107.0.{index}"' if cluster.nat else ""
    external = f'<NetInterface InterfaceSide="External" InterfaceNumber="1" IPAddress="172.16.0.{index}"{nat}{xmlns} />'
    return [internal, external]


def _ports(role: str) -> list[str]:
    return [
        f'<Port Owner="urn:component:{owner}" Usage="{usage}" InterfaceSide="{side}" InterfaceNumber="1" '
        f'Port="{port}" Protocol="{protocol}" UrlPath="/" AuthorizesRequests="false" />'
        for owner, usage, side, port, protocol in PORTS.get(role, [])
    ]


def _role_element(role: str, cluster: Cluster) -> list[str]:
    if role == "Registrar":
        return [f'<RegistrarService IsDirector="{str(cluster.director).lower()}" xmlns="{NS_R}" />']
    if role == "WebServices":
        lines = [f'<WebService xmlns="{NS_R}">']
        if cluster.web_internal:
            lines.append(f"  <InternalSettings{_attrs(Host=cluster.web_internal)} />")
        lines += [
            f"  <ExternalSettings{_attrs(Host=cluster.web_external or cluster.fqdn)}>",
            "    <OverrideUrls />",
            "  </ExternalSettings>",
            f'  <WebComponents xmlns="{NS_WEB}">',
            '    <Component ComponentName="ABHandler" />',
            '    <Component ComponentName="Meet" />',
            "  </WebComponents>",
            "</WebService>",
        ]
        return lines
    if role == "FileStore":
        return [f'<FileStoreService ShareName="share" xmlns="{NS_R}" />']
    if role == "WacService":
        return [f'<WacService DiscoveryUrl="https://{{fqdn}}/hosting/discovery" IsExternal="false" xmlns="{NS_R}" />']
    return []


def _indent(lines: list[str], depth: int) -> list[str]:
    return ["  " * depth + line for line in lines]


def topology_builder(sites: list[Site]) -> str:
    """A .tbxml document: TopologyBuilder > NewTopology > PartialTopology."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<TopologyBuilder IsFreeFromChanges="false" xmlns="{NS_B}">',
        "  <NewTopology>",
        f'    <PartialTopology IsPublished="false" Signature="{_id("signature")}" xmlns="{NS_W}">',
        f'      <InternalDomains AllowAllDomains="false" DefaultDomain="contoso.com" xmlns="{NS_T}">',
        '        <InternalDomain Name="contoso.com" Authoritative="false" AllowSubDomains="true" />',
        "      </InternalDomains>",
        "      <CentralSites>",
    ]
    services = []
    for site in sites:
        body = [
            f'<CentralSite SiteId="{site.site_id}">',
            f'  <Name xmlns="{NS_T}">{site.name}</Name>',
            f'  <Location xmlns="{NS_T}" />',
            "  <Clusters>",
        ]
        for cluster in site.clusters:
            single = not cluster.machines
            body.append(
                f"    <Cluster{_attrs(IsSingleMachineOnly=str(single).lower(), UniqueId=_id(cluster.fqdn))}"
                f"{_attrs(RequiresReplication='true', RequiresSetup=str(not single).lower())}"
                f"{_attrs(Fqdn=cluster.fqdn)}>"
            )
            body.append("      <Machines>")
            for index, machine in enumerate(cluster.machines or [None], start=1):
                if machine is None:
                    body.append("        <Machine />")
                    continue
                body.append(f"        <Machine{_attrs(Fqdn=machine, FaultDomain=machine, UpgradeDomain=machine)}>")
                body += _indent(_net_interfaces(cluster, index, NS_T), 5)
                body.append("        </Machine>")
            body.append("      </Machines>")
            if cluster.kind == "sql":
                body += [
                    "      <SqlInstances>",
                    f'        <SqlInstance UniqueId="{_id(cluster.fqdn, "rtc")}" Name="rtc" />',
                    "      </SqlInstances>",
                ]
            else:
                body.append("      <SqlInstances />")
            body.append("    </Cluster>")
            for role in _services(site, cluster):
                services.append((role, site, cluster, _id(cluster.fqdn)))
            if cluster.kind == "sql":
                services += [(store, site, cluster, _id(cluster.fqdn, "rtc")) for store in SQL_STORES]
        body += ["  </Clusters>", "  <RemoteSites />", "</CentralSite>"]
        out += _indent(body, 4)
    out += ["      </CentralSites>", "      <Services>"]
    for role, site, cluster, target in services:
        body = [
            f"<Service{_attrs(UniqueId=_id(cluster.fqdn, role), RoleName=role, RoleVersion=1, InstalledOn=target)}"
            f"{_attrs(ServiceVersion=site.service_version)}>",
            "  <DependsOn />",
            f'  <Ports xmlns="{NS_R}">',
        ]
        body += _indent(_ports(role), 2)
        body.append("  </Ports>")
        body += _indent([line.replace("{fqdn}", cluster.fqdn) for line in _role_element(role, cluster)], 1)
        body.append("</Service>")
        out += _indent(body, 4)
    out += ["      </Services>", "    </PartialTopology>", "  </NewTopology>", "</TopologyBuilder>", ""]
    return "\n".join(out)


def published(sites: list[Site]) -> str:
    """A published topology, as Get-CsTopology -AsXml prints it."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<Topology xmlns="{NS_T}" Signature="{_id("signature")}">',
        '  <InternalDomains AllowAllDomains="false" DefaultDomain="contoso.com">',
        '    <InternalDomain Name="contoso.com" Authoritative="false" AllowSubDomains="true" />',
        "  </InternalDomains>",
        "  <Sites>",
    ]
    for site in sites:
        out += [
            f'    <CentralSite SiteId="{site.site_id}">',
            f"      <Name>{site.name}</Name>",
            "      <Location />",
            "    </CentralSite>",
        ]
    out += ["  </Sites>", "  <Clusters>"]
    services, sql = [], []
    for site in sites:
        for number, cluster in enumerate(site.clusters, start=1):
            cluster_id = f'<ClusterId SiteId="{site.site_id}" Number="{number}" />'
            out += [
                f"    <Cluster{_attrs(RequiresReplication='true', RequiresSetup='true', Fqdn=cluster.fqdn)}>",
                f"      {cluster_id}",
            ]
            for index, machine in enumerate(cluster.machines or [cluster.fqdn], start=1):
                out.append(
                    f"      <Machine{_attrs(OrdinalInCluster=index, Fqdn=machine, FaultDomain=machine)}"
                    f"{_attrs(UpgradeDomain=machine)}>"
                )
                out += _indent(_net_interfaces(cluster, index, ""), 4)
                out.append("      </Machine>")
            out.append("    </Cluster>")
            installed = [cluster_id]
            if cluster.kind == "sql":
                instance = ['<SqlInstanceId Name="rtc">', f"  {cluster_id}", "</SqlInstanceId>"]
                sql.append(instance)
                services += [(store, site, cluster, instance) for store in SQL_STORES]
            services += [(role, site, cluster, installed) for role in _services(site, cluster)]
    out += ["  </Clusters>", "  <SqlInstances>"]
    for instance in sql:
        out += ["    <SqlInstance>"] + _indent(instance, 3) + ["    </SqlInstance>"]
    out += ["  </SqlInstances>", "  <Services>"]
    instances: dict[tuple[int, str], int] = {}
    for role, site, cluster, installed in services:
        instance = instances[(site.site_id, role)] = instances.get((site.site_id, role), 0) + 1
        body = (
            [
                f'<Service RoleVersion="1" ServiceVersion="{site.service_version}">',
                f'  <ServiceId SiteId="{site.site_id}" RoleName="{role}" Instance="{instance}" />',
                "  <DependsOn />",
                "  <InstalledOn>",
            ]
            + _indent(installed, 2)
            + ["  </InstalledOn>", f'  <Ports xmlns="{NS_R}">']
        )
        body += _indent(_ports(role), 2)
        body.append("  </Ports>")
        body += _indent([line.replace("{fqdn}", cluster.fqdn) for line in _role_element(role, cluster)], 1)
        body.append("</Service>")
        out += _indent(body, 2)
    out += ["  </Services>", "</Topology>", ""]
    return "\n".join(out)


def generate(servers: int, form: str) -> str:
    sites = synthetic_sites(servers)
    return topology_builder(sites) if form == "tbxml" else published(sites)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--servers", type=int, required=True, help="Lync servers in pools the collection checks")
    parser.add_argument("--form", choices=("tbxml", "published"), required=True)
    parser.add_argument("--out", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = generate(args.servers, args.form)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
