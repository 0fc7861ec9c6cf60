# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Variables are read where Ansible would find them: real ansible-playbook runs on inventories laid out the way
administrators lay them out (group_vars of one group, host_vars, INI host lines, vaulted values, several -i sources).

Each case writes an inventory, runs assert_qualified in inventory mode from a play on localhost (never the hosts
themselves) with report_path, and reads the JSON report; vaulted cases also read the SARIF report and the output.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import textwrap
import typing as t

import pytest

from ._support import ROOT, installed_collections_path

# These inventories declare no VIPs (what they test is where variables are read): VIPS_NOT_DECLARED is left out.
PLAY = """\
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Check the layout
      lync.lb_qualification.assert_qualified:
        fail_on: never
        skip_rules: [VIPS_NOT_DECLARED]
        report_path: "{{ report }}"
"""
HOSTS = """\
all:
  children:
    lync_load_balancers:
      hosts:
        ltm01.contoso.com: {lb_vendor: F5, lb_product: BIG-IP LTM, lb_form_factor: hardware,
                            lb_version: "11.6.1 HF2", lb_multiple_vips: true}
    lync_front_end:
      hosts:
        fe01.contoso.com: {lync_pool: pool01.contoso.com}
        fe02.contoso.com: {lync_pool: pool01.contoso.com}
        fe03.contoso.com: {lync_pool: pool01.contoso.com}
    lync_director:
      hosts:
        dir01.contoso.com: {lync_pool: dirpool.contoso.com}
        dir02.contoso.com: {lync_pool: dirpool.contoso.com}
"""
POOLS = """\
lync_pools:
  pool01.contoso.com: {load_balancer: ltm01.contoso.com}
  dirpool.contoso.com: {load_balancer: ltm01.contoso.com}
"""


@pytest.fixture(scope="module")
def collections(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return installed_collections_path(tmp_path_factory.mktemp("installed"))


def _write(root: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _run(
    tmp_path: pathlib.Path,
    collections: pathlib.Path,
    files: dict[str, str],
    *args: str,
    python: str = sys.executable,
    report: str = "report.json",
    play: str = PLAY,
) -> tuple[subprocess.CompletedProcess[str], dict[str, t.Any] | None]:
    _write(tmp_path, {"play.yml": play, **files})
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_") and key != "PYTHONPATH"}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(collections),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
    )
    done = subprocess.run(
        [python, "-m", "ansible", "playbook", "play.yml", *args, "-e", f"report={report}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    path = tmp_path / report
    result = json.loads(path.read_text(encoding="utf-8")) if path.is_file() and report.endswith(".json") else None
    return done, result


def _rules(result: dict[str, t.Any]) -> set[str]:
    return {finding["rule"] for finding in result["findings"]}


def test_lync_pools_only_in_the_director_group_vars(tmp_path: pathlib.Path, collections: pathlib.Path) -> None:
    """lync_pools and lync_version defined only for the Directors: read from them, not treated as empty."""
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.yml": HOSTS,
            "inv/group_vars/lync_director.yml": POOLS + "lync_version: lync2013\n",
        },
        "-i",
        "inv",
    )
    assert result is not None, done.stdout + done.stderr
    assert result["input_errors"] == []
    assert _rules(result) == set(), result["findings"]
    assert result["qualified"] is True
    assert result["pools"]["pool01.contoso.com"]["members_of"] == {"load_balancer": ["ltm01.contoso.com"]}


def test_lync_pools_split_across_groups_are_merged(tmp_path: pathlib.Path, collections: pathlib.Path) -> None:
    """Each group declares its own pool; the check sees both (merged by pool FQDN, case-insensitively)."""
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.yml": HOSTS,
            "inv/group_vars/all.yml": "lync_version: lync2013\n",
            "inv/group_vars/lync_front_end.yml": "lync_pools:\n  POOL01.contoso.com: {load_balancer: LTM01.contoso.com}\n",
            "inv/group_vars/lync_director.yml": "lync_pools:\n  dirpool.contoso.com: {load_balancer: ltm01.contoso.com}\n",
        },
        "-i",
        "inv",
    )
    assert result is not None, done.stdout + done.stderr
    assert result["input_errors"] == []
    assert _rules(result) == set(), result["findings"]


def test_conflicting_pool_settings_name_both_hosts(tmp_path: pathlib.Path, collections: pathlib.Path) -> None:
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.yml": HOSTS,
            "inv/group_vars/all.yml": "lync_version: lync2013\n" + POOLS,
            "inv/host_vars/dir02.contoso.com.yml": "lync_pools:\n  DirPool.contoso.com: {load_balancing: dns}\n"
            "lync_version: lync2010\n",
        },
        "-i",
        "inv",
    )
    assert result is not None, done.stdout + done.stderr
    assert result["failed"] is True
    messages = {error["path"]: error["message"] for error in result["input_errors"]}
    assert "dir02.contoso.com" in messages["lync_pools['DirPool.contoso.com']"], messages
    assert "different settings for pool 'dirpool.contoso.com'" in messages["lync_pools['DirPool.contoso.com']"]
    assert "dir02.contoso.com" in messages["lync_version"] and "'lync2010'" in messages["lync_version"]
    assert "Qualified" not in result["msg"]


def test_load_balancers_without_lync_pools_anywhere(tmp_path: pathlib.Path, collections: pathlib.Path) -> None:
    done, result = _run(
        tmp_path,
        collections,
        {"inv/hosts.yml": HOSTS, "inv/group_vars/all.yml": "lync_version: lync2013\n"},
        "-i",
        "inv",
    )
    assert result is not None, done.stdout + done.stderr
    assert [error["path"] for error in result["input_errors"]] == ["lync_pools"]
    assert _rules(result) == set()


def test_shared_group_vars_across_site_inventories(tmp_path: pathlib.Path, collections: pathlib.Path) -> None:
    """A lync_pools that also describes another site's pool: POOL_WITHOUT_SERVERS (info), the verdict holds."""
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.yml": HOSTS,
            "inv/group_vars/all.yml": "lync_version: lync2013\n"
            + POOLS
            + "  pool01.fabrikam.com: {load_balancer: [ltm01.fabrikam.com, ltm02.fabrikam.com]}\n",
        },
        "-i",
        "inv",
    )
    assert result is not None, done.stdout + done.stderr
    assert result["input_errors"] == []
    assert [(f["rule"], f["severity"], f["subject"]) for f in result["findings"]] == [
        ("POOL_WITHOUT_SERVERS", "info", "pool01.fabrikam.com")
    ]
    assert result["qualified"] is True and done.returncode == 0


INI = """\
[lync_load_balancers]
ltm01.contoso.com lb_vendor=F5 lb_product="BIG-IP LTM" lb_form_factor=hardware lb_multiple_vips=true {version}

[lync_front_end]
fe01.contoso.com lync_pool=pool01.contoso.com
fe02.contoso.com lync_pool=pool01.contoso.com
fe03.contoso.com lync_pool=pool01.contoso.com
{group_vars}
[all:vars]
lync_version=lync2013
"""
INI_POOLS = "lync_pools:\n  pool01.contoso.com: {load_balancer: ltm01.contoso.com}\n"


@pytest.mark.parametrize(
    ("version", "group_vars", "text"),
    [
        pytest.param("lb_version='\"11.6\"'", "", True, id="host-line-quoted-twice"),
        pytest.param("", '[lync_load_balancers:vars]\nlb_version="11.6"\n', True, id="group-vars-section-quoted"),
        pytest.param("", "[lync_load_balancers:vars]\nlb_version=11.6\n", False, id="group-vars-section-bare"),
        pytest.param('lb_version="11.6"', "", False, id="host-line-double-quotes-consumed"),
        pytest.param("lb_version=11.6", "", False, id="host-line-bare"),
    ],
)
def test_ini_version_forms(
    tmp_path: pathlib.Path, collections: pathlib.Path, version: str, group_vars: str, text: bool
) -> None:
    """On an INI host line the quotes are consumed and 11.6 arrives as a number; the error gives the forms that work."""
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.ini": INI.format(version=version, group_vars=group_vars),
            "inv/group_vars/all.yml": INI_POOLS,
        },
        "-i",
        "inv/hosts.ini",
    )
    assert result is not None, done.stdout + done.stderr
    if text:
        assert result["input_errors"] == [] and result["qualified"] is True, result["input_errors"]
        assert result["load_balancers"]["ltm01.contoso.com"]["version"] == "11.6"
    else:
        (error,) = result["input_errors"]
        assert error["path"] == "hostvars['ltm01.contoso.com'].lb_version"
        assert "arrived as the number 11.6" in error["message"]
        assert "lb_version='\"10.5\"'" in error["message"]
        assert '[group:vars] section write lb_version="10.5"' in error["message"]


VAULT_PASSWORD = "correct horse battery staple"


def _vaulted(python: str, tmp_path: pathlib.Path, text: str, name: str = "lb_version") -> str:
    (tmp_path / "vault-pass").write_text(VAULT_PASSWORD + "\n", encoding="utf-8")
    done = subprocess.run(
        [
            python,
            "-m",
            "ansible",
            "vault",
            "encrypt_string",
            "--vault-password-file",
            str(tmp_path / "vault-pass"),
            text,
            "--name",
            name,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    return done.stdout


CORES = {"2.19": sys.executable, "2.16": str(ROOT / ".venv-core216" / "bin" / "python")}


@pytest.mark.parametrize("core", sorted(CORES))
@pytest.mark.parametrize(("version", "qualified"), [("11.6.1 HF2", True), ("10.2.4", False)])
@pytest.mark.parametrize("form", ["vaulted", "templated"])
def test_vaulted_version_is_used_and_never_shown(
    tmp_path: pathlib.Path, collections: pathlib.Path, core: str, version: str, qualified: bool, form: str
) -> None:
    """``templated``: lb_version is a template naming a vaulted variable (ansible-core 2.16 templates it into plain
    text, which no longer says it came from the vault)."""
    python = CORES[core]
    if not os.path.exists(python):
        pytest.skip(f"ansible-core {core} is not installed here (scripts/test.sh creates .venv-core216)")
    if form == "vaulted":
        vaulted = _vaulted(python, tmp_path, version)
    else:
        vaulted = _vaulted(python, tmp_path, version, "secret_version") + 'lb_version: "{{ secret_version }}"\n'
    files = {
        "inv/hosts.yml": HOSTS.replace('lb_version: "11.6.1 HF2", ', ""),
        "inv/host_vars/ltm01.contoso.com.yml": vaulted,
        "inv/group_vars/all.yml": "lync_version: lync2013\n" + POOLS,
    }
    for report in ("report.json", "report.sarif"):
        done, result = _run(
            tmp_path,
            collections,
            files,
            "-i",
            "inv",
            "--vault-password-file",
            "vault-pass",
            "-v",
            python=python,
            report=report,
        )
        written = (tmp_path / report).read_text(encoding="utf-8")
        assert version not in done.stdout + done.stderr + written, "the decrypted version was shown"
        assert done.returncode == 0, done.stdout + done.stderr
        assert "<vaulted>" in written or (report.endswith(".sarif") and qualified)
    result = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert result["input_errors"] == [], result["input_errors"]
    assert result["qualified"] is qualified
    assert result["load_balancers"]["ltm01.contoso.com"]["version"] == "<vaulted>"
    if not qualified:
        assert _rules(result) == {"LB_VERSION_NOT_TESTED"}
        assert "<vaulted>" in result["findings"][0]["message"]


EXPLICIT_PLAY = """\
- hosts: localhost
  gather_facts: false
  vars_files: [vault.yml]
  tasks:
    - name: Check the layout given as options
      lync.lb_qualification.assert_qualified:
        fail_on: never
        skip_rules: [VIPS_NOT_DECLARED]
        report_path: "{{ report }}"
        load_balancers:
          ltm01: {vendor: F5, product: BIG-IP LTM, form_factor: hardware, version: "{{ lb_version }}"}
        topology:
          lync_version: lync2013
          pools:
            pool01.contoso.com: {role: front_end, servers: [fe01, fe02, fe03], load_balancer: ltm01}
"""


@pytest.mark.parametrize("core", sorted(CORES))
def test_vaulted_value_in_explicit_mode(tmp_path: pathlib.Path, collections: pathlib.Path, core: str) -> None:
    python = CORES[core]
    if not os.path.exists(python):
        pytest.skip(f"ansible-core {core} is not installed here (scripts/test.sh creates .venv-core216)")
    (tmp_path / "vault.yml").write_text(_vaulted(python, tmp_path, "10.2.4"), encoding="utf-8")
    done, result = _run(
        tmp_path,
        collections,
        {},
        "-i",
        "localhost,",
        "--vault-password-file",
        "vault-pass",
        python=python,
        play=EXPLICIT_PLAY,
    )
    assert result is not None, done.stdout + done.stderr
    assert "10.2.4" not in done.stdout + done.stderr + (tmp_path / "report.json").read_text(encoding="utf-8")
    assert result["input_errors"] == [], result["input_errors"]
    assert [f["rule"] for f in result["findings"]] == ["LB_VERSION_NOT_TESTED"]
    assert "<vaulted>" in result["findings"][0]["message"]


LOOKUP_PLAY = """\
- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  vars_files: [vault.yml]
  tasks:
    - name: The lookup takes a vaulted version
      ansible.builtin.set_fact:
        found: "{{ query('lync.lb_qualification.qualified_lb', vendor='F5', form_factor='hardware',
                         version=lb_version) | map(attribute='id') | list }}"
    - name: Show what was found
      ansible.builtin.copy:
        content: "{{ found | to_json }}"
        dest: "{{ report }}"
    - name: An unreadable vaulted version fails without showing it
      ansible.builtin.debug:
        msg: "{{ query('lync.lb_qualification.qualified_lb', vendor='F5', version=bad_version) }}"
"""


@pytest.mark.parametrize("core", sorted(CORES))
def test_vaulted_filter_in_the_lookup(tmp_path: pathlib.Path, collections: pathlib.Path, core: str) -> None:
    python = CORES[core]
    if not os.path.exists(python):
        pytest.skip(f"ansible-core {core} is not installed here (scripts/test.sh creates .venv-core216)")
    vaults = _vaulted(python, tmp_path, "11.6.1 HF2") + _vaulted(python, tmp_path, "secret-build-7").replace(
        "lb_version:", "bad_version:"
    )
    (tmp_path / "vault.yml").write_text(vaults, encoding="utf-8")
    done, result = _run(
        tmp_path,
        collections,
        {},
        "-i",
        "localhost,",
        "--vault-password-file",
        "vault-pass",
        python=python,
        play=LOOKUP_PLAY,
    )
    assert result is not None and "f5-big-ip-ltm-hw" in result, done.stdout + done.stderr
    assert done.returncode != 0, "the unreadable version must fail the lookup"
    assert "secret-build-7" not in done.stdout + done.stderr
    assert "<vaulted>" in done.stdout + done.stderr


COOKIE_VIPS = """\
lb_vips:
  - name: pool01_web_int
    pool: pool01.contoso.com
    service: web_internal
    ports: [443, 80]
    persistence: cookie
    cookie: {name: MS-WSMAN, http_only: false, expires: false, insert: every_response}
    idle_timeout: 1800
    monitor_port: 5061
"""


@pytest.mark.parametrize("core", sorted(CORES))
def test_a_correct_cookie_from_an_inventory_is_accepted(
    tmp_path: pathlib.Path, collections: pathlib.Path, core: str
) -> None:
    """Texts from an inventory are str subclasses on 2.19: a correct MS-WSMAN cookie must still compare equal."""
    python = CORES[core]
    if not os.path.exists(python):
        pytest.skip(f"ansible-core {core} is not installed here (scripts/test.sh creates .venv-core216)")
    done, result = _run(
        tmp_path,
        collections,
        {
            "inv/hosts.yml": HOSTS,
            "inv/group_vars/all.yml": "lync_version: lync2013\nlync_coexisting_versions: [lync2010]\n" + POOLS,
            "inv/host_vars/ltm01.contoso.com.yml": COOKIE_VIPS,
        },
        "-i",
        "inv",
        python=python,
    )
    assert result is not None, done.stdout + done.stderr
    assert result["input_errors"] == []
    rules = {finding["rule"] for finding in result["findings"]}
    assert not rules & {"WEB_VIP_COOKIE", "WEB_VIP_PERSISTENCE"}, result["findings"]
    assert "VIP_PORTS_MISSING" in rules, "the other VIPs of the pool are missing: the VIP rules did run"
