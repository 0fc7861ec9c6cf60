# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""extra_dataset under real ansible-playbook: site-qualified entries from files (YAML, JSON) or lists, through the
module option and the precheck role variable.

One playbook run on a small inventory (a Cisco ACE, which Microsoft's list does not name, and an F5 BIG-IP LTM at
12.1.2, newer than the 11.x Microsoft tested) checks it once per case and writes each result with report_path:

- without extra entries: both load balancers fail;
- a YAML file, a JSON file (a list, or a mapping with ``entries``) and an inline list: both pass, their entries are
  named in the result (``origin``), the context counts them;
- an entry whose tested version does not cover the device: the finding names the extra_dataset file;
- the README's site-qualified.yml example qualifies the F5 declared "BIG-IP LTM": extra entries are matched with the
  aliases of the shipped rows of their vendor and product; a model the entry does not list is not qualified, and
  the finding names the entry it considered;
- text that looks like Jinja in a file stays text (it is never templated), YAML tags are refused (safe loading);
- invalid files and entries: one input error naming the file, the entry and the field;
- the precheck role's ``precheck_extra_dataset``, in a play on localhost.

The collection comes from LBQ_INSTALLED_COLLECTIONS_PATH (set by scripts/test.sh to the installed tarball), else from
a /tmp/vc-style layout of this checkout made for the run.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import typing as t

import pytest
import yaml

from ._support import installed_collections_path

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
MODULE = "lync.lb_qualification.assert_qualified"
CANARY = "{{ 'EVAL' ~ 'UATED' }}"

INVENTORY = {
    "all": {
        "vars": {
            "lync_version": "lync2013",
            "lync_pools": {
                "fe.contoso.com": {"load_balancer": "ace01.contoso.com"},
                "dir.contoso.com": {"load_balancer": "ltm01.contoso.com"},
            },
        },
        "children": {
            "lync_load_balancers": {
                "hosts": {
                    "ace01.contoso.com": {
                        "lb_vendor": "Cisco",
                        "lb_product": "ACE",
                        "lb_model": "4710",
                        "lb_form_factor": "hardware",
                        "lb_version": "5.1",
                        "lb_multiple_vips": True,
                    },
                    # named as administrators write it; the extra entries name it as the list does
                    "ltm01.contoso.com": {
                        "lb_vendor": "F5",
                        "lb_product": "BIG-IP LTM",
                        "lb_form_factor": "hardware",
                        "lb_version": "12.1.2",
                        "lb_multiple_vips": True,
                    },
                }
            },
            "lync_front_end": {
                "hosts": {
                    "fe01.contoso.com": {"lync_pool": "fe.contoso.com"},
                    "fe02.contoso.com": {"lync_pool": "fe.contoso.com"},
                    "fe03.contoso.com": {"lync_pool": "fe.contoso.com"},
                }
            },
            "lync_director": {
                "hosts": {
                    "dir01.contoso.com": {"lync_pool": "dir.contoso.com"},
                    "dir02.contoso.com": {"lync_pool": "dir.contoso.com"},
                }
            },
        },
    }
}
ACE = {
    "id": "site-cisco-ace-4710",
    "vendor": "Cisco",
    "product": "ACE",
    "models": ["4710"],
    "form_factor": "hardware",
    "versions_tested": "5.1",
    "note": "lab-tested in 2015, change CHG-1234",
}
LTM12 = {
    "vendor": "F5 Networks",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "versions_tested": "12.1",
    "guide_title": CANARY,
    "note": "{{ lookup('pipe', 'touch PWNED') }}",
}
LTM13 = {
    "vendor": "F5",
    "product": "BIG-IP Local Traffic Manager",
    "form_factor": "hardware",
    "versions_tested": "13.1",
}

FILES = {
    "site.yml": yaml.safe_dump([ACE, LTM12], sort_keys=False),
    "site.json": json.dumps({"entries": [ACE, LTM12]}),
    "site-list.json": json.dumps([ACE, LTM12]),
    "only13.yml": yaml.safe_dump([{**ACE, "versions_tested": "4.0"}, LTM13], sort_keys=False),
    "missing-field.yml": yaml.safe_dump([ACE, {"vendor": "F5", "product": "BIG-IP LTM", "versions_tested": "12.1"}]),
    "bad-version.yml": yaml.safe_dump([{**ACE, "versions_tested": "five point one"}]),
    "unknown-key.json": json.dumps([{**ACE, "vendors": "Cisco"}]),
    "syntax.yml": "- vendor: Cisco\n  product: [ACE\n",
    "python-tag.yml": "- !!python/object/apply:os.system ['touch PWNED']\n",
    "scalar.yml": "just text\n",
    # README.md's own example, verbatim
    "site-qualified.yml": """\
- vendor: F5
  product: BIG-IP Local Traffic Manager
  form_factor: hardware
  versions_tested: "12.1, 13.1"
  note: Lab-tested for our Lync 2013 pools, change CHG-1234
""",
    "ace-4700.yml": yaml.safe_dump([{**ACE, "models": ["4700"]}], sort_keys=False),
}

# (case name, extra_dataset argument as the task writes it)
CASES: list[tuple[str, t.Any]] = [
    ("none", None),
    ("yaml", "files/site.yml"),
    ("json_entries", "files/site.json"),
    ("json_list", "files/site-list.json"),
    ("inline", [ACE, {k: v for k, v in LTM12.items() if k not in ("guide_title", "note")}]),
    ("only13", "files/only13.yml"),
    ("missing_field", "files/missing-field.yml"),
    ("bad_version", "files/bad-version.yml"),
    ("unknown_key", "files/unknown-key.json"),
    ("syntax", "files/syntax.yml"),
    ("python_tag", "files/python-tag.yml"),
    ("scalar", "files/scalar.yml"),
    ("absent", "files/absent.yml"),
    ("readme", "files/site-qualified.yml"),
    ("other_model", "files/ace-4700.yml"),
]


def _collections_path(scratch: pathlib.Path) -> str:
    return str(installed_collections_path(scratch))


def _playbook(reports: pathlib.Path) -> list[dict[str, t.Any]]:
    tasks = []
    for name, extra in CASES:
        # The load balancers declare no VIPs: VIPS_NOT_DECLARED, which says so, is not what this file tests.
        args: dict[str, t.Any] = {
            "fail_on": "never",
            "report_path": str(reports / f"{name}.json"),
            "skip_rules": ["VIPS_NOT_DECLARED"],
        }
        if extra is not None:
            args["extra_dataset"] = extra
        tasks.append({"name": f"Case {name}", MODULE: args, "ignore_errors": True})
    return [
        {"name": "extra_dataset through the module", "hosts": "localhost", "gather_facts": False, "tasks": tasks},
        {
            "name": "extra_dataset through the precheck role",
            "hosts": "localhost",
            "gather_facts": False,
            "vars": {
                "precheck_extra_dataset": "files/site.yml",
                "precheck_fail_on": "never",
                "precheck_quiet": True,
                "precheck_skip_rules": ["VIPS_NOT_DECLARED"],
                "precheck_report_path": str(reports / "role.json"),
            },
            "roles": [{"role": "lync.lb_qualification.precheck"}],
        },
    ]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, t.Any]]:
    scratch = tmp_path_factory.mktemp("extra-dataset")
    (scratch / "inventory").mkdir()
    (scratch / "inventory" / "hosts.yml").write_text(yaml.safe_dump(INVENTORY), encoding="utf-8")
    (scratch / "play" / "files").mkdir(parents=True)
    for name, text in FILES.items():
        (scratch / "play" / "files" / name).write_text(text, encoding="utf-8")
    reports = scratch / "reports"
    playbook_text = yaml.safe_dump(_playbook(reports), sort_keys=False)
    (scratch / "play" / "site.yml").write_text(playbook_text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_") and key != "PYTHONPATH"}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=_collections_path(scratch),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCAL_TEMP=str(scratch / "tmp"),
        ANSIBLE_RETRY_FILES_ENABLED="false",
        ANSIBLE_DEPRECATION_WARNINGS="false",
    )
    done = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", str(scratch / "inventory"), "site.yml"],
        cwd=scratch / "play",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert not (scratch / "play" / "PWNED").exists() and not pathlib.Path("PWNED").exists()
    found = {}
    for name in [case for case, _expected in CASES] + ["role"]:
        path = reports / f"{name}.json"
        assert path.is_file(), f"case {name} wrote no report:\n{done.stdout[-3000:]}"
        found[name] = json.loads(path.read_text(encoding="utf-8"))
    found["_output"] = {"stdout": done.stdout}
    return found


def _rules(result: dict[str, t.Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["subject"]) for f in result["findings"])


def test_without_extra_entries_both_load_balancers_fail(results: dict[str, t.Any]) -> None:
    assert _rules(results["none"]) == [
        ("LB_NOT_QUALIFIED", "ace01.contoso.com"),
        ("LB_VERSION_NOT_TESTED", "ltm01.contoso.com"),
    ]
    assert results["none"]["context"]["extra_entries"] == 0


@pytest.mark.parametrize("case", ["yaml", "json_entries", "json_list", "inline", "role"])
def test_extra_entries_qualify_site_devices(results: dict[str, t.Any], case: str) -> None:
    result = results[case]
    assert result["qualified"] is True and result["findings"] == [], result["msg"]
    assert result["input_errors"] == []
    assert result["context"]["extra_entries"] == 2
    ace = result["load_balancers"]["ace01.contoso.com"]["entry"]
    ltm = result["load_balancers"]["ltm01.contoso.com"]["entry"]
    assert ace["origin"] != "seed" and ltm["origin"] != "seed"
    assert ace["id"] == "site-cisco-ace-4710" and ace["note"].startswith("lab-tested")
    assert ltm["vendor"] == "F5"  # an alias of a vendor on the list resolves to it
    if case in ("yaml", "json_entries", "json_list", "role"):
        assert ace["origin"].startswith("extra:site")


@pytest.mark.parametrize("case", ["yaml", "json_entries", "role"])
def test_file_entries_are_never_templated(results: dict[str, t.Any], case: str) -> None:
    ltm = results[case]["load_balancers"]["ltm01.contoso.com"]["entry"]
    assert ltm["guide_title"] == CANARY
    assert ltm["note"] == LTM12["note"]
    assert "EVALUATED" not in json.dumps(results[case])


def _message(result: dict[str, t.Any], subject: str) -> str:
    return next(f["message"] for f in result["findings"] if f["subject"] == subject)


def test_findings_against_an_extra_entry_say_so(results: dict[str, t.Any]) -> None:
    result = results["only13"]
    assert _rules(result) == [
        ("LB_VERSION_NOT_TESTED", "ace01.contoso.com"),
        ("LB_VERSION_NOT_TESTED", "ltm01.contoso.com"),
    ]
    message = _message(result, "ace01.contoso.com")
    assert "extra_dataset only13.yml" in message and "4.0" in message, message


def test_a_finding_names_every_matching_entry(results: dict[str, t.Any]) -> None:
    message = _message(results["only13"], "ltm01.contoso.com")
    assert "only13.yml" in message and "13.1" in message, message
    assert "F5 BIG-IP Local Traffic Manager (hardware): 11.x" in message, message


def test_the_readme_example_applies_to_big_ip_ltm(results: dict[str, t.Any]) -> None:
    result = results["readme"]
    assert _rules(result) == [("LB_NOT_QUALIFIED", "ace01.contoso.com")]
    ltm = result["load_balancers"]["ltm01.contoso.com"]
    assert ltm["qualified"] is True
    assert (ltm["entry"]["origin"], ltm["entry"]["list"]) == ("extra:site-qualified.yml", "extra")
    assert ltm["entry"]["note"] == "Lab-tested for our Lync 2013 pools, change CHG-1234"


def test_a_model_the_entry_does_not_list_is_not_qualified_and_named(results: dict[str, t.Any]) -> None:
    result = results["other_model"]
    assert ("LB_NOT_QUALIFIED", "ace01.contoso.com") in _rules(result)
    message = _message(result, "ace01.contoso.com")
    assert "Cisco ACE 4700 (hardware, from extra_dataset ace-4700.yml)" in message, message


@pytest.mark.parametrize(
    ("case", "needles"),
    [
        ("missing_field", ["missing-field.yml", "$[1]", "form_factor"]),
        ("bad_version", ["bad-version.yml", "$[0].versions_tested", "five point one"]),
        ("unknown_key", ["unknown-key.json", "$[0]", "vendors"]),
        ("syntax", ["syntax.yml", "cannot parse"]),
        ("python_tag", ["python-tag.yml", "cannot parse"]),
        ("scalar", ["scalar.yml", "expected a list of entries"]),
        ("absent", ["absent.yml", "cannot read"]),
    ],
)
def test_invalid_files_are_input_errors_naming_file_entry_and_field(
    results: dict[str, t.Any], case: str, needles: list[str]
) -> None:
    result = results[case]
    assert result["failed"] is True and result["qualified"] is False
    assert [error["path"] for error in result["input_errors"]] == ["extra_dataset"], result["msg"]
    message = result["input_errors"][0]["message"]
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
