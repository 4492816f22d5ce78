"""Check the QA-owned standards like any other input, and load them for the other checks.

The standards are data a non-programmer edits, so they get the same treatment as SOPs: a
located error for every structural problem, references between them resolved, and the
contradictions a person can easily write (a forbidden phrase that would forbid a required
one, a suggested replacement that itself breaks a rule) reported as `standards.conflict`.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import LANGS, text_of
from ..content.standards import (
    CATEGORIES_FILE,
    GLOSSARY_FILE,
    MALL_FILE,
    PHRASES_FILE,
    TERMS_FILE,
    TRADITIONAL_FILE,
    VALIDATORS,
    Standards,
    build_standards,
    honorific_hits,
)
from ..source.diagnostics import Diagnostic, RuleId, Sink
from ..source.files import Unreadable, entry_of, read_regular
from ..source.loader import decode, parse_file
from ..source.schema_report import did_you_mean, report
from ..source.text import CONTROL_RE, PhraseMatcher, fold, has_words
from ..source.tree import Mapping, Node, Sequence, field_node, items, scalar_text, scalars, to_data
from .files import FILE_SYMLINK, FILE_UNREADABLE
from .rules.i18n import TEXT_CONTROL_CHAR
from .rules.refs import REF_UNKNOWN
from .rules.steps import ID_DUPLICATE

STANDARDS_MISSING = RuleId("standards.missing", "a standards file is missing")
STANDARDS_CONFLICT = RuleId("standards.conflict", "two standards contradict each other")
STANDARDS_TRIVIAL = RuleId("standards.trivial",
                           'a required phrase or checklist item that any text meets (e.g. "*" or ".")')


STANDARDS_FILES = (CATEGORIES_FILE, PHRASES_FILE, GLOSSARY_FILE, MALL_FILE, TERMS_FILE, TRADITIONAL_FILE)
OPTIONAL_FILES = (GLOSSARY_FILE, MALL_FILE, TERMS_FILE, TRADITIONAL_FILE)


def load_standards(root: Path) -> tuple[Standards, list[Diagnostic]]:
    """Read and cross-check the standards files under `root` (categories and phrases must
    exist; the glossary, the mall's values and the terms may)."""
    sinks = {rel: Sink(rel) for rel in STANDARDS_FILES}
    trees = {rel: _read(root, rel, sinks[rel], optional=rel in OPTIONAL_FILES) for rel in STANDARDS_FILES}
    cat_tree, ph_tree, gl_tree = trees[CATEGORIES_FILE], trees[PHRASES_FILE], trees[GLOSSARY_FILE]
    std = build_standards(trees)
    std.readable = {CATEGORIES_FILE: cat_tree is not None, PHRASES_FILE: ph_tree is not None}
    if cat_tree is not None:
        _check_category_refs(std, cat_tree, sinks[CATEGORIES_FILE], check_groups=ph_tree is not None)
    if gl_tree is not None:
        _check_abbreviations(gl_tree, sinks[GLOSSARY_FILE])
    _check_conflicts(std, sinks[PHRASES_FILE])
    if cat_tree is not None:
        for cat in items_of(field_node(cat_tree, "categories")):
            for item in items(field_node(cat, "required_checks")):
                _check_trivial(item, sinks[CATEGORIES_FILE], "a required checklist item")
    if ph_tree is not None:
        for group in items_of(field_node(ph_tree, "required")):
            _check_trivial(group, sinks[PHRASES_FILE], "a required phrase")
    return std, [d for s in sinks.values() for d in s.items]


def _read(root: Path, rel: str, sink: Sink, *, optional: bool = False) -> Mapping | None:
    path = root / rel
    entry = entry_of(path)
    if entry is None:
        if not optional:
            sink.error(1, 1, STANDARDS_MISSING, f"{rel} is missing; the checker needs it")
        return None
    try:
        data = read_regular(path)
    except Unreadable as exc:
        sink.error(1, 1, FILE_SYMLINK if exc.link else FILE_UNREADABLE, exc.message)
        return None
    text = decode(data, sink)
    if text is None:
        return None
    tree = parse_file(text, sink)
    if tree is None:
        return None
    report(VALIDATORS[rel], to_data(tree), tree, sink)
    _check_control_chars(tree, sink)
    # keep going with whatever is well formed: the builders skip malformed parts
    return tree if isinstance(tree, Mapping) else None


def items_of(node: Node | None) -> list[Node]:
    """The values of a mapping (a category, a phrase group), in order."""
    return [v for _, v in node.items.values()] if isinstance(node, Mapping) else []


def trivial(phrase: str, lang: str) -> bool:
    """Whether every text would meet this requirement: no letter or digit a reader sees once
    the wildcard is removed (`*`, `.`, `ㅤ`), or an English wildcard on fewer than three letters."""
    stem = phrase.strip()
    bare = fold(stem.rstrip("*"), lang)[0]
    return not has_words(bare) or (lang == "en" and stem.endswith("*") and len(bare.strip()) < 3)


def _check_trivial(node: Node, sink: Sink, what: str) -> None:
    """A requirement every SOP meets would pass SOPs that do not do what it asks."""
    for lang in LANGS:
        value = field_node(node, lang)
        for scalar in ([value] if value is not None and not isinstance(value, Sequence) else scalars(value)):
            text = scalar_text(scalar)
            if text is not None and scalar is not None and trivial(text, lang):
                sink.error(scalar.line, scalar.col, STANDARDS_TRIVIAL,
                           f'{what} "{text}" ({lang}) is met by any text; write the words it requires')


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
                sink.error(current.line, current.col, TEXT_CONTROL_CHAR,
                           f"the text contains the invisible character U+{ord(m.group()):04X}; delete it")


def _check_category_refs(std: Standards, tree: Mapping, sink: Sink, *, check_groups: bool) -> None:
    """Each category names step kinds and phrase groups that the standards define."""
    cats = field_node(tree, "categories")
    if not isinstance(cats, Mapping):
        return
    for key in std.categories:
        c = cats.items[key][1]
        for s in scalars(field_node(c, "required_steps")):
            if std.step_kinds and s.text not in std.step_kinds:
                sink.error(s.line, s.col, REF_UNKNOWN,
                           f'category "{key}" requires step kind "{s.text}", which is not in step_kinds'
                           f"{did_you_mean(s.text, std.step_kinds)}")
        for g in scalars(field_node(c, "required_phrases")):
            if check_groups and g.text not in std.groups:
                sink.error(g.line, g.col, REF_UNKNOWN,
                           f'category "{key}" requires phrase group "{g.text}", which is not defined in '
                           f"{PHRASES_FILE}{did_you_mean(g.text, std.groups)}")


def _check_abbreviations(tree: Mapping, sink: Sink) -> None:
    seen: dict[str, int] = {}
    for item in items(field_node(tree, "terms")):
        if text_of(field_node(item, "term")) is None or text_of(field_node(item, "definition")) is None:
            continue  # not a term the glossary keeps (the schema report said why)
        abbr_node = field_node(item, "abbr")
        abbr = scalar_text(abbr_node)
        if not abbr or abbr_node is None:
            continue
        if abbr in seen:
            sink.error(abbr_node.line, abbr_node.col, ID_DUPLICATE,
                       f'abbreviation "{abbr}" is defined twice (first at line {seen[abbr]})')
        else:
            seen[abbr] = abbr_node.line


def _check_conflicts(std: Standards, sink: Sink) -> None:
    """Rules that contradict each other would make some SOP impossible to write."""
    for lang in LANGS:
        for f in std.forbidden[lang]:
            pos = (f.node.line, f.node.col) if f.node else (1, 1)
            one = PhraseMatcher(lang, [f.phrase])
            for g in std.groups.values():
                for required in g.phrases[lang]:
                    if one.search(required):
                        sink.at(pos, STANDARDS_CONFLICT,
                                f'forbidden phrase "{f.phrase}" would also forbid the required phrase '
                                f'"{required}" (group {g.key}); narrow one of them')
            bad = std.forbidden_matchers[lang].search(f.instead)
            if bad:
                sink.at(pos, STANDARDS_CONFLICT,
                        f'the suggested replacement "{f.instead}" itself contains the forbidden phrase '
                        f'"{bad.phrase}"')
            if lang == "zh" and std.honorific and honorific_hits(std.honorific, f.instead):
                sink.at(pos, STANDARDS_CONFLICT,
                        f'the suggested replacement "{f.instead}" breaks the honorific rule (use '
                        f"{std.honorific.instead})")
    if std.honorific:
        for g in std.groups.values():
            for required in g.phrases["zh"]:
                if honorific_hits(std.honorific, required):
                    sink.error(1, 1, STANDARDS_CONFLICT,
                               f'required phrase "{required}" (group {g.key}) breaks the honorific rule')
