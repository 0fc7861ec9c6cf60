# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read the topology Lync already knows: Topology Builder documents and published topologies.

PRIVATE to the collection. No Ansible import: the ``lync_topology`` inventory and filter plugins hand over the
document's bytes or text and map :class:`TopologyDocumentError` onto their own error type.

Two forms of the same model, both in the namespace ``urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008``:

- a Topology Builder document (``.tbxml``): ``TopologyBuilder`` > ``NewTopology`` > ``PartialTopology``, sites under
  ``CentralSites/CentralSite`` holding their ``Clusters/Cluster`` (``UniqueId``, ``Fqdn``, ``Machines/Machine``);
  services reference their cluster with ``InstalledOn="<cluster UniqueId>"``. Only ``NewTopology`` is read: it is
  what the administrator is about to publish;
- a published topology (``Get-CsTopology -AsXml``, the input of ``Publish-CsTopology``): ``Topology`` with
  ``Sites/CentralSite``, ``Clusters/Cluster`` identified by ``ClusterId SiteId Number`` and services with
  ``ServiceId SiteId RoleName Instance`` and ``InstalledOn/ClusterId``.

A cluster becomes a pool of the collection's model by the services installed on it: a ``Registrar`` whose
``RegistrarService IsDirector`` is true is a Director pool, any other ``Registrar`` a Front End pool (with collocated
Mediation when a ``MediationServer`` service shares the cluster), an ``EdgeServer`` an Edge pool (external NAT when an
external ``NetInterface`` carries a ``ConfiguredIPAddress`` besides its ``IPAddress``), a ``MediationServer`` alone a
stand-alone Mediation pool. Clusters of other roles (SQL stores, file stores, Office Web Apps, ...) are skipped and
counted. The document is parsed with defusedxml (no DTD, no entity, no external reference) after a size check, so a
hostile document is a quick, clear error.
"""

from __future__ import annotations

import collections
import typing as t
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.topology import LYNC_VERSIONS, ROLES

NS_TOPOLOGY = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"
NS_BUILDER = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"
NS_WRITABLE = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008"
NS_ROLES = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"
# The namespaces the elements read here may use (Topology Builder mixes the writable and the plain topology ones).
_KNOWN_NAMESPACES = (NS_TOPOLOGY, NS_WRITABLE, NS_BUILDER, NS_ROLES)
# Role-specific settings may come in later role schemas (as WebComponents does in ...Deploy.WebServices.2011).
_ROLE_ELEMENTS = frozenset(("RegistrarService", "WebService", "ExternalSettings", "InternalSettings"))
_ROLE_NAMESPACE_PREFIX = "urn:schema:Microsoft.Rtc.Management."

SERVICE_VERSIONS = {"5": "lync2010", "6": "lync2013", "7": "sfb2015", "8": "sfb2019"}
POOL_ROLES = ROLES  # the pool roles the check knows, in the model's order
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024  # a generated topology of 2,000 servers is 1.5 MB (benchmarks/RESULTS.md)
_TRUE = frozenset(("true", "1"))


class TopologyDocumentError(ValueError):
    """The document cannot be read as a topology: what is wrong, where (element and line) and how to fix it."""


@dataclass(frozen=True)
class TopologyPool:
    """One cluster of a role the collection checks, with what the topology says about it."""

    fqdn: str
    role: str
    servers: tuple[str, ...]
    site: str
    lync_version: str
    collocated_mediation: bool
    external_nat: bool
    web_internal_fqdn: str | None
    web_external_fqdn: str | None
    line: int


@dataclass(frozen=True)
class ParsedTopology:
    """The pools of a topology document, its sites, and what it skipped (counted by role name)."""

    form: str  # "topology_builder" or "published"
    pools: dict[str, TopologyPool]
    sites: tuple[str, ...]
    skipped_clusters: dict[str, int]
    skipped_services: dict[str, int]

    @property
    def versions(self) -> tuple[str, ...]:
        """The Lync versions of the pools, oldest first."""
        present = {pool.lync_version for pool in self.pools.values()}
        return tuple(version for version in LYNC_VERSIONS if version in present)

    @property
    def lync_version(self) -> str:
        """The newest version among the pools."""
        return self.versions[-1]

    @property
    def coexisting_versions(self) -> tuple[str, ...]:
        """The older versions still present beside the newest (empty when there is one version)."""
        return self.versions[:-1]


# ----------------------------------------------------------------------------------------------------------------------
# Parsing with line numbers


def _line_element_class() -> type:
    from xml.etree.ElementTree import Element

    class LineElement(Element):  # the C Element takes no attributes; a Python subclass does
        line = 0

    return LineElement


def check_size(size: int) -> None:
    """Refuse a document over MAX_DOCUMENT_BYTES (before reading it, when the caller knows the file's size)."""
    if size > MAX_DOCUMENT_BYTES:
        raise TopologyDocumentError(
            f"the document is {size:,} bytes, more than the {MAX_DOCUMENT_BYTES:,} a topology document may have "
            "(one of 2,000 servers is a few MB): is it the right file?"
        )


def _parse_xml(data: bytes | str) -> t.Any:
    """The root element, each element carrying ``line``; every XML problem as a TopologyDocumentError."""
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import DefusedXMLParser, ParseError
    except ImportError as exc:  # pragma: no cover - exercised only without the dependency
        raise TopologyDocumentError(
            f"the Python library defusedxml is required on the controller to read topology documents: {exc}. "
            "Install it with 'pip install -r requirements.txt' from the collection."
        ) from None
    from xml.etree.ElementTree import TreeBuilder

    check_size(len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data))
    if isinstance(data, bytes) and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Windows PowerShell writes `Get-CsTopology -AsXml > file` as UTF-16 with a byte order mark, and the
        # declaration inside may still say utf-8: decode by the mark, and let the parser read text.
        try:
            data = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TopologyDocumentError(
                f"the document starts with a UTF-16 byte order mark but is not UTF-16: {exc}"
            ) from None
    elif isinstance(data, bytes) and data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    if isinstance(data, str):
        data = data.lstrip("\ufeff")

    factory = _line_element_class()

    class Builder(TreeBuilder):
        def start(self, tag: str, attrs: dict[str, str]) -> t.Any:
            element: t.Any = super().start(tag, attrs)  # a LineElement (factory below)
            element.line = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(
        target=Builder(element_factory=factory), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as exc:
        what = {
            "DTDForbidden": f"a document type declaration (<!DOCTYPE {getattr(exc, 'name', '')}>)",
            "EntitiesForbidden": f"the entity '{getattr(exc, 'name', '')}'",
            "ExternalReferenceForbidden": f"a reference to '{getattr(exc, 'sysid', None) or ''}'",
        }
        raise TopologyDocumentError(
            f"line {parser.parser.CurrentLineNumber}: the document has "
            f"{what.get(type(exc).__name__, type(exc).__name__)}; topology documents have none, and it is refused "
            "so that no entity is expanded and no other file or URL is read"
        ) from None
    except ParseError as exc:
        raise TopologyDocumentError(f"not well-formed XML: {exc}; is the file complete and saved as XML?") from None


def _split(tag: t.Any) -> tuple[str, str]:
    if not isinstance(tag, str):  # a comment or processing instruction
        return "", ""
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return "", tag


def _describe(element: t.Any) -> str:
    keys = ("Fqdn", "UniqueId", "RoleName", "SiteId", "InstalledOn")
    attributes = " ".join(f'{key}="{element.get(key)}"' for key in keys if element.get(key) is not None)
    return f"<{_split(element.tag)[1]}{' ' + attributes if attributes else ''}> at line {element.line}"


def _known(element: t.Any) -> t.Any:
    """``element`` itself, when its namespace is one this module reads; otherwise an error naming it."""
    namespace, local = _split(element.tag)
    if local in _ROLE_ELEMENTS and namespace.startswith(_ROLE_NAMESPACE_PREFIX):
        return element
    if namespace not in _KNOWN_NAMESPACES:
        raise TopologyDocumentError(
            f"{_describe(element)} is in the namespace '{namespace or '(none)'}', which this collection does not "
            f"know; Lync and Skype for Business topologies use {NS_TOPOLOGY} and its Topology Builder "
            "companions (...Deploy.TopologyBuilder.2008, ...Deploy.WritableTopology.2008, ...Deploy.ServiceRoles.2008)"
        )
    return element


def _children(element: t.Any, local: str) -> list[t.Any]:
    """The children named ``local``; the name in a namespace this module does not know is an error."""
    return [_known(child) for child in element if _split(child.tag)[1] == local]


def _child(element: t.Any, local: str) -> t.Any | None:
    found = _children(element, local)
    return found[0] if found else None


def _grandchildren(element: t.Any, container: str, local: str) -> list[t.Any]:
    return [item for holder in _children(element, container) for item in _children(holder, local)]


def _required(element: t.Any, attribute: str, what: str) -> str:
    value = (element.get(attribute) or "").strip()
    if not value:
        raise TopologyDocumentError(f"{_describe(element)} has no {attribute}: {what}")
    return value


# ----------------------------------------------------------------------------------------------------------------------
# The two forms, read into clusters and services


@dataclass
class _Cluster:
    key: str
    fqdn: str
    site: str
    machines: list[tuple[str, bool]]  # (FQDN, external NAT)
    element: t.Any


@dataclass
class _Service:
    role: str
    cluster: str  # the key of the cluster it is installed on, or of the cluster holding its SQL instance
    on_sql_instance: bool
    element: t.Any


def _site_name(site: t.Any) -> str:
    name = _child(site, "Name")
    text = (name.text or "").strip() if name is not None else ""
    return text or (site.get("Name") or "").strip() or f"site{_required(site, 'SiteId', 'sites carry a SiteId')}"


def _machines(cluster: t.Any, fqdn: str, single: bool) -> list[tuple[str, bool]]:
    elements = _grandchildren(cluster, "Machines", "Machine") + _children(cluster, "Machine")
    machines = []
    for machine in elements:
        name = (machine.get("Fqdn") or "").strip()
        if not name:
            if not (single or len(elements) == 1):
                raise TopologyDocumentError(
                    f"{_describe(machine)} of cluster {fqdn!r} has no Fqdn, and only the "
                    "machine of a single-machine cluster may take the cluster's FQDN"
                )
            name = fqdn
        nat = False
        for interface in _children(machine, "NetInterface"):
            configured = (interface.get("ConfiguredIPAddress") or "").strip()
            if (
                interface.get("InterfaceSide") == "External"
                and configured
                and configured != (interface.get("IPAddress") or "").strip()
            ):
                nat = True
        machines.append((name, nat))
    return machines


def _builder_form(root: t.Any) -> tuple[list[_Cluster], list[_Service], list[str]]:
    new = _child(root, "NewTopology")
    if new is None:
        raise TopologyDocumentError(
            f"{_describe(root)} has no NewTopology: a Topology Builder document holds the "
            "topology to publish in TopologyBuilder/NewTopology/PartialTopology"
        )
    partial = _child(new, "PartialTopology")
    if partial is None:
        raise TopologyDocumentError(f"{_describe(new)} has no PartialTopology (namespace {NS_WRITABLE})")
    clusters: list[_Cluster] = []
    sql_instances: dict[str, str] = {}  # SqlInstance UniqueId -> the key of its cluster
    sites: list[str] = []
    pending = [
        _known(site)
        for holder in partial
        if _split(holder.tag)[1].endswith("Sites")
        for site in holder
        if _split(site.tag)[1].endswith("Site")
    ]
    while pending:
        site = pending.pop(0)
        name = _site_name(site)
        sites.append(name)
        for cluster in _grandchildren(site, "Clusters", "Cluster"):
            fqdn = _required(cluster, "Fqdn", "every cluster has the FQDN of its pool")
            key = _required(cluster, "UniqueId", "services name their cluster by its UniqueId").lower()
            single = (cluster.get("IsSingleMachineOnly") or "").lower() in _TRUE
            clusters.append(_Cluster(key, fqdn, name, _machines(cluster, fqdn, single), cluster))
            for instance in _grandchildren(cluster, "SqlInstances", "SqlInstance"):
                if instance.get("UniqueId"):
                    sql_instances[instance.get("UniqueId").lower()] = key
        for holder in site:
            if _split(holder.tag)[1].endswith("Sites"):  # RemoteSites / BranchSites: the branch sites
                pending.extend(_known(branch) for branch in holder if _split(branch.tag)[1].endswith("Site"))
    known = {cluster.key for cluster in clusters}
    services = []
    for service in _grandchildren(partial, "Services", "Service"):
        role = _required(service, "RoleName", "every service names its role")
        target = _required(service, "InstalledOn", "every service names the cluster it is installed on").lower()
        if target in known:
            services.append(_Service(role, target, False, service))
        elif target in sql_instances:
            services.append(_Service(role, sql_instances[target], True, service))
        else:
            raise TopologyDocumentError(
                f"{_describe(service)} is installed on '{target}', but no Cluster (or "
                "SqlInstance) of NewTopology has that UniqueId"
            )
    return clusters, services, sites


def _cluster_id(element: t.Any) -> str:
    site = _required(element, "SiteId", "a ClusterId names its site")
    number = _required(element, "Number", "a ClusterId numbers the cluster in its site")
    return f"{site}:{number}"


def _published_form(root: t.Any) -> tuple[list[_Cluster], list[_Service], list[str]]:
    site_names: dict[str, str] = {}
    for holder in _children(root, "Sites"):
        for site in holder:
            if _split(site.tag)[1].endswith("Site"):
                _known(site)
                site_names[_required(site, "SiteId", "sites carry a SiteId")] = _site_name(site)
    clusters = []
    for cluster in _grandchildren(root, "Clusters", "Cluster"):
        fqdn = _required(cluster, "Fqdn", "every cluster has the FQDN of its pool")
        identity = _child(cluster, "ClusterId")
        if identity is None:
            raise TopologyDocumentError(f"{_describe(cluster)} has no ClusterId child (SiteId, Number)")
        site = identity.get("SiteId")
        if site not in site_names:
            raise TopologyDocumentError(
                f"{_describe(identity)} of cluster {fqdn!r} names site '{site}', which is not under Sites"
            )
        single = (cluster.get("IsSingleMachineOnly") or "").lower() in _TRUE
        clusters.append(
            _Cluster(_cluster_id(identity), fqdn, site_names[site], _machines(cluster, fqdn, single), cluster)
        )
    known = {cluster.key for cluster in clusters}
    services = []
    for service in _grandchildren(root, "Services", "Service"):
        identity = _child(service, "ServiceId")
        role = (service.get("RoleName") or (identity.get("RoleName") if identity is not None else "") or "").strip()
        if not role:
            raise TopologyDocumentError(f"{_describe(service)} has no ServiceId RoleName: every service names its role")
        installed = _child(service, "InstalledOn")
        instance = _child(installed, "SqlInstanceId") if installed is not None else None
        holder = instance if instance is not None else installed
        target = _child(holder, "ClusterId") if holder is not None else None
        if target is None:
            raise TopologyDocumentError(
                f"{_describe(service)} ({role}) has no InstalledOn/ClusterId: every service "
                "names the cluster it is installed on"
            )
        key = _cluster_id(target)
        if key not in known:
            raise TopologyDocumentError(
                f"{_describe(target)} of the {role} service names cluster SiteId="
                f"{target.get('SiteId')} Number={target.get('Number')}, which is not under "
                "Clusters"
            )
        services.append(_Service(role, key, instance is not None, service))
    return clusters, services, list(site_names.values())


# ----------------------------------------------------------------------------------------------------------------------
# Clusters and services into pools


def _version(service: _Service) -> str | None:
    """The Lync version of a service's ServiceVersion; None for the older versions of merged legacy pools."""
    value = (service.element.get("ServiceVersion") or "").strip()
    if value in SERVICE_VERSIONS:
        return SERVICE_VERSIONS[value]
    if value.isdigit() and int(value) < min(map(int, SERVICE_VERSIONS)):
        return None
    raise TopologyDocumentError(
        f"{_describe(service.element)} has ServiceVersion '{value}'; this collection reads ServiceVersion 5 "
        "(Lync Server 2010), 6 (Lync Server 2013), 7 (Skype for Business Server 2015) and 8 (Skype for Business "
        "Server 2019), and skips the older pools of a merged legacy topology"
    )


def _is_director(service: _Service) -> bool:
    registrar = _child(service.element, "RegistrarService")
    return registrar is not None and (registrar.get("IsDirector") or "").strip().lower() in _TRUE


def _host(settings: t.Any | None) -> str | None:
    return ((settings.get("Host") or "").strip() or None) if settings is not None else None


def _web_fqdns(services: list[_Service], fqdn: str) -> tuple[str | None, str | None]:
    """(internal, external) web services FQDNs: the internal override, else the pool FQDN; the external Host."""
    for service in services:
        if service.role == "WebServices":
            web = _child(service.element, "WebService")
            if web is None:
                return fqdn, None
            return _host(_child(web, "InternalSettings")) or fqdn, _host(_child(web, "ExternalSettings"))
    return None, None


def _role(cluster: _Cluster, services: list[_Service]) -> tuple[str, _Service] | None:
    """The pool role a cluster's services make and the service that defines it; None when no role of the model."""
    by_role: dict[str, list[_Service]] = collections.defaultdict(list)
    for service in services:
        by_role[service.role].append(service)
    registrars, edges, mediations = by_role["Registrar"], by_role["EdgeServer"], by_role["MediationServer"]
    if not (registrars or edges or mediations):
        return None
    where = _describe(cluster.element)
    if edges and (registrars or mediations):
        placed = ", ".join(sorted(role for role in ("Registrar", "EdgeServer", "MediationServer") if by_role[role]))
        raise TopologyDocumentError(
            f"cluster {cluster.fqdn!r} ({where}) runs {placed}: an Edge pool runs no other "
            "server role, so this cluster cannot be placed in one pool role"
        )
    directors = {_is_director(service) for service in registrars}
    if len(directors) > 1:
        raise TopologyDocumentError(
            f"cluster {cluster.fqdn!r} ({where}) has a Director and a non-Director "
            "Registrar service: it cannot be both a Director and a Front End pool"
        )
    if directors == {True} and mediations:
        raise TopologyDocumentError(
            f"cluster {cluster.fqdn!r} ({where}) is a Director with a MediationServer "
            "service: Mediation collocates with Front End pools only"
        )
    if registrars:
        return ("director" if directors == {True} else "front_end"), registrars[0]
    if edges:
        return "edge", edges[0]
    return "mediation", mediations[0]


def _pool(cluster: _Cluster, services: list[_Service], role: str, version: str) -> TopologyPool:
    if not cluster.machines:
        raise TopologyDocumentError(f"cluster {cluster.fqdn!r} ({_describe(cluster.element)}) has no Machine")
    internal, external = _web_fqdns(services, cluster.fqdn) if role in ("front_end", "director") else (None, None)
    return TopologyPool(
        fqdn=cluster.fqdn,
        role=role,
        servers=tuple(name for name, _nat in cluster.machines),
        site=cluster.site,
        lync_version=version,
        collocated_mediation=role == "front_end" and any(s.role == "MediationServer" for s in services),
        external_nat=role == "edge" and any(nat for _name, nat in cluster.machines),
        web_internal_fqdn=internal,
        web_external_fqdn=external,
        line=cluster.element.line,
    )


def parse(data: bytes | str) -> ParsedTopology:
    """Read a Topology Builder document or a published topology; raise TopologyDocumentError when it is not one."""
    root = _parse_xml(data)
    namespace, local = _split(root.tag)
    if local not in ("TopologyBuilder", "Topology"):
        raise TopologyDocumentError(
            f"the root element <{local}> (namespace '{namespace or '(none)'}') at line {root.line} is neither a "
            "Topology Builder document (<TopologyBuilder>, a .tbxml file) nor a published topology (<Topology>, "
            "from Get-CsTopology -AsXml)"
        )
    expected = NS_BUILDER if local == "TopologyBuilder" else NS_TOPOLOGY
    if namespace != expected:
        raise TopologyDocumentError(
            f"the root element <{local}> at line {root.line} is in the namespace '{namespace or '(none)'}', which "
            f"this collection does not know; expected {expected}"
        )
    form = "topology_builder" if local == "TopologyBuilder" else "published"
    clusters, services, sites = _builder_form(root) if form == "topology_builder" else _published_form(root)

    on_cluster: dict[str, list[_Service]] = collections.defaultdict(list)
    for service in services:
        on_cluster[service.cluster].append(service)
    pools: dict[str, TopologyPool] = {}
    owner: dict[str, TopologyPool] = {}
    skipped_clusters: collections.Counter[str] = collections.Counter()
    skipped_services: collections.Counter[str] = collections.Counter()
    for cluster in clusters:
        hosted = on_cluster.get(cluster.key, [])
        # Services on the cluster's SQL instance (the stores of a Standard Edition server) do not make the pool.
        own = [service for service in hosted if not service.on_sql_instance]
        placed = _role(cluster, own)
        version = _version(placed[1]) if placed else None
        if placed is None or version is None:
            labels = {service.role for service in hosted}
            if placed:  # a legacy pool merged into the topology
                labels = {f"{placed[1].role} (ServiceVersion {placed[1].element.get('ServiceVersion')})"}
            skipped_clusters.update(sorted(labels) or ["(no service)"])
            skipped_services.update(service.role for service in hosted)
            continue
        pool = _pool(cluster, own, placed[0], version)
        if pool.fqdn.lower() in {fqdn.lower() for fqdn in pools}:
            raise TopologyDocumentError(
                f"{_describe(cluster.element)}: a second cluster with the FQDN "
                f"{pool.fqdn!r}; pool FQDNs are unique in a topology"
            )
        for server in pool.servers:
            other = owner.get(server.lower())
            if other is not None:
                raise TopologyDocumentError(
                    f"{_describe(cluster.element)}: machine {server!r} is also in pool "
                    f"{other.fqdn!r} (line {other.line}); a server belongs to one pool"
                )
            owner[server.lower()] = pool
        pools[pool.fqdn] = pool
    if not pools:
        skipped = ", ".join(f"{role}: {count}" for role, count in sorted(skipped_clusters.items())) or "none"
        raise TopologyDocumentError(
            f"the {form.replace('_', ' ')} document has no Front End, Director, Edge or "
            f"Mediation pool (clusters skipped, by role: {skipped})"
        )
    return ParsedTopology(
        form,
        pools,
        tuple(dict.fromkeys(sites)),
        dict(sorted(skipped_clusters.items())),
        dict(sorted(skipped_services.items())),
    )
