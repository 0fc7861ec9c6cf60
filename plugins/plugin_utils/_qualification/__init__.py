# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure-Python qualification core: dataset, version engine, topology model and rules.

PRIVATE to the collection: the lookup and action plugins are its only supported callers, and its API may change at
any time. Nothing in this package imports Ansible, so it can be unit-tested and benchmarked on its own.
"""
