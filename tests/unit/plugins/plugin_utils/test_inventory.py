# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""read_inventory: the fast path gives exactly what hostvars.raw_get gives, on real inventories.

Each test writes an inventory to disk (YAML or INI, group_vars/ and host_vars/ files and directories beside the
inventory and beside the "playbook", nested groups overriding each other, group priorities, several sources, extra
vars, set_fact / include_vars / fact-cache values, templates), loads it with Ansible's own InventoryManager,
VariableManager and HostVars, and compares ``read_inventory(fast=True)`` with ``read_inventory(fast=False)``, which
calls ``hostvars.raw_get`` for every host. The property test generates such inventories at random.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import typing as t
from pathlib import Path

import pytest
from ansible import constants as C
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.template import Templar
from ansible.vars.hostvars import HostVars
from ansible.vars.manager import VariableManager
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _inventory
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import inventory_model

NAMES = inventory_model.InventoryNames()
LB_KEYS = NAMES.host_keys("lb")
KEYS = (*LB_KEYS, "lync_pool")


class Loaded:
    """An inventory loaded as ansible-playbook loads it, and the task_vars of a task on localhost."""

    def __init__(self, sources: list[Path], playbook_dir: Path, extra_vars: dict[str, t.Any] | None = None) -> None:
        self.loader = DataLoader()
        self.loader.set_basedir(str(playbook_dir))
        self.inventory = InventoryManager(loader=self.loader, sources=[str(s) for s in sources])
        self.variables = VariableManager(loader=self.loader, inventory=self.inventory)
        self.variables._extra_vars = dict(extra_vars or {})  # what -e gives (load_extra_vars caches per process)
        HostVars(inventory=self.inventory, variable_manager=self.variables, loader=self.loader)

    def task_vars(self) -> dict[str, t.Any]:
        play = Play.load(
            {"hosts": "localhost", "gather_facts": False, "tasks": []},
            variable_manager=self.variables,
            loader=self.loader,
        )
        return self.variables.get_vars(play=play, host=self.inventory.get_host("localhost"))

    def compare(self, names: inventory_model.InventoryNames = NAMES) -> dict[str, t.Any]:
        """Read both ways; assert the same data and errors; return the fast read's statistics."""
        task_vars = self.task_vars()
        templar = Templar(loader=self.loader, variables=task_vars)
        stats: dict[str, t.Any] = {}
        fast = _inventory.read_inventory(task_vars, names, templar, stats=stats)
        slow = _inventory.read_inventory(task_vars, names, templar, fast=False)
        assert _plain(fast[0]) == _plain(slow[0])
        assert [e.to_dict() for e in fast[1]] == [e.to_dict() for e in slow[1]]
        if fast[0] is not None:  # and the values are the very objects raw_get holds (no copy, no conversion)
            for host, values in fast[0].hostvars.items():
                for key, value in values.items():
                    assert type(value) is type(slow[0].hostvars[host][key])
        return stats


def _plain(data: inventory_model.InventoryData | None) -> t.Any:
    if data is None:
        return None
    return json.loads(
        json.dumps(
            {"groups": data.groups, "hostvars": data.hostvars, "pools": data.pools, "lync_version": data.lync_version},
            default=repr,
            sort_keys=True,
        )
    )


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


YAML_INVENTORY = """
all:
  vars:
    lb_form_factor: software          # overridden below for most load balancers
    lync_version: lync2010
  children:
    lync_load_balancers:
      vars:
        lb_product: from-inventory-group
      hosts:
        lb1: {lb_vendor: F5, lb_version: "11.6.1 HF2"}
        lb2: {lb_vendor: KEMP, lb_version: 7.1, lb_multiple_vips: true}
        lb3:
    dc1:
      vars: {lb_model: dc1-model, lync_pool: dc1-pool.example.com}
      children:
        lync_front_end:
          hosts:
            fe1:
            fe2: {lync_pool: own.example.com}
        rack1:
          vars: {lync_pool: rack1-pool.example.com, ansible_group_priority: 5}
          hosts:
            fe1:
            lb3:
    dc2:
      vars: {lync_pool: dc2-pool.example.com, ansible_group_priority: 10}
      hosts:
        fe1:
    lync_director:
      hosts:
        dir1: {lync_pool: "{{ director_pool }}"}
        dir2:
    lync_edge:
      hosts:
        edge1: {lync_pool: edge.example.com}
"""

INI_INVENTORY = """
lb1 lb_vendor=F5 lb_version="11.6.1 HF2"
[lync_load_balancers]
lb1
lb2 lb_vendor=KEMP lb_version=7.1 lb_multiple_vips=True
lb3

[lync_load_balancers:vars]
lb_product=from-inventory-group

[dc1:children]
lync_front_end
rack1

[dc1:vars]
lb_model=dc1-model
lync_pool=dc1-pool.example.com

[lync_front_end]
fe1
fe2 lync_pool=own.example.com

[rack1]
fe1
lb3

[rack1:vars]
lync_pool=rack1-pool.example.com
ansible_group_priority=5

[dc2]
fe1

[dc2:vars]
lync_pool=dc2-pool.example.com
ansible_group_priority=10

[lync_director]
dir1 lync_pool="{{ director_pool }}"
dir2

[lync_edge]
edge1 lync_pool=edge.example.com

[all:vars]
lb_form_factor=software
lync_version=lync2010
"""

ADJACENT = {
    "group_vars/all.yml": "lb_form_factor: hardware\nlync_pools: {own.example.com: {load_balancer: lb1}}\n"
    "director_pool: dirpool.example.com\n",
    "group_vars/lync_load_balancers/10-products.yml": "lb_product: BIG-IP Local Traffic Manager\n",
    "group_vars/lync_load_balancers/20-models.yaml": "lb_model: from-group-vars-dir\n",
    "group_vars/rack1.yml": "lb_multiple_vips: false\n",
    "group_vars/lync_director.json": '{"lync_pool": "director-default.example.com"}',
    "host_vars/lb2.yml": 'lb_product: LoadMaster\nlb_version: "7.1-18b"\n',
    "host_vars/lb3/main.yml": "lb_vendor: Citrix\nlb_version: '10.5'\n",
    "host_vars/fe2.yml": "lync_pool: host-vars-file.example.com\n",
}


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path


@pytest.mark.parametrize("flavour", ["yaml", "ini"])
def test_inventory_directory_with_group_and_host_vars(tmp: Path, flavour: str) -> None:
    inventory = tmp / "inventory"
    write(
        inventory,
        {
            "hosts.yml" if flavour == "yaml" else "hosts":  # (ansible-core 2.16 skips *.ini in directories)
            YAML_INVENTORY if flavour == "yaml" else INI_INVENTORY,
            **ADJACENT,
        },
    )
    stats = Loaded([inventory], tmp / "playbooks").compare()
    assert stats["reason"] is None
    assert stats["fast"] == 7  # of 8 hosts: dir1's pool is a template, so dir1 is read with raw_get
    assert stats["raw_get"] == 1


def test_values_come_from_the_right_layer(tmp: Path) -> None:
    inventory = tmp / "inventory"
    write(inventory, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    loaded = Loaded([inventory], tmp / "playbooks")
    task_vars = loaded.task_vars()
    data, errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=loaded.loader, variables=task_vars))
    assert errors == []
    assert data.hostvars["lb1"]["lb_product"] == "BIG-IP Local Traffic Manager"  # group_vars dir over inventory
    assert data.hostvars["lb2"]["lb_product"] == "LoadMaster"  # host_vars file over group_vars
    assert data.hostvars["lb3"]["lb_vendor"] == "Citrix"  # host_vars directory
    assert data.hostvars["lb3"]["lb_multiple_vips"] is False  # rack1's group_vars file
    assert data.hostvars["fe1"]["lync_pool"] == "rack1-pool.example.com"  # the deeper group wins, priority or not
    assert data.hostvars["fe2"]["lync_pool"] == "host-vars-file.example.com"
    assert data.hostvars["dir1"]["lync_pool"] == "dirpool.example.com"  # templated for that host
    assert data.hostvars["dir2"]["lync_pool"] == "director-default.example.com"
    assert data.lync_version == "lync2010"


def test_a_group_template_a_host_replaces_leaves_the_host_on_the_fast_path(tmp: Path) -> None:
    """A host's own plain value replaces its group's template: only the hosts that keep the template need raw_get."""
    inventory = tmp / "inventory"
    write(
        inventory,
        {
            "hosts.yml": "all:\n  children:\n    lync_load_balancers:\n      hosts:\n"
            "        lb1: {lb_version: '11.6.1'}\n        lb2: {}\n",
            "group_vars/lync_load_balancers.yml": "lb_vendor: F5\nlb_version: '{{ fleet_version }}'\n"
            "fleet_version: '11.5.3'\n",
            "group_vars/all.yml": "lync_pools: {p.example.com: {load_balancer: lb1}}\n",
        },
    )
    stats = Loaded([inventory], tmp / "playbooks").compare()
    assert (stats["fast"], stats["raw_get"]) == (1, 1)


def test_playbook_adjacent_vars_and_extra_vars(tmp: Path) -> None:
    inventory, playbooks = tmp / "inventory", tmp / "playbooks"
    write(inventory, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    write(
        playbooks,
        {
            "group_vars/lync_front_end.yml": "lync_pool: playbook-group.example.com\n",
            "group_vars/all/x.yml": "lb_model: playbook-all\n",
            "host_vars/lb1.yml": "lb_vendor: F5 Networks\n",
        },
    )
    extra = {"lb_version": "12.1.0", "lync_pools": {"fe.example.com": {"load_balancer": "lb1"}}}
    loaded = Loaded([inventory], playbooks, extra)
    stats = loaded.compare()
    assert stats["reason"] is None and stats["fast"] == 7
    task_vars = loaded.task_vars()
    data, _errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=loaded.loader, variables=task_vars))
    assert {values.get("lb_version") for host, values in data.hostvars.items() if host.startswith("lb")} == {"12.1.0"}
    assert data.hostvars["lb1"]["lb_vendor"] == "F5 Networks"
    assert data.pools == {"fe.example.com": {"load_balancer": "lb1"}}


def test_several_sources_in_order(tmp: Path) -> None:
    first, second = tmp / "first", tmp / "second"
    write(first, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    write(
        second,
        {
            "more": "[lync_load_balancers]\nlb4 lb_vendor=Radware\n[lync_front_end]\nfe3 lync_pool=p3.example.com\n",
            "group_vars/lync_load_balancers.yml": "lb_product: second-source\nlb_model: second-source\n",
            "group_vars/dc1.yml": "lync_pool: second-dc1.example.com\n",
        },
    )
    stats = Loaded([first, second], tmp / "playbooks").compare()
    assert stats["reason"] is None and stats["fast"] == 9
    stats = Loaded([second, first], tmp / "playbooks").compare()
    assert stats["reason"] is None


def test_a_single_inventory_file_and_a_host_list(tmp: Path) -> None:
    write(tmp / "inv", {"hosts.ini": INI_INVENTORY, **ADJACENT})
    stats = Loaded([tmp / "inv" / "hosts.ini"], tmp / "playbooks").compare()
    assert stats["reason"] is None and stats["fast"] == 7
    write(tmp / "inv2", {"group_vars/all.yml": "lync_version: lync2013\n"})
    names = inventory_model.InventoryNames.with_overrides({"load_balancers": "ungrouped"}, None)
    stats = Loaded([Path("lbx,lby")], tmp / "inv2").compare(names)  # a host list: no vars plugin directory
    assert stats["reason"] is None and stats["fast"] == 2


def test_runtime_variables_set_fact_include_vars_and_facts(tmp: Path) -> None:
    inventory = tmp / "inventory"
    write(inventory, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    loaded = Loaded([inventory], tmp / "playbooks", {"lb_model": "extra-model"})
    # (the strategy keys these caches by host name)
    loaded.variables.set_nonpersistent_facts("lb1", {"lb_version": "13.0.0", "lb_model": "set-fact"})
    loaded.variables.set_host_variable("lb2", "lb_vendor", "included")
    loaded.variables.set_host_facts("lb3", {"lb_vendor": "cached-fact", "ansible_distribution": "x"})
    loaded.variables.set_host_facts("fe1", {"ansible_distribution": "y"})
    stats = loaded.compare()
    assert stats["reason"] is None
    assert stats["raw_get"] == 2  # lb3 (its lb_vendor is in the fact cache) and dir1 (a template)
    task_vars = loaded.task_vars()
    data, _errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=loaded.loader, variables=task_vars))
    assert data.hostvars["lb1"]["lb_version"] == "13.0.0"
    assert data.hostvars["lb1"]["lb_model"] == "extra-model"  # extra vars beat set_fact
    assert data.hostvars["lb2"]["lb_vendor"] == "included"
    assert data.hostvars["lb3"]["lb_vendor"] == "cached-fact"


def test_precedence_order_from_configuration(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = tmp / "inventory"
    write(inventory, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    monkeypatch.setattr(C, "VARIABLE_PRECEDENCE", list(reversed(C.VARIABLE_PRECEDENCE)))
    stats = Loaded([inventory], tmp / "playbooks").compare()
    assert stats["reason"] is None and stats["fast"] == 7


@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [
        ("DEFAULT_HASH_BEHAVIOUR", "merge", "hash_behaviour"),
        ("VARIABLE_PRECEDENCE", ["all_inventory", "plugins_by_group"], "precedence"),
    ],
)
def test_falls_back_to_raw_get_when_it_cannot_be_exact(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: t.Any, reason: str
) -> None:
    inventory = tmp / "inventory"
    write(inventory, {"hosts.yml": YAML_INVENTORY.replace("plugins_by_group", ""), **ADJACENT})
    loaded = Loaded([inventory], tmp / "playbooks")
    task_vars = loaded.task_vars()
    monkeypatch.setattr(C, setting, value)
    templar = Templar(loader=loaded.loader, variables=task_vars)
    if setting == "VARIABLE_PRECEDENCE":  # core itself cannot merge with that entry: only check the decision
        with pytest.raises(KeyError):  # core looks the unknown entry up in its table of precedence
            loaded.inventory and loaded.variables.get_vars(host=loaded.inventory.get_host("lb1"))
        reader_error = None
        try:
            _inventory._LayeredReader(task_vars["hostvars"], frozenset(KEYS), templar)
        except _inventory._Unsupported as exc:
            reader_error = str(exc)
        assert reader_error is not None and reason in reader_error
        return
    stats = loaded.compare()
    assert reason in (stats["reason"] or "")
    assert stats["fast"] == 0


def test_other_vars_plugins_and_reserved_names_fall_back(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = tmp / "inventory"
    write(inventory, {"hosts.yml": YAML_INVENTORY, **ADJACENT})
    loaded = Loaded([inventory], tmp / "playbooks")
    monkeypatch.setattr(_inventory, "_PER_ENTITY_PLUGINS", frozenset())
    stats = loaded.compare()
    assert "vars plugin" in stats["reason"] and stats["fast"] == 0
    monkeypatch.undo()
    names = inventory_model.InventoryNames.with_overrides(None, {"pool": "group_names"})
    stats = loaded.compare(names)
    assert "set by Ansible" in stats["reason"]


def test_a_stand_in_without_inventory_objects_uses_raw_get() -> None:
    class StandIn:
        def raw_get(self, host: str) -> dict[str, t.Any]:
            return {"lync_pool": "p.example.com"} if host == "fe1" else {"lb_vendor": "F5"}

    task_vars = {
        "groups": {"lync_load_balancers": ["lb1"], "lync_front_end": ["fe1"]},
        "hostvars": StandIn(),
        "lync_version": "lync2013",
    }
    stats: dict[str, t.Any] = {}
    data, errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=DataLoader()), stats=stats)
    assert errors == []
    assert data.hostvars == {"lb1": {"lb_vendor": "F5"}, "fe1": {"lync_pool": "p.example.com"}}
    assert stats["raw_get"] == 2 and "internals" in stats["reason"]


def test_an_untested_ansible_core_reads_every_host_with_raw_get(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path relies on ansible-core internals: outside the versions it is tested on, raw_get reads every
    host, and the reason says so (the result's context.inventory_reader)."""
    monkeypatch.setattr(_inventory, "ansible_version", "2.99.0")
    task_vars = {
        "groups": {"lync_front_end": ["fe1"]},
        "hostvars": {"fe1": {"lync_pool": "p.example.com"}},
        "lync_version": "lync2013",
    }
    stats: dict[str, t.Any] = {}
    data, errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=DataLoader()), stats=stats)
    assert errors == [] and data.hostvars == {"fe1": {"lync_pool": "p.example.com"}}
    assert stats["fast"] == 0 and stats["raw_get"] == 1
    assert "ansible-core 2.99.0 is not among the versions the fast reader is tested on" in stats["reason"]


# --- generated inventories ----------------------------------------------------------------------------------------

GROUPS = (
    "lync_load_balancers",
    "lync_front_end",
    "lync_director",
    "lync_edge",
    "lync_web_components",
    "site_a",
    "site_b",
    "rack",
)
HOSTS = ("lb1", "lb2", "fe1", "fe2", "dir1", "edge1")
VALUES = st.one_of(
    st.sampled_from(
        [
            "F5",
            "KEMP",
            "11.6.1",
            "hardware",
            "p1.example.com",
            "p2.example.com",
            "",
            "{{ other }}",
            "{% if true %}F5{% endif %}",
            "{x}",
        ]
    ),
    st.booleans(),
    st.integers(-3, 3),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.dictionaries(st.sampled_from(["x", "y"]), st.just(1)),
)
VARSETS = st.dictionaries(st.sampled_from([*KEYS, "other"]), VALUES, max_size=4)


@st.composite
def inventories(draw: t.Any) -> dict[str, t.Any]:
    parents = {
        g: draw(st.lists(st.sampled_from(GROUPS[:i]), max_size=2, unique=True)) if i else []
        for i, g in enumerate(GROUPS)
    }
    members = {h: draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True)) for h in HOSTS}
    return {
        "parents": parents,
        "members": members,
        "priority": {g: draw(st.sampled_from([None, 1, 5])) for g in GROUPS},
        "host_vars": {h: draw(VARSETS) for h in HOSTS},
        "group_vars": {g: draw(VARSETS) for g in (*GROUPS, "all")},
        "group_vars_files": {g: draw(VARSETS) for g in draw(st.lists(st.sampled_from([*GROUPS, "all"]), max_size=4))},
        "host_vars_files": {h: draw(VARSETS) for h in draw(st.lists(st.sampled_from(HOSTS), max_size=3))},
        "playbook_files": {g: draw(VARSETS) for g in draw(st.lists(st.sampled_from([*GROUPS, "all"]), max_size=2))},
        "extra": draw(VARSETS),
        "set_fact": {h: draw(VARSETS) for h in draw(st.lists(st.sampled_from(HOSTS), max_size=2))},
        "flavour": draw(st.sampled_from(["yaml", "ini"])),
    }


def _ini_value(value: t.Any) -> str:
    """An INI inventory value (read back as a Python literal): quoted strings, no space outside quotes."""
    if isinstance(value, str) or not isinstance(value, (list, dict)):
        return json.dumps(value) if isinstance(value, str) else repr(value)
    return json.dumps(value, separators=(",", ":"))


def render(spec: dict[str, t.Any]) -> dict[str, str]:
    """The generated inventory's files: the inventory itself and its group_vars / host_vars."""
    group_vars = {g: dict(v) for g, v in spec["group_vars"].items()}
    for group, priority in spec["priority"].items():
        if priority is not None:
            group_vars[group]["ansible_group_priority"] = priority
    files: dict[str, str] = {}
    if spec["flavour"] == "yaml":
        groups: dict[str, dict[str, t.Any]] = {g: {} for g in GROUPS}
        for host, member_of in spec["members"].items():
            for group in member_of:
                groups[group].setdefault("hosts", {})[host] = spec["host_vars"][host] if group == member_of[0] else None
        for group, parents in spec["parents"].items():
            for parent in parents:
                groups[parent].setdefault("children", {})[group] = {}
        for group, variables in group_vars.items():
            if group != "all" and variables:
                groups[group]["vars"] = variables
        document = {"all": {"vars": group_vars["all"], "children": groups}}
        files["hosts.yml"] = json.dumps(document)  # JSON is YAML
    else:
        lines = []
        for group in GROUPS:
            lines.append(f"[{group}]")
            for host, member_of in spec["members"].items():
                if group in member_of:
                    pairs = spec["host_vars"][host].items() if group == member_of[0] else ()
                    lines.append(" ".join([host, *(f"{k}={_ini_value(v)}" for k, v in pairs)]))
            children = [g for g, parents in spec["parents"].items() if group in parents]
            if children:
                lines += [f"[{group}:children]", *children]
            if group_vars[group]:
                lines += [f"[{group}:vars]", *(f"{k}={_ini_value(v)}" for k, v in group_vars[group].items())]
        if group_vars["all"]:
            lines += ["[all:vars]", *(f"{k}={_ini_value(v)}" for k, v in group_vars["all"].items())]
        files["hosts"] = "\n".join(lines) + "\n"
    for group, variables in spec["group_vars_files"].items():
        files[f"group_vars/{group}.yml"] = json.dumps(variables)
    for host, variables in spec["host_vars_files"].items():
        files[f"host_vars/{host}/vars.json"] = json.dumps(variables)
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=inventories())
def test_generated_inventories_read_the_same_both_ways(spec: dict[str, t.Any]) -> None:
    root = Path(tempfile.mkdtemp(prefix="lbq-inv-"))
    try:
        write(root / "inventory", render(spec))
        write(root / "playbooks", {f"group_vars/{g}.yml": json.dumps(v) for g, v in spec["playbook_files"].items()})
        loaded = Loaded([root / "inventory"], root / "playbooks", spec["extra"])
        for host, variables in spec["set_fact"].items():
            loaded.variables.set_nonpersistent_facts(host, variables)
        assert sorted(loaded.inventory.hosts) == sorted(HOSTS)  # the generated inventory parsed
        stats = loaded.compare()
        assert stats["reason"] is None
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- the benchmark's generated inventory ----------------------------------------------------------------------------


def _benchmark_module(name: str) -> t.Any:
    """benchmarks/<name>.py of this checkout (the benchmark is not part of the collection's Python packages)."""
    import importlib.util
    import sys

    folder = Path(__file__).resolve().parents[4] / "benchmarks"
    if not (folder / f"{name}.py").is_file():
        pytest.skip("benchmarks/ is not in this copy of the collection")
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location(f"lbq_benchmark_{name}", folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # (dataclasses look their module up there)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


def test_benchmark_inventory_is_qualified_and_read_the_same_both_ways(tmp: Path) -> None:
    """Smoke test of benchmarks/: the generator at 100 hosts and the in-process measurements (case 4 included)."""
    gen_inventory = _benchmark_module("gen_inventory")
    info = gen_inventory.write(100, str(tmp / "inv100"))
    assert info["hosts"] == 100 and info["pools"] == 10
    stats = Loaded([tmp / "inv100" / "inventory"], tmp).compare()
    assert stats == {"fast": 100, "raw_get": 0, "reason": None}
    measured = _benchmark_module("bench").inprocess(tmp / "inv100", repeat=1, with_inventory=True)
    assert measured["core"]["pools"] == 10 and measured["core"]["load_balancers"] == 10
    assert measured["core"]["errors"] == 0 and measured["schema"]["same_verdict"]
    assert not measured["action"]["failed"], measured["action"]["msg"]
    assert measured["inventory"]["same_result"] and measured["inventory"]["qualified"]
    assert measured["lookup"]["entries"] == 2  # the Lync list's BIG-IP LTM row and the Skype for Business one


def test_benchmark_inventory_with_vips_is_read_the_same_both_ways(tmp: Path) -> None:
    """Smoke test of benchmarks/ with lb_vips on every load balancer (gen_inventory.py --vips)."""
    info = _benchmark_module("gen_inventory").write(100, str(tmp / "inv100"), vips=True)
    assert info["vips"] == 6 * 3 + 2 * 3 + 2 * 4  # Front End and Director pools: 3 VIPs each; Edge pools: 4
    stats = Loaded([tmp / "inv100" / "inventory"], tmp).compare()
    assert stats == {"fast": 100, "raw_get": 0, "reason": None}
    measured = _benchmark_module("bench").inprocess(tmp / "inv100", repeat=1, with_inventory=False)
    assert measured["schema"]["same_verdict"]
    assert not measured["action"]["failed"], measured["action"]["msg"]


def test_a_variable_every_host_shares_is_walked_once(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lync_pools of group_vars/all is the same object on every host: checking it for templates and vaulted values
    once per host made the read quadratic (minutes at 10,000 hosts)."""
    _benchmark_module("gen_inventory").write(100, str(tmp / "inv100"))
    loaded = Loaded([tmp / "inv100" / "inventory"], tmp)
    task_vars = loaded.task_vars()
    pools = task_vars["lync_pools"]
    walks = {"plain": 0, "reveal": 0}
    is_plain, reveal = _inventory._is_plain, _inventory._vault.reveal

    def counting_is_plain(value: t.Any, templar: t.Any) -> bool:
        walks["plain"] += value is pools
        return is_plain(value, templar)

    def counting_reveal(value: t.Any, secrets: set[str]) -> t.Any:
        walks["reveal"] += value is pools
        return reveal(value, secrets)

    monkeypatch.setattr(_inventory, "_is_plain", counting_is_plain)
    monkeypatch.setattr(_inventory._vault, "reveal", counting_reveal)
    data, errors = _inventory.read_inventory(task_vars, NAMES, Templar(loader=loaded.loader, variables=task_vars))
    assert errors == [] and len(data.hostvars) == 100
    assert all(values["lync_pools"] is pools for values in data.hostvars.values())
    assert walks == {"plain": 2, "reveal": 1}  # the fast reader's walk, the task's view; one reveal for all


def test_a_string_tagged_vaulted_is_not_plain() -> None:
    """ansible-core 2.19 keeps a VaultedValue tag on a templated vaulted value (a set_fact result, say): the fast
    reader must leave such a value to raw_get and the reveal step, which collects its text as a secret."""
    tags = pytest.importorskip("ansible._internal._datatag._tags")
    templar = Templar(loader=DataLoader())
    vaulted = tags.VaultedValue(ciphertext="$ANSIBLE_VAULT;1.1;AES256\n6162").tag("11.6.1 HF2")
    assert _inventory._vault.may_be_vaulted(vaulted)
    assert not _inventory._is_plain(vaulted, templar)
    assert not _inventory._is_plain({"lb_vips": [{"name": vaulted}]}, templar)
    assert _inventory._is_plain({"lb_vips": [{"name": "11.6.1 HF2"}]}, templar)
    assert not _inventory._vault.may_be_vaulted("11.6.1 HF2")


@pytest.mark.parametrize(
    "text", ["{{ x }}", "F{% if true %}5{% endif %}", "{# a note #}KEMP", "#jinja2:trim_blocks:False\n{{ x }}"]
)
def test_a_template_text_is_not_plain(text: str) -> None:
    """The reader asks the templar only about texts holding a brace or starting with a hash: every text the templar
    takes for a template has one, so none of them is read as plain."""
    templar = Templar(loader=DataLoader())
    assert templar.is_possibly_template(text)
    assert not _inventory._is_plain(text, templar)
    assert not _inventory._is_plain({"lb_vips": [{"name": text}]}, templar)


@pytest.mark.parametrize("text", ["F5", "{ not a template }", "# a hash", "11.6.1 {HF2}"])
def test_a_text_without_template_is_plain(text: str) -> None:
    assert _inventory._is_plain(text, Templar(loader=DataLoader()))


def test_a_recursion_error_reads_the_same_wherever_the_limit_is_hit() -> None:
    """The fast read and raw_get must report the same error for a self-referencing template; Python's recursion
    message names where the limit was hit, which differs between the first read (compiling) and the next."""
    texts = {
        _inventory._error_text(RecursionError(f"maximum recursion depth exceeded{where}"))
        for where in ("", " while calling a Python object", " in comparison")
    }
    assert texts == {"RecursionError: maximum recursion depth exceeded"}
