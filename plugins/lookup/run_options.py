# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: run_options
author:
  - lync.lb_qualification maintainers (@lync)
version_added: 1.1.0
short_description: The options of the running ansible-playbook that decide which tasks run
description:
  - Returns the command-line options of the running C(ansible-playbook) that can keep a task from running and that
    no magic variable exposes, so that a play can refuse them before its first task. The collection's own playbooks
    (C(lync.lb_qualification.precheck), C(lync.lb_qualification.report)) use it to fail closed, since
    C(--start-at-task) naming a task that exists in no play makes C(ansible-playbook) run nothing and exit 0.
  - Magic variables already give C(ansible_limit), C(ansible_run_tags) and C(ansible_skip_tags).
  - Returns a list with one element, a mapping, so C(lookup(...)) gives the mapping itself.
options: {}
notes:
  - Runs on the controller and reads the options Ansible parsed. Outside C(ansible-playbook) every value is empty.
"""

EXAMPLES = r"""
- name: Refuse --start-at-task, which could skip the check
  ansible.builtin.assert:
    that: not lookup('lync.lb_qualification.run_options').start_at_task
    fail_msg: This play must run from its first task.
"""

RETURN = r"""
_raw:
  description: One mapping.
  type: list
  elements: dict
  contains:
    start_at_task:
      description: The task name given to C(--start-at-task), or null.
      type: str
    step:
      description: Whether C(--step) asks before every task.
      type: bool
"""

from ansible import context
from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if terms or kwargs:
            raise AnsibleLookupError("run_options takes no terms and no options")
        arguments = context.CLIARGS
        return [{"start_at_task": arguments.get("start_at_task") or None, "step": bool(arguments.get("step"))}]
