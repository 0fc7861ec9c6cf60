# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The files assert_qualified reads and writes: report_path written atomically, relative paths taken from the
directory ansible-playbook was started from, and every place looked named when extra_dataset is not found."""

from __future__ import annotations

import copy
import errno
import json
import os
import pathlib
import typing as t

import pytest

from ansible_collections.lync.lb_qualification.plugins.action import assert_qualified
from ansible_collections.lync.lb_qualification.tests.unit.plugins.action.test_assert_qualified import LTM, action

QUALIFIED = {
    "lync_version": "lync2013",
    "pools": {"pool01.contoso.com": {"role": "front_end", "servers": ["fe01", "fe02"], "load_balancer": "ltm01"}},
}
ACE = {"vendor": "Cisco", "product": "ACE", "model": "4710", "form_factor": "hardware", "version": "5.1"}
ACE_ENTRY = "- {vendor: Cisco, product: ACE, models: ['4710'], form_factor: hardware, versions_tested: '5.1'}\n"


def run(args: dict[str, t.Any]) -> dict[str, t.Any]:
    module = action(args)
    # The loader's base directory stands for the playbook's directory: relative paths must not resolve there.
    module._loader.set_basedir("/nonexistent-playbook-dir")
    return module.run(task_vars={})


def qualified(**options: t.Any) -> dict[str, t.Any]:
    return {"load_balancers": {"ltm01": dict(LTM)}, "topology": copy.deepcopy(QUALIFIED), **options}


def ace(**options: t.Any) -> dict[str, t.Any]:
    topology = copy.deepcopy(QUALIFIED)
    topology["pools"]["pool01.contoso.com"]["load_balancer"] = "ace"
    return {"load_balancers": {"ace": dict(ACE)}, "topology": topology, **options}


# --- atomic write -------------------------------------------------------------------------------------------------


def _failing_dump(real: t.Callable[..., None]) -> t.Callable[..., None]:
    """json.dump that writes part of the document, then fails as a full disk does."""

    def dump(payload: t.Any, stream: t.Any, **kwargs: t.Any) -> None:
        stream.write(json.dumps(payload, **kwargs)[:40])
        stream.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    return dump


@pytest.mark.parametrize("name", ["lbq.json", "lbq.sarif"])
def test_a_failed_write_keeps_the_previous_report(
    name: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / name
    first = run(qualified(report_path=str(report)))
    assert first["failed"] is False and first["report_path"] == str(report)
    good = report.read_text(encoding="utf-8")
    json.loads(good)

    monkeypatch.setattr(assert_qualified.json, "dump", _failing_dump(json.dump))
    second = run(qualified(report_path=str(report)))
    assert second["failed"] is True
    assert second["msg"].startswith(f"cannot write report_path {str(report)!r}: [Errno {errno.ENOSPC}]")
    assert not second["msg"].startswith("Qualified")
    assert "report_path" not in second
    assert report.read_text(encoding="utf-8") == good  # the previous report, intact
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left behind


def test_the_report_replaces_the_previous_one_and_keeps_its_mode(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "lbq.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    result = run(qualified(report_path=str(report)))
    assert json.loads(report.read_text(encoding="utf-8"))["qualified"] is True
    assert result["report_path"] == str(report)
    assert report.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lbq.json"]


def test_a_new_report_gets_the_usual_mode(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "lbq.json"
    run(qualified(report_path=str(report)))
    umask = os.umask(0)
    os.umask(umask)
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_unwritable_report_fails_a_qualified_run_without_reading_qualified(tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = run(qualified(report_path=str(blocker / "lbq.json")))
    assert result["qualified"] is True and result["failed"] is True
    first, rest = result["msg"].split("\n", 1)
    assert first.startswith("cannot write report_path")
    assert rest.startswith("Qualified:")


# --- relative paths ------------------------------------------------------------------------------------------------


def test_relative_report_path_resolves_against_the_working_directory(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(qualified(report_path="out/lbq.json"))
    assert result["report_path"] == str(tmp_path / "out" / "lbq.json")
    assert (tmp_path / "out" / "lbq.json").is_file()


def test_the_report_file_holds_the_full_layout_whatever_details_says(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "result.json"
    result = run(qualified(report_path=str(report)))
    written = json.loads(report.read_text(encoding="utf-8"))
    full = run(qualified(details="full"))
    assert result["details"] == "compact" and set(result["load_balancers"]["ltm01"]) == {"qualified", "version_verdict"}
    assert written["details"] == "full"
    assert written["load_balancers"] == full["load_balancers"] and written["pools"] == full["pools"]
    assert written["pools"]["pool01.contoso.com"]["sides"][0]["load_balancer"] == "ltm01"


def test_relative_extra_dataset_resolves_against_the_working_directory(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "qualified.yml").write_text(ACE_ENTRY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(ace(extra_dataset="site/qualified.yml", details="full"))
    assert result["failed"] is False, result["msg"]
    assert result["load_balancers"]["ace"]["entry"]["origin"] == "extra:qualified.yml"


def test_a_missing_relative_extra_dataset_names_every_place_looked(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(ace(extra_dataset="site/qualified.yml"))
    assert result["failed"] is True
    (error,) = result["input_errors"]
    assert error["path"] == "extra_dataset"
    assert f"looked in: {tmp_path / 'site' / 'qualified.yml'}" in error["message"]
    assert f"started from, {tmp_path}" in error["message"]
    assert "playbook_dir" in error["message"]


def test_a_missing_absolute_extra_dataset_names_the_path(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.yml"
    result = run(ace(extra_dataset=str(missing)))
    (error,) = result["input_errors"]
    assert f"(looked in: {missing})" in error["message"]
    assert "started from" not in error["message"]
