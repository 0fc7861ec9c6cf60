# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lync_topology filter: a topology document's text in, the explicit-mode topology of assert_qualified out.

The documentation is in lync_topology.yml beside this file.
"""

from __future__ import annotations

import typing as t

from ansible.errors import AnsibleFilterError

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_views as _views
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology_xml as _xml


def lync_topology(document: t.Any) -> dict[str, t.Any]:
    """The ``topology`` option of assert_qualified, read from a Topology Builder document or a published topology."""
    if isinstance(document, bytes):
        data: bytes | str = document
    elif isinstance(document, str):
        data = str(document)
    else:
        raise AnsibleFilterError(
            f"lync_topology expects the text of a topology document (for example "
            f"lookup('file', 'topology.xml')), not a {type(document).__name__}"
        )
    try:
        return _views.explicit_document(_xml.parse(data))
    except _xml.TopologyDocumentError as exc:
        raise AnsibleFilterError(f"lync_topology: {exc}") from None


class FilterModule:
    """lync.lb_qualification filters."""

    def filters(self) -> dict[str, t.Callable[..., t.Any]]:
        return {"lync_topology": lync_topology}
