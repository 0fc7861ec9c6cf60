# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rule catalogue: one module per rule, registered in :data:`RULES` in report order.

PRIVATE to the collection. No Ansible import.
"""

from __future__ import annotations

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules import (
    director_pool_needs_hlb,
    dns_lb_unsupported,
    edge_av_snat,
    edge_external_nat,
    edge_mixed_lb_type,
    edge_nagle,
    edge_pool_needs_lb,
    edge_single_vip_shared,
    expanded_pool_not_ocs2007r2,
    fe_pool_needs_hlb,
    fe_pool_two_servers,
    lb_dsr_unsupported,
    lb_form_factor_mismatch,
    lb_ha_members_differ,
    lb_ha_version_mismatch,
    lb_ha_vips_differ,
    lb_not_qualified,
    lb_software_on_ocs2007r2,
    lb_unused,
    lb_version_newer_than_tested,
    lb_version_not_tested,
    lb_version_unparseable,
    lync_version_outside_list,
    mediation_pool_needs_lb,
    mobility_request_lb,
    pool_servers_not_found,
    pool_size_limit,
    pool_without_servers,
    topology_contradiction,
    unknown_load_balancer,
    vip_pool_unknown,
    vip_port_not_allowed,
    vip_ports_missing,
    vip_setting_undeclared,
    vips_not_declared,
    web_components_not_balanced,
    web_external_ports,
    web_vip_cookie,
    web_vip_idle_timeout,
    web_vip_monitor,
    web_vip_persistence,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.rules._base import (
    SEVERITIES,
    Context,
    Finding,
    Rule,
)

RULES: dict[str, Rule] = {
    module.RULE.id: module.RULE
    for module in (
        lb_not_qualified,
        lb_form_factor_mismatch,
        lb_version_not_tested,
        lb_version_newer_than_tested,
        lb_version_unparseable,
        lb_software_on_ocs2007r2,
        lb_ha_members_differ,
        lb_ha_version_mismatch,
        lb_ha_vips_differ,
        fe_pool_needs_hlb,
        expanded_pool_not_ocs2007r2,
        web_components_not_balanced,
        director_pool_needs_hlb,
        edge_pool_needs_lb,
        mediation_pool_needs_lb,
        edge_single_vip_shared,
        edge_mixed_lb_type,
        dns_lb_unsupported,
        edge_external_nat,
        pool_size_limit,
        fe_pool_two_servers,
        unknown_load_balancer,
        lb_unused,
        pool_servers_not_found,
        pool_without_servers,
        topology_contradiction,
        lync_version_outside_list,
        vips_not_declared,
        vip_pool_unknown,
        vip_ports_missing,
        vip_port_not_allowed,
        web_vip_persistence,
        web_vip_cookie,
        web_vip_idle_timeout,
        web_external_ports,
        web_vip_monitor,
        mobility_request_lb,
        lb_dsr_unsupported,
        edge_av_snat,
        edge_nagle,
        vip_setting_undeclared,
    )
}

__all__ = ["RULES", "SEVERITIES", "Context", "Finding", "Rule"]
