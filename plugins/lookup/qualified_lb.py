# Copyright (c) lync.lb_qualification contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: qualified_lb
author:
  - lync.lb_qualification maintainers (@lync)
version_added: 1.0.0
short_description: Query Microsoft's lists of load balancers qualified for Lync Server and Skype for Business Server
description:
  - Returns the entries of the qualified load balancer dataset shipped with the collection, a transcription of
    Microsoft's I(Load balancer partner qualification requirements for Lync Server) page (17 hardware and 9 software
    products, list C(lync)) and of its I(Load Balancers) page for Skype for Business Server (3 products, list
    C(sfb)), filtered by list, vendor, product, model, form factor and software version.
  - All filters are optional and combine with AND. Without filters and terms, every entry is returned, the Lync
    list's rows first.
  - Names are matched as administrators write them, the way the assert module matches declared devices. Case,
    spacing and punctuation are ignored, vendors are matched with their aliases (V(F5 Networks), V(Citrix),
    V(Kemp), V(A10Networks), ...), and a vendor name at the start of a product is dropped (V(F5 BIG-IP LTM)).
  - A product may be named with or without its model (V(FortiADC-1500D), V(LoadMaster LM-3600), or V(FortiADC)
    with O(model=1500D)); a model matches with or without its prefix (V(AX2500), V(Model 340), V(LM-5400)) but not
    with another one (V(LM-100) is not V(VLM-100)). An entry that lists no models accepts any model.
  - A family name names the family's entries of both form factors, and O(form_factor) or a listed model picks one
    (V(BIG-IP LTM) with O(form_factor=software) is the Virtual Edition, V(AX Series) with O(model=2500) the 64-bit
    AX Series); without them, an entry's own name wins over its family's name (V(Netscaler) is the hardware row).
  - Within each list, when one entry lists the requested model and another accepts any model, only the entry that
    lists it is returned (V(LoadMaster) O(model=VLM-100) is the virtual one).
  - Free-text terms name a vendor, a product, or both (V(F5 BIG-IP Local Traffic Manager)); the results of several
    terms are concatenated. Terms and filters combine with AND.
  - The dataset is parsed once per process. Version semantics are described in the collection's
    C(docs/version-semantics.md).
options:
  list:
    description:
      - Keep only the entries of one of Microsoft's lists. V(lync) is the Lync Server partner list, which counts for
        every topology; V(sfb) is the Skype for Business Server list, which counts for C(sfb2015) and C(sfb2019)
        topologies only. Each entry's RV(_raw[].list) says which list it comes from.
      - Entries added with O(extra_dataset) are kept whatever the list, as the assert module counts them for every
        topology.
    type: str
    choices: [lync, sfb]
    version_added: 1.1.0
  _terms:
    description: Optional free-text names of qualified products, such as V(KEMP LoadMaster) or V(FortiADC-1500D).
    type: list
    elements: str
    required: false
  vendor:
    description: Vendor name or alias, case-insensitive (V(F5), V(F5 Networks), V(Citrix Systems), V(KEMP)).
    type: str
  product:
    description:
      - Product as the list's Qualified Product cell writes it, with or without its model list
        (V(BIG-IP Local Traffic Manager), V(ALB-X), V(Enterprise MAX)).
    type: str
  model:
    description: Model; must be one of the entry's models when the entry lists models (V(1500D), V(591SGQ)).
    type: str
  form_factor:
    description: V(hardware) (the list's first table) or V(software) (its second table).
    type: str
    choices: [hardware, software]
  version:
    description:
      - A software version as the device reports it (V(11.6.1 HF2), V(10.5-57.7), V(7.1-18b)). Keeps only entries
        whose tested versions accept it under O(version_policy).
      - An unreadable version is an error.
    type: str
extends_documentation_fragment:
  - lync.lb_qualification._dataset_options
notes:
  - Runs on the controller. Unknown filter names and values of the wrong type are errors that name them.
  - Vault-encrypted filter values are accepted (on every supported ansible-core); an error message shows them as
    C(<vaulted>).
seealso:
  - module: lync.lb_qualification.assert_qualified
"""

EXAMPLES = r"""
- name: List every qualified load balancer
  ansible.builtin.debug:
    msg: "{{ query('lync.lb_qualification.qualified_lb') | map(attribute='product') | list }}"

- name: Is a KEMP LoadMaster running 7.1-18b qualified as hardware?
  ansible.builtin.assert:
    that:
      - query('lync.lb_qualification.qualified_lb', vendor='KEMP', product='LoadMaster',
              form_factor='hardware', version='7.1-18b') | length > 0

- name: Tested versions of the F5 BIG-IP LTM on the Lync list, by free-text name
  ansible.builtin.debug:
    msg: "{{ lookup('lync.lb_qualification.qualified_lb', 'F5 BIG-IP Local Traffic Manager', list='lync').versions_tested }}"

- name: What Microsoft's Skype for Business list qualifies
  ansible.builtin.debug:
    msg: "{{ query('lync.lb_qualification.qualified_lb', list='sfb') | map(attribute='seed_product') | list }}"

- name: Is a Kemp LM-5400 running 7.1-22b on a list that counts for Skype for Business Server 2015?
  ansible.builtin.assert:
    that:
      - query('lync.lb_qualification.qualified_lb', vendor='Kemp', product='LoadMaster LM-5400',
              version='7.1-22b') | map(attribute='list') | list == ['sfb']

- name: In a template, link each device to its vendor guide
  ansible.builtin.copy:
    dest: /tmp/lb-guides.md
    mode: "0644"
    content: |
      {% for lb in query('lync.lb_qualification.qualified_lb', form_factor='software') %}
      - [{{ lb.vendor }} {{ lb.product }}]({{ lb.guide_url }}) tested {{ lb.versions_tested }}
      {% endfor %}
"""

RETURN = r"""
_raw:
  description: The matching entries, in the list's order.
  type: list
  elements: dict
  contains:
    id:
      description: Stable identifier of the entry.
      type: str
      sample: f5-big-ip-ltm-hw
    list:
      description:
        - The list the entry comes from, V(lync) (Lync Server partner list) or V(sfb) (Skype for Business Server
          list), or V(extra) for an entry added with O(extra_dataset).
      type: str
      sample: lync
      version_added: 1.1.0
    vendor:
      description: Canonical vendor name.
      type: str
      sample: F5
    vendor_aliases:
      description: Other spellings of the vendor that match.
      type: list
      elements: str
      sample: [F5 Networks]
    product:
      description: Product name without its model list.
      type: str
      sample: BIG-IP Local Traffic Manager
    product_aliases:
      description: Other names of the product that match (shared by the entries of one vendor, product and form factor).
      type: list
      elements: str
      sample: [BIG-IP LTM, LTM]
    family:
      description:
        - The product family, whose name (or aliases) names the family's entries of every form factor; empty when
          the product has no family.
      type: str
      sample: BIG-IP
      version_added: 1.1.0
    seed_product:
      description: The Qualified Product cell exactly as Microsoft's page writes it.
      type: str
      sample: FortiADC-1500D
    models:
      description: Qualified models; empty when the row names none (any model of the product).
      type: list
      elements: str
      sample: ["1500D"]
    form_factor:
      description: V(hardware) or V(software).
      type: str
      sample: hardware
    versions_tested:
      description: The Software Version Tested cell exactly as the page writes it.
      type: str
      sample: 11.x
    versions_parsed:
      description: The tested versions parsed, one item per alternative.
      type: list
      elements: dict
      sample: [{release: [11], wildcard: true, or_later: false, build: null}]
    guide_title:
      description: Title of the vendor's Lync deployment page.
      type: str
      sample: F5 Lync Server Solutions
    guide_url:
      description: Address of the vendor's Lync deployment page.
      type: str
      sample: https://f5.com/partners/product-technology-alliances/microsoft
    origin:
      description: V(seed) for Microsoft's list; C(extra...) for entries added with extra_dataset.
      type: str
      sample: seed
    note:
      description: Why a site-qualified entry was added (empty for Microsoft's list).
      type: str
      sample: ""
"""

from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.lookup import LookupBase

from ansible_collections.lync.lb_qualification.plugins.plugin_utils import _paths, _vault
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import dataset as _dataset
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import schemas as _schemas
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification import versions as _versions
from ansible_collections.lync.lb_qualification.plugins.plugin_utils._qualification.inputs import printable

_FILTERS = ("list", "vendor", "product", "model", "form_factor", "version", "version_policy")
_OPTIONS = _FILTERS + ("extra_dataset",)


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        secrets: set[str] = set()  # vaulted filters are used decrypted, and never shown in a message
        try:
            return self._run(_vault.reveal(list(terms), secrets), variables, _vault.reveal(kwargs, secrets))
        except AnsibleLookupError as exc:
            if not secrets:
                raise
            raise AnsibleLookupError(_vault.redact(to_native(exc), secrets)) from None

    def _run(self, terms, variables, kwargs):
        unknown = sorted(set(kwargs) - set(_OPTIONS))
        if unknown:
            raise AnsibleLookupError(
                f"qualified_lb: unknown filter(s) {', '.join(unknown)}; valid filters: {', '.join(_OPTIONS)}"
            )
        for name, value in kwargs.items():
            if name != "extra_dataset" and value is not None and not isinstance(value, str):
                raise AnsibleLookupError(
                    f"qualified_lb: filter {name} must be a string, got a {_schemas.json_type(value)} {value!r}"
                    + (" (quote versions in YAML)" if name == "version" else "")
                )
        for term in terms:
            if not isinstance(term, str):
                raise AnsibleLookupError(
                    f"qualified_lb: terms must be strings, got a {_schemas.json_type(term)} {term!r}"
                )
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except AnsibleError as exc:  # ansible-core 2.16 quotes a value outside the choices as it is: escape it
            raise AnsibleLookupError(f"qualified_lb: {printable(to_native(exc), keep_newlines=True)}") from None
        filters = {name: self.get_option(name) for name in _FILTERS}
        for name in ("vendor", "product", "model"):
            if filters[name] == "":
                filters[name] = None  # an empty filter filters nothing, as an omitted one
        try:
            data = _dataset.with_extra(self.get_option("extra_dataset"), _paths.resolve_path)
            chosen = filters.pop("list")
            return self._query(data, terms, lists=(chosen,) if chosen else None, **filters)
        except (_dataset.DatasetError, _schemas.SchemaUnavailable, _versions.VersionError, ValueError) as exc:
            raise AnsibleLookupError(f"qualified_lb: {to_native(exc)}") from None

    @staticmethod
    def _query(data, terms, lists, vendor, product, model, form_factor, version, version_policy):
        found = data.find(vendor=vendor, product=product, model=model, form_factor=form_factor, lists=lists)
        if terms:
            named = [entry for term in terms for entry in data.search(term, lists=lists)]
            found = [entry for entry in dict.fromkeys(named) if entry in found]
        if version is not None:
            parsed = _versions.parse_version(version)
            found = [
                entry
                for entry in found
                if _versions.evaluate(entry.versions, parsed, version_policy) is not _versions.Verdict.NOT_TESTED
            ]
        return [entry.to_dict() for entry in found]
