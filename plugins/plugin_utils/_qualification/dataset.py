# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The qualified load-balancer dataset: loading, extension and name matching.

PRIVATE to the collection. No Ansible import.

The shipped file is ``data/qualified_load_balancers.yml`` at the collection root, a transcription of Microsoft's
"Load balancer partner qualification requirements for Lync Server" page. It is parsed once per process
(:func:`shipped`); users may add entries of their own (:func:`load_extra`), which are validated against the same
JSON Schema and never templated.

Names are matched the way people write them: case, spacing and punctuation are ignored (:func:`normalize`), vendor
aliases are honoured, and a product may be named with or without its model ("FortiADC-1500D", or "FortiADC" with
model "1500D"). When one entry names the requested model explicitly and another accepts any model, only the explicit
one is kept: "LoadMaster" model "VLM-100" is the virtual LoadMaster, not the hardware one.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    SchemaIssue,
    json_type,
    validate_instance,
)

COLLECTION_ROOT = Path(__file__).resolve().parents[3]
DATASET_PATH = COLLECTION_ROOT / "data" / "qualified_load_balancers.yml"
FORM_FACTORS = ("hardware", "software")

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_COMPANY_SUFFIX = re.compile(r"[\s,]+(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|gmbh|plc|sa|ag)\.?$",
                             re.IGNORECASE)
_LEADING_MODEL_WORD = re.compile(r"^model", re.IGNORECASE)

try:  # libyaml's loader is several times faster; fall back to the pure-Python one.
    _SafeLoader: t.Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader


class DatasetError(ValueError):
    """A dataset file or an extra entry is unreadable or does not follow the schema."""


def normalize(text: object) -> str:
    """Fold a name for comparison: lower case, letters and digits only ("BIG-IP LTM" -> "bigipltm")."""
    return _NON_ALNUM.sub("", str(text).casefold())


@dataclass(frozen=True)
class Entry:
    """One qualified product row (a product with its own models and tested versions)."""

    id: str
    vendor: str
    vendor_aliases: tuple[str, ...]
    product: str
    product_aliases: tuple[str, ...]
    seed_product: str
    models: tuple[str, ...]
    form_factor: str
    versions_tested: str
    versions: versions.TestedVersions
    guide_title: str
    guide_url: str
    origin: str = "seed"
    note: str = ""
    _base_names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _model_names: tuple[tuple[str, frozenset[str]], ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def build(cls, raw: dict[str, t.Any], vendor_aliases: tuple[str, ...], origin: str) -> Entry:
        product = raw["product"]
        aliases = tuple(raw.get("product_aliases") or ())
        seed_product = raw.get("seed_product") or product
        base = frozenset(normalize(name) for name in (product, seed_product, *aliases))
        model_names = []
        for model in raw.get("models") or ():
            names = {normalize(name + model) for name in (product, *aliases)}
            if normalize(model).startswith(normalize(product)):
                names.add(normalize(model))  # a model that is itself a full product name ("Enterprise MAX")
            model_names.append((model, frozenset(names)))
        return cls(
            id=raw["id"],
            vendor=raw["vendor"],
            vendor_aliases=vendor_aliases,
            product=product,
            product_aliases=aliases,
            seed_product=seed_product,
            models=tuple(raw.get("models") or ()),
            form_factor=raw["form_factor"],
            versions_tested=raw["versions_tested"],
            versions=versions.parse_tested(raw["versions_tested"]),
            guide_title=raw.get("guide_title") or "",
            guide_url=raw.get("guide_url") or "",
            origin=origin,
            note=raw.get("note") or "",
            _base_names=base,
            _model_names=tuple(model_names),
        )

    @property
    def display_name(self) -> str:
        return f"{self.vendor} {self.product}"

    def to_dict(self) -> dict[str, t.Any]:
        """The entry as the lookup returns it: plain JSON types, stable keys."""
        return {
            "id": self.id,
            "vendor": self.vendor,
            "vendor_aliases": list(self.vendor_aliases),
            "product": self.product,
            "product_aliases": list(self.product_aliases),
            "seed_product": self.seed_product,
            "models": list(self.models),
            "form_factor": self.form_factor,
            "versions_tested": self.versions_tested,
            "versions_parsed": self.versions.to_data(),
            "guide_title": self.guide_title,
            "guide_url": self.guide_url,
            "origin": self.origin,
            "note": self.note,
        }

    def _model_matches(self, model_norm: str) -> str | None:
        """The entry's model named by ``model_norm`` ("1500D", "FortiADC-1500D", "Model 440"), if any."""
        bare = _LEADING_MODEL_WORD.sub("", model_norm)
        for model, names in self._model_names:
            if normalize(model) in (model_norm, bare) or model_norm in names:
                return model
        return None

    def match_score(self, product: str | None, model: str | None) -> int:
        """How specifically ``product``/``model`` name this entry: 0 not at all, 1 by name, 2 down to the model."""
        product_norm = normalize(product) if product else None
        model_norm = normalize(model) if model else None
        if product_norm is not None:
            for listed, names in self._model_names:  # the product text already carries the model
                if product_norm in names and (model_norm is None or self._model_matches(model_norm) == listed):
                    return 2
            if model_norm is not None and product_norm + model_norm in self._base_names:
                return 2  # "Netscaler" + "VPX" names the product "Netscaler VPX"
            if product_norm not in self._base_names:
                return 0
        if model_norm is None:
            return 1
        if not self.models:
            return 1  # the row names no models: any model of the product is qualified
        return 2 if self._model_matches(model_norm) is not None else 0

    def term_score(self, term_norm: str) -> int:
        """How a free-text term (vendor, product and model in one string) names this entry."""
        prefixes = [""] + sorted({normalize(a) for a in (self.vendor, *self.vendor_aliases)}, key=len, reverse=True)
        best = 0
        for prefix in prefixes:
            if not term_norm.startswith(prefix):
                continue
            rest = term_norm[len(prefix):]
            if not rest:
                best = max(best, 1 if prefix else 0)
            elif rest in self._base_names:
                best = max(best, 1)
            elif any(rest in names for _model, names in self._model_names):
                best = max(best, 2)
        return best


@dataclass(frozen=True)
class Dataset:
    """The qualified entries plus what the source page states around its tables."""

    entries: tuple[Entry, ...]
    meta: dict[str, t.Any]
    _vendors: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: dict[str, t.Any], origin: str = "seed") -> Dataset:
        vendor_aliases = {v["name"]: tuple(v.get("aliases") or ()) for v in data.get("vendors") or ()}
        entries = tuple(
            Entry.build(raw, vendor_aliases.get(raw["vendor"], ()), origin) for raw in data.get("entries") or ()
        )
        meta = {key: value for key, value in data.items() if key not in ("entries", "vendors")}
        meta["vendors"] = [dict(v) for v in data.get("vendors") or ()]
        return cls(entries=entries, meta=meta, _vendors=_vendor_index(entries))

    def extended(self, extra: t.Sequence[Entry]) -> Dataset:
        """A new dataset with ``extra`` entries appended (user-qualified devices)."""
        entries = self.entries + tuple(extra)
        return Dataset(entries=entries, meta=self.meta, _vendors=_vendor_index(entries))

    @property
    def version(self) -> str:
        return str(self.meta.get("dataset_version", ""))

    def canonical_vendor(self, name: str) -> str | None:
        """The canonical vendor name for ``name`` or any alias of it, ignoring case, punctuation and a company
        suffix ("F5 Networks, Inc." is F5)."""
        return self._vendors.get(normalize(name)) or self._vendors.get(normalize(_COMPANY_SUFFIX.sub("", str(name))))

    def find(
        self,
        vendor: str | None = None,
        product: str | None = None,
        model: str | None = None,
        form_factor: str | None = None,
    ) -> list[Entry]:
        """Entries matching every given filter (AND), most specific matches only (see module docs)."""
        if vendor is not None:
            canonical = self.canonical_vendor(vendor)
            candidates = [e for e in self.entries if e.vendor == canonical]
        else:
            candidates = list(self.entries)
        scored = [(e.match_score(product, model), e) for e in candidates]
        best = max((score for score, _entry in scored), default=0)
        found = [e for score, e in scored if score and score == best]
        if form_factor is not None:
            found = [e for e in found if e.form_factor == form_factor]
        return found

    def search(self, term: str) -> list[Entry]:
        """Entries a free-text term names ("F5 BIG-IP Local Traffic Manager", "KEMP", "FortiADC-1500D")."""
        term_norm = normalize(term)
        if not term_norm:
            return []
        vendor = self.canonical_vendor(term)
        if vendor is not None:
            return [e for e in self.entries if e.vendor == vendor]
        scored = [(e.term_score(term_norm), e) for e in self.entries]
        best = max((score for score, _entry in scored), default=0)
        return [e for score, e in scored if score and score == best]

    def suggest(self, vendor: str | None, product: str | None, model: str | None, limit: int = 3) -> list[str]:
        """The qualified names closest to what was declared, for "did you mean" messages."""
        canonical = self.canonical_vendor(vendor) if vendor else None
        if vendor and canonical is None:
            vendors = sorted({e.vendor for e in self.entries})
            return _closest(vendor, vendors, limit) or vendors
        pool = [e for e in self.entries if canonical is None or e.vendor == canonical]
        if product:
            named = [e for e in pool if e.match_score(product, None)]
            if named and model:  # the product is right, the model is not: which product has that model?
                elsewhere = [e for e in pool if e.models and e.match_score(None, model)]
                if elsewhere:
                    return [f"{e.display_name} {model}" for e in elsewhere][:limit]
                return [f"{e.display_name} {m}" for e in named for m in e.models]
            if not named:
                names = sorted({e.display_name for e in pool} | {f"{e.display_name} {m}" for e in pool for m in e.models})
                query = f"{canonical or ''} {product} {model or ''}".strip()
                return _closest(query, names, limit) or sorted({e.display_name for e in pool})
        return sorted({e.display_name for e in pool})[:limit]


def _vendor_index(entries: t.Iterable[Entry]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in entries:
        for name in (entry.vendor, *entry.vendor_aliases):
            index.setdefault(normalize(name), entry.vendor)
    return index


def _closest(query: str, names: t.Sequence[str], limit: int) -> list[str]:
    by_norm = {normalize(name): name for name in names}
    hits = difflib.get_close_matches(normalize(query), list(by_norm), n=limit, cutoff=0.45)
    return [by_norm[hit] for hit in hits]


def _read_structured(path: Path, allow_aliases: bool = True) -> t.Any:
    """Read a YAML or JSON file with safe loading only; user files may not use YAML aliases (no alias bombs)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"cannot read dataset file '{path}': {exc}") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        if not allow_aliases and any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_SafeLoader)):
            raise DatasetError(f"dataset file '{path}' uses YAML aliases (*name): write each entry out in full")
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except (ValueError, yaml.YAMLError) as exc:
        raise DatasetError(f"cannot parse dataset file '{path}': {exc}") from None


@functools.lru_cache(maxsize=1)
def shipped() -> Dataset:
    """The dataset shipped with the collection, parsed once per process."""
    return Dataset.from_data(_read_structured(DATASET_PATH))


def with_extra(extra: t.Any, resolve_path: t.Callable[[str], str] = str) -> Dataset:
    """The shipped dataset, extended with ``extra`` (a file path, resolved by ``resolve_path``, or a list of entries).

    The one way the lookup and the assert module build the dataset they check against.
    """
    data = shipped()
    if extra is None or extra == [] or extra == "":
        return data
    if isinstance(extra, str):
        extra = resolve_path(extra)
    elif not isinstance(extra, (list, tuple)):
        raise DatasetError(f"extra_dataset: expected a file path or a list of entries, got a {json_type(extra)}")
    return data.extended(load_extra(extra, data))


def load_extra(source: str | t.Sequence[t.Any], base: Dataset) -> list[Entry]:
    """User-supplied entries (a file path, or a list of entries) validated against the dataset schema.

    Each entry has the shape of a shipped entry; ``vendor`` may be any name (a known vendor's aliases apply).
    Errors name the file, the entry and the field. Nothing is templated: a ``{{ }}`` stays text.
    """
    if isinstance(source, str):
        path = Path(source).expanduser()
        data = _read_structured(path, allow_aliases=False)
        where = f"extra_dataset file '{path}'"
        if isinstance(data, dict) and "entries" in data:
            data = data["entries"]
        origin = f"extra:{path.name}"
    else:
        data, where, origin = source, "extra_dataset", "extra"
    if not isinstance(data, list):
        raise DatasetError(f"{where}: expected a list of entries (or a mapping with 'entries'), got a {json_type(data)}")
    issues: list[SchemaIssue] = []
    for index, raw in enumerate(data):
        issues.extend(validate_instance("dataset_entry", raw, f"$[{index}]"))
    if issues:
        details = "; ".join(f"{issue.path}: {issue.message}" for issue in issues)
        raise DatasetError(f"{where}: {len(issues)} invalid field(s): {details}")
    entries = []
    for index, raw in enumerate(data):
        vendor = base.canonical_vendor(raw["vendor"]) or raw["vendor"]
        known_aliases = next((e.vendor_aliases for e in base.entries if e.vendor == vendor), ())
        slug = re.sub(r"[^a-z0-9]+", "-", f"{vendor} {raw['product']} {raw['form_factor']}".casefold()).strip("-")
        entry_id = raw.get("id") or f"extra-{index + 1}-{slug}"
        try:
            entry = Entry.build({**raw, "vendor": vendor, "id": entry_id}, known_aliases, origin)
        except versions.VersionError as exc:
            raise DatasetError(f"{where}: $[{index}].versions_tested: {exc}") from None
        entries.append(entry)
    return entries
