# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: lync_topology
author:
  - lync.lb_qualification maintainers (@lync)
version_added: 1.1.0
short_description: Lync and Skype for Business servers and pools from a Topology Builder document
description:
  - Reads the topology Lync already knows, a Topology Builder document (C(.tbxml)) or a published topology
    (C(Get-CsTopology -AsXml)), and adds every Front End, Director, Edge and stand-alone Mediation server to the
    inventory, grouped by role and by site, with its pool, site and Lync version, so that only the load balancers and
    C(lync_pools) (which device fronts which pool) remain to be declared, in another inventory source.
  - A Registrar that is not a Director makes a Front End pool, a Registrar with C(IsDirector) a Director pool, an
    C(EdgeServer) an Edge pool and a C(MediationServer) alone a stand-alone Mediation pool; a C(MediationServer)
    installed on a Front End pool's cluster is collocated Mediation. Clusters of other roles (SQL stores, file stores,
    Office Web Apps, ...) are skipped; C(-v) prints how many, by role. Of a Topology Builder document only
    C(NewTopology) is read, the topology about to be published.
  - 'Groups: one per role (O(inventory_groups)), all children of a parent group (C(lync_servers)), and one group per
    site, named O(site_group_prefix) followed by the site name in lower case with every character other than a
    letter, a digit or C(_) replaced by C(_) (site C(Dublin HQ) gives C(lync_site_dublin_hq)).'
  - 'Host variables: C(lync_pool) (the pool FQDN), C(lync_site), C(lync_pool_version) (C(lync2010), C(lync2013),
    C(sfb2015) or C(sfb2019), from the pool''s C(ServiceVersion) 5 to 8); on Front End servers
    C(lync_collocated_mediation) (true or false); on Edge servers C(lync_edge_external_nat) (true when the
    pool''s external addresses are translated by NAT, that is when an external C(NetInterface) carries a
    C(ConfiguredIPAddress)); on Front End and Director servers C(lync_web_internal_fqdn) (the internal web services
    FQDN, the override when one is set, else the pool FQDN) and, when the topology names one,
    C(lync_web_external_fqdn).'
  - 'Group C(all) gets C(lync_version), the newest version among the pools, and, when older versions coexist,
    C(lync_coexisting_versions), the list of the others, oldest first.'
  - The document is read with C(defusedxml), which refuses DTDs, entities and external references, and must be under
    32 MiB. A document that cannot be read as a topology (not XML, truncated, another root or namespace, a service
    installed on a cluster that does not exist, a cluster whose roles cannot make one pool) is an error naming the
    file, the element and its line.
requirements:
  - defusedxml (Python library on the controller)
extends_documentation_fragment:
  - constructed
options:
  plugin:
    description: The name of this plugin; it makes the configuration file one of this plugin's.
    type: str
    required: true
    choices: [lync.lb_qualification.lync_topology]
  topology_file:
    description:
      - The Topology Builder document (C(.tbxml)) or published topology (C(Get-CsTopology -AsXml) saved to a file),
        absolute or relative to the directory of this configuration file (not to the current directory); C(~) is
        expanded. UTF-8, or UTF-16 with a byte order mark as Windows PowerShell writes it.
    type: str
    required: true
  inventory_groups:
    description:
      - Names of the groups, by key; keys not given keep their default. Use the same names as the
        O(lync.lb_qualification.assert_qualified#module:inventory_groups) option of the check when you change them.
    type: dict
    default: {}
    suboptions:
      front_end:
        description: Group of the Front End servers.
        type: str
        default: lync_front_end
      director:
        description: Group of the Director servers.
        type: str
        default: lync_director
      edge:
        description: Group of the Edge servers.
        type: str
        default: lync_edge
      mediation:
        description: Group of the stand-alone Mediation servers.
        type: str
        default: lync_mediation
      servers:
        description: Parent group of the four role groups.
        type: str
        default: lync_servers
  site_group_prefix:
    description: Prefix of the per-site group names.
    type: str
    default: lync_site_
notes:
  - The configuration file's name must end with C(lync_topology.yml) or C(lync_topology.yaml).
  - Give the load balancers and C(lync_pools) as another inventory source, for example
    C(-i topology.lync_topology.yml -i lbs.yml); the check then reads both together.
  - "The values come from the document and are never templated (a C({{) in the XML stays literal). ansible-core 2.19
    marks them so, and C(ansible-inventory --list) then shows each string wrapped in a C(__ansible_unsafe) mapping;
    C(ansible-inventory --host), playbooks and the check see the plain values."
  - A document that cannot be read is an error of this source; Ansible itself only warns about a source that fails
    to parse and goes on without its hosts. Set C(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true) (or
    C(any_unparsed_is_failed = true) in the C([inventory]) section of C(ansible.cfg)) to make that fatal; the check
    also fails (C(POOL_SERVERS_NOT_FOUND)) when the pools of the load balancers you declared lost their servers.
seealso:
  - module: lync.lb_qualification.assert_qualified
  - plugin: lync.lb_qualification.lync_topology
    plugin_type: filter
"""

EXAMPLES = r"""
# topology.lync_topology.yml: the servers of the topology, grouped by role and site
plugin: lync.lb_qualification.lync_topology
topology_file: contoso.tbxml

# ---
# published.lync_topology.yml, a published topology (Get-CsTopology -AsXml), other names, constructed features:
# plugin: lync.lb_qualification.lync_topology
# topology_file: /srv/lync/topology.xml
# inventory_groups:
#   mediation: lync_mediation_pools
# keyed_groups:
#   - key: lync_pool_version
#     prefix: version
# groups:
#   lync_nat_edge: lync_edge_external_nat | default(false)
# compose:
#   ansible_host: inventory_hostname

# Use it beside the inventory of the load balancers:
#   ansible-inventory -i topology.lync_topology.yml --graph
#   ansible-playbook lync.lb_qualification.precheck -i topology.lync_topology.yml -i lbs.yml
"""

import os
import typing as t

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Constructable
from ansible.utils.display import Display
from ansible.utils.vars import combine_vars

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_views as _views
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_xml as _xml

display = Display()


class InventoryModule(BaseInventoryPlugin, Constructable):
    """Adds the servers of a Lync / Skype for Business topology document to the inventory."""

    NAME = "lync.lb_qualification.lync_topology"

    def verify_file(self, path: str) -> bool:
        return super().verify_file(path) and path.endswith(("lync_topology.yml", "lync_topology.yaml"))

    def parse(self, inventory: t.Any, loader: t.Any, path: str, cache: bool = True) -> None:
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        role_groups = {
            key: value for key, value in (self.get_option("inventory_groups") or {}).items() if value is not None
        }
        prefix = self.get_option("site_group_prefix")
        problems = _views.check_group_names(role_groups, prefix)
        if problems:
            raise AnsibleParserError(f"{path}: " + "; ".join(problems))
        document = os.path.join(
            os.path.dirname(os.path.abspath(path)), os.path.expanduser(self.get_option("topology_file"))
        )
        parsed = self._parse_document(path, document)
        layout = _views.inventory_layout(parsed, role_groups, prefix)

        for group in layout.groups:
            self.inventory.add_group(group)
        for parent, children in layout.children.items():
            self.inventory.add_group(parent)
            for child in children:
                self.inventory.add_child(parent, child)
        for name, value in layout.all_vars.items():
            self.inventory.set_variable("all", name, value)
        for group, hosts in layout.groups.items():
            for host in hosts:
                self.inventory.add_host(host, group=group)
        strict = self.get_option("strict")
        for host, variables in layout.hostvars.items():
            for name, value in variables.items():
                self.inventory.set_variable(host, name, value)
            context = combine_vars(layout.all_vars, variables)
            self._set_composite_vars(self.get_option("compose"), context, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), context, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), context, host, strict=strict)
        display.v(
            f"lync_topology: {path}: {len(parsed.pools)} pools, {len(layout.hostvars)} servers from "
            f"{document}; clusters skipped by role: {parsed.skipped_clusters or 'none'}"
        )

    @staticmethod
    def _parse_document(path: str, document: str) -> _xml.ParsedTopology:
        where = f"{path}: topology_file {document}"
        try:
            _xml.check_size(os.path.getsize(document))  # before reading it into memory
            with open(document, "rb") as handle:
                return _xml.parse(handle.read())
        except OSError as exc:
            raise AnsibleParserError(f"{where}: cannot read it: {to_native(exc.strerror or exc)}") from None
        except _xml.TopologyDocumentError as exc:
            raise AnsibleParserError(f"{where}: {exc}") from None
