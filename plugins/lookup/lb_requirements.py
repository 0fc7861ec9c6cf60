# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: lb_requirements
author:
  - lync.lb_qualification maintainers (@lync)
version_added: 1.1.0
short_description: Microsoft's requirements for load balancer VIPs in front of a Lync / Skype for Business pool
description:
  - Returns what Microsoft requires of the virtual servers (VIPs) a hardware load balancer puts in front of a pool
    of the given O(role), load-balancing mode and Lync version, read from the requirements table shipped with the
    collection (C(data/lb_requirements.yml), schema C(schemas/lb_requirements.schema.json)).
  - The answer holds the ports the load balancer must serve per side, the internal Edge ports it must not balance,
    and the VIP settings (persistence, cookie, idle timeout, port map, health monitor, per-request balancing, DSR,
    SNAT, Nagle), each row with its level, the Microsoft pages it rests on, and the decision taken where Microsoft's
    pages leave a question open (C(docs/vip-requirements.md) in the collection explains them).
  - Templates that generate load balancer configuration can read the same table as the checks.
  - Returns a list with one element, so C(lookup(...)) gives the answer itself and C(query(...)) a one-element list.
options:
  role:
    description: The pool's role.
    type: str
    required: true
    choices: [front_end, director, mediation, edge]
  load_balancing:
    description:
      - How the pool's traffic is balanced. With V(dns), a Front End or Director pool's load balancer carries the
        web services only, and a Mediation pool needs no VIP.
      - For an Edge pool, the mode of the interface asked about (both interfaces use the same mode).
    type: str
    default: hardware
    choices: [hardware, dns]
  lync_version:
    description: The topology's version.
    type: str
    required: true
    choices: [ocs2007r2, lync2010, lync2013, sfb2015, sfb2019]
  coexisting_versions:
    description:
      - Lync versions retained beside O(lync_version), such as V(lync2010) during a migration. They select the
        setting rows Microsoft ties to retained pools (cookie persistence where Lync Server 2010 pools remain).
    type: list
    elements: str
    default: []
    choices: [ocs2007r2, lync2010, lync2013, sfb2015, sfb2019]
  collocated_mediation:
    description: Whether the Front End pool also runs Mediation Server (adds 5070/tcp with hardware load balancing).
    type: bool
    default: false
  side:
    description:
      - Only the rows of one side, V(pool) (every VIP of a Front End, Director or Mediation pool), V(edge_internal),
        V(edge_access), V(edge_webconf) or V(edge_av).
      - Mutually exclusive with O(service).
    type: str
    choices: [pool, edge_internal, edge_access, edge_webconf, edge_av]
  service:
    description:
      - Only the rows for VIPs of one service (its side's ports, and the settings of that service).
      - Mutually exclusive with O(side).
    type: str
    choices: [web_internal, web_external, sip, mediation, edge_internal, edge_access, edge_webconf, edge_av]
  level:
    description:
      - Only rows of these levels. V(required) rows are Microsoft's tables and MUST statements; V(conditional) rows
        are required in a situation the topology does not describe (the row's C(condition)); V(recommended) rows are
        good practice.
    type: list
    elements: str
    default: [required, conditional, recommended]
    choices: [required, conditional, recommended]
notes:
  - Runs on the controller. Takes no terms. Unknown options and bad values are errors that name them.
  - No port table is encoded for V(lync2010) and none applies to V(ocs2007r2), whose load balancing is checked by
    the assert module's other rules.
seealso:
  - module: lync.lb_qualification.assert_qualified
  - plugin: lync.lb_qualification.qualified_lb
    plugin_type: lookup
"""

EXAMPLES = r"""
- name: Ports the F5 must serve for a Skype for Business 2015 Front End pool that also runs Mediation Server
  ansible.builtin.debug:
    msg: >-
      {{ lookup('lync.lb_qualification.lb_requirements', role='front_end', lync_version='sfb2015',
                collocated_mediation=true).required_ports.pool }}

- name: External Edge VIP ports, per service
  ansible.builtin.debug:
    msg: "{{ lookup('lync.lb_qualification.lb_requirements', role='edge', lync_version='lync2013').required_ports }}"

- name: Settings of the external web services VIP during a migration from Lync Server 2010
  ansible.builtin.debug:
    msg: >-
      {{ lookup('lync.lb_qualification.lb_requirements', role='front_end', lync_version='lync2013',
                coexisting_versions=['lync2010'], service='web_external', level=['required'])
         .settings | map(attribute='description') | list }}

- name: In a template generating the load balancer configuration
  ansible.builtin.copy:
    dest: /tmp/director-vip-ports.txt
    mode: "0644"
    content: |
      {% set req = lookup('lync.lb_qualification.lb_requirements', role='director', load_balancing='dns',
                          lync_version='sfb2019') %}
      {% for row in req.ports %}
      {{ row.ports | join(', ') }}  {{ row.level }}  {{ row.as_written }}  ({{ row.sources | map(attribute='id') | join(', ') }})
      {% endfor %}
"""

RETURN = r"""
_raw:
  description: One element, the requirements that apply.
  type: list
  elements: dict
  contains:
    required_ports:
      description: Side -> the ports of V(required) rows the side's VIPs must together serve (server ports, after
        any port map), as port texts with merged ranges.
      type: dict
      sample: {pool: ["80/tcp", "443/tcp", "4443/tcp", "8080/tcp"]}
    forbidden_ports:
      description: Side -> the ports of V(required) rows the side's VIPs must not balance.
      type: dict
      sample: {edge_internal: ["8057/tcp", "23456/tcp"]}
    ports:
      description: The port rows, in the table's order.
      type: list
      elements: dict
      contains:
        id: {description: Stable identifier of the row., type: str, sample: fe-hlb-5070-mediation}
        role: {description: Pool role., type: str, sample: front_end}
        load_balancing: {description: Load-balancing mode the row belongs to., type: str, sample: hardware}
        side: {description: The side whose VIPs serve the port., type: str, sample: pool}
        ports: {description: The port as port texts., type: list, elements: str, sample: ["5070/tcp"]}
        level: {description: "V(required), V(conditional) or V(recommended).", type: str, sample: required}
        condition: {description: When a conditional row is required; empty otherwise., type: str, sample: ""}
        as_written: {description: Protocol or purpose as Microsoft's table writes it., type: str, sample: TCP}
        collocated_mediation: {description: The row applies only with (true) or without (false) a collocated
                               Mediation Server; null for every pool., type: bool, sample: true}
        versions: {description: Lync versions the row applies to., type: list, elements: str, sample: [lync2013]}
        decision: {description: "Id of the decision behind the row (see RV(_raw[].decisions)); empty if none.",
                   type: str, sample: director-web-http}
        notes: {description: Notes., type: str, sample: ""}
        sources:
          description: The Microsoft pages the row rests on.
          type: list
          elements: dict
          sample: [{id: SFB-PORTS, title: Port and protocol requirements for servers (Skype for Business Server),
                    url: "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/ports-and-protocols"}]
    not_balanced:
      description: Ports the load balancer must not balance, with the fields of RV(_raw[].ports).
      type: list
      elements: dict
    settings:
      description: VIP setting rows, in the table's order.
      type: list
      elements: dict
      contains:
        id: {description: Stable identifier of the row., type: str, sample: web-idle-timeout}
        setting: {description: The VIP setting (C(cookie.name) for a cookie field; C(port_map) for the port map)., type: str,
                  sample: idle_timeout}
        roles: {description: Pool roles the row applies to., type: list, elements: str, sample: [front_end, director]}
        services: {description: VIP services the row applies to., type: list, elements: str, sample: [web_internal]}
        expect: {description: "What the setting must be, one of C(one_of), C(not_one_of), C(min), C(equals), C(serves);
                 C(pool.hlb_monitoring_port) stands for the pool's setting.", type: dict, sample: {min: 1800}}
        description: {description: The requirement in words., type: str, sample: "idle_timeout: at least 1800"}
        when: {description: "Conditions: C(vip) settings, C(pool) settings, C(ports_any) ports the VIP listens on.",
               type: dict, sample: {vip: {persistence: cookie}}}
        level: {description: "V(required), V(conditional) or V(recommended).", type: str, sample: required}
        versions: {description: Lync versions the row applies to., type: list, elements: str, sample: [sfb2015]}
        match_coexisting: {description: The row also applies when a coexisting version is listed., type: bool,
                           sample: false}
        decision: {description: Id of the decision behind the row; empty if none., type: str, sample: ""}
        notes: {description: What the source says., type: str, sample: Use TCP idle timeout of 1800 seconds.}
        sources: {description: "The Microsoft pages the row rests on, as in RV(_raw[].ports).", type: list, elements: dict}
    decisions:
      description: Id -> C(question), C(decision) and C(reasoning) for every decision the returned rows name.
      type: dict
    requirements_version:
      description: Version of the requirements table.
      type: str
      sample: "2026.1"
"""

import yaml
from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.module_utils.common.text.converters import to_native
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.lookup import LookupBase

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    lb_requirements as _requirements,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import schemas as _schemas

_SPEC = yaml.safe_load(DOCUMENTATION)["options"]
_OPTIONS = tuple(_SPEC)


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if terms:
            raise AnsibleLookupError("lb_requirements: takes no terms; name the pool with role=..., lync_version=...")
        unknown = sorted(set(kwargs) - set(_OPTIONS))
        if unknown:
            raise AnsibleLookupError(
                f"lb_requirements: unknown option(s) {', '.join(unknown)}; valid options: {', '.join(_OPTIONS)}"
            )
        for name, value in kwargs.items():
            _check_value(name, value)
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except AnsibleError as exc:
            raise AnsibleLookupError(f"lb_requirements: {to_native(exc)}") from None
        options = {name: self.get_option(name) for name in _OPTIONS}
        if options["side"] is not None and options["service"] is not None:
            raise AnsibleLookupError("lb_requirements: side and service are mutually exclusive; give one of them")
        try:
            requirements = _requirements.shipped()
            selection = requirements.query(
                options["role"],
                options["load_balancing"],
                options["lync_version"],
                coexisting_versions=options["coexisting_versions"],
                collocated_mediation=options["collocated_mediation"],
                side=options["side"],
                service=options["service"],
                levels=options["level"],
            )
            return [requirements.to_data(selection)]
        except (_requirements.RequirementsError, _schemas.SchemaUnavailable, ValueError) as exc:
            raise AnsibleLookupError(f"lb_requirements: {to_native(exc)}") from None


def _check_value(name, value):
    """Name the valid values (ansible-core 2.19 does not) and refuse what is not a boolean ('maybe' is not false)."""
    if value is None:
        return
    spec = _SPEC[name]
    if spec["type"] == "bool":
        try:
            boolean(value, strict=True)
        except TypeError:
            raise AnsibleLookupError(f"lb_requirements: {name} must be true or false, got {value!r}") from None
        return
    items = [value]
    if spec["type"] == "list":  # a comma-separated string is a list, as Ansible reads list options
        items = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)):
            raise AnsibleLookupError(f"lb_requirements: {name} must be a list, got a {_schemas.json_type(value)}")
    for item in items:
        if not isinstance(item, str):
            raise AnsibleLookupError(
                f"lb_requirements: {name} must be a string or a list of strings, got a "
                f"{_schemas.json_type(item)} {item!r}"
            )
        if "choices" in spec and item not in spec["choices"]:
            raise AnsibleLookupError(f"lb_requirements: {name} {item!r} is not one of: {', '.join(spec['choices'])}")
