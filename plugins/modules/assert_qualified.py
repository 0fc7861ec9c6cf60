# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module is implemented as an action plugin (plugins/action/assert_qualified.py) and runs on the controller.
# This file holds its documentation, from which the action also builds its argument spec.

from __future__ import annotations

DOCUMENTATION = r"""
module: assert_qualified
author:
  - lync.lb_qualification maintainers (@lync)
version_added: 1.0.0
short_description: Assert that declared load balancers and Lync pool layouts are qualified
description:
  - Checks every declared load balancer against Microsoft's list of load balancers qualified for Lync Server (the
    dataset of the P(lync.lb_qualification.qualified_lb#lookup) lookup), and every Front End, Director and Edge pool
    against the load-balancing rules of Lync Server and Office Communications Server 2007 R2.
  - Reports B(all) findings in one run, each with its rule ID, severity, subject, location and source, and fails the
    task when a finding at or above O(fail_on) remains.
  - "Two ways in: explicit O(load_balancers) and O(topology), validated against the collection's
    C(schemas/topology.schema.json); or, when both are omitted, the inventory: hosts of group C(lync_load_balancers)
    are load balancers (host variables C(lb_vendor), C(lb_product), C(lb_model), C(lb_form_factor), C(lb_version),
    C(lb_multiple_vips), C(lb_ha_peers)); hosts of C(lync_front_end), C(lync_web_components), C(lync_director),
    C(lync_edge) and C(lync_mediation) are servers whose host variable C(lync_pool) names their pool; variable
    C(lync_pools) (pool FQDN to settings), C(lync_version) and C(lync_coexisting_versions) carry the rest.
    O(inventory_groups) and O(inventory_vars) rename them."
  - In inventory mode C(lync_pools), C(lync_version) and C(lync_coexisting_versions) are read from every host of
    those groups and from the host the task runs on, wherever Ansible finds them for that host (C(group_vars/all),
    a group's C(group_vars), C(host_vars)). C(lync_pools) is merged by pool FQDN; two hosts that see different
    settings for one pool, or different versions, are an input error naming both hosts. Declared load balancers
    with no C(lync_pools) on any host are an input error. A pool of C(lync_pools) none of whose servers is in the
    inventory (group_vars shared by several site inventories) is reported (C(POOL_WITHOUT_SERVERS)), not checked.
    Each host's variables are read once, and the whole inventory is validated once per play, whatever the play
    targets (C(--limit) included).
  - "HA pairs and clusters: a load balancer reference (C(load_balancer), C(web_load_balancer),
    C(internal_load_balancer), C(external_load_balancer)) is one name or a list of names, the members of a pair or
    cluster; a load balancer may also name its peers (C(ha_peers), inventory C(lb_ha_peers)), and a reference to one
    member then covers all of them (the members of a reference are the names listed plus every peer they name,
    transitively). Every member is judged like a single device, and a pool fails if any member fails. Names are
    compared case-insensitively."
  - Vault-encrypted values are accepted in both modes; the check uses the decrypted value, and every message, the
    result and the report files show it as C(<vaulted>).
  - In inventory mode the server variables C(lync_edge_external_nat) and C(lync_collocated_mediation), which the
    P(lync.lb_qualification.lync_topology#inventory) inventory plugin sets from the Lync topology, give a pool's
    C(external_nat) and C(collocated_mediation) where C(lync_pools) is silent; a declared value that contradicts
    them is a C(TOPOLOGY_CONTRADICTION) warning.
  - Input problems (schema violations, missing variables, versions given as YAML numbers, unknown rule IDs) fail the
    task before any rule runs, all of them at once, each with its location and the expected form.
  - "Rules (default severity): C(LB_NOT_QUALIFIED) (error), C(LB_FORM_FACTOR_MISMATCH) (error),
    C(LB_VERSION_NOT_TESTED) (error), C(LB_VERSION_NEWER_THAN_TESTED) (warning), C(LB_VERSION_UNPARSEABLE) (error),
    C(FE_POOL_NEEDS_HLB) (error), C(WEB_COMPONENTS_NOT_BALANCED) (error), C(DIRECTOR_POOL_NEEDS_HLB) (error),
    C(EDGE_POOL_NEEDS_LB) (error), C(EDGE_SINGLE_VIP_SHARED) (error), C(EDGE_MIXED_LB_TYPE) (error),
    C(DNS_LB_UNSUPPORTED) (error), C(EDGE_EXTERNAL_NAT) (error), C(POOL_SIZE_LIMIT) (error),
    C(UNKNOWN_LOAD_BALANCER) (error), C(LB_UNUSED) (info), C(LYNC_VERSION_OUTSIDE_LIST) (info),
    C(LB_SOFTWARE_ON_OCS2007R2) (error), C(EXPANDED_POOL_NOT_OCS2007R2) (error), C(LB_HA_MEMBERS_DIFFER) (error),
    C(LB_HA_VERSION_MISMATCH) (warning), C(POOL_WITHOUT_SERVERS) (info), C(POOL_SERVERS_NOT_FOUND) (error), C(TOPOLOGY_CONTRADICTION) (warning),
    C(LB_HA_VIPS_DIFFER) (warning), C(MEDIATION_POOL_NEEDS_LB) (error), C(FE_POOL_TWO_SERVERS) (error) (a warning
    for V(lync2013) and V(sfb2015)), C(VIPS_NOT_DECLARED) (info), C(VIP_POOL_UNKNOWN) (error),
    C(VIP_PORTS_MISSING) (error), C(VIP_PORT_NOT_ALLOWED) (error), C(WEB_VIP_PERSISTENCE) (error),
    C(WEB_VIP_COOKIE) (error), C(WEB_VIP_IDLE_TIMEOUT) (error), C(WEB_EXTERNAL_PORTS) (error),
    C(WEB_VIP_MONITOR) (error), C(MOBILITY_REQUEST_LB) (error), C(LB_DSR_UNSUPPORTED) (error),
    C(EDGE_AV_SNAT) (error), C(EDGE_NAGLE) (error), C(VIP_SETTING_UNDECLARED) (info).
    Each rule's what, why, fix and sources are in the collection's C(docs/rules.md)."
  - "VIP rules: they check only the VIPs a load balancer declares (C(vips) / C(lb_vips)), against Microsoft's
    requirements shipped in C(data/lb_requirements.yml) for the pool's role, its load balancing on each side and
    O(topology) C(lync_version) (and C(coexisting_versions)). A pool's VIPs are the union of those declared by the
    members of the load balancer reference that fronts it: an HA pair may declare them on one member or alike on
    each. A pool fronted by a hardware load balancer that declares no VIP for it gets one C(VIPS_NOT_DECLARED) info,
    so an inventory without VIPs keeps its verdict; a VIP that leaves a setting out gets one
    C(VIP_SETTING_UNDECLARED) info listing what could not be checked."
  - A pool with a single server needs no load balancer.
options:
  load_balancers:
    description:
      - Declared load balancers, name to settings. Explicit mode; give it together with O(topology).
      - Each has C(vendor), C(product), C(form_factor) (V(hardware) or V(software)) and C(version) (a string as the
        device reports it; quote it in YAML), and optionally C(model), C(multiple_vips) (bool), C(ha_peers) (the
        names of the other members of its HA pair or cluster) and C(vips), its virtual servers (each with C(name),
        C(pool), C(service), C(ports) and the settings the VIP rules check, C(port_map), C(persistence), C(cookie),
        C(idle_timeout), C(snat), C(mode), C(nagle), C(monitor_port) and C(request_level_lb); the JSON Schema is
        C(schemas/vips.schema.json)).
    type: dict
  topology:
    description:
      - The pools. C(lync_version) is one of V(ocs2007r2), V(lync2010), V(lync2013), V(sfb2015), V(sfb2019).
        C(pools) maps each pool FQDN to its C(role) (V(front_end), V(director), V(edge) or V(mediation)) and
        C(servers), and optionally C(web_components), C(configuration) (V(consolidated) or V(expanded)),
        C(load_balancing) (V(hardware) or V(dns)), C(load_balancer), C(web_load_balancer), C(internal_load_balancer),
        C(external_load_balancer), C(internal_load_balancing), C(external_load_balancing), C(external_nat),
        C(collocated_mediation), C(hlb_monitoring_port) and C(mobility). C(coexisting_versions) lists the Lync
        versions retained beside C(lync_version) (e.g. V(lync2010) during a migration).
      - A load balancer is named by its key in O(load_balancers); a reference is one name or a list of names (an HA
        pair or cluster). A pool with C(servers) empty belongs to another inventory (C(POOL_WITHOUT_SERVERS)).
        The JSON Schema is C(schemas/topology.schema.json).
    type: dict
  inventory_groups:
    description: Inventory group names, in inventory mode.
    type: dict
    default: {}
    suboptions:
      load_balancers:
        description: Group of load balancer hosts.
        type: str
        default: lync_load_balancers
      front_end:
        description: Group of Front End servers.
        type: str
        default: lync_front_end
      web_components:
        description: Group of Web Components servers (expanded configuration).
        type: str
        default: lync_web_components
      director:
        description: Group of Directors.
        type: str
        default: lync_director
      edge:
        description: Group of Edge servers.
        type: str
        default: lync_edge
      mediation:
        description: Group of stand-alone Mediation servers.
        type: str
        default: lync_mediation
  inventory_vars:
    description: Variable names, in inventory mode.
    type: dict
    default: {}
    suboptions:
      vendor:
        description: Load balancer host variable holding the vendor.
        type: str
        default: lb_vendor
      product:
        description: Load balancer host variable holding the product.
        type: str
        default: lb_product
      model:
        description: Load balancer host variable holding the model.
        type: str
        default: lb_model
      form_factor:
        description: Load balancer host variable holding the form factor.
        type: str
        default: lb_form_factor
      version:
        description: Load balancer host variable holding the software version.
        type: str
        default: lb_version
      multiple_vips:
        description: Load balancer host variable saying whether it supports multiple VIPs.
        type: str
        default: lb_multiple_vips
      ha_peers:
        description: Load balancer host variable listing the other members of its HA pair or cluster.
        type: str
        default: lb_ha_peers
      vips:
        description: Load balancer host variable listing its virtual servers (VIPs), in the form of C(vips) of
          O(load_balancers).
        type: str
        default: lb_vips
      pool:
        description: Server host variable holding the FQDN of its pool.
        type: str
        default: lync_pool
      pools:
        description: Variable mapping pool FQDNs to their settings (the keys of C(topology.pools) but role, servers
          and web_components, which come from the groups).
        type: str
        default: lync_pools
      lync_version:
        description: Variable holding the Lync version.
        type: str
        default: lync_version
      coexisting_versions:
        description: Variable listing the Lync versions retained beside the Lync version (a migration).
        type: str
        default: lync_coexisting_versions
      edge_external_nat:
        description: Edge server variable stating, from the Lync topology, whether its external address is NATed.
        type: str
        default: lync_edge_external_nat
      collocated_mediation:
        description: Front End server variable stating, from the Lync topology, whether a Mediation Server is
          collocated on its pool.
        type: str
        default: lync_collocated_mediation
      pool_version:
        description: Server variable stating, from the Lync topology, the Lync version of its pool (compared with
          the Lync version, C(TOPOLOGY_CONTRADICTION)).
        type: str
        default: lync_pool_version
  skip_rules:
    description: Rule IDs not to run. An unknown ID is an input error.
    type: list
    elements: str
    default: []
  severity_overrides:
    description: Rule ID to severity (V(error), V(warning) or V(info)), replacing the rule's default.
    type: dict
    default: {}
  fail_on:
    description:
      - Fail the task when a finding of this severity or worse remains; V(never) only reports.
      - Invalid input (RV(input_errors)) fails the task whatever this option says. The C(lync.lb_qualification.precheck)
        role with C(precheck_fail_on=never) does not fail on it either, and leaves it in C(precheck_result.input_errors).
    type: str
    default: error
    choices: [error, warning, never]
  quiet:
    description: When V(false), the result is shown without C(-v) (as M(ansible.builtin.assert) does).
    type: bool
    default: false
  details:
    description:
      - How much of the layout the result holds. V(compact) gives each entry of RV(load_balancers) its verdicts only
        (C(qualified), C(version_verdict)) and each entry of RV(pools) its C(qualified); the findings, the summary
        and the message are complete. V(full) adds each load balancer's declared settings, dataset entry, candidates
        and the pools it fronts, and each pool's layout and resolved sides (what the
        C(lync.lb_qualification.report) role draws).
      - The compact result stays small whatever the size of the inventory (Ansible copies a task's result between
        processes, and C(register) with C(run_once) sets it on every host of the play); request V(full) where a later
        task reads the layout.
      - The file of O(report_path) always holds the full layout.
    type: str
    default: compact
    choices: [compact, full]
  report_path:
    description:
      - Write the result to this file on the controller, as JSON (with the full layout, whatever O(details) says); as
        SARIF 2.1.0 when the name ends in C(.sarif), for code-scanning tools. Written in check mode too (the file is a
        report on the controller, not a change to a managed host).
      - A relative path is taken from the directory C(ansible-playbook) was started from (not from the playbook's
        directory, which for the collection's own playbooks is inside the installed collection). C(~) is expanded.
      - The file is written atomically, to a temporary file in the same directory that is then renamed over it. A
        failed write (a full disk) leaves the previous file intact, and fails the task with a message that starts
        with C(cannot write report_path).
    type: path
attributes:
  action:
    support: full
  async:
    support: none
  become:
    support: none
  bypass_host_loop:
    support: full
    details: One run per play validates the whole inventory, whatever hosts the play targets.
  check_mode:
    support: full
    details: Checks and reports in check mode as in normal mode; never changes anything.
  connection:
    support: none
  delegation:
    support: none
    details: Runs on the controller and never connects to a host.
  diff_mode:
    support: none
  platform:
    platforms: all
extends_documentation_fragment:
  - lync.lb_qualification._dataset_options
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.conn
  - ansible.builtin.action_common_attributes.flow
notes:
  - Runs on the controller and never connects to a host. It runs once per play even when the play targets many
    hosts; put it in a play on C(localhost) or give it C(run_once).
seealso:
  - plugin: lync.lb_qualification.qualified_lb
    plugin_type: lookup
  - module: ansible.builtin.assert
"""

EXAMPLES = r"""
# In a play on localhost (or with run_once), before any configuration task.
- name: Assert the load-balancing layout declared in the inventory is qualified
  lync.lb_qualification.assert_qualified:
    report_path: "{{ playbook_dir }}/lb-qualification.sarif"

- name: Explicit model, accept newer firmware as a warning
  lync.lb_qualification.assert_qualified:
    version_policy: minimum
    load_balancers:
      lb-fe.contoso.com:
        vendor: F5
        product: BIG-IP Local Traffic Manager
        form_factor: hardware
        version: "11.6.1 HF2"
        multiple_vips: true
    topology:
      lync_version: lync2013
      pools:
        pool01.contoso.com:
          role: front_end
          servers: [fe01.contoso.com, fe02.contoso.com, fe03.contoso.com]
          load_balancer: lb-fe.contoso.com

- name: Report only, then decide
  lync.lb_qualification.assert_qualified:
    fail_on: never
    skip_rules: [LB_UNUSED]
    severity_overrides:
      LYNC_VERSION_OUTSIDE_LIST: warning
  register: lb_check

- name: Show the error findings
  ansible.builtin.debug:
    msg: "{{ lb_check.findings | selectattr('severity', '==', 'error') | map(attribute='message') | list }}"
"""

RETURN = r"""
qualified:
  description: V(true) when no error-level finding remains (after O(skip_rules) and O(severity_overrides)).
  returned: always
  type: bool
  sample: false
failed:
  description: V(true) when a finding at or above O(fail_on) remains, or the input is invalid.
  returned: always
  type: bool
  sample: true
changed:
  description: Always V(false).
  returned: always
  type: bool
  sample: false
msg:
  description:
    - One summary line, then one line per error-level finding (also warnings with O(fail_on=warning)), each
      made of the rule ID, the subject, the problem and its fix; or the input errors.
  returned: always
  type: str
  sample: "Not qualified: 1 error(s).\nFE_POOL_NEEDS_HLB pool01.contoso.com: Front End pool of 3 servers has no hardware load balancer: ..."
findings:
  description: Every finding of every rule, in rule order.
  returned: always
  type: list
  elements: dict
  contains:
    rule:
      description: Rule ID.
      type: str
      sample: LB_VERSION_NOT_TESTED
    severity:
      description: V(error), V(warning) or V(info).
      type: str
      sample: error
    subject:
      description: The load balancer name or pool FQDN concerned (V(topology) for topology-wide findings).
      type: str
      sample: lb-fe.contoso.com
    path:
      description:
        - Where the problem is. A JSON path in explicit mode (C($.load_balancers['lb-fe'].version)); in inventory
          mode C(hostvars['lb-fe'].lb_version) or C(lync_pools['pool01.contoso.com'].load_balancer).
      type: str
      sample: hostvars['lb-fe.contoso.com'].lb_version
    message:
      description: The problem and how to fix it.
      type: str
    source:
      description: URL of the Microsoft page the rule rests on.
      type: str
      sample: https://technet.microsoft.com/en-us/library/dn788945.aspx
summary:
  description: Counts.
  returned: always
  type: dict
  contains:
    errors:
      description: Error-level findings.
      type: int
    warnings:
      description: Warning-level findings.
      type: int
    infos:
      description: Info-level findings.
      type: int
    load_balancers:
      description: Load balancers checked.
      type: int
    pools:
      description: Pools checked.
      type: int
  sample: {errors: 1, warnings: 0, infos: 0, load_balancers: 3, pools: 3}
version_policy:
  description: The version policy applied.
  returned: always
  type: str
  sample: release_train
lync_version:
  description: The declared Lync version.
  returned: when the input is valid
  type: str
  sample: lync2013
coexisting_versions:
  description:
    - The other Lync versions declared as coexisting with it (C(coexisting_versions) of O(topology), in inventory mode
      C(lync_coexisting_versions)), the declared Lync version left out; empty when none.
  returned: when the input is valid
  type: list
  elements: str
  sample: [lync2010]
load_balancers:
  description:
    - Each declared load balancer (name to details) with its verdict (C(qualified)) and version verdict
      (C(version_verdict), one of V(accepted), V(newer_than_tested), V(not_tested), V(unparseable), or V(null) when
      no dataset entry matched). Only these two keys with O(details=compact) (the default).
    - With O(details=full), also its declared settings, the dataset entry it matched (as the lookup returns it, or
      V(null); its C(list) says which list matched, V(lync), V(sfb) or V(extra)), the pools it fronts,
      C(suggestions) and C(candidates).
  returned: always
  type: dict
  sample:
    lb-fe.contoso.com:
      vendor: F5
      product: BIG-IP Local Traffic Manager
      model: null
      form_factor: hardware
      version: 11.6.1 HF2
      multiple_vips: true
      qualified: true
      entry: {id: f5-big-ip-ltm-hw, list: lync, versions_tested: 11.x}
      version_verdict: accepted
      pools: [pool01.contoso.com]
      suggestions: []
      candidates: []
  contains:
    qualified:
      description: V(false) when the load balancer has an error-level finding.
      type: bool
      returned: always
    version_verdict:
      description: How its version compares with the tested versions of the entry it matched.
      type: str
      returned: always
    entry:
      description: The dataset entry it matched, as the lookup returns it, or V(null).
      type: dict
      returned: with O(details=full)
    pools:
      description: The pools it fronts.
      type: list
      elements: str
      returned: with O(details=full)
    suggestions:
      description:
        - When no dataset entry matched, the qualified names closest to what was declared (as the findings'
          "closest qualified" hints); empty otherwise.
      type: list
      elements: str
      returned: with O(details=full) and valid input
    candidates:
      description:
        - When no dataset entry matched, the entries that could fit, as the lookup returns them, from the dataset the
          check used (O(extra_dataset) included); the entries of the other form factor for a form factor mismatch,
          else every entry of the vendor. Empty when an entry matched or the vendor is unknown.
      type: list
      elements: dict
      returned: with O(details=full) and valid input
pools:
  description:
    - Each pool (FQDN to layout) with its verdict; V(qualified) is false when the pool or a load balancer it uses has
      an error-level finding. Only C(qualified) with O(details=compact) (the default).
    - With O(details=full), also its role, servers and settings as declared, C(members_of) (each load balancer
      reference resolved to the members of its HA pair or cluster) and C(sides).
  returned: always
  type: dict
  sample:
    pool01.contoso.com:
      role: front_end
      servers: [fe01.contoso.com, fe02.contoso.com]
      load_balancer: lb-fe.contoso.com
      qualified: true
      sides:
        - {side: all, load_balancing: hardware, load_balancer: lb-fe.contoso.com, declared: true, required: true}
  contains:
    qualified:
      description: The pool's verdict.
      type: bool
      returned: always
    sides:
      description:
        - The resolved layout, as the rules read it; the report draws exactly this. One entry per side of the pool
          that is load balanced.
        - Front End and Director pools have one side V(all) when one device (or nothing) carries every kind of
          traffic; V(sip) and V(web) when C(load_balancing) is V(dns) (DNS carries SIP, web traffic goes to
          C(web_load_balancer), else C(load_balancer)) or when a separate C(web_load_balancer) is declared.
          Edge pools have V(internal) and V(external), each falling back to C(load_balancer) (one multi-VIP device
          for both sides).
      type: list
      elements: dict
      returned: with O(details=full) and valid input
      contains:
        side:
          description: V(all), V(sip), V(web), V(internal) or V(external).
          type: str
        load_balancing:
          description: V(hardware) or V(dns).
          type: str
        load_balancer:
          description: The load balancer name that fronts this side, or V(null) (DNS, or none named).
          type: str
        declared:
          description: Whether that load balancer is declared (false for DNS, for none, and for an undeclared name).
          type: bool
        required:
          description: Whether the pool needs load balancing at all (false for a single-server pool).
          type: bool
input_errors:
  description: The input problems, each C({path, message}); empty when the input is valid.
  returned: always
  type: list
  elements: dict
  sample:
    - path: hostvars['lb-fe'].lb_version
      message: the version arrived as the YAML number 11.1 ...
context:
  description:
    - What was checked and how (input mode, dataset version, number of extra entries, rules run and skipped).
    - In inventory mode also C(inventory_reader), how the hosts' variables were read, with C(fast) and C(raw_get)
      (the hosts read from the inventory objects, and through C(hostvars) one at a time) and C(reason) (why the fast
      way was not used for every host, for example an ansible-core outside the versions it is tested on, or null).
  returned: always
  type: dict
  sample: {input_mode: inventory, dataset_version: "2014.2", extra_entries: 0, rules: [LB_NOT_QUALIFIED], skipped_rules: [],
           inventory_reader: {fast: 14, raw_get: 0, reason: null}}
details:
  description: The layout the result holds, V(compact) or V(full) (O(details)).
  returned: always
  type: str
  sample: compact
report_path:
  description: The file written, when O(report_path) is set.
  returned: when O(report_path) is set
  type: str
  sample: /srv/ci/lb-qualification.sarif
"""
