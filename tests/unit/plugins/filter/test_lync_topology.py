# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lync_topology filter: document text in, the explicit-mode topology out; bad input as AnsibleFilterError."""

from __future__ import annotations

import pathlib

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.lync.lb_qualification.plugins.filter.lync_topology import FilterModule
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology

EXAMPLE_DIR = pathlib.Path(__file__).resolve().parents[4] / "examples" / "topologies"
lync_topology = FilterModule().filters()["lync_topology"]


@pytest.mark.parametrize("path", ["topology_builder/contoso.tbxml", "published/topology.xml"])
def test_both_forms_give_the_explicit_document(path: str) -> None:
    document = lync_topology((EXAMPLE_DIR / path).read_text(encoding="utf-8"))
    assert set(document) == {"lync_version", "coexisting_versions", "pools"}
    assert (document["lync_version"], document["coexisting_versions"]) == ("sfb2015", ["lync2013"])
    assert {fqdn: pool["role"] for fqdn, pool in document["pools"].items()} == {
        "pool01.contoso.com": "front_end",
        "dirpool01.contoso.com": "director",
        "edgepool01.dmz.contoso.com": "edge",
        "medpool01.contoso.com": "mediation",
        "sfbpool01.contoso.com": "front_end",
    }
    assert document["pools"]["edgepool01.dmz.contoso.com"]["external_nat"] is True
    assert document["pools"]["sfbpool01.contoso.com"]["collocated_mediation"] is True
    for pool in document["pools"].values():
        assert set(pool) <= {"role", "servers", "collocated_mediation", "external_nat"}
        assert pool["servers"] and all(isinstance(server, str) for server in pool["servers"])


def test_bytes_are_read_too() -> None:
    data = (EXAMPLE_DIR / "published" / "topology.xml").read_bytes()
    assert lync_topology(data) == lync_topology(data.decode("utf-8"))


@pytest.mark.parametrize(
    "value,needle",
    [
        ("<html/>", "lync_topology: the root element <html>"),
        ("<Topology", "not well-formed XML"),
        (None, "not a NoneType"),
        ({"pools": {}}, "not a dict"),
    ],
)
def test_bad_input_is_a_filter_error(value: object, needle: str) -> None:
    with pytest.raises(AnsibleFilterError) as caught:
        lync_topology(value)
    assert needle in str(caught.value)


@pytest.mark.parametrize("path", ["topology_builder/contoso.tbxml", "published/topology.xml"])
def test_the_output_is_a_valid_explicit_topology(path: str) -> None:
    """assert_qualified takes the filter's output as its topology option: no input error."""
    document = lync_topology((EXAMPLE_DIR / path).read_text(encoding="utf-8"))
    load_balancers = {
        "ltm01.contoso.com": {
            "vendor": "F5",
            "product": "BIG-IP Local Traffic Manager",
            "form_factor": "hardware",
            "version": "11.6.1 HF2",
        }
    }
    model, errors = topology.from_options(load_balancers, document)
    assert errors == [] and model is not None
    assert model.lync_version == "sfb2015" and model.coexisting_versions == ("lync2013",)
    assert model.pools["medpool01.contoso.com"].role == "mediation"
    assert model.pools["sfbpool01.contoso.com"].collocated_mediation is True
    assert model.pools["edgepool01.dmz.contoso.com"].external_nat is True
