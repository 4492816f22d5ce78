"""The SOPs as data, for kiosks, the POS and chat tools: `api/sops.json` and its JSON Schema.

The built site publishes both files at `api/` (the MkDocs adapter adds them to the main build;
`handbook pages` writes them too), and `handbook export` writes the same bytes anywhere: both
call `api_files`. Every SOP is there in both languages, with the mall's values already put in
(the model resolves them), the names of its category, roles and step kinds, each step's time
limit in seconds, and the address of its page and checklist in each language.

Versioning (a contract with integrators): `schema_version` is MAJOR.MINOR and the schema's
`$id` carries the major version.

* MINOR goes up when something is *added* that old readers can ignore: a new optional field, a
  new language key in the texts. Readers must ignore fields they do not know.
* MAJOR goes up, and with it the `$id`, when a field is removed or renamed, changes its type,
  or keeps its name but changes its meaning (e.g. `seconds` counting minutes).

tests/test_api_export.py pins the schema's digest to its version, so the schema cannot change
without someone deciding which of the two it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..checks.project import CheckResult
from ..content.model import LANGS, Sop, Step, Text
from ..content.standards import Standards
from ..render.labels import duration
from .assemble import git_revision
from .configs import CONFIGS, site_config
from .editions import EDITIONS

EDITION_CODES = [e.code for e in EDITIONS]  # zh, en, zh-hant: every text and link carries each

SCHEMA_VERSION = "1.1"  # 1.1: the Traditional edition (zh-hant) in every text and link
SCHEMA_ID = f"urn:service-handbook:api:sops:v{SCHEMA_VERSION.split('.')[0]}"
SOPS_FILE = "api/sops.json"
SCHEMA_FILE = "api/sops.schema.json"
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _text(t: Text | None) -> dict[str, str]:
    return {lang: t.get(lang) if t else "" for lang in LANGS}


def _named(key: str, names: dict[str, Text]) -> dict[str, Any]:
    return {"id": key, "name": _text(names.get(key))}


def _time_limit(within: str | None) -> dict[str, Any] | None:
    if not within or within[-1] not in _SECONDS or not within[:-1].isdigit():
        return None
    seconds = int(within[:-1]) * _SECONDS[within[-1]]
    return {"seconds": seconds, "text": {lang: duration(lang, within) for lang in LANGS}}


def _step(step: Step, std: Standards) -> dict[str, Any]:
    return {
        "id": step.id or "",
        "kind": _named(step.kind or "", std.step_kinds),
        "title": _text(step.title),
        "do": [_text(t) for t in step.do],
        "say": [_text(t) for t in step.say],
        "check": [_text(t) for t in step.check],
        "time_limit": _time_limit(step.within),
        "escalate_to": step.escalate_to,
    }


def _site_urls(root: Path) -> dict[str, tuple[str, str]]:
    """Per edition: the site's address (from the MkDocs configs) and the page suffix."""
    urls = {}
    for edition in EDITIONS:
        lang = edition.code
        try:
            config = site_config(root, lang) if lang in CONFIGS else {}
        except OSError:  # no MkDocs config (e.g. a corpus of SOPs only): addresses relative to the site
            config = {"use_directory_urls": False}
        base = str(config.get("site_url") or edition.folder)
        urls[lang] = (base if not base or base.endswith("/") else base + "/",
                      "/" if config.get("use_directory_urls", True) is True else ".html")
    return urls


def _sop(sop: Sop, std: Standards, urls: dict[str, tuple[str, str]]) -> dict[str, Any]:
    category = std.categories.get(sop.category or "")
    return {
        "id": sop.id,
        "version": sop.version,
        "effective": sop.effective.isoformat() if sop.effective else None,
        "review_by": sop.review_by.isoformat() if sop.review_by else None,
        "category": {"id": sop.category or "", "name": _text(category.name if category else None)},
        "owner": _text(sop.owner),
        "roles": [_named(r, std.roles) for r in sop.roles],
        "title": _text(sop.title),
        "purpose": _text(sop.purpose),
        "steps": [_step(s, std) for s in sop.steps],
        "related": list(sop.related),
        "page": {lang: f"{base}sop/{sop.id}{suffix}" for lang, (base, suffix) in urls.items()},
        "checklist": {lang: f"{base}checklists/{sop.id}{suffix}" for lang, (base, suffix) in urls.items()},
    }


def export_data(result: CheckResult) -> dict[str, Any]:
    urls = _site_urls(result.root)
    sops = sorted((s for s in result.sops if s.id), key=lambda s: s.id or "")
    data = {
        "schema_version": SCHEMA_VERSION,
        "languages": EDITION_CODES,
        "revision": git_revision(result.root),
        "sops": [_sop(s, result.standards, urls) for s in sops],
    }
    _add_traditional(data, result.standards.traditional.convert)
    return data


def _add_traditional(node: Any, convert: Any) -> None:
    """Give every {zh, en} text its zh-hant form, converted as the Traditional edition is."""
    if isinstance(node, list):
        for item in node:
            _add_traditional(item, convert)
    elif isinstance(node, dict):
        if set(node) == set(LANGS) and all(isinstance(v, str) for v in node.values()):
            node["zh-hant"] = convert(node["zh"])
            return
        for value in node.values():
            _add_traditional(value, convert)


def _dumps(data: Any, *, indent: int | None = None) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators) + "\n"


def api_files(result: CheckResult) -> dict[str, str]:
    """{path in the site: content} of the export and its schema (the same for every caller)."""
    return {SOPS_FILE: _dumps(export_data(result)), SCHEMA_FILE: _dumps(export_schema(), indent=2)}


def _d(text: str) -> dict[str, str]:
    return {"description": text}


def _defs() -> dict[str, Any]:
    string = {"type": "string"}
    text = {"type": "object", "additionalProperties": False, "required": list(LANGS),
            "properties": {lang: string for lang in EDITION_CODES},
            **_d("A text in each language of the handbook (zh: Simplified Chinese, en: English, zh-hant: "
                 "Traditional Chinese, generated from zh since 1.1); plain text, never HTML: escape it where "
                 "you show it.")}
    named = {"type": "object", "additionalProperties": False, "required": ["id", "name"],
             "properties": {"id": {**string, **_d("Stable key, as in standards/categories.yml.")},
                            "name": {"$ref": "#/$defs/text"}}}
    links = {"type": "object", "additionalProperties": False, "required": list(LANGS),
             "properties": {lang: string for lang in EDITION_CODES}}
    texts = {"type": "array", "items": {"$ref": "#/$defs/text"}}
    step = {"type": "object", "additionalProperties": False,
            "required": ["id", "kind", "title", "do", "say", "check", "time_limit", "escalate_to"],
            "properties": {
                "id": {**string, **_d("Unique within the SOP.")},
                "kind": {"$ref": "#/$defs/named"},
                "title": {"$ref": "#/$defs/text"},
                "do": {**texts, **_d("What to do.")},
                "say": {**texts, **_d("What to say to the customer, word for word.")},
                "check": {**texts, **_d("Checklist items of this step.")},
                "time_limit": {"oneOf": [{"type": "null"}, {
                    "type": "object", "additionalProperties": False, "required": ["seconds", "text"],
                    "properties": {"seconds": {"type": "integer", "minimum": 1},
                                   "text": {"$ref": "#/$defs/text"}}}],
                    **_d("How long the step may take at most (null: no limit).")},
                "escalate_to": {"oneOf": [{"type": "null"}, string],
                                **_d("The id of the SOP to follow when this step needs escalating (null: none).")},
            }}
    date = {"oneOf": [{"type": "null"}, {"type": "string", "format": "date"}]}
    sop = {"type": "object", "additionalProperties": False,
           "required": ["id", "version", "effective", "review_by", "category", "owner", "roles", "title", "purpose",
                        "steps", "related", "page", "checklist"],
           "properties": {
               "id": {**string, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
               "version": {"oneOf": [{"type": "null"}, string], **_d("The SOP's own version (semver).")},
               "effective": {**date, **_d("In force from this date.")},
               "review_by": {**date, **_d("To be reviewed by this date.")},
               "category": {"$ref": "#/$defs/named"},
               "owner": {"$ref": "#/$defs/text"},
               "roles": {"type": "array", "items": {"$ref": "#/$defs/named"}, **_d("Who follows this SOP.")},
               "title": {"$ref": "#/$defs/text"},
               "purpose": {"$ref": "#/$defs/text"},
               "steps": {"type": "array", "items": {"$ref": "#/$defs/step"}},
               "related": {"type": "array", "items": string, **_d("Ids of related SOPs.")},
               "page": {**links, **_d("The SOP's page in each language.")},
               "checklist": {**links, **_d("Its printable checklist in each language.")},
           }}
    return {"text": text, "named": named, "step": step, "sop": sop}


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `api/sops.json` at this SCHEMA_VERSION."""
    major = SCHEMA_VERSION.split(".")[0]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Service Handbook SOP export, schema version {SCHEMA_VERSION}",
        "description": ("Every SOP of the handbook in both languages, with the mall's values put in. Within a major "
                        "version fields are only added (the minor version goes up): ignore fields you do not know. "
                        "A field that is removed, renamed, retyped or changes meaning comes with a new major "
                        "version and a new $id."),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "languages", "revision", "sops"],
        "properties": {
            "schema_version": {"type": "string", "pattern": f"^{major}\\.[0-9]+$",
                               **_d("MAJOR.MINOR of this schema.")},
            "languages": {"type": "array", "items": {"type": "string"}, **_d("The language keys of every text.")},
            "revision": {"type": "string",
                         **_d("The git commit the content was built from (+dirty: with uncommitted changes), "
                              "or unversioned.")},
            "sops": {"type": "array", "items": {"$ref": "#/$defs/sop"}, **_d("Every SOP, by id.")},
        },
        "$defs": _defs(),
    }
