# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile input through the qualified_lb lookup: a list of entries or an AnsibleLookupError, nothing else.

Any terms and filters (strings of every kind, wrong types, unknown filter names, extra_dataset lists and paths),
called as Ansible calls the lookup. Properties: only AnsibleLookupError escapes, its message is free of raw control
characters, results are lists of entry dicts, and the arguments are left as they were.
"""

from __future__ import annotations

import copy
import os
import re
import typing as t
from pathlib import Path

import pytest
from ansible.errors import AnsibleLookupError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.lookup import qualified_lb

NAME = "lync.lb_qualification.qualified_lb"
LOOKUP_PLUGIN = qualified_lb
LOOKUP = settings(
    max_examples=int(os.environ.get("LBQ_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
ENTRY_KEYS = {
    "id",
    "vendor",
    "vendor_aliases",
    "product",
    "product_aliases",
    "seed_product",
    "models",
    "form_factor",
    "versions_tested",
    "versions_parsed",
    "guide_title",
    "guide_url",
    "origin",
}

TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "F5",
            "f5 networks",
            "KEMP",
            "LoadMaster",
            "VLM-100",
            "hardware",
            "software",
            "11.6.1 HF2",
            "7.1-18b",
            "11.x",
            "8.x or later",
            "12, 13",
            "exact",
            "release_train",
            "minimum",
            "{{ 7 * 7 }}",
            "\x00",
            "\x1b[2J",
            "a\nb",
            "ü",
            "１１.６",
            "\udcff",
            "\u202e",
            "Ω" * 300,
        ]
    ),
    st.sampled_from([201, 5000, 100_000]).map(lambda n: "9" * n),
    st.text(max_size=30),
)
VALUES = st.one_of(
    st.none(),
    TEXT,
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(TEXT, max_size=2),
    st.dictionaries(TEXT, TEXT, max_size=2),
)
ENTRY = st.fixed_dictionaries(
    {
        "vendor": st.one_of(TEXT, VALUES),
        "product": st.one_of(TEXT, VALUES),
        "form_factor": st.one_of(TEXT, VALUES),
        "versions_tested": st.one_of(TEXT, VALUES),
    },
    optional={
        "models": st.one_of(st.lists(TEXT, max_size=3), VALUES),
        "id": VALUES,
        "note": VALUES,
        "guide_url": st.one_of(st.just("https://example.com/x"), VALUES),
        "unknown": VALUES,
    },
)
FILTERS = st.dictionaries(
    st.sampled_from(
        [
            "vendor",
            "product",
            "model",
            "form_factor",
            "version",
            "version_policy",
            "extra_dataset",
            "vendors",
            "wantlist",
        ]
    ),
    st.one_of(TEXT, VALUES, st.lists(ENTRY, max_size=2)),
    max_size=4,
)


def lookup(terms: t.Any, filters: dict[str, t.Any]) -> list[dict[str, t.Any]] | AnsibleLookupError:
    plugin = qualified_lb.LookupModule()
    plugin._load_name = NAME
    before = copy.deepcopy((terms, filters))
    try:
        found = plugin.run(terms, variables={}, **filters)
    except AnsibleLookupError as exc:
        assert "qualified_lb" in str(exc), str(exc)
        found = exc
    else:
        assert isinstance(found, list)
        for entry in found:
            assert ENTRY_KEYS <= set(entry), sorted(entry)
    assert (terms, filters) == before, "the lookup modified its arguments"
    return found


@LOOKUP
@given(terms=st.lists(st.one_of(TEXT, VALUES), max_size=3), filters=FILTERS)
def test_only_lookup_errors_escape(terms: list[t.Any], filters: dict[str, t.Any]) -> None:
    lookup(terms, filters)


@LOOKUP
@given(
    vendor=TEXT,
    product=st.one_of(st.none(), TEXT),
    version=st.one_of(st.none(), TEXT),
    policy=st.sampled_from(["exact", "release_train", "minimum"]),
)
def test_string_filters_give_entries_or_a_version_error(
    vendor: str, product: str | None, version: str | None, policy: str
) -> None:
    filters = {"vendor": vendor, "product": product, "version": version, "version_policy": policy}
    found = lookup([], {k: v for k, v in filters.items() if v is not None})
    if isinstance(found, AnsibleLookupError):
        assert version is not None and "version" in str(found)


@pytest.mark.parametrize(
    ("terms", "filters"),
    [
        pytest.param([], {"version": "11\x1b[2J"}, id="version"),
        pytest.param(["\x1b[2J"], {"vendor": "\x00"}, id="term-and-vendor"),
        pytest.param([1], {}, id="term-type"),
        *(pytest.param([], {name: "\x1b[2J"}, id=name) for name in ("version_policy", "form_factor")),
        pytest.param([], {"extra_dataset": "\x1b[2J.yml"}, id="extra_dataset-path"),
    ],
)
def test_error_messages_escape_control_characters(terms: list[t.Any], filters: dict[str, t.Any]) -> None:
    found = lookup(terms, filters)
    if isinstance(found, AnsibleLookupError):
        assert not CONTROL.search(str(found)), f"raw control character in {str(found)[:300]!r}"


def test_a_repeated_query_is_served_from_the_parsed_dataset() -> None:
    first = lookup([], {"vendor": "F5", "version": "11.6.1 HF2"})
    assert first and first == lookup([], {"vendor": "F5", "version": "11.6.1 HF2"})


@pytest.mark.parametrize(
    "content",
    [
        "entries: [",
        "- {vendor: F5, product: X, form_factor: hardware, versions_tested: '{{ 7 * 7 }}'}",
        "!!python/object/apply:os.system ['touch /tmp/lbq-pwned']",
        "\x00\x01binary",
        "[]",
        "{}",
        "42",
        "",
    ],
    ids=["syntax", "template", "python-tag", "binary", "empty-list", "mapping-without-entries", "number", "empty"],
)
def test_extra_dataset_files_are_read_safely(tmp_path: Path, content: str) -> None:
    path = tmp_path / "extra.yml"
    path.write_text(content, encoding="utf-8")
    found = lookup([], {"extra_dataset": str(path)})
    assert not Path("/tmp/lbq-pwned").exists()
    if isinstance(found, list) and "template" in content:
        pytest.fail("an invalid versions_tested must be an error")
