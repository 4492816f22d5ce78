"""Load the QA-owned standards (`standards/*.yml`) and check them like any other input.

The standards are data a non-programmer edits, so they get the same treatment as SOPs: a
located error for every structural problem, references between them resolved, and the
contradictions a person can easily write (a forbidden phrase that would forbid a required
one, a suggested replacement that itself breaks a rule) reported as `standards.conflict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema_errors
from .diagnostics import Diagnostic, Sink
from .model import LANGS, Text, field_node, scalar_text, text_of, texts_of
from .sop_schema import ID_PATTERN
from .textnorm import CONTROL_RE, PhraseMatcher, normalise
from .yaml_loader import Mapping, Node, Scalar, Sequence, decode, parse_file, to_data

CATEGORIES_FILE = "standards/categories.yml"
PHRASES_FILE = "standards/phrases.yml"
GLOSSARY_FILE = "standards/glossary.yml"

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

_VALIDATORS = {
    CATEGORIES_FILE: schema_errors.make_validator(CATEGORIES_SCHEMA),
    PHRASES_FILE: schema_errors.make_validator(PHRASES_SCHEMA),
    GLOSSARY_FILE: schema_errors.make_validator(GLOSSARY_SCHEMA),
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
class Standards:
    """Everything the rules need, plus whether each file could be read at all."""

    roles: dict[str, Text] = field(default_factory=dict)
    step_kinds: dict[str, Text] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    groups: dict[str, PhraseGroup] = field(default_factory=dict)
    forbidden: dict[str, list[Forbidden]] = field(default_factory=lambda: {"zh": [], "en": []})
    honorific: Honorific | None = None
    terms: list[Term] = field(default_factory=list)
    readable: dict[str, bool] = field(default_factory=dict)
    forbidden_matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    sop_schema: Any = None  # the SOP schema checker built from these standards (sop_check.validator_for)

    def forbidden_by_phrase(self, lang: str, phrase: str) -> Forbidden | None:
        return next((f for f in self.forbidden[lang] if f.phrase == phrase), None)


def _read(root: Path, rel: str, sink: Sink, *, optional: bool = False) -> Mapping | None:
    path = root / rel
    if not path.is_file():
        if not optional:
            sink.error(1, 1, "standards.missing", f"{rel} is missing; the checker needs it")
        return None
    text = decode(path.read_bytes(), sink)
    if text is None:
        return None
    tree = parse_file(text, sink)
    if tree is None:
        return None
    schema_errors.report(_VALIDATORS[rel], to_data(tree), tree, sink)
    _check_control_chars(tree, sink)
    # keep going with whatever is well formed: the loaders below skip malformed parts
    return tree if isinstance(tree, Mapping) else None


def _check_control_chars(node: Node, sink: Sink) -> None:
    """A zero-width character inside a phrase makes the rule silently never match."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Mapping):
            stack.extend(v for _, v in current.items.values())
        elif isinstance(current, Sequence):
            stack.extend(current.items)
        else:
            m = CONTROL_RE.search(current.text)
            if m:
                sink.error(current.line, current.col, "text.control-char",
                           f"the text contains the invisible character U+{ord(m.group()):04X}; delete it")


def _named_texts(node: Node | None) -> dict[str, Text]:
    out: dict[str, Text] = {}
    if isinstance(node, Mapping):
        for key, (_, value) in node.items.items():
            t = text_of(value)
            if t is not None:
                out[key] = t
    return out


def load_standards(root: Path) -> tuple[Standards, list[Diagnostic]]:
    """Read and cross-check the three standards files under `root`."""
    std = Standards()
    sinks = {rel: Sink(rel) for rel in (CATEGORIES_FILE, PHRASES_FILE, GLOSSARY_FILE)}

    cat_tree = _read(root, CATEGORIES_FILE, sinks[CATEGORIES_FILE])
    ph_tree = _read(root, PHRASES_FILE, sinks[PHRASES_FILE])
    gl_tree = _read(root, GLOSSARY_FILE, sinks[GLOSSARY_FILE], optional=True)
    std.readable = {CATEGORIES_FILE: cat_tree is not None, PHRASES_FILE: ph_tree is not None}

    if ph_tree is not None:
        _load_phrases(std, ph_tree)
    if cat_tree is not None:
        _load_categories(std, cat_tree, sinks[CATEGORIES_FILE], check_groups=ph_tree is not None)
    if gl_tree is not None:
        _load_glossary(std, gl_tree, sinks[GLOSSARY_FILE])
    _check_conflicts(std, sinks[PHRASES_FILE])
    diags = [d for s in sinks.values() for d in s.items]
    return std, diags


def _load_phrases(std: Standards, tree: Mapping) -> None:
    req = field_node(tree, "required")
    if isinstance(req, Mapping):
        for key, (_, g) in req.items.items():
            name = text_of(field_node(g, "name"))
            if name is None:
                continue
            phrases = {lang: [s.text for s in _scalars(field_node(g, lang))] for lang in LANGS}
            std.groups[key] = PhraseGroup(
                key, name, phrases, {lang: PhraseMatcher(lang, phrases[lang]) for lang in LANGS}
            )
    forb = field_node(tree, "forbidden")
    for lang in LANGS:
        for item in _items(field_node(forb, lang)):
            phrase_node = field_node(item, "phrase")
            phrase, instead = scalar_text(phrase_node), scalar_text(field_node(item, "instead"))
            if phrase and instead and isinstance(phrase_node, Scalar):
                why = scalar_text(field_node(item, "why")) or ""
                std.forbidden[lang].append(Forbidden(lang, phrase, instead, why, phrase_node))
        std.forbidden_matchers[lang] = PhraseMatcher(lang, [f.phrase for f in std.forbidden[lang]])
    hon = field_node(field_node(tree, "honorific"), "zh")
    if isinstance(hon, Mapping):
        forbidden = [s.text for s in _scalars(field_node(hon, "forbidden"))]
        instead = scalar_text(field_node(hon, "instead"))
        if forbidden and instead:
            std.honorific = Honorific(forbidden, instead, [s.text for s in _scalars(field_node(hon, "allowed"))])


def _load_categories(std: Standards, tree: Mapping, sink: Sink, *, check_groups: bool) -> None:
    std.roles = _named_texts(field_node(tree, "roles"))
    std.step_kinds = _named_texts(field_node(tree, "step_kinds"))
    cats = field_node(tree, "categories")
    if not isinstance(cats, Mapping):
        return
    for key, (_, c) in cats.items.items():
        name = text_of(field_node(c, "name"))
        if name is None:
            continue
        steps = _scalars(field_node(c, "required_steps"))
        for s in steps:
            if std.step_kinds and s.text not in std.step_kinds:
                sink.error(s.line, s.col, "ref.unknown",
                           f'category "{key}" requires step kind "{s.text}", which is not in step_kinds'
                           f"{schema_errors.did_you_mean(s.text, std.step_kinds)}")
        groups = _scalars(field_node(c, "required_phrases"))
        for g in groups:
            if check_groups and g.text not in std.groups:
                sink.error(g.line, g.col, "ref.unknown",
                           f'category "{key}" requires phrase group "{g.text}", which is not defined in '
                           f"{PHRASES_FILE}{schema_errors.did_you_mean(g.text, std.groups)}")
        std.categories[key] = Category(
            key, name, [s.text for s in steps], texts_of(field_node(c, "required_checks")),
            [g.text for g in groups],
        )


def _load_glossary(std: Standards, tree: Mapping, sink: Sink) -> None:
    seen: dict[str, int] = {}
    for item in _items(field_node(tree, "terms")):
        term, definition = text_of(field_node(item, "term")), text_of(field_node(item, "definition"))
        if term is None or definition is None:
            continue
        abbr_node = field_node(item, "abbr")
        abbr = scalar_text(abbr_node)
        if abbr and isinstance(abbr_node, Scalar):
            if abbr in seen:
                sink.error(abbr_node.line, abbr_node.col, "id.duplicate",
                           f'abbreviation "{abbr}" is defined twice (first at line {seen[abbr]})')
                continue
            seen[abbr] = abbr_node.line
        std.terms.append(Term(abbr, term, definition))


def _check_conflicts(std: Standards, sink: Sink) -> None:
    """Rules that contradict each other would make some SOP impossible to write."""
    for lang in LANGS:
        for f in std.forbidden[lang]:
            pos = (f.node.line, f.node.col) if f.node else (1, 1)
            one = PhraseMatcher(lang, [f.phrase])
            for g in std.groups.values():
                for required in g.phrases[lang]:
                    if one.search(required):
                        sink.at(pos, "standards.conflict",
                                f'forbidden phrase "{f.phrase}" would also forbid the required phrase '
                                f'"{required}" (group {g.key}); narrow one of them')
            bad = std.forbidden_matchers[lang].search(f.instead)
            if bad:
                sink.at(pos, "standards.conflict",
                        f'the suggested replacement "{f.instead}" itself contains the forbidden phrase '
                        f'"{bad.phrase}"')
            if lang == "zh" and std.honorific and honorific_hits(std.honorific, f.instead):
                sink.at(pos, "standards.conflict",
                        f'the suggested replacement "{f.instead}" breaks the honorific rule (use '
                        f"{std.honorific.instead})")
    if std.honorific:
        for g in std.groups.values():
            for required in g.phrases["zh"]:
                if honorific_hits(std.honorific, required):
                    sink.error(1, 1, "standards.conflict",
                               f'required phrase "{required}" (group {g.key}) breaks the honorific rule')


def honorific_hits(rule: Honorific, text: str) -> list[tuple[int, str]]:
    """Positions of forbidden forms of address in `text`, ignoring allowed words like 迷你."""
    norm = normalise(text)
    if len(norm) != len(text):
        norm = text
    covered: set[int] = set()
    for word in rule.allowed:
        start = norm.find(word)
        while start != -1:
            covered.update(range(start, start + len(word)))
            start = norm.find(word, start + 1)
    hits = []
    for form in sorted(rule.forbidden, key=len, reverse=True):
        start = norm.find(form)
        while start != -1:
            if start not in covered:
                longer = norm[start:start + 2] if norm[start:start + 2] == form + "们" else form
                hits.append((start, longer))
                covered.update(range(start, start + len(longer)))
            start = norm.find(form, start + 1)
    return sorted(hits)


def _scalars(node: Node | None) -> list[Scalar]:
    return [n for n in node.items if isinstance(n, Scalar) and n.text] if isinstance(node, Sequence) else []


def _items(node: Node | None) -> list[Node]:
    return node.items if isinstance(node, Sequence) else []

