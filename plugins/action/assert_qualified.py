# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Controller-side action of lync.lb_qualification.assert_qualified (documentation: plugins/modules).

A thin adapter: it checks its arguments against the module's documented spec, gathers the topology from the options
or from the inventory (each host's variables read once), and hands plain data to the pure-Python core.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import tempfile
import typing as t

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.action import ActionBase

from ansible_collections.lync.lb_qualification.plugins.modules.assert_qualified import DOCUMENTATION
from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _paths, _vault
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._argspec import spec_from_doc
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._inventory import read_inventory
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset as _dataset
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import engine as _engine
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import (
    inventory_model as _inventory_model,
)
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import sarif as _sarif
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import schemas as _schemas
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import topology as _topology

_SPEC = spec_from_doc(DOCUMENTATION)
# The topology and extra entries are checked by the core against the JSON Schemas, with JSON paths in the messages;
# keeping them out of the argument-spec validator also spares a deep copy of a possibly large structure.
_DATA_OPTIONS = ("load_balancers", "topology", "extra_dataset")
_SMALL_SPEC = {name: spec for name, spec in _SPEC.items() if name not in _DATA_OPTIONS}
_NAME_MAPS = tuple(name for name, spec in _SMALL_SPEC.items() if "options" in spec)


class ActionModule(ActionBase):
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False
    BYPASS_HOST_LOOP = True
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        # The check allocates many small objects; each full collection they trigger would walk the whole inventory,
        # which the worker shares with the controller process (copy-on-write), for no garbage: the check makes no
        # reference cycles worth collecting. benchmarks/NOTES.md has the measurements.
        if multiprocessing.parent_process() is not None:
            # A worker: a fork of the controller, which ends with the task (os._exit: no collection at exit). What it
            # inherited, the whole inventory and the garbage the controller had not yet collected, is left out of the
            # worker's collections, which would walk it for seconds at 50,000 hosts and copy every page they touch.
            gc.freeze()
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(tmp, task_vars)
        finally:
            if collecting:
                gc.enable()

    def _run(self, tmp, task_vars):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        result["changed"] = False  # a check: nothing is changed, in check mode or not
        del tmp

        secrets: set[str] = set()  # decrypted texts of vaulted values: used by the check, never shown
        try:
            args = _vault.reveal(dict(self._task.args), secrets)
            _vault.collect(task_vars, secrets)  # 2.16: arguments and globals templated from vaulted variables
        except Exception as exc:  # pylint: disable=broad-exception-caught  # a wrong or missing vault password
            result.update(
                self._failure(
                    [_topology.InputError("arguments", f"cannot decrypt a vaulted value: {to_native(exc)}")], {}, {}
                )
            )
            return result
        small = {name: value for name, value in args.items() if name in _SMALL_SPEC}
        errors = []
        for name in _NAME_MAPS:  # the validator raises TypeError on a scalar where suboptions are expected
            if small.get(name) is not None and not isinstance(small[name], dict):
                errors.append(
                    _topology.InputError(name, f"expected a mapping, got a {_schemas.json_type(small.pop(name))}")
                )
        validation = ArgumentSpecValidator(_SMALL_SPEC).validate(small)
        errors += [_topology.InputError("arguments", to_native(error)) for error in validation.error_messages]
        errors += [
            _topology.InputError(name, f"unsupported parameter; supported: {', '.join(sorted(_SPEC))}")
            for name in sorted(set(args) - set(_SPEC))
        ]
        params = validation.validated_parameters
        if errors:
            result.update(self._failure(errors, args, params))
            return result
        if not params["quiet"]:
            result["_ansible_verbose_always"] = True

        options, errors = _engine.check_options(
            params["version_policy"], params["skip_rules"], params["severity_overrides"], params["fail_on"]
        )
        extra = args.get("extra_dataset")
        try:
            data = _dataset.with_extra(extra, _paths.resolve_path)
        except (_dataset.DatasetError, _schemas.SchemaUnavailable) as exc:
            errors.append(_topology.InputError("extra_dataset", to_native(exc) + _paths.looked_in(extra)))
            data = None
        try:
            reader: dict[str, t.Any] = {}  # how the inventory was read (inventory mode)
            topology, topology_errors = self._topology(args, params, task_vars, secrets, reader)
        except _schemas.SchemaUnavailable as exc:
            result.update(self._failure([_topology.InputError("controller", to_native(exc))], args, params))
            return result
        errors.extend(topology_errors)

        # The report file always holds the full layout; the task's result holds it with details: full.
        details = "full" if params["report_path"] else params["details"]
        if errors or options is None or topology is None or data is None:
            result.update(self._failure(errors, args, params, reader))
        else:
            result.update(_engine.run(topology, data, options, details, reader))
            warnings = [
                f"{f['rule']} {f['subject']}: {f['message']}" for f in result["findings"] if f["severity"] == "warning"
            ]
            if warnings:
                result["warnings"] = result.get("warnings", []) + warnings

        # One walk: plain values (not Ansible's tagged copies, which cost the controller several objects each) with
        # every vaulted text redacted, for the report file and the task's result alike.
        result.update(
            _vault.plain({key: value for key, value in result.items() if not key.startswith("_ansible")}, secrets)
        )
        if params["report_path"]:
            self._write_report(params["report_path"], result)
        if params["details"] == "compact":
            result.update(_engine.compact(result))
        return result

    def _failure(self, errors, args, params, reader=None) -> dict[str, t.Any]:
        """The result of invalid input: every problem located, no rule run, every documented key present."""
        return _engine.input_failure(
            errors,
            "options" if self._explicit(args) else "inventory",
            params.get("version_policy"),
            params.get("details"),
            reader,
        )

    @staticmethod
    def _explicit(args: dict[str, t.Any]) -> bool:
        return args.get("load_balancers") is not None or args.get("topology") is not None

    def _topology(self, args, params, task_vars, secrets, reader):
        if self._explicit(args):
            missing = [name for name in ("load_balancers", "topology") if args.get(name) is None]
            if missing:
                return None, [
                    _topology.InputError(
                        name, f"explicit mode needs both load_balancers and topology; {name} is missing"
                    )
                    for name in missing
                ]
            return _topology.from_options(args["load_balancers"], args["topology"])
        names = _inventory_model.InventoryNames.with_overrides(params["inventory_groups"], params["inventory_vars"])
        data, errors = read_inventory(task_vars, names, self._templar, secrets=secrets, stats=reader)
        if errors:
            return None, errors
        return _inventory_model.from_inventory(data, names)  # type: ignore[arg-type]  # data is set when errors is empty

    def _write_report(self, path, result):
        """Write the result (JSON, or SARIF for *.sarif) atomically: a temporary file beside ``path``, then a rename.

        A failure (a full disk, a read-only directory) leaves the previous file as it was and fails the task with a
        message that starts with the failure, so a failed run never reads as "Qualified".
        """
        try:
            path = _paths.resolve_path(path)
            payload = {key: value for key, value in result.items() if not key.startswith("_ansible")}
            if path.endswith(".sarif"):
                payload = _sarif.to_sarif(payload)
            directory = os.path.dirname(path)
            os.makedirs(directory, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(payload, stream, indent=2, sort_keys=True, default=str)
                    stream.write("\n")
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(temporary, _new_file_mode(path))
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
            result.update(failed=True, msg=f"cannot write report_path {path!r}: {exc}\n{result.get('msg', '')}")
            return
        result["report_path"] = path


def _new_file_mode(path: str) -> int:
    """The mode a plain open() would give: the existing file's, else 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
