# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# A package, so that pytest imports these tests as functional.test_<name>: their basenames may repeat unit tests'
# (tests/unit/plugins/action/test_assert_qualified.py and tests/functional/test_assert_qualified.py).
