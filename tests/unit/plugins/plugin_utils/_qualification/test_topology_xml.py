# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The topology document reader: both forms, every placement rule, and clear errors for bad or hostile documents."""

from __future__ import annotations

import pathlib
import time
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_xml as tx

ROOT = pathlib.Path(__file__).resolve().parents[5]
EXAMPLES = ROOT / "examples" / "topologies"
T, B, W, R = tx.NS_TOPOLOGY, tx.NS_BUILDER, tx.NS_WRITABLE, tx.NS_ROLES


# ----------------------------------------------------------------------------------------------------------------------
# Small documents of both forms, written the way Topology Builder and Get-CsTopology -AsXml write them


def machine(fqdn: str | None, external: tuple[str, str | None] | None = None) -> str:
    nics = f'<NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="0.0.0.0" xmlns="{T}" />'
    if external:
        configured = f' ConfiguredIPAddress="{external[1]}"' if external[1] else ""
        nics = (
            f'<NetInterface InterfaceSide="Internal" InterfaceNumber="1" IPAddress="10.0.0.1" xmlns="{T}" />'
            f'<NetInterface InterfaceSide="External" InterfaceNumber="1" IPAddress="{external[0]}"{configured} '
            f'xmlns="{T}" />'
        )
    return f'<Machine Fqdn="{fqdn}">{nics}</Machine>' if fqdn else "<Machine />"


def cluster(uid: str, fqdn: str, machines: list[str], single: bool = False, sql: str = "") -> str:
    instances = (
        f'<SqlInstances><SqlInstance UniqueId="{sql}" Name="rtc" /></SqlInstances>' if sql else "<SqlInstances />"
    )
    return (
        f'<Cluster IsSingleMachineOnly="{str(single).lower()}" UniqueId="{uid}" Fqdn="{fqdn}">'
        f"<Machines>{''.join(machines)}</Machines>{instances}</Cluster>"
    )


def service(role: str, on: str, version: int | str = 6, body: str = "") -> str:
    return (
        f'<Service UniqueId="{role}-{on}" RoleName="{role}" RoleVersion="1" InstalledOn="{on}" '
        f'ServiceVersion="{version}"><DependsOn /><Ports xmlns="{R}" />{body}</Service>'
    )


def registrar(on: str, director: bool = False, version: int = 6) -> str:
    return service("Registrar", on, version, f'<RegistrarService IsDirector="{str(director).lower()}" xmlns="{R}" />')


def web(on: str, external: str | None = None, internal: str | None = None, version: int = 6) -> str:
    settings = f'<InternalSettings Host="{internal}" />' if internal else ""
    settings += f'<ExternalSettings Host="{external}"><OverrideUrls /></ExternalSettings>' if external else ""
    return service("WebServices", on, version, f'<WebService xmlns="{R}">{settings}</WebService>')


def site(site_id: int, name: str, clusters: list[str], branches: str = "") -> str:
    return (
        f'<CentralSite SiteId="{site_id}"><Name xmlns="{T}">{name}</Name><Location xmlns="{T}" />'
        f"<Clusters>{''.join(clusters)}</Clusters><RemoteSites>{branches}</RemoteSites></CentralSite>"
    )


def tbxml(sites: list[str], services: list[str], old: str = "") -> str:
    partial = (
        f'<PartialTopology IsPublished="false" xmlns="{W}"><CentralSites>{"".join(sites)}</CentralSites>'
        f"\n<Services>{''.join(services)}</Services></PartialTopology>"
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<TopologyBuilder xmlns="{B}">{old}\n'
        f"<NewTopology>\n{partial}\n</NewTopology></TopologyBuilder>"
    )


FE = cluster("c1", "pool01.contoso.com", [machine("fe01.contoso.com"), machine("fe02.contoso.com")])
SIMPLE = tbxml([site(1, "Dublin", [FE])], [registrar("c1"), web("c1", "webext.contoso.com")])


def published(
    clusters: str, services: str, sites: str = '<CentralSite SiteId="1"><Name>Dublin</Name></CentralSite>'
) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<Topology xmlns="{T}">\n<Sites>{sites}</Sites>\n'
        f"<Clusters>{clusters}</Clusters>\n<Services>{services}</Services>\n</Topology>"
    )


def pub_service(role: str, number: int, version: int = 7, body: str = "", site_id: int = 1) -> str:
    return (
        f'<Service RoleVersion="1" ServiceVersion="{version}"><ServiceId SiteId="{site_id}" RoleName="{role}" '
        f'Instance="1" /><DependsOn /><InstalledOn><ClusterId SiteId="{site_id}" Number="{number}" />'
        f'</InstalledOn><Ports xmlns="{R}" />{body}</Service>'
    )


def error_of(document: str | bytes) -> str:
    with pytest.raises(tx.TopologyDocumentError) as caught:
        tx.parse(document)
    return str(caught.value)


# ----------------------------------------------------------------------------------------------------------------------
# The examples: both forms of the same deployment give the same pools


@pytest.mark.parametrize("path", ["topology_builder/contoso.tbxml", "published/topology.xml"])
def test_examples_give_the_documented_pools(path: str) -> None:
    parsed = tx.parse((EXAMPLES / path).read_bytes())
    assert parsed.form == ("topology_builder" if path.endswith(".tbxml") else "published")
    roles = {fqdn: pool.role for fqdn, pool in parsed.pools.items()}
    assert roles == {
        "pool01.contoso.com": "front_end",
        "dirpool01.contoso.com": "director",
        "edgepool01.dmz.contoso.com": "edge",
        "medpool01.contoso.com": "mediation",
        "sfbpool01.contoso.com": "front_end",
    }
    fe = parsed.pools["pool01.contoso.com"]
    assert fe.servers == tuple(f"lyncfe{n:02d}.contoso.com" for n in range(1, 7))  # NewTopology, not OldTopology
    assert (fe.site, fe.lync_version, fe.collocated_mediation) == ("Dublin", "lync2013", False)
    assert (fe.web_internal_fqdn, fe.web_external_fqdn) == ("pool01.contoso.com", "lyncwebext01.contoso.com")
    sfb = parsed.pools["sfbpool01.contoso.com"]
    assert (sfb.site, sfb.lync_version, sfb.collocated_mediation) == ("Amsterdam", "sfb2015", True)
    assert (sfb.web_internal_fqdn, sfb.web_external_fqdn) == ("sfbwebint01.contoso.com", "sfbwebext01.contoso.com")
    edge = parsed.pools["edgepool01.dmz.contoso.com"]
    assert edge.external_nat is True and len(edge.servers) == 3 and edge.web_external_fqdn is None
    assert (parsed.lync_version, parsed.coexisting_versions) == ("sfb2015", ("lync2013",))
    assert parsed.sites == ("Dublin", "Amsterdam")
    assert parsed.skipped_clusters == {
        "ApplicationStore": 2,
        "FileStore": 2,
        "MonitoringStore": 2,
        "UserStore": 2,
        "WacService": 1,
    }
    assert parsed.skipped_services == parsed.skipped_clusters


def test_both_forms_of_the_example_agree() -> None:
    builder = tx.parse((EXAMPLES / "topology_builder" / "contoso.tbxml").read_bytes())
    publish = tx.parse((EXAMPLES / "published" / "topology.xml").read_text(encoding="utf-8"))
    assert builder.pools == {
        fqdn: pool.__class__(**{**pool.__dict__, "line": builder.pools[fqdn].line})
        for fqdn, pool in publish.pools.items()
    }


# ----------------------------------------------------------------------------------------------------------------------
# Placement


@pytest.mark.parametrize("version,expected", [(5, "lync2010"), (6, "lync2013"), (7, "sfb2015"), (8, "sfb2019")])
def test_service_version_gives_the_lync_version(version: int, expected: str) -> None:
    parsed = tx.parse(tbxml([site(1, "S", [FE])], [registrar("c1", version=version)]))
    assert parsed.pools["pool01.contoso.com"].lync_version == expected == parsed.lync_version
    assert parsed.coexisting_versions == ()


def test_director_edge_mediation_and_collocated_mediation() -> None:
    document = tbxml(
        [
            site(
                1,
                "Dublin",
                [
                    FE,
                    cluster("c2", "dir.contoso.com", [machine("dir01.contoso.com"), machine("dir02.contoso.com")]),
                    cluster(
                        "c3",
                        "edge.contoso.com",
                        [
                            machine("edge01.contoso.com", ("172.16.0.1", "131.107.0.1")),
                            machine("edge02.contoso.com", ("172.16.0.2", "131.107.0.2")),
                        ],
                    ),
                    cluster("c4", "edge2.contoso.com", [machine("edge21.contoso.com", ("131.107.1.1", None))]),
                    cluster("c5", "med.contoso.com", [machine("med01.contoso.com"), machine("med02.contoso.com")]),
                ],
            )
        ],
        [
            registrar("c1", version=8),
            service("MediationServer", "c1", 8),
            service("UserServices", "c1", 8),
            registrar("c2", director=True, version=7),
            web("c2", "dirext.contoso.com", version=7),
            service("EdgeServer", "c3", 6),
            service("EdgeServer", "c4", 6),
            service("MediationServer", "c5", 5),
        ],
    )
    pools = tx.parse(document).pools
    assert {fqdn: (p.role, p.lync_version) for fqdn, p in pools.items()} == {
        "pool01.contoso.com": ("front_end", "sfb2019"),
        "dir.contoso.com": ("director", "sfb2015"),
        "edge.contoso.com": ("edge", "lync2013"),
        "edge2.contoso.com": ("edge", "lync2013"),
        "med.contoso.com": ("mediation", "lync2010"),
    }
    assert pools["pool01.contoso.com"].collocated_mediation is True
    assert pools["pool01.contoso.com"].web_internal_fqdn is None  # no WebServices service on that cluster
    assert (pools["dir.contoso.com"].web_internal_fqdn, pools["dir.contoso.com"].web_external_fqdn) == (
        "dir.contoso.com",
        "dirext.contoso.com",
    )
    assert pools["edge.contoso.com"].external_nat is True
    assert pools["edge2.contoso.com"].external_nat is False  # a public address, no ConfiguredIPAddress
    parsed = tx.parse(document)
    assert (parsed.lync_version, parsed.coexisting_versions) == ("sfb2019", ("lync2010", "lync2013", "sfb2015"))


def test_single_machine_cluster_takes_the_cluster_fqdn_and_branch_sites_are_read() -> None:
    standard = cluster("se", "se01.contoso.com", [machine(None)], single=True, sql="se-sql")
    branch = (
        '<RemoteSite SiteId="2"><Name xmlns="'
        + T
        + '">Cork branch</Name><Clusters>'
        + cluster("sba", "sba01.contoso.com", [machine(None)], single=True)
        + "</Clusters></RemoteSite>"
    )
    parsed = tx.parse(
        tbxml(
            [site(1, "Dublin", [standard], branches=branch)],
            [registrar("se"), service("UserStore", "se-sql"), registrar("sba"), service("MediationServer", "sba")],
        )
    )
    assert parsed.pools["se01.contoso.com"].servers == ("se01.contoso.com",)
    assert parsed.pools["sba01.contoso.com"].site == "Cork branch"
    assert parsed.pools["sba01.contoso.com"].collocated_mediation is True
    assert parsed.sites == ("Dublin", "Cork branch")
    assert parsed.skipped_services == {}  # the Standard Edition server's own store is part of its pool


def test_published_form_reads_cluster_ids_and_sql_instances() -> None:
    clusters = (
        '<Cluster Fqdn="pool.contoso.com"><ClusterId SiteId="1" Number="1" />'
        '<Machine OrdinalInCluster="1" Fqdn="fe1.contoso.com" /><Machine OrdinalInCluster="2" '
        'Fqdn="fe2.contoso.com" /></Cluster><Cluster Fqdn="sql.contoso.com"><ClusterId SiteId="2" '
        'Number="1" /><Machine OrdinalInCluster="1" /></Cluster>'
    )
    store = (
        '<Service RoleVersion="1" ServiceVersion="7"><ServiceId SiteId="2" RoleName="UserStore" Instance="1" />'
        '<InstalledOn><SqlInstanceId Name="rtc"><ClusterId SiteId="2" Number="1" /></SqlInstanceId>'
        "</InstalledOn></Service>"
    )
    sites = (
        '<CentralSite SiteId="1"><Name>Dublin</Name></CentralSite>'
        '<CentralSite SiteId="2"><Name>Data centre</Name></CentralSite>'
    )
    parsed = tx.parse(published(clusters, pub_service("Registrar", 1) + store, sites))
    assert parsed.form == "published"
    assert parsed.pools["pool.contoso.com"].servers == ("fe1.contoso.com", "fe2.contoso.com")
    assert parsed.skipped_clusters == {"UserStore": 1} == parsed.skipped_services


def test_legacy_pools_of_a_merged_topology_are_skipped_and_counted() -> None:
    legacy = (
        '<BackCompatSite SiteId="9"><Name xmlns="'
        + T
        + '">OCS 2007 R2</Name><Clusters>'
        + cluster("old", "ocspool.contoso.com", [machine("ocs01.contoso.com")])
        + "</Clusters></BackCompatSite>"
    )
    document = tbxml([site(1, "S", [FE])], [registrar("c1"), registrar("old", version=4)])
    document = document.replace("</CentralSites>", "</CentralSites><BackCompatSites>" + legacy + "</BackCompatSites>")
    parsed = tx.parse(document)
    assert list(parsed.pools) == ["pool01.contoso.com"]
    assert parsed.skipped_clusters == {"Registrar (ServiceVersion 4)": 1}
    assert parsed.sites == ("S", "OCS 2007 R2")


def test_role_settings_in_a_later_role_schema_are_read() -> None:
    later = R.replace("2008", "2012")
    document = tbxml(
        [site(1, "S", [FE])],
        [registrar("c1", director=True).replace(R, later), web("c1", "ext.contoso.com").replace(R, later)],
    )
    pool = tx.parse(document).pools["pool01.contoso.com"]
    assert (pool.role, pool.web_external_fqdn) == ("director", "ext.contoso.com")
    with pytest.raises(tx.TopologyDocumentError, match="namespace 'urn:example:roles'"):
        tx.parse(document.replace(later, "urn:example:roles"))


def test_utf16_with_byte_order_mark_and_a_utf8_declaration() -> None:
    """What `Get-CsTopology -AsXml > topology.xml` writes in Windows PowerShell."""
    parsed = tx.parse(SIMPLE.encode("utf-16"))
    assert list(parsed.pools) == ["pool01.contoso.com"]
    assert tx.parse(b"\xef\xbb\xbf" + SIMPLE.encode("utf-8")).pools == parsed.pools


# ----------------------------------------------------------------------------------------------------------------------
# Errors: each names the element and its line


@pytest.mark.parametrize(
    "document,needles",
    [
        ("<html><body/></html>", ["root element <html>", "line 1", "neither a Topology Builder document"]),
        (f'<Topology xmlns="{T[:-4]}2010"/>', ["namespace", "Topology.2010", "expected " + T]),
        ("<Topology/>", ["namespace '(none)'"]),
        (
            SIMPLE.replace(
                'InstalledOn="c1" ServiceVersion="6"><DependsOn /><Ports xmlns="' + R + '" /><Registrar',
                'InstalledOn="nowhere" ServiceVersion="6"><DependsOn /><Ports xmlns="' + R + '" /><Registrar',
            ),
            ["<Service", 'RoleName="Registrar"', "line 5", "installed on 'nowhere'", "no Cluster"],
        ),
        (
            tbxml([site(1, "S", [FE])], [registrar("c1"), service("EdgeServer", "c1")]),
            ["cluster 'pool01.contoso.com'", "line 4", "EdgeServer, Registrar", "cannot be placed"],
        ),
        (
            tbxml([site(1, "S", [FE])], [registrar("c1", director=True), service("MediationServer", "c1")]),
            ["Director with a MediationServer"],
        ),
        (
            tbxml([site(1, "S", [FE])], [registrar("c1", version=9)]),
            ["ServiceVersion '9'", "line 5", "5 (Lync Server 2010)"],
        ),
        (tbxml([site(1, "S", [FE])], [service("Registrar", "c1", version="")]), ["ServiceVersion ''", "line 5"]),
        (
            tbxml(
                [site(1, "S", [cluster("c1", "p.contoso.com", [machine(None), machine("b.contoso.com")])])],
                [registrar("c1")],
            ),
            ["<Machine> at line 4", "has no Fqdn"],
        ),
        (
            tbxml([site(1, "S", [FE, FE.replace('"c1"', '"c2"')])], [registrar("c1"), registrar("c2")]),
            ["second cluster", "'pool01.contoso.com'"],
        ),
        (
            tbxml(
                [site(1, "S", [cluster("c9", "x.contoso.com", [machine("x1.contoso.com")])])],
                [service("FileStore", "c9")],
            ),
            ["no Front End, Director, Edge or Mediation pool", "FileStore: 1"],
        ),
        (f'<TopologyBuilder xmlns="{B}"><OldTopology/></TopologyBuilder>', ["has no NewTopology"]),
        (
            SIMPLE.replace("<Cluster IsSingle", '<Cluster xmlns="urn:example:other" IsSingle'),
            ["<Cluster", "namespace 'urn:example:other'", "line 4"],
        ),
        (
            published(
                '<Cluster Fqdn="p"><ClusterId SiteId="1" Number="1" /><Machine Fqdn="m" /></Cluster>',
                pub_service("Registrar", 7),
            ),
            ["<ClusterId", "line 5", "SiteId=1 Number=7", "not under Clusters"],
        ),
        (
            published('<Cluster Fqdn="p"><ClusterId SiteId="9" Number="1" /><Machine Fqdn="m" /></Cluster>', ""),
            ["names site '9'", "line 4"],
        ),
    ],
)
def test_errors_name_the_element_and_line(document: str, needles: list[str]) -> None:
    message = error_of(document)
    for needle in needles:
        assert needle in message, message


# ----------------------------------------------------------------------------------------------------------------------
# Hostile documents: refused quickly, nothing expanded, no file read


HOSTILE = ROOT / "tests" / "data" / "hostile_topologies"
BILLION_LAUGHS = (HOSTILE / "billion_laughs.xml").read_text(encoding="utf-8")
EXTERNAL = (HOSTILE / "external_entity.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "document,needles",
    [
        (BILLION_LAUGHS, ["line 2", "document type declaration (<!DOCTYPE lolz>)", "refused"]),
        (EXTERNAL, ["line 2", "<!DOCTYPE Topology>", "no other file or URL is read"]),
        (SIMPLE[: len(SIMPLE) // 2], ["not well-formed XML", "line"]),
        ("", ["not well-formed XML"]),
        ("not xml at all", ["not well-formed XML", "line 1"]),
        (b"\xff\xfe<\x00T\x00\x00\xd8", ["UTF-16"]),
    ],
)
def test_hostile_documents_are_refused_quickly(document: str | bytes, needles: list[str]) -> None:
    started = time.monotonic()
    message = error_of(document)
    assert time.monotonic() - started < 2
    for needle in needles:
        assert needle in message, message
    assert "root:" not in message  # /etc/passwd was not read into the message


def test_a_50_mb_document_is_refused_before_parsing() -> None:
    document = SIMPLE.replace("</TopologyBuilder>", "<!--" + "x" * 50_000_000 + "--></TopologyBuilder>")
    started = time.monotonic()
    message = error_of(document.encode("utf-8"))
    assert time.monotonic() - started < 2
    assert "50,00" in message and "33,554,432" in message


def test_the_size_check_on_its_own() -> None:
    tx.check_size(tx.MAX_DOCUMENT_BYTES)
    with pytest.raises(tx.TopologyDocumentError, match="more than"):
        tx.check_size(tx.MAX_DOCUMENT_BYTES + 1)


# ----------------------------------------------------------------------------------------------------------------------
# The benchmark's generator (benchmarks/gen_topology.py) writes documents the reader takes, at any size


def _generator() -> t.Any:
    import importlib.util
    import sys

    path = ROOT / "benchmarks" / "gen_topology.py"
    spec = importlib.util.spec_from_file_location("lbq_benchmark_gen_topology", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("form", ["tbxml", "published"])
def test_generated_topologies_parse(form: str) -> None:
    parsed = tx.parse(_generator().generate(250, form))
    assert sum(len(pool.servers) for pool in parsed.pools.values()) == 250
    assert {pool.role for pool in parsed.pools.values()} == {"front_end", "director", "edge", "mediation"}
    assert (parsed.lync_version, parsed.coexisting_versions) == ("sfb2019", ("lync2013", "sfb2015"))
    assert parsed.sites == ("Site 001", "Site 002", "Site 003")
    assert parsed.skipped_clusters["WacService"] == 3
    assert any(pool.external_nat for pool in parsed.pools.values())
    assert any(pool.collocated_mediation for pool in parsed.pools.values())
