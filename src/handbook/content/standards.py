"""The QA-owned standards (`standards/*.yml`) as the rules see them, and their schemas.

Building is tolerant, like the SOP model: whatever is malformed is skipped, because the
standards check (handbook.checks.standards) has reported it, with its place, already.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..source.schema import SchemaChecker, make_validator
from ..source.text import PhraseMatcher, fold, folded
from ..source.tree import Mapping, Node, Scalar, field_node, items, scalar_text, scalars
from .model import LANGS, Text, text_of, texts_of
from .sop_schema import ID_PATTERN
from .traditional import TRADITIONAL_FILE, TRADITIONAL_SCHEMA, Traditional, build_traditional

CATEGORIES_FILE = "standards/categories.yml"
PHRASES_FILE = "standards/phrases.yml"
GLOSSARY_FILE = "standards/glossary.yml"
MALL_FILE = "standards/mall.yml"  # optional: the mall's own values, referenced as {{ mall.key }}
TERMS_FILE = "standards/terms.yml"  # optional: one preferred term per concept and language

_TEXT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["zh", "en"],
    "properties": {
        "zh": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "en": {"type": "string", "minLength": 1, "pattern": r"\S"},
    },
}
_NAMES = {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": ID_PATTERN}}
_PHRASE_LIST = {"type": "array", "minItems": 1, "uniqueItems": True,
                "items": {"type": "string", "minLength": 1, "pattern": r"\S"}}

CATEGORIES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["roles", "step_kinds", "categories"],
    "properties": {
        "roles": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": ID_PATTERN},
                  "additionalProperties": _TEXT},
        "step_kinds": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": ID_PATTERN},
                       "additionalProperties": _TEXT},
        "categories": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "required_steps"],
                "properties": {
                    "name": _TEXT,
                    "required_steps": _NAMES,
                    "required_checks": {"type": "array", "uniqueItems": True, "items": _TEXT},
                    "required_phrases": _NAMES,
                },
            },
        },
    },
}

_FORBIDDEN_ITEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["phrase", "instead"],
    "properties": {
        "phrase": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "instead": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "why": {"type": "string"},
    },
}

PHRASES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["required", "forbidden"],
    "properties": {
        "required": {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "zh", "en"],
                "properties": {"name": _TEXT, "zh": _PHRASE_LIST, "en": _PHRASE_LIST},
            },
        },
        "forbidden": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"zh": {"type": "array", "items": _FORBIDDEN_ITEM},
                           "en": {"type": "array", "items": _FORBIDDEN_ITEM}},
        },
        "honorific": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "zh": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["forbidden", "instead"],
                    "properties": {
                        "forbidden": _PHRASE_LIST,
                        "instead": {"type": "string", "minLength": 1},
                        "allowed": {"type": "array", "uniqueItems": True,
                                    "items": {"type": "string", "minLength": 1}},
                    },
                }
            },
        },
    },
}

GLOSSARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms"],
    "properties": {
        "terms": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["term", "definition"],
                "properties": {
                    "abbr": {"type": "string", "pattern": r"^[0-9A-Za-z][0-9A-Za-z&/+.-]{0,15}$"},
                    "term": _TEXT,
                    "definition": _TEXT,
                },
            },
        }
    },
}

_VALUE_KEY = r"^[a-z][a-z0-9_]*$"
MALL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["values"],
    "properties": {
        "values": {
            "type": "object",
            "propertyNames": {"pattern": _VALUE_KEY},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["zh", "en"],
                "properties": {"zh": _TEXT["properties"]["zh"], "en": _TEXT["properties"]["en"],
                               "note": {"type": "string"}},
            },
        }
    },
}

_TERM_LANG = {
    "type": "object",
    "additionalProperties": False,
    "required": ["preferred", "avoid"],
    "properties": {"preferred": {"type": "string", "minLength": 1, "pattern": r"\S"}, "avoid": _PHRASE_LIST},
}
TERMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms"],
    "properties": {
        "terms": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["concept"],
                "minProperties": 2,
                "properties": {"concept": {"type": "string", "minLength": 1}, "zh": _TERM_LANG, "en": _TERM_LANG},
            },
        }
    },
}

VALIDATORS: dict[str, SchemaChecker] = {
    CATEGORIES_FILE: make_validator(CATEGORIES_SCHEMA),
    PHRASES_FILE: make_validator(PHRASES_SCHEMA),
    GLOSSARY_FILE: make_validator(GLOSSARY_SCHEMA),
    MALL_FILE: make_validator(MALL_SCHEMA),
    TERMS_FILE: make_validator(TERMS_SCHEMA),
    TRADITIONAL_FILE: make_validator(TRADITIONAL_SCHEMA),
}


@dataclass(slots=True)
class Category:
    key: str
    name: Text
    required_steps: list[str]
    required_checks: list[Text]
    required_phrases: list[str]
    check_matchers: list[dict[str, PhraseMatcher]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.check_matchers = [{lang: PhraseMatcher(lang, [t.get(lang)]) for lang in LANGS}
                               for t in self.required_checks]


@dataclass(slots=True)
class PhraseGroup:
    key: str
    name: Text
    phrases: dict[str, list[str]]
    matchers: dict[str, PhraseMatcher]


@dataclass(slots=True)
class Forbidden:
    lang: str
    phrase: str
    instead: str
    why: str
    node: Scalar | None = None


@dataclass(slots=True)
class Honorific:
    forbidden: list[str]
    instead: str
    allowed: list[str]


@dataclass(slots=True)
class Term:
    abbr: str | None
    term: Text
    definition: Text


@dataclass(slots=True)
class PreferredTerm:
    """One concept's term in one language, and the variants that must not be used for it."""

    concept: str
    lang: str
    preferred: str
    avoid: list[str]


@dataclass(slots=True)
class Standards:
    """Everything the rules need, plus whether each file could be read at all."""

    roles: dict[str, Text] = field(default_factory=dict)
    step_kinds: dict[str, Text] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    groups: dict[str, PhraseGroup] = field(default_factory=dict)
    forbidden: dict[str, list[Forbidden]] = field(default_factory=lambda: {"zh": [], "en": []})
    honorific: Honorific | None = None
    terms: list[Term] = field(default_factory=list)
    values: dict[str, Text] = field(default_factory=dict)  # the mall's own values (standards/mall.yml)
    preferred_terms: dict[str, list[PreferredTerm]] = field(default_factory=lambda: {"zh": [], "en": []})
    variant_matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    preferred_matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    readable: dict[str, bool] = field(default_factory=dict)
    forbidden_matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    traditional: Traditional = field(default_factory=Traditional)  # the zh-hant edition's conversion

    def preferred_for(self, lang: str, variant: str) -> PreferredTerm | None:
        return next((t for t in self.preferred_terms[lang] if variant in t.avoid), None)

    def forbidden_by_phrase(self, lang: str, phrase: str) -> Forbidden | None:
        return next((f for f in self.forbidden[lang] if f.phrase == phrase), None)


def build_standards(trees: dict[str, Mapping | None]) -> Standards:
    """The standards from the trees of their files (None or absent: the file could not be read)."""
    std = Standards()
    builders = ((PHRASES_FILE, _build_phrases), (CATEGORIES_FILE, _build_categories),
                (GLOSSARY_FILE, _build_glossary), (MALL_FILE, _build_values), (TERMS_FILE, _build_terms),
                (TRADITIONAL_FILE, _build_traditional))
    for rel, build in builders:
        tree = trees.get(rel)
        if tree is not None:
            build(std, tree)
    for lang in LANGS:
        std.variant_matchers[lang] = PhraseMatcher(lang, [v for t in std.preferred_terms[lang] for v in t.avoid])
        std.preferred_matchers[lang] = PhraseMatcher(lang, [t.preferred for t in std.preferred_terms[lang]])
    return std


def _build_traditional(std: Standards, tree: Mapping) -> None:
    std.traditional = build_traditional(tree)


def _build_values(std: Standards, tree: Mapping) -> None:
    std.values = _named_texts(field_node(tree, "values"))


def _build_terms(std: Standards, tree: Mapping) -> None:
    for item in items(field_node(tree, "terms")):
        concept = scalar_text(field_node(item, "concept"))
        for lang in LANGS:
            spec = field_node(item, lang)
            preferred = scalar_text(field_node(spec, "preferred"))
            avoid = [s.text for s in scalars(field_node(spec, "avoid"))]
            if concept and preferred and avoid:
                std.preferred_terms[lang].append(PreferredTerm(concept, lang, preferred, avoid))


def _named_texts(node: Node | None) -> dict[str, Text]:
    out: dict[str, Text] = {}
    if isinstance(node, Mapping):
        for key, (_, value) in node.items.items():
            t = text_of(value)
            if t is not None:
                out[key] = t
    return out


def _build_phrases(std: Standards, tree: Mapping) -> None:
    req = field_node(tree, "required")
    if isinstance(req, Mapping):
        for key, (_, g) in req.items.items():
            name = text_of(field_node(g, "name"))
            if name is None:
                continue
            phrases = {lang: [s.text for s in scalars(field_node(g, lang))] for lang in LANGS}
            std.groups[key] = PhraseGroup(
                key, name, phrases, {lang: PhraseMatcher(lang, phrases[lang]) for lang in LANGS}
            )
    forb = field_node(tree, "forbidden")
    for lang in LANGS:
        for item in items(field_node(forb, lang)):
            phrase_node = field_node(item, "phrase")
            phrase, instead = scalar_text(phrase_node), scalar_text(field_node(item, "instead"))
            if phrase and instead and isinstance(phrase_node, Scalar):
                why = scalar_text(field_node(item, "why")) or ""
                std.forbidden[lang].append(Forbidden(lang, phrase, instead, why, phrase_node))
        std.forbidden_matchers[lang] = PhraseMatcher(lang, [f.phrase for f in std.forbidden[lang]])
    hon = field_node(field_node(tree, "honorific"), "zh")
    if isinstance(hon, Mapping):
        forbidden = [s.text for s in scalars(field_node(hon, "forbidden"))]
        instead = scalar_text(field_node(hon, "instead"))
        if forbidden and instead:
            std.honorific = Honorific(forbidden, instead, [s.text for s in scalars(field_node(hon, "allowed"))])


def _build_categories(std: Standards, tree: Mapping) -> None:
    std.roles = _named_texts(field_node(tree, "roles"))
    std.step_kinds = _named_texts(field_node(tree, "step_kinds"))
    cats = field_node(tree, "categories")
    if not isinstance(cats, Mapping):
        return
    for key, (_, c) in cats.items.items():
        name = text_of(field_node(c, "name"))
        if name is None:
            continue
        std.categories[key] = Category(
            key, name, [s.text for s in scalars(field_node(c, "required_steps"))],
            texts_of(field_node(c, "required_checks")), [g.text for g in scalars(field_node(c, "required_phrases"))],
        )


def _build_glossary(std: Standards, tree: Mapping) -> None:
    seen: set[str] = set()
    for item in items(field_node(tree, "terms")):
        term, definition = text_of(field_node(item, "term")), text_of(field_node(item, "definition"))
        if term is None or definition is None:
            continue
        abbr = scalar_text(field_node(item, "abbr"))
        if abbr:
            if abbr in seen:
                continue  # reported by the standards check; the first definition stands
            seen.add(abbr)
        std.terms.append(Term(abbr, term, definition))


def honorific_hits(rule: Honorific, text: str) -> list[tuple[int, str]]:
    """Positions of forbidden forms of address in `text` (matched on the folded text, so 妳們,
    你\u0301 or 你 written in Traditional script count), ignoring allowed words like 迷你."""
    norm, where = folded(text, "zh")
    forms = {fold(f, "zh")[0]: f for f in rule.forbidden if fold(f, "zh")[0]}
    covered: set[int] = set()
    for word in (fold(w, "zh")[0] for w in rule.allowed):
        start = norm.find(word) if word else -1
        while start != -1:
            covered.update(range(start, start + len(word)))
            start = norm.find(word, start + 1)
    hits = []
    for form in sorted(forms, key=len, reverse=True):
        start = norm.find(form)
        while start != -1:
            if start not in covered:
                plural = norm[start + len(form):start + len(form) + 1] == "们"
                end = start + len(form) + (1 if plural else 0)
                hits.append((where[start], text[where[start]:where[end - 1] + 1]))
                covered.update(range(start, end))
            start = norm.find(form, start + 1)
    return sorted(hits)
