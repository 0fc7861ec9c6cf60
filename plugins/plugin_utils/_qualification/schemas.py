# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""JSON Schema validation of the dataset and of declared topologies.

PRIVATE to the collection. No Ansible import. ``jsonschema`` is imported on first use, so that the plugins can be
imported (and documented) where it is not installed; using them then gives a clear error.

The schemas live in ``schemas/`` at the collection root. Each validator is built once per process, with a
``referencing`` registry so that ``$ref`` between our schema files resolves offline.
"""

from __future__ import annotations

import functools
import json
import re
import typing as t
import urllib.parse
from dataclasses import dataclass

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import collection

SCHEMA_DIR = collection.ROOT / "schemas"

# A name used by the core -> (schema file, JSON pointer inside it).
SCHEMAS = {
    "dataset": ("qualified_load_balancers.schema.json", ""),
    "dataset_entry": ("qualified_load_balancers.schema.json", "/$defs/extra_entry"),
    "topology": ("topology.schema.json", ""),
    "vips": ("vips.schema.json", ""),
    "lb_requirements": ("lb_requirements.schema.json", ""),
}

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SchemaUnavailable(RuntimeError):
    """jsonschema is missing or a shipped schema cannot be read (an installation problem, not bad input)."""


@dataclass(frozen=True)
class SchemaIssue:
    """One schema violation: where (JSON path), what, and the failing value."""

    path: str
    message: str
    validator: str
    instance: t.Any
    path_parts: tuple[t.Any, ...]


# The keywords whose failure says a value has the wrong type (an anyOf here is a choice between types).
TYPE_KEYWORDS = ("type", "anyOf")
_KEY_LIMIT = 120  # characters of a key shown in a path; a longer key is shortened, its length said


def json_path(parts: t.Iterable[t.Any], root: str = "$") -> str:
    """``('pools', 'p1.contoso.com', 'servers', 0)`` -> ``$.pools['p1.contoso.com'].servers[0]``."""
    out = root
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(str(part)) and len(str(part)) <= _KEY_LIMIT:
            out += f".{part}"
        else:
            out += "[" + short_key(part) + "]"
    return out


def short_key(key: t.Any) -> str:
    """A mapping key as a path or a message shows it: repr(), shortened past _KEY_LIMIT characters."""
    text = str(key)
    if len(text) <= _KEY_LIMIT:
        return repr(text)
    return repr(text[: _KEY_LIMIT - 20]) + f"...({len(text)} characters)"


MAX_DEPTH = 32  # levels of nesting any valid input stays far below (a VIP's cookie is at depth 5)


def too_deep(document: t.Any, limit: int = MAX_DEPTH) -> list[tuple[tuple[t.Any, ...], str]]:
    """Where ``document`` nests deeper than ``limit`` levels, or holds itself: (path, what), [] when neither.

    jsonschema and the message formatting recurse: a value nested thousands deep would raise RecursionError, a
    cycle ValueError. Such a subtree is reported here, and the caller validates the rest without it.
    """
    if not isinstance(document, (dict, list)) or _within(document, limit):
        return []
    problems: list[tuple[tuple[t.Any, ...], str]] = []
    # Depth first; an entry is (node, its parent's entry, its key, depth), so that a path is only built when reported.
    # A node's id is on ``ancestors`` while its subtree is walked (the None entry below it takes it off).
    ancestors: set[int] = set()
    stack: list[t.Any] = [(document, None, None, 0)]

    def path_of(entry: t.Any) -> tuple[t.Any, ...]:
        keys = []
        while entry[1] is not None:
            keys.append(entry[2])
            entry = entry[1]
        return tuple(reversed(keys))

    while stack:
        entry = stack.pop()
        node = entry[0]
        if entry[3] is None:  # the end of a subtree
            ancestors.discard(id(node))
            continue
        if id(node) in ancestors:
            problems.append((path_of(entry), "holds itself (a reference cycle): give a plain value"))
            continue
        if entry[3] >= limit:
            problems.append((path_of(entry), f"is nested more than {limit} levels deep: no valid value is"))
            continue
        ancestors.add(id(node))
        stack.append((node, None, None, None))
        depth = entry[3] + 1
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((value, entry, key, depth) for key, value in items if isinstance(value, (dict, list)))
    return problems


def _within(node: dict[t.Any, t.Any] | list[t.Any], levels: int) -> bool:
    """``node`` nests at most ``levels`` levels deep (a cycle never does): the common case, answered without the
    bookkeeping that locating a problem needs."""
    if levels <= 0:
        return False
    for value in node.values() if isinstance(node, dict) else node:
        if isinstance(value, (dict, list)) and not _within(value, levels - 1):
            return False
    return True


def without(document: t.Any, paths: t.Collection[tuple[t.Any, ...]]) -> t.Any:
    """A copy of ``document`` along ``paths`` (the rest shared, not copied) with the values at ``paths`` set to None."""
    if () in paths:
        return None
    heads: dict[t.Any, list[tuple[t.Any, ...]]] = {}
    for path in paths:
        heads.setdefault(path[0], []).append(path[1:])
    copy: dict[t.Any, t.Any] | list[t.Any]
    if isinstance(document, dict):
        copy = dict(document)
    else:
        copy = list(document)
    for key, rests in heads.items():
        copy[key] = without(document[key], rests)
    return copy


def _documents() -> dict[str, t.Any]:
    """The shipped schema files, file name -> parsed document."""
    documents = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        try:
            documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SchemaUnavailable(f"cannot read shipped schema '{path}': {exc}") from None
    return documents


@functools.cache
def _validator(name: str) -> t.Any:
    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError as exc:  # pragma: no cover - exercised only without the dependency
        raise SchemaUnavailable(
            f"the Python library jsonschema (>= 4.18) is required on the controller: {exc}. "
            "Install it with 'pip install -r requirements.txt' from the collection."
        ) from None
    file_name, pointer = SCHEMAS[name]
    documents = _documents()
    registry: t.Any = Registry().with_resources(
        (document.get("$id", file_name_), Resource.from_contents(document))
        for file_name_, document in documents.items()
    )
    document = documents[file_name]
    schema = _resolve_pointer(document, pointer) if pointer else document
    cls = jsonschema.validators.validator_for(document)
    # Local $refs inlined once: resolving them for every one of 10,000 server names doubled the check's time.
    return cls(_inline_local_refs(schema, document), registry=registry)


def _resolve_pointer(document: dict[str, t.Any], pointer: str) -> t.Any:
    node: t.Any = document
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node


def _inline_local_refs(node: t.Any, document: dict[str, t.Any]) -> t.Any:
    """``node`` with every ``{"$ref": "#/..."}`` replaced by what it points to (our schemas have no cycles)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            rest = {key: value for key, value in node.items() if key != "$ref"}
            target = _inline_local_refs(_resolve_pointer(document, ref[1:]), document)
            return {**target, **_inline_local_refs(rest, document)} if rest else target
        return {key: _inline_local_refs(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_local_refs(value, document) for value in node]
    return node


def validate_instance(name: str, instance: t.Any, root: str = "$") -> list[SchemaIssue]:
    """Every violation of schema ``name`` by ``instance``, sorted by location; [] when valid.

    A valid instance is recognised by :func:`_conforms` (plain Python compiled from the same schema, no jsonschema);
    only an instance it cannot prove valid goes through jsonschema, which finds and describes the violations.
    """
    if _conformance(name)(instance):
        return []
    validator = _validator(name)
    # One issue per (JSON path, keyword, what the keyword is about): the branches of an anyOf may fail alike.
    issues: dict[tuple[str, str, str], SchemaIssue] = {}
    for error in validator.iter_errors(instance):
        for leaf in _leaves(error):
            parts = tuple(leaf.absolute_path)
            if "propertyNames" in leaf.absolute_schema_path:
                parts += (leaf.instance,)  # a bad key: locate the key itself, not the mapping holding it
            path, keyword = json_path(parts, root), str(leaf.validator)
            for subject, message in _violations(leaf):
                issues.setdefault(
                    (path, keyword, subject),
                    SchemaIssue(
                        path=path, message=message, validator=keyword, instance=leaf.instance, path_parts=parts
                    ),
                )
    # A value of the wrong type also fails its enum or pattern: say it once, as the type.
    typed = {i.path for i in issues.values() if i.validator in TYPE_KEYWORDS}
    unique = [i for i in issues.values() if i.path not in typed or i.validator in TYPE_KEYWORDS]
    return sorted(unique, key=lambda i: (i.path, i.message))


def _violations(error: t.Any) -> list[tuple[str, str]]:
    """(subject, message) of each violation ``error`` stands for; the subject tells apart two violations of one keyword
    at one path: the missing key of ``required`` (jsonschema reports each, all alike but for their text), else the
    keyword's argument."""
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [key for key in error.validator_value if key not in error.instance]
        if missing:
            return [(repr(key), f"missing required key {key!r}") for key in missing]
    return [(repr(error.validator_value), _describe(error))]


# ------------------------------------------------------------------------------------------------------------------
# The fast proof of validity. jsonschema takes about 0.2 s to validate the document of a 10,000-host inventory (most of
# it in its per-keyword machinery); the same keywords as plain Python closures take a tenth of that. The closures are
# compiled from the shipped schema, so the schema stays the one description of the model. They are conservative: they
# answer True only when jsonschema would find no violation; anything they do not know (a keyword, a float where an
# integer is expected, an enum of non-strings) answers False, and jsonschema decides. tests/unit compare both.

_Check = t.Callable[[t.Any], bool]
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ANNOTATIONS = frozenset(
    (
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "format",
        "deprecated",
        "readOnly",
        "writeOnly",
    )
)
_TYPES: dict[str, _Check] = {
    "string": lambda value: isinstance(value, str),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
}


def _never(_value: t.Any) -> bool:
    return False


@functools.cache
def _conformance(name: str) -> _Check:
    """The fast proof for schema ``name`` (see above); jsonschema alone when the schema cannot be read."""
    try:
        documents = _documents()
    except SchemaUnavailable:
        return _never  # _validator reports the problem
    by_id = {document.get("$id", file_name): document for file_name, document in documents.items()}
    file_name, pointer = SCHEMAS[name]
    document = documents[file_name]
    if any(other.get("$schema") != _DRAFT for other in documents.values()):
        return _never  # the closures follow draft 2020-12
    return _Compiler(by_id).compile(_resolve_pointer(document, pointer) if pointer else document, document)


class _Compiler:
    """Schema node -> closure. Objects, arrays and strings get one closure each with plain loops (no generator per
    value): the proof walks every server name of the inventory."""

    def __init__(self, by_id: dict[str, t.Any]) -> None:
        self.by_id = by_id
        self.refs: dict[tuple[int, str], _Check | None] = {}

    def ref(self, ref: str, document: t.Any) -> _Check:
        base, _hash, fragment = ref.partition("#")
        target_document = self.by_id.get(urllib.parse.urljoin(document.get("$id", ""), base)) if base else document
        if target_document is None or (fragment and not fragment.startswith("/")):
            return _never
        key = (id(target_document), fragment)
        if key not in self.refs:
            self.refs[key] = None  # being compiled: a cycle (none in our schemas) is resolved when called
            node = _resolve_pointer(target_document, fragment) if fragment else target_document
            self.refs[key] = self.compile(node, target_document)
        compiled = self.refs[key]
        if compiled is not None:
            return compiled
        refs = self.refs

        def later(value: t.Any) -> bool:  # a cycle: compiled once the outer call has finished
            return (refs[key] or _never)(value)

        return later

    def compile(self, node: t.Any, document: t.Any) -> _Check:
        if node is True:
            return _always
        if not isinstance(node, dict):
            return _never
        checks: list[_Check] = []
        for keyword, argument in node.items():
            if keyword in _ANNOTATIONS or keyword in ("properties", "required", "then", "else", "prefixItems"):
                continue  # handled with additionalProperties (_object), if (_conditional) or items
            check = self.keyword(keyword, argument, node, document)
            if check is None:
                return _never
            checks.append(check)
        if ("properties" in node or "required" in node) and "additionalProperties" not in node:
            checks.append(self._object(node, document))
        if "prefixItems" in node and "items" not in node:
            array = self._array(node, document)
            if array is None:
                return _never
            checks.append(array)
        return _all(checks)

    def keyword(self, keyword: str, argument: t.Any, node: dict[str, t.Any], document: t.Any) -> _Check | None:
        """One keyword's check; None for a keyword (or a form of it) not supported."""
        if keyword == "$ref":
            return self.ref(argument, document)
        if keyword == "type":
            return _type(argument, node)
        if keyword in ("enum", "const"):
            allowed = argument if keyword == "enum" else [argument]
            if all(isinstance(item, str) for item in allowed):
                strings = frozenset(allowed)
                return lambda value: isinstance(value, str) and value in strings
            if all(isinstance(item, int) and not isinstance(item, bool) for item in allowed):
                integers = frozenset(allowed)
                return lambda value: isinstance(value, int) and not isinstance(value, bool) and value in integers
            return None
        if keyword == "if":
            return self._conditional(node, document)
        if keyword == "pattern":
            if node.get("type") == "string":
                return _always  # checked with the type (_type)
            search = re.compile(argument).search
            return lambda value: not isinstance(value, str) or search(value) is not None
        if keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
            kind = {"L": str, "I": list, "P": dict}[keyword[3]]
            bound = argument
            if keyword.startswith("min"):
                return lambda value: not isinstance(value, kind) or len(value) >= bound
            return lambda value: not isinstance(value, kind) or len(value) <= bound
        if keyword in ("minimum", "maximum"):
            bound = argument
            numeric = _TYPES["number"]
            if keyword == "minimum":
                return lambda value: not numeric(value) or value >= bound
            return lambda value: not numeric(value) or value <= bound
        if keyword == "additionalProperties":
            return None if "patternProperties" in node else self._object(node, document)
        if keyword == "propertyNames":
            return _each(self.compile(argument, document), dict)  # a mapping's items, to a loop, are its keys
        if keyword == "items":
            if "prefixItems" in node:
                return self._array(node, document)
            return _each(self.compile(argument, document), list)
        if keyword == "uniqueItems":
            if argument is False:
                return _always
            return lambda value: (
                not isinstance(value, list)
                or (all(isinstance(item, str) for item in value) and len(set(value)) == len(value))
            )
        if keyword == "anyOf":
            branches = [self.compile(sub, document) for sub in argument]

            def some(value: t.Any) -> bool:
                for branch in branches:
                    if branch(value):
                        return True
                return False

            return some
        if keyword == "allOf":
            return _all([self.compile(sub, document) for sub in argument])
        return None

    def _array(self, node: dict[str, t.Any], document: t.Any) -> _Check | None:
        """prefixItems (the first items, one schema each) and items (the rest)."""
        if not isinstance(node["prefixItems"], list):
            return None
        prefix = [self.compile(sub, document) for sub in node["prefixItems"]]
        rest = self.compile(node["items"], document) if "items" in node else _always

        def check(value: t.Any) -> bool:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if not (prefix[index] if index < len(prefix) else rest)(item):
                        return False
            return True

        return check

    def _conditional(self, node: dict[str, t.Any], document: t.Any) -> _Check:
        """if / then / else. The proof of then (else) applies when if holds (fails); it can only choose when it can
        decide if exactly (_decide), else both must be proved."""
        then = self.compile(node.get("then", True), document)
        otherwise = self.compile(node.get("else", True), document)
        decide = _decide(node["if"])
        if decide is None:
            return _all([then, otherwise])
        return lambda value: then(value) if decide(value) else otherwise(value)

    def _object(self, node: dict[str, t.Any], document: t.Any) -> _Check:
        """properties, required and additionalProperties in one pass over the mapping."""
        properties = {key: self.compile(sub, document) for key, sub in (node.get("properties") or {}).items()}
        required = tuple(node.get("required") or ())
        extra_schema = node.get("additionalProperties", True)
        extra = None if extra_schema is False else self.compile(extra_schema, document)

        def check(value: t.Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name in required:
                if name not in value:
                    return False
            for key, item in value.items():
                sub = properties.get(key)
                if sub is None:
                    if extra is None or not extra(item):
                        return False
                elif not sub(item):
                    return False
            return True

        return check


def _decide(node: t.Any) -> _Check | None:
    """An exact test (True exactly when jsonschema finds ``node`` valid) for the form an if-schema takes here:
    properties whose values are consts of strings. None for any other form."""
    if not isinstance(node, dict) or set(node) != {"properties"} or not isinstance(node["properties"], dict):
        return None
    consts = {}
    for key, sub in node["properties"].items():
        if not isinstance(sub, dict) or set(sub) != {"const"} or not isinstance(sub["const"], str):
            return None
        consts[key] = sub["const"]

    def check(value: t.Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(
            key not in value or (isinstance(value[key], str) and value[key] == const) for key, const in consts.items()
        )

    return check


def _always(_value: t.Any) -> bool:
    return True


def _all(checks: list[_Check]) -> _Check:
    checks = [check for check in checks if check is not _always]
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def every(value: t.Any) -> bool:  # a loop: no generator per value (the proof runs on every node)
        for check in checks:
            if not check(value):
                return False
        return True

    return every


def _type(argument: t.Any, node: dict[str, t.Any]) -> _Check | None:
    """The type keyword; with ``type: string``, the node's pattern too (the commonest node: a name)."""
    names = argument if isinstance(argument, list) else [argument]
    if names == ["string"] and isinstance(node.get("pattern"), str):
        search = re.compile(node["pattern"]).search
        return lambda value: isinstance(value, str) and search(value) is not None
    types = [_TYPES[name] for name in names if name in _TYPES]
    if len(types) != len(names):
        return None
    if len(types) == 1:
        return types[0]
    return lambda value: any(check(value) for check in types)


def _each(item_check: _Check, kind: type[t.Iterable[t.Any]]) -> _Check:
    """Every item of a value of ``kind`` (a list's items, a mapping's keys) passes ``item_check``; other values pass."""

    def check(value: t.Any) -> bool:
        if isinstance(value, kind):
            for item in value:
                if not item_check(item):
                    return False
        return True

    return check


def _leaves(error: t.Any) -> list[t.Any]:
    """For oneOf/anyOf failures, report the branch that got furthest instead of a wall of alternatives."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            return [e for e in error.context if len(e.absolute_path) == deepest]
    return [error]


def _short(value: t.Any, limit: int = 80) -> str:
    try:
        text = json.dumps(value, default=repr, ensure_ascii=True)
    except (ValueError, RecursionError):  # a cycle, or nesting past Python's limit
        text = f"<a {json_type(value)} nested too deep to show>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


_TYPE_NAMES = {
    "array": "list",
    "object": "mapping",
    "null": "null",
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}


def _describe(error: t.Any) -> str:
    """A message that says what is wrong and what is expected, with the value shortened and escaped."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected_text = " or ".join(str(_TYPE_NAMES.get(name, name)) for name in expected)
        choices = f" (one of: {', '.join(map(str, schema['enum']))})" if "enum" in schema else ""
        return f"{_short(error.instance)} is a {json_type(error.instance)}, expected a {expected_text}{choices}"
    if validator in ("anyOf", "oneOf"):
        branches = [e for e in error.context if e.validator == "type" and not e.relative_path]
        expected = [
            _TYPE_NAMES.get(name, name)
            for e in branches
            for name in (e.validator_value if isinstance(e.validator_value, list) else [e.validator_value])
        ]
        text = "a " + " or ".join(dict.fromkeys(expected)) if expected else "one of the allowed forms"
        return f"{_short(error.instance)} is a {json_type(error.instance)}, expected {text}"
    if validator == "enum":
        return f"{_short(error.instance)} is not one of: {', '.join(map(str, error.validator_value))}"
    if validator == "additionalProperties":
        allowed = sorted((schema.get("properties") or {}).keys())
        extra = sorted(set(error.instance) - set(allowed), key=str) if isinstance(error.instance, dict) else []
        hint = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key(s) {', '.join(_short(k) for k in extra)}{hint}"
    if validator == "pattern":
        what = schema.get("description") or f"pattern {error.validator_value}"
        return f"{_short(error.instance)} does not match the expected form ({what})"
    if validator == "uniqueItems" and isinstance(error.instance, list):
        seen: list[t.Any] = []
        twice: list[t.Any] = []
        for item in error.instance:
            (twice if item in seen else seen).append(item)
        return f"lists {_short(twice[0]) if twice else 'an item'} more than once: list each item once"
    if validator in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        return f"{_short(error.instance)}: {validator} is {error.validator_value}"
    return f"{_short(error.instance)}: {error.message if len(error.message) < 200 else validator + ' failed'}"


def json_type(value: t.Any) -> str:
    """The JSON/YAML name of a value's type ('mapping', 'list', 'number'...), whatever Python class carries it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__
