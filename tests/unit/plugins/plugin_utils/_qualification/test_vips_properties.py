# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Properties of the VIP model and port sets on generated input.

Whatever a load balancer's ``lb_vips`` holds, :func:`build_vips` returns VIPs or located input errors, never an
exception, and leaves the input as it was. Port-set union, difference, intersection and coverage agree with Python
sets of (protocol, port) pairs.
"""

from __future__ import annotations

import copy
import os
import re
import typing as t

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import PortRange, PortSet
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.vips import build_vips

CORE = settings(
    max_examples=int(os.environ.get("LBQ_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
VALID = {
    "name": "web",
    "pool": "pool01.contoso.com",
    "service": "web_external",
    "ports": [443, 80, "3478/udp"],
    "port_map": {443: 4443, 80: 8080},
    "persistence": "cookie",
    "cookie": {"name": "MS-WSMAN", "http_only": False, "expires": False, "insert": "every_response"},
    "idle_timeout": 1800,
    "snat": True,
    "mode": "proxy",
    "nagle": False,
    "monitor_port": 5061,
    "request_level_lb": True,
}
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "443",
            "3478/udp",
            "50000-59999/udp",
            "59999-50000/udp",
            "0",
            "70000/tcp",
            "443/sctp",
            "true",
            "false",
            "{{ 7 * 7 }}",
            "\x00",
            "",
        ]
    ),
)
KEYS = st.one_of(st.text(max_size=8), st.integers())
ANY = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def near_valid(draw: t.Callable[..., t.Any]) -> list[t.Any]:
    """Two VIPs, the first with one key replaced, removed or added."""
    vip = copy.deepcopy(VALID)
    key = draw(st.sampled_from([*VALID, "extra"]))
    action = draw(st.sampled_from(["replace", "remove"]))
    if action == "remove":
        vip.pop(key, None)
    else:
        vip[key] = draw(ANY)
    return [vip, dict(VALID, name="other")]


@CORE
@given(st.one_of(ANY, near_valid()))
def test_build_vips_never_raises_and_never_modifies(raw: t.Any) -> None:
    before = copy.deepcopy(raw)
    vips, errors = build_vips(raw)
    assert raw == before
    assert bool(vips) != bool(errors) or (vips == () and errors == [])
    for error in errors:
        assert error.path.startswith("$") and error.message
        assert not CONTROL.search(error.message), "values are shown quoted, control characters escaped"


RANGES = st.builds(
    lambda protocol, low, width: PortRange(protocol, low, low + width),
    st.sampled_from(["tcp", "udp"]),
    st.integers(1, 40),
    st.integers(0, 10),
)
SETS = st.lists(RANGES, max_size=5)


def expand(ranges: t.Iterable[PortRange]) -> set[tuple[str, int]]:
    return {(item.protocol, port) for item in ranges for port in range(item.low, item.high + 1)}


@CORE
@given(SETS, SETS)
def test_port_sets_behave_as_sets(left: list[PortRange], right: list[PortRange]) -> None:
    a, b = PortSet.of(left), PortSet.of(right)
    assert expand(a) == expand(left)
    assert expand(a | b) == expand(left) | expand(right)
    assert expand(a - b) == expand(left) - expand(right)
    assert expand(a & b) == expand(left) & expand(right)
    assert a.covers(b) is (expand(right) <= expand(left))
    merged = list(a)
    assert merged == sorted(merged)
    assert all(x.protocol != y.protocol or x.high + 1 < y.low for x, y in zip(merged, merged[1:], strict=False)), (
        "ranges are merged"
    )
