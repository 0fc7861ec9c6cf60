# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests for the vendor version engine."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions


def _alt(release: list, wildcard: bool = False, or_later: bool = False, build: str | None = None) -> dict:
    return {"release": release, "wildcard": wildcard, "or_later": or_later, "build": build}


# Every "Software Version Tested" text of Microsoft's list, and the data form the dataset stores.
TESTED_SEEDS = [
    ("11.x", [_alt([11], wildcard=True)]),
    ("10.x, 11.x", [_alt([10], wildcard=True), _alt([11], wildcard=True)]),
    ("8.1, 9.x, 10.5", [_alt([8, 1]), _alt([9], wildcard=True), _alt([10, 5])]),
    ("ArrayOS TM 8.x or later", [_alt([8], wildcard=True, or_later=True)]),
    ("V8.x and up", [_alt([8], wildcard=True, or_later=True)]),
    ("8.x and up", [_alt([8], wildcard=True, or_later=True)]),
    ("3.3.1.005, 3.5.0.008", [_alt([3, 3, 1, 5]), _alt([3, 5, 0, 8])]),
    ("SI V10.0.0a", [_alt([10, 0, 0, "a"])]),
    ("V12.1, V12.2", [_alt([12, 1]), _alt([12, 2])]),
    ("7.1-18b", [_alt([7, 1, 18, "b"])]),
    ("3.42.1 (Build 1475)", [_alt([3, 42, 1], build="1475")]),
    ("ALB 2.0", [_alt([2, 0])]),
    ("v6.18, v7.4.1", [_alt([6, 18]), _alt([7, 4, 1])]),
    ("v.2.14.03", [_alt([2, 14, 3])]),
    ("v.28.1.0", [_alt([28, 1, 0])]),
    ("9.1.102.8", [_alt([9, 1, 102, 8])]),
    ("2.4.3", [_alt([2, 4, 3])]),
    ("4.2.3", [_alt([4, 2, 3])]),
    ("5.5", [_alt([5, 5])]),
    ("2.6", [_alt([2, 6])]),
    ("V5.1", [_alt([5, 1])]),
]


@pytest.mark.parametrize(("text", "expected"), TESTED_SEEDS, ids=[text for text, _expected in TESTED_SEEDS])
def test_parse_tested_seed_texts(text: str, expected: list[dict]) -> None:
    tested = versions.parse_tested(text)
    assert tested.to_data() == expected
    assert tested.raw == text


@pytest.mark.parametrize(
    ("text", "lowest"),
    [("8.1, 9.x, 10.5", "8.1"), ("10.x, 11.x", "10.x"), ("V12.1, V12.2", "12.1"), ("3.3.1.005, 3.5.0.008", "3.3.1.5")],
)
def test_lowest_alternative(text: str, lowest: str) -> None:
    assert str(versions.parse_tested(text).lowest) == lowest


@pytest.mark.parametrize(
    ("text", "release", "metadata", "normalised"),
    [
        ("11.6.1 HF2", (11, 6, 1), ("HF2",), "11.6.1"),
        ("11.4.1-HF8", (11, 4, 1), ("HF8",), "11.4.1"),
        ("10.5-57.7", (10, 5, 57, 7), (), "10.5.57.7"),
        ("NS10.5 Build 57.7", (10, 5), ("Build 57.7",), "10.5"),
        ("2.4.3-P4", (2, 4, 3), ("P4",), "2.4.3"),
        ("7.1-20", (7, 1, 20), (), "7.1.20"),
        ("V12.2", (12, 2), (), "12.2"),
        ("NS10.5: Build 57.7.nc", (10, 5), ("Build 57.7.nc",), "10.5"),
        ("NetScaler NS10.5: Build 57.7.nc", (10, 5), ("Build 57.7.nc",), "10.5"),
        ("11.6.1 Build 0.0.317 Hotfix HF1", (11, 6, 1), ("Build 0.0.317", "Hotfix HF1"), "11.6.1"),
        ("BIG-IP 11.6.1 Build 0.0.317 Hotfix HF1", (11, 6, 1), ("Build 0.0.317", "Hotfix HF1"), "11.6.1"),
        ("12.1.2", (12, 1, 2), (), "12.1.2"),
        ("v7.4.1", (7, 4, 1), (), "7.4.1"),
        ("SI 10.0.0b", (10, 0, 0, "b"), (), "10.0.0b"),
        ("3.42.1 (Build 1475)", (3, 42, 1), ("Build 1475",), "3.42.1"),
        ("ArrayOS TM 8.4.0.10", (8, 4, 0, 10), (), "8.4.0.10"),
        ("7.1-18b", (7, 1, 18, "b"), (), "7.1.18b"),
        ("7.1-18b.3", (7, 1, 18, "b", 3), (), "7.1.18b.3"),
        ("10.0.0a", (10, 0, 0, "a"), (), "10.0.0a"),
        ("10.5-57.7.nc", (10, 5, 57, 7), ("nc",), "10.5.57.7"),
        ("Version 11.5.4", (11, 5, 4), (), "11.5.4"),
        ("v.2.14.03", (2, 14, 3), (), "2.14.3"),
        ("  11.6.1 HF2\n", (11, 6, 1), ("HF2",), "11.6.1"),
    ],
)
def test_parse_version(text: str, release: tuple, metadata: tuple, normalised: str) -> None:
    version = versions.parse_version(text)
    assert version.release == release
    assert version.metadata == metadata
    assert str(version) == normalised
    assert version.raw == text


ORDERED = [
    "5.5",
    "5.5.1",
    "7.1-18",
    "7.1-18b",
    "7.1-18b.1",
    "7.1-20",
    "10.0.0",
    "10.0.0.5",
    "10.0.0a",
    "10.0.0b",
    "10.0.1",
    "10.5",
    "10.5-57.7",
    "12.1",
]


@pytest.mark.parametrize(("lower", "higher"), list(zip(ORDERED, ORDERED[1:], strict=False)))
def test_ordering(lower: str, higher: str) -> None:
    low, high = versions.parse_version(lower), versions.parse_version(higher)
    assert low < high
    assert high > low
    assert low != high
    assert (high <= low) is False


def test_sorting_is_a_total_order() -> None:
    shuffled = list(reversed(ORDERED))
    assert [str(version) for version in sorted(map(versions.parse_version, shuffled))] == [
        str(versions.parse_version(text)) for text in ORDERED
    ]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("5.5", "5.5.0"),
        ("10", "10.0.0"),
        ("11.6.1 HF2", "11.6.1"),
        ("2.4.3-P4", "2.4.3"),
        ("v.2.14.03", "2.14.3"),
        ("NS10.5 Build 57.7", "10.5"),
        ("10.0.0a", "SI 10.0.0A"),
    ],
)
def test_equality_ignores_trailing_zeros_and_metadata(left: str, right: str) -> None:
    assert versions.parse_version(left) == versions.parse_version(right)
    assert hash(versions.parse_version(left)) == hash(versions.parse_version(right))


A, N, NEW = versions.Verdict.ACCEPTED, versions.Verdict.NOT_TESTED, versions.Verdict.NEWER_THAN_TESTED

# (tested text, device version, exact, release_train, minimum)
VERDICTS = [
    ("11.x", "11.6.1 HF2", A, A, A),
    ("11.x", "11", A, A, A),
    ("11.x", "12.1", N, N, NEW),
    ("11.x", "10.2.4", N, N, N),
    ("10.x, 11.x", "10.2.4", A, A, A),
    ("ArrayOS TM 8.x or later", "9.2", A, A, A),
    ("ArrayOS TM 8.x or later", "ArrayOS TM 8.4.0.10", A, A, A),
    ("ArrayOS TM 8.x or later", "7.9", N, N, N),
    ("V8.x and up", "8.0", A, A, A),
    ("7.1-18b", "7.1-18b", A, A, A),
    ("7.1-18b", "7.1-18b.2", N, A, A),
    ("7.1-18b", "7.1-20", N, N, NEW),
    ("7.1-18b", "7.1-18", N, N, N),
    ("SI V10.0.0a", "SI 10.0.0a", A, A, A),
    ("SI V10.0.0a", "10.0.0b", N, N, NEW),
    ("SI V10.0.0a", "10.0.0", N, N, N),
    ("2.4.3", "2.4.3-P4", A, A, A),
    ("2.4.3", "2.4.3.1", N, A, A),
    ("2.4.3", "2.4.4", N, N, NEW),
    ("8.1, 9.x, 10.5", "10.5-57.7", N, A, A),
    ("8.1, 9.x, 10.5", "NS10.5 Build 57.7", A, A, A),
    ("8.1, 9.x, 10.5", "9.3", A, A, A),
    ("8.1, 9.x, 10.5", "10.1", N, N, NEW),
    ("8.1, 9.x, 10.5", "8.5", N, N, NEW),
    ("8.1, 9.x, 10.5", "8.0", N, N, N),
    ("5.5", "5.5.0", A, A, A),
    ("5.5", "5.5.3", N, A, A),
    ("5.5", "5.6", N, N, NEW),
    ("V12.1, V12.2", "12.1.4", N, A, A),
    ("V12.1, V12.2", "12.0", N, N, N),
    ("3.42.1 (Build 1475)", "3.42.1 (Build 1475)", A, A, A),
    ("3.42.1 (Build 1475)", "3.42.1 (Build 1500)", A, A, A),
    ("ALB 2.0", "2", A, A, A),
    ("ALB 2.0", "2.0.7", N, A, A),
    ("ALB 2.0", "2.1", N, N, NEW),
    ("3.3.1.005, 3.5.0.008", "3.4", N, N, NEW),
    ("3.3.1.005, 3.5.0.008", "3.3.1.5", A, A, A),
]


@pytest.mark.parametrize(("tested", "device", "exact", "release_train", "minimum"), VERDICTS)
@pytest.mark.parametrize("policy", versions.POLICIES)
def test_evaluate(tested: str, device: str, exact, release_train, minimum, policy: str) -> None:
    expected = {"exact": exact, "release_train": release_train, "minimum": minimum}[policy]
    assert versions.evaluate(versions.parse_tested(tested), versions.parse_version(device), policy) == expected


def test_default_policy_is_release_train() -> None:
    assert versions.DEFAULT_POLICY == "release_train"
    assert versions.POLICIES == ("exact", "release_train", "minimum")
    tested, device = versions.parse_tested("5.5"), versions.parse_version("5.5.3")
    assert versions.evaluate(tested, device) == versions.Verdict.ACCEPTED
    assert versions.Verdict.ACCEPTED == "accepted"


def test_unknown_policy_lists_policies() -> None:
    with pytest.raises(ValueError, match="'newest'.*exact, release_train, minimum"):
        versions.evaluate(versions.parse_tested("11.x"), versions.parse_version("11.1"), "newest")


@pytest.mark.parametrize("parse", [versions.parse_version, versions.parse_tested])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("latest", "cannot parse .* 'latest': expected digits such as '11.6.1' or '10.5-57.7'"),
        ("", "cannot parse .* '': it is empty"),
        ("   ", "it is empty"),
        ("11.6.1 foo", "'11.6.1 foo': unexpected 'foo' after '11.6.1'"),
        ("11.6.1 Build 1 Build 2", "more than one build number"),
        ("3.42.1 (Build 1475", "unexpected '\\(Build 1475'"),
        ("x" * 201, "longer than 200 characters"),
        ("\u0661\u0661.1", "not printable ASCII"),
        ("11.1\x00", "not printable ASCII"),
    ],
)
def test_unparseable_text_is_quoted(parse, text: str, message: str) -> None:
    with pytest.raises(versions.VersionError, match=message):
        parse(text)


@pytest.mark.parametrize("parse", [versions.parse_version, versions.parse_tested])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (11.1, "not float 11.1: it looks like an unquoted YAML number .* quote it, e.g. '11.10'"),
        (11, "not int 11: quote it"),
        (None, "not None"),
        (["11.x"], "not list"),
        (True, "not bool"),
    ],
)
def test_non_string_names_the_type(parse, value: object, message: str) -> None:
    with pytest.raises(versions.VersionError, match=message):
        parse(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("11.x", "one concrete version"), ("8.1 or later", "one concrete version"), ("10.x, 11.x", "not a list")],
)
def test_device_version_must_be_concrete(text: str, message: str) -> None:
    with pytest.raises(versions.VersionError, match=message):
        versions.parse_version(text)


def test_tested_reports_the_bad_alternative() -> None:
    with pytest.raises(versions.VersionError, match="'10.x, latest': alternative 'latest': expected digits"):
        versions.parse_tested("10.x, latest")
    with pytest.raises(versions.VersionError, match="alternative '': it is empty"):
        versions.parse_tested("10.x,")


def test_version_error_is_a_value_error() -> None:
    assert issubclass(versions.VersionError, ValueError)


_VERSIONISH = st.text(alphabet="0123456789.-,xXabvV()HFPBuildornlatep :\t\u00a0\u0661", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=250), _VERSIONISH))
def test_fuzz_parsers_only_raise_version_error(text: str) -> None:
    for parse in (versions.parse_version, versions.parse_tested):
        try:
            result = parse(text)
        except versions.VersionError as error:
            assert str(error)
        else:
            assert result.raw == text


@settings(max_examples=300, deadline=None)
@given(_VERSIONISH)
def test_fuzz_normalised_version_round_trips(text: str) -> None:
    try:
        version = versions.parse_version(text)
    except versions.VersionError:
        return
    again = versions.parse_version(str(version))
    assert again.release == version.release
    assert again == version


# What devices really print (F5 tmsh, NetScaler 'show version', KEMP, A10, FortiADC, Stingray), against the list.
DEVICE_OUTPUTS = [
    ("NS9.1: Build 102.8.nc", "9.1.102.8", ("accepted", "accepted", "accepted")),
    ("NS10.5: Build 57.7.nc, Date: Jul 30 2015, 11:22:33", "8.1, 9.x, 10.5", ("accepted", "accepted", "accepted")),
    ("9.1r2", "8.x and up", ("accepted", "accepted", "accepted")),
    ("11.6.0 Final", "11.x", ("accepted", "accepted", "accepted")),
    ("11.5.4 HF2 Engineering Hotfix", "11.x", ("accepted", "accepted", "accepted")),
    ("11.6.1-HF2-ENG", "11.x", ("accepted", "accepted", "accepted")),
    ("12.1.2 Build 0.0.249 Final", "11.x", ("not_tested", "not_tested", "newer_than_tested")),
    ("7.2.48.4.20271.RELEASE", "7.1-18b", ("not_tested", "not_tested", "newer_than_tested")),
    ("2.4.3-P4-SP1", "2.4.3", ("accepted", "accepted", "accepted")),
    ("4.1.4-GR1-P5", "2.4.3", ("not_tested", "not_tested", "newer_than_tested")),
    ("v4.2.3,build0227,150623", "4.2.3", ("accepted", "accepted", "accepted")),
    ("4.2.3 build0227 (GA)", "4.2.3", ("accepted", "accepted", "accepted")),
]


@pytest.mark.parametrize(("device", "tested", "verdicts"), DEVICE_OUTPUTS, ids=[d for d, _t, _v in DEVICE_OUTPUTS])
def test_device_output_as_printed(device: str, tested: str, verdicts: tuple[str, str, str]) -> None:
    version = versions.parse_version(device)
    spec = versions.parse_tested(tested)
    assert tuple(versions.evaluate(spec, version, policy).value for policy in versions.POLICIES) == verdicts


def test_a_build_number_continues_the_release_only_as_an_extra_reading() -> None:
    """'NS9.1 Build 102.8' is release 9.1 (build metadata), and also read as 9.1.102.8, as the VPX row writes it."""
    version = versions.parse_version("NS9.1 Build 102.8")
    assert version.release == (9, 1)
    assert [reading.release for reading in version.readings()] == [(9, 1), (9, 1, 102, 8)]
    assert versions.parse_version("9.1").readings() == (versions.parse_version("9.1"),)


def test_a_list_that_is_not_build_or_date_is_still_refused() -> None:
    with pytest.raises(versions.VersionError, match="one concrete version"):
        versions.parse_version("11.6.1, 12.1")
