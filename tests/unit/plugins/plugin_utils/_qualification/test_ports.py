# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Port texts and port sets: parsing, every refusal, merging, difference and range coverage."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.ports import (
    PortError,
    PortRange,
    PortSet,
    parse_port,
    union,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (443, PortRange("tcp", 443, 443)),
        ("443", PortRange("tcp", 443, 443)),
        ("5061/tcp", PortRange("tcp", 5061, 5061)),
        ("3478/udp", PortRange("udp", 3478, 3478)),
        ("3478/UDP", PortRange("udp", 3478, 3478)),
        (" 50000 - 59999 / udp ", PortRange("udp", 50000, 59999)),
        ("1-65535/tcp", PortRange("tcp", 1, 65535)),
        ("80-80", PortRange("tcp", 80, 80)),
    ],
)
def test_parse_port(value: t.Any, expected: PortRange) -> None:
    assert parse_port(value) == expected


@pytest.mark.parametrize(
    ("value", "needles"),
    [
        (0, ("0", "outside 1-65535")),
        (65536, ("65536", "outside 1-65535")),
        ("70000/udp", ("'70000/udp'", "port 70000 is outside 1-65535")),
        ("1-70000/udp", ("port 70000 is outside",)),
        ("59999-50000/udp", ("starts above its end", "50000-59999/udp")),
        ("3478/sctp", ("unknown protocol 'sctp'", "/tcp or /udp")),
        ("https", ("'https' is not a port", '"3478/udp"')),
        ("", ("'' is not a port",)),
        ("443/", ("'443/' is not a port",)),
        (True, ("True is not a port", "an integer (TCP)")),
        (4.5, ("4.5 is not a port",)),
        (None, ("None is not a port",)),
    ],
)
def test_parse_port_refuses_with_a_fix(value: t.Any, needles: tuple[str, ...]) -> None:
    with pytest.raises(PortError) as raised:
        parse_port(value)
    for needle in needles:
        assert needle in str(raised.value)


def test_port_range_text() -> None:
    assert str(PortRange("udp", 50000, 59999)) == "50000-59999/udp"
    assert str(PortRange("tcp", 443, 443)) == "443/tcp"
    assert PortRange("tcp", 443, 443).single and not PortRange("udp", 1, 2).single


def test_set_merges_adjacent_and_overlapping_ranges_per_protocol() -> None:
    ports = PortSet.of([5073, 5071, 5072, "5075/tcp", 5076, "5070-5071", "3478/udp", "3479/udp", 443])
    assert ports.to_list() == ["443/tcp", "5070-5073/tcp", "5075-5076/tcp", "3478-3479/udp"]
    assert str(ports) == "443/tcp, 5070-5073/tcp, 5075-5076/tcp, 3478-3479/udp"
    assert str(PortSet()) == "no ports"
    assert not PortSet() and ports


def test_protocols_are_distinct() -> None:
    assert "3478/udp" not in PortSet.of(["3478/tcp"])
    assert PortSet.of([443]) - PortSet.of(["443/udp"]) == PortSet.of([443])


@pytest.mark.parametrize(
    ("declared", "required", "missing"),
    [
        (["50000-59999/udp"], ["50000-59999/udp"], []),
        (["49000-60000/udp"], ["50000-59999/udp"], []),
        (["50000-50100/udp"], ["50000-59999/udp"], ["50101-59999/udp"]),
        (["50000-54999/udp", "55000-59999/udp"], ["50000-59999/udp"], []),
        (["50000-54999/udp", "55001-59999/udp"], ["50000-59999/udp"], ["55000/udp"]),
        (["50000-59999/tcp"], ["50000-59999/udp"], ["50000-59999/udp"]),
        ([443, 80], [443, 80, 4443, 8080], ["4443/tcp", "8080/tcp"]),
        ([], ["3478/udp", 443], ["443/tcp", "3478/udp"]),
        (["1-65535/tcp"], [135, 444, "5070-5080"], []),
    ],
)
def test_difference_is_what_is_not_covered(declared: list[t.Any], required: list[t.Any], missing: list[str]) -> None:
    declared_set, required_set = PortSet.of(declared), PortSet.of(required)
    assert (required_set - declared_set).to_list() == missing
    assert declared_set.covers(required_set) is (not missing)


def test_a_range_is_covered_only_when_fully_covered() -> None:
    assert "50000-59999/udp" in PortSet.of(["50000-59999/udp"])
    assert "50000-59999/udp" not in PortSet.of(["50000-59998/udp"])
    assert 55000 not in PortSet.of(["50000-59999/udp"])
    assert "55000/udp" in PortSet.of(["50000-59999/udp"])


def test_union_and_intersection() -> None:
    assert union([PortSet.of([80]), PortSet.of([81]), PortSet.of(["3478/udp"])]).to_list() == ["80-81/tcp", "3478/udp"]
    assert union([]) == PortSet()
    assert (PortSet.of([80, 443]) | PortSet.of([444])).to_list() == ["80/tcp", "443-444/tcp"]
    assert (PortSet.of(["400-500"]) & PortSet.of([443, "3478/udp", 8080])).to_list() == ["443/tcp"]
    assert not PortSet.of([80]) & PortSet.of(["80/udp"])


def test_of_refuses_a_bad_item() -> None:
    with pytest.raises(PortError, match="outside"):
        PortSet.of([443, 0])
