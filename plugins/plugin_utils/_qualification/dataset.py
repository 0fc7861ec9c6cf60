# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The qualified load-balancer dataset: loading, extension and name matching.

PRIVATE to the collection. No Ansible import.

The shipped file is ``data/qualified_load_balancers.yml`` at the collection root, a transcription of Microsoft's
"Load balancer partner qualification requirements for Lync Server" page (list ``lync``) and of its "Load Balancers"
page for Skype for Business Server (list ``sfb``). It is parsed once per process (:func:`shipped`); users may add
entries of their own (:func:`load_extra`, list ``extra``), which are validated against the same JSON Schema, never
templated, and matched like the shipped rows of their vendor and product.

Names are matched the way administrators write them (:meth:`Dataset.match`):

- case, spacing and punctuation are ignored (:func:`normalize`); a vendor name or alias at the start of a product
  ("F5 BIG-IP LTM") is dropped, and so is a row's own vendor name ("Barracuda Load Balancer ADC" is also
  "Load Balancer ADC");
- a product is named by its own name and aliases (shared by the rows of one vendor, product and form factor), or
  by the name of its family (``families`` in the data): a family name names every row of the family, and the
  declared form factor or model selects the row, while a row's own name wins over a family name when both fit;
- the product text may carry the model ("LoadMaster LM-3600", "NetScaler MPX 8200"): the longest known name it
  starts with is the product, the rest is a model when it has a digit or is a model a row lists; a product text that
  is only a model a row lists ("LM5400") names that row's product with that model;
- a model matches a listed one ignoring a leading "Model" word, a leading product name, and a letter prefix when
  one side has none ("AX2500" is 2500, "Model 340" is 340, "10G" is "Enterprise 10G") but not two different
  prefixes ("LM-100" is not "VLM-100"); a row that lists no models accepts any model, except, when only its family
  name matched, a model that starts with another row's own name ("NetScaler" "MPX 8200" is not the VPX);
- within each list, when one row lists the declared model and another accepts any model, only the one that lists
  it is kept: "LoadMaster" model "VLM-100" is the virtual LoadMaster, not the hardware one.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import collection, versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.schemas import (
    SchemaIssue,
    json_type,
    validate_instance,
)

COLLECTION_ROOT = collection.ROOT
DATASET_PATH = COLLECTION_ROOT / "data" / "qualified_load_balancers.yml"
FORM_FACTORS = ("hardware", "software")
LISTS = ("lync", "sfb")
EXTRA_LIST = "extra"

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_COMPANY_SUFFIX = re.compile(
    r"[\s,]+(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|gmbh|plc|sa|ag)\.?$", re.IGNORECASE
)
_PREFIX_AND_CORE = re.compile(r"^([^\W\d_]*)(.*)$", re.UNICODE)
_MODEL_WORD = "model"
_DIGIT = re.compile(r"\d")
_SIMILAR = 0.6  # difflib ratio above which a row's name is close to a declared one

try:  # libyaml's loader is several times faster; fall back to the pure-Python one.
    _SafeLoader: t.Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader


class DatasetError(ValueError):
    """A dataset file or an extra entry is unreadable or does not follow the schema."""


def normalize(text: object) -> str:
    """Fold a name for comparison: lower case, letters and digits only ("BIG-IP LTM" -> "bigipltm")."""
    return _NON_ALNUM.sub("", str(text).casefold())


def _strip_prefixes(text: str, prefixes: t.Iterable[str]) -> set[str]:
    """``text`` and ``text`` without each of ``prefixes`` it starts with (when something is left)."""
    return {text} | {text[len(p) :] for p in prefixes if p and text.startswith(p) and len(text) > len(p)}


def _model_equal(listed: str, declared: str, names: t.Iterable[str]) -> bool:
    """Whether a declared model (normalized) is the listed one, as written with prefixes (see the module doc)."""
    if not declared:
        return False
    prefixes = (*names, _MODEL_WORD)
    listed_forms = _strip_prefixes(listed, prefixes)
    declared_forms = _strip_prefixes(declared, prefixes)
    if listed_forms & declared_forms:
        return True
    listed_prefix, listed_core = _PREFIX_AND_CORE.match(listed).groups()  # type: ignore[union-attr]  # normalized text always matches
    for declared_form in declared_forms:
        declared_prefix, declared_core = _PREFIX_AND_CORE.match(declared_form).groups()  # type: ignore[union-attr]  # as above
        if (
            listed_core
            and listed_core == declared_core
            and (not listed_prefix or not declared_prefix or listed_prefix == declared_prefix)
        ):
            return True
    return False


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
    list: str = "lync"
    family: str = ""
    # Normalized names, set by Dataset when the entries are linked: the row's own names, its family's names.
    names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    family_names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @classmethod
    def build(cls, raw: dict[str, t.Any], vendor_aliases: tuple[str, ...], origin: str, list_: str) -> Entry:
        return cls(
            id=raw["id"],
            vendor=raw["vendor"],
            vendor_aliases=vendor_aliases,
            product=raw["product"],
            product_aliases=tuple(raw.get("product_aliases") or ()),
            seed_product=raw.get("seed_product") or raw["product"],
            models=tuple(raw.get("models") or ()),
            form_factor=raw["form_factor"],
            versions_tested=raw["versions_tested"],
            versions=versions.parse_tested(raw["versions_tested"]),
            guide_title=raw.get("guide_title") or "",
            guide_url=raw.get("guide_url") or "",
            origin=origin,
            note=raw.get("note") or "",
            list=list_,
            family=raw.get("family") or "",
        )

    @property
    def display_name(self) -> str:
        return f"{self.vendor} {self.product}"

    @property
    def vendor_names(self) -> tuple[str, ...]:
        """The vendor's normalized names, longest first (the order prefixes are stripped in)."""
        return tuple(sorted({normalize(n) for n in (self.vendor, *self.vendor_aliases)}, key=len, reverse=True))

    def to_dict(self) -> dict[str, t.Any]:
        """The entry as the lookup returns it: plain JSON types, stable keys."""
        return {
            "id": self.id,
            "list": self.list,
            "vendor": self.vendor,
            "vendor_aliases": list(self.vendor_aliases),
            "product": self.product,
            "product_aliases": list(self.product_aliases),
            "family": self.family,
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

    def accepts_model(self, model: str) -> bool:
        """Whether the row lists ``model`` (normalized), written with or without its prefixes."""
        names = self.names | self.family_names
        return any(_model_equal(normalize(listed), model, names) for listed in self.models)

    def _rank(
        self, name: str | None, models: tuple[str, ...], others: frozenset[str], siblings_list_models: bool
    ) -> tuple[int, int]:
        """(name rank, model rank): name 2 own name (or none given), 1 family name, 0 neither; model 2 listed,
        1 any model (none declared, or the row lists none), 0 not this row's."""
        name_rank = 2 if name is None or name in self.names else 1 if name in self.family_names else 0
        if not name_rank:
            return 0, 0
        if not models:
            return name_rank, 1
        if not self.models:
            if name_rank == 1 and (siblings_list_models or any(m.startswith(o) for m in models for o in others)):
                # Named by its family only, with a model that belongs elsewhere: the family's rows list their
                # models ("AX Series" 4000 is none of them), or the model names another row ("MPX 8200").
                return 0, 0
            return name_rank, 1
        return (name_rank, 2) if all(self.accepts_model(m) for m in models) else (name_rank, 0)


@dataclass(frozen=True)
class Match:
    """How a declaration (vendor, product, model) reads against the dataset.

    ``entries``: the rows it names, in dataset order; ``name``/``models``: the product name and the models read from
    it (normalized); ``by_model``: some row of ``entries`` lists the model; ``named``: every row the product names,
    whatever the model (for suggestions).
    """

    entries: tuple[Entry, ...]
    name: str | None
    models: tuple[str, ...]
    by_model: bool
    named: tuple[Entry, ...]


@dataclass(frozen=True)
class Dataset:
    """The qualified entries plus what the source pages state around their tables."""

    entries: tuple[Entry, ...]
    meta: dict[str, t.Any]
    _vendors: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: dict[str, t.Any], origin: str = "seed") -> Dataset:
        vendor_aliases = {v["name"]: tuple(v.get("aliases") or ()) for v in data.get("vendors") or ()}
        entries = tuple(
            Entry.build(raw, vendor_aliases.get(raw["vendor"], ()), origin, raw.get("list") or LISTS[0])
            for raw in data.get("entries") or ()
        )
        meta = {key: value for key, value in data.items() if key not in ("entries", "vendors")}
        meta["vendors"] = [dict(v) for v in data.get("vendors") or ()]
        meta["families"] = [dict(f) for f in data.get("families") or ()]
        return cls._linked(entries, meta)

    @classmethod
    def _linked(cls, entries: tuple[Entry, ...], meta: dict[str, t.Any]) -> Dataset:
        """The dataset with each entry's names set (see :func:`_link`)."""
        linked = _link(entries, meta.get("families") or ())
        return cls(entries=linked, meta=meta, _vendors=_vendor_index(linked))

    def extended(self, extra: t.Sequence[Entry]) -> Dataset:
        """A new dataset with ``extra`` entries appended (user-qualified devices)."""
        return self._linked(self.entries + tuple(extra), self.meta)

    @property
    def version(self) -> str:
        return str(self.meta.get("dataset_version", ""))

    def lists_for(self, lync_version: str | None) -> tuple[str, ...] | None:
        """The lists whose rows count for a topology of ``lync_version`` (site entries always count); ``None``
        (every list) when no version is given."""
        if lync_version is None:
            return None
        lists = self.meta.get("lists") or {}
        return tuple(key for key, spec in lists.items() if lync_version in spec.get("lync_versions", ()))

    def list_scope(self, entry: Entry) -> int:
        """How many topologies the entry's list covers: the fewer, the more specific (site entries: all)."""
        lists = self.meta.get("lists") or {}
        spec = lists.get(entry.list)
        return len(spec["lync_versions"]) if spec else 1 + sum(len(s["lync_versions"]) for s in lists.values())

    def canonical_vendor(self, name: str) -> str | None:
        """The canonical vendor name for ``name`` or any alias of it, ignoring case, punctuation and a company
        suffix ("F5 Networks, Inc." is F5)."""
        return self._vendors.get(normalize(name)) or self._vendors.get(normalize(_COMPANY_SUFFIX.sub("", str(name))))

    def candidates(self, vendor: str | None = None, lists: t.Collection[str] | None = None) -> list[Entry]:
        """The entries of ``vendor`` (any spelling) on ``lists`` (site entries are on every list)."""
        canonical = self.canonical_vendor(vendor) if vendor is not None else None
        return [
            e
            for e in self.entries
            if (vendor is None or e.vendor == canonical) and (lists is None or e.list in lists or e.list == EXTRA_LIST)
        ]

    def match(
        self,
        vendor: str | None = None,
        product: str | None = None,
        model: str | None = None,
        form_factor: str | None = None,
        lists: t.Collection[str] | None = None,
    ) -> Match:
        """The rows a declaration names (see the module doc for how names are read)."""
        pool = self.candidates(vendor, lists)
        reading = _read(pool, product, model)
        if reading is None:
            return Match((), None, (), False, ())
        name, models = reading
        others = _own_names(pool)
        ranked = [
            (
                e,
                *e._rank(
                    name,
                    models,
                    others - e.names - e.family_names,
                    any(o.models for o in pool if o.family and o.family == e.family and o.list == e.list),
                ),
            )
            for e in pool
        ]
        named = tuple(e for e, name_rank, _model_rank in ranked if name_rank)
        best_model: dict[str, int] = {}  # within each list, a row that lists the model beats one that accepts any
        for entry, _name_rank, model_rank in ranked:
            best_model[entry.list] = max(best_model.get(entry.list, 0), model_rank)
        kept = [
            r
            for r in ranked
            if r[2] and r[2] == best_model[r[0].list] and (form_factor is None or r[0].form_factor == form_factor)
        ]
        best_name = max((r[1] for r in kept), default=0)  # a row's own name beats its family's
        kept = [r for r in kept if r[1] == best_name]
        return Match(tuple(r[0] for r in kept), name, models, any(r[2] == 2 for r in kept), named)

    def find(self, *args: t.Any, **filters: t.Any) -> list[Entry]:
        """The entries :meth:`match` gives for the same filters (AND), most specific matches only, as a list."""
        return list(self.match(*args, **filters).entries)

    def search(self, term: str, lists: t.Collection[str] | None = None) -> list[Entry]:
        """Entries a free-text term names ("F5 BIG-IP Local Traffic Manager", "KEMP", "FortiADC-1500D")."""
        if not normalize(term):
            return []
        vendor = self.canonical_vendor(term)
        if vendor is not None:
            return self.candidates(vendor, lists)
        term_norm = normalize(term)
        for prefix, name in sorted(self._vendors.items(), key=lambda item: len(item[0]), reverse=True):
            if term_norm.startswith(prefix):  # "KEMP LoadMaster": that vendor's rows only
                return self.find(vendor=name, product=term_norm[len(prefix) :], lists=lists)
        return self.find(product=term, lists=lists)

    def suggest(
        self,
        vendor: str | None,
        product: str | None,
        model: str | None,
        lists: t.Collection[str] | None = None,
        limit: int = 3,
    ) -> list[str]:
        """What could fit a declaration that matched nothing: every row of the vendor that the product names,
        else those whose names are close to it, else all the vendor's rows, and every extra_dataset entry of the
        vendor, each with its models and form factor (:func:`row_text`); for an unknown vendor, the closest vendor
        names."""
        canonical = self.canonical_vendor(vendor) if vendor else None
        if vendor and canonical is None:
            vendors = sorted({e.vendor for e in self.entries})
            return _closest(vendor, vendors, limit) or vendors
        pool = self.candidates(canonical, lists)
        rows: t.Sequence[Entry] = self.match(canonical, product, None, None, lists).named if product else ()
        if product and not rows:
            wanted = _strip_prefixes(normalize(product), {v for e in pool for v in e.vendor_names})
            rows = [
                e
                for e in pool
                if any(difflib.SequenceMatcher(None, w, n).ratio() >= _SIMILAR for w in wanted for n in e.names)
            ]
        rows = list(rows or pool)
        rows += [e for e in pool if e.list == EXTRA_LIST and e not in rows]  # every site entry considered
        return [row_text(e) for e in rows]


def row_text(entry: Entry) -> str:
    """'A10 Networks 64-bit AX Series 2500, 2600, 3000, 5100, 5200 (hardware)': a row, its models, its form
    factor, and where it comes from when that is not the Lync list."""
    if entry.models and all(normalize(m).startswith(normalize(entry.product)) for m in entry.models):
        name = f"{entry.vendor} {', '.join(entry.models)}"  # models that are whole product names (Enterprise MAX)
    else:
        name = entry.display_name + (f" {', '.join(entry.models)}" if entry.models else "")
    return f"{name} ({entry.form_factor}{origin_text(entry)})"


def origin_text(entry: Entry) -> str:
    """', Skype for Business list' / ', from extra_dataset site.yml' / '' for the Lync list."""
    if entry.list == EXTRA_LIST:
        return f", from {entry.origin.replace('extra:', 'extra_dataset ')}"
    return ", Skype for Business list" if entry.list == "sfb" else ""


def _own_names(entries: t.Iterable[Entry]) -> frozenset[str]:
    """The names that name one row (or the rows of one product) and not a whole family."""
    family = frozenset().union(*(e.family_names for e in entries))
    return frozenset().union(*(e.names for e in entries)) - family


def _longest_name(text: str, vocabulary: t.Collection[str]) -> str | None:
    """The longest name of ``vocabulary`` that ``text`` starts with."""
    return max((n for n in vocabulary if text.startswith(n)), key=len, default=None)


def _read(pool: t.Sequence[Entry], product: str | None, model: str | None) -> tuple[str | None, tuple[str, ...]] | None:
    """(product name, models) read from a declaration against the names of ``pool``; ``None`` when the product
    names nothing there. The product is tried as written, then without a leading vendor name."""
    model_norm = normalize(model) if model else ""
    if product is None or not normalize(product):
        return None, ((model_norm,) if model_norm else ())
    vocabulary = frozenset().union(*(e.names | e.family_names for e in pool))
    product_norm = normalize(product)
    variants = [product_norm] + sorted(
        _strip_prefixes(product_norm, {v for e in pool for v in e.vendor_names}) - {product_norm}, key=len, reverse=True
    )
    for text in variants:
        if model_norm:  # the model completes a longer name: "Netscaler" + "VPX", "NetScaler" + "MPX 8200"
            longer = _longest_name(text + model_norm, vocabulary)
            if longer and len(longer) > len(text):
                rest = (text + model_norm)[len(longer) :]
                if not rest or _model_like(rest, longer, pool):
                    return longer, ((rest,) if rest else ())
        name = _longest_name(text, vocabulary)
        if name is None:
            continue
        rest = text[len(name) :]
        if rest and not _model_like(rest, name, pool):
            continue
        return name, tuple(m for m in (rest, model_norm) if m)
    for text in variants:  # the product is only a model a row lists ("LM5400", "VLM-1000"): that row's product
        listing = next((e for e in pool if e.accepts_model(text)), None)
        if listing is not None:
            return normalize(listing.product), tuple(m for m in (text, model_norm) if m)
    return None


def _model_like(rest: str, name: str, pool: t.Iterable[Entry]) -> bool:
    """Whether the text after a product name reads as a model: it has a digit, or a row of that name lists it."""
    return bool(_DIGIT.search(rest)) or any(name in e.names | e.family_names and e.accepts_model(rest) for e in pool)


def _link(entries: tuple[Entry, ...], families: t.Iterable[dict[str, t.Any]]) -> tuple[Entry, ...]:
    """Each entry with its names: own product, seed product and aliases, the product names and aliases of the other
    rows of its vendor, product and form factor (so a site entry or a Skype for Business row is matched like the Lync row of
    that product), and its family's names. An entry without a family joins the family its product names, or that of
    a row of the same vendor whose names include its product."""
    family_names = {
        (f["vendor"], normalize(f["name"])): (f["name"], frozenset(normalize(n) for n in (f["name"], *f["aliases"])))
        for f in families
    }

    def own(entry: Entry) -> set[str]:
        return {normalize(n) for n in (entry.product, entry.seed_product, *entry.product_aliases)}

    linked = []
    for entry in entries:
        product = normalize(entry.product)
        peers = [e for e in entries if e.vendor == entry.vendor and product in own(e)]
        aliases = tuple(
            dict.fromkeys(
                a
                for e in peers
                if e.form_factor == entry.form_factor
                for a in (*entry.product_aliases, e.product, *e.product_aliases)
                if normalize(a) != product
            )
        )
        family = entry.family or next(
            (
                name
                for (vendor, _key), (name, names) in family_names.items()
                if vendor == entry.vendor and product in names
            ),
            next((e.family for e in peers if e.family), ""),
        )
        _name, fam_names = family_names.get((entry.vendor, normalize(family)), ("", frozenset()))
        vendor_names = entry.vendor_names
        names = {s for n in (*own(entry), *(normalize(a) for a in aliases)) for s in _strip_prefixes(n, vendor_names)}
        linked.append(
            dataclasses.replace(
                entry,
                product_aliases=aliases,
                family=family,
                names=frozenset(names),
                family_names=frozenset(s for n in fam_names for s in _strip_prefixes(n, vendor_names)),
            )
        )
    return tuple(linked)


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
        raise DatasetError(f"cannot read dataset file {str(path)!r}: {exc}") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        if not allow_aliases and any(
            isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_SafeLoader)
        ):
            raise DatasetError(f"dataset file {str(path)!r} uses YAML aliases (*name): write each entry out in full")
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except (ValueError, yaml.YAMLError) as exc:
        raise DatasetError(f"cannot parse dataset file {str(path)!r}: {exc}") from None


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
        where = f"extra_dataset file {str(path)!r}"
        if isinstance(data, dict) and "entries" in data:
            data = data["entries"]
        origin = f"extra:{path.name}"
    else:
        data, where, origin = source, "extra_dataset", "extra"
    if not isinstance(data, list):
        raise DatasetError(
            f"{where}: expected a list of entries (or a mapping with 'entries'), got a {json_type(data)}"
        )
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
            entry = Entry.build({**raw, "vendor": vendor, "id": entry_id}, known_aliases, origin, EXTRA_LIST)
        except versions.VersionError as exc:
            raise DatasetError(f"{where}: $[{index}].versions_tested: {exc}") from None
        entries.append(entry)
    return entries
