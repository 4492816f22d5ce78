"""Check the hand-written Markdown pages (`docs/<lang>/**/*.md`).

Chapters are content too: they need front matter, must exist in both languages, may only link
to SOPs and pages that exist, and their customer-facing script blocks (`!!! say`) obey the same
phrase rules as SOP `say` lines.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ..content.pages import GENERATED_PAGES, LANG_DIRS, SOP_PAGE_RE, Page, is_chapter
from ..content.sop_schema import ID_PATTERN
from ..content.standards import Standards
from ..source.diagnostics import Diagnostic, RuleId, Sink
from ..source.loader import decode, parse
from ..source.schema import make_validator
from ..source.schema_report import did_you_mean, report
from ..source.text import CONTROL_RE, han_count, latin_count
from ..source.tree import Mapping, Scalar, Sequence, to_data
from .rules.i18n import I18N_UNTRANSLATED, TEXT_CONTROL_CHAR
from .rules.phrases import PHRASE_FORBIDDEN, PHRASE_HONORIFIC, forbidden_in, honorific_in
from .rules.refs import REF_UNKNOWN
from .rules.terms import TERM_PREFERRED, variants_in
from .rules.values import unknown_references

CHAPTER_FRONT_MATTER = RuleId("chapter.front-matter", "a page's front matter is missing or malformed")
CHAPTER_MISSING_TRANSLATION = RuleId("chapter.missing-translation", "a page exists in one language only")
CHAPTER_NUMBER = RuleId("chapter.number", "the zh and en versions of a chapter have different numbers")
CHAPTER_LINK = RuleId("chapter.link", "a link to a page that does not exist, or an unsafe link")
CHAPTER_SAY_INDENT = RuleId("chapter.say-indent", "a say line indented too little to be shown in the say box")
CHAPTER_RAW_HTML = RuleId("chapter.raw-html", "raw HTML or an event-handler attribute in a page")
CHAPTER_TOO_LARGE = RuleId("chapter.too-large", "a page file is too large")

_PAGE_PROPS: dict[str, Any] = {
    "title": {"type": "string", "minLength": 1, "pattern": r"\S"},
    "description": {"type": "string"},
    "chapter": {"type": "integer", "minimum": 1},
    "sops": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": ID_PATTERN}},
    "hide": {"type": "array", "items": {"type": "string"}},
    "search": {"type": "object"},
    "icon": {"type": "string"},
    "status": {"type": "string"},
}
PAGE_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["title"],
               "properties": _PAGE_PROPS}
CHAPTER_SCHEMA = {"type": "object", "additionalProperties": False,
                  "required": ["title", "chapter", "description"], "properties": _PAGE_PROPS}
_PAGE_VALIDATOR = make_validator(PAGE_SCHEMA)
_CHAPTER_VALIDATOR = make_validator(CHAPTER_SCHEMA)



_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_LINK_RE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_SAY_RE = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+say\b")
_LIST_MARK_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
# Raw HTML in a chapter reaches the site unescaped (Python-Markdown passes it through), and
# `attr_list` turns `{: onclick=… }` into attributes: both are errors. A few harmless inline
# tags stay allowed.
_HTML_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
_ALLOWED_TAGS = frozenset({"br", "kbd", "sup", "sub", "small", "mark", "abbr", "span"})
_EVENT_ATTR_RE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_ATTR_LIST_RE = re.compile(r"\{:?[^}\n]*\}")
MAX_PAGE_BYTES = 1_048_576
_UNSAFE_SCHEME_RE = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def load_page(lang: str, rel: str, display: str, data: bytes) -> tuple[Page | None, list[Diagnostic]]:
    sink = Sink(display)
    if len(data) > MAX_PAGE_BYTES:
        sink.error(1, 1, CHAPTER_TOO_LARGE, f"page is larger than {MAX_PAGE_BYTES // 1024} KiB; split it")
        return None, sink.items
    text = decode(data, sink)
    if text is None:
        return None, _as_chapter(sink.items)
    page = Page(lang, rel, display, text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        sink.error(1, 1, CHAPTER_FRONT_MATTER,
                   "the page has no front matter; start it with ---, a line `title: …`, and ---")
        return page, _as_chapter(sink.items)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        sink.error(1, 1, CHAPTER_FRONT_MATTER, "the front matter is not closed; end it with a line ---")
        return page, _as_chapter(sink.items)
    tree = parse("\n" + "\n".join(lines[1:end]), sink)  # the leading newline keeps line numbers
    page.body_start = end + 2
    validator = _CHAPTER_VALIDATOR if is_chapter(rel) else _PAGE_VALIDATOR
    data_ = to_data(tree) if tree is not None else None
    if tree is not None:
        report(validator, data_, tree, sink)
    if isinstance(data_, dict):
        page.front = data_
        page.front_tree = tree if isinstance(tree, Mapping) else None
    return page, _as_chapter(sink.items)


def _as_chapter(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Front-matter problems are reported under `chapter.front-matter` (yaml.* stays as is)."""
    out = []
    for d in diags:
        if d.rule.startswith(("schema.", "i18n.")):
            d = Diagnostic(d.path, d.line, d.col, d.severity, CHAPTER_FRONT_MATTER.id,
                           f"front matter: {d.message}")
        out.append(d)
    return out


def body_lines(page: Page) -> Iterator[tuple[int, str]]:
    """(line number, text) of body lines outside fenced code blocks."""
    in_fence = False
    for no, line in enumerate(page.text.split("\n")[page.body_start - 1:], page.body_start):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield no, line


BOX_INDENT = 4  # Python-Markdown puts a line in an admonition box only when indented this much


def say_lines(page: Page) -> Iterator[tuple[int, int, str, bool]]:
    """(line, column of the text, text, in the box) of each line under a `!!! say` heading.

    A line indented less than the box needs is still a say line to the author (and checked as
    one), but Markdown renders it outside the box: `in the box` is False for it."""
    block_indent: int | None = None
    for no, line in body_lines(page):
        if block_indent is not None:
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            if indent > block_indent:
                content = line.lstrip()
                marker = _LIST_MARK_RE.match(content)
                if marker:
                    content = content[marker.end():]
                yield no, len(line) - len(content) + 1, content.rstrip(), indent >= block_indent + BOX_INDENT
                continue
            block_indent = None
        m = _SAY_RE.match(line)
        if m:
            block_indent = len(m.group(1))


def check_page(page: Page, std: Standards, sop_ids: frozenset[str],
               pages: dict[str, set[str]]) -> list[Diagnostic]:
    sink = Sink(page.path)
    _check_front_refs(page, sop_ids, sink)
    boxed, lines = True, page.text.split("\n")
    for no, col, text, in_box in say_lines(page):
        if not in_box and boxed:  # once per run of lines is enough: the rest is the same mistake
            indent = len(lines[no - 1]) - len(lines[no - 1].lstrip())
            sink.error(no, 1, CHAPTER_SAY_INDENT,
                       f"this say line is indented {indent} space{'s' if indent != 1 else ''}; the say box shows "
                       f"only lines indented {BOX_INDENT} spaces under `!!! say`, so it would appear outside the box")
        boxed = in_box
        for index, _, msg in forbidden_in(std, page.lang, text):
            sink.error(no, col + index, PHRASE_FORBIDDEN, msg)
        if page.lang == "zh":
            for index, msg in honorific_in(std, text):
                sink.error(no, col + index, PHRASE_HONORIFIC, msg)
    han = latin = 0
    chapter = is_chapter(page.rel)
    for no, line in body_lines(page):
        line_han, line_latin = han_count(line), latin_count(line)
        han, latin = han + line_han, latin + line_latin
        if page.lang == "en" and line_han >= 8 and line_han > line_latin:
            sink.error(no, 1, I18N_UNTRANSLATED, "this line of an English page is Chinese; translate it")
        cm = CONTROL_RE.search(line)
        if cm:
            sink.error(no, cm.start() + 1, TEXT_CONTROL_CHAR,
                       f"the line contains the invisible character U+{ord(cm.group()):04X}; delete it")
        for m in _LINK_RE.finditer(line):
            _check_link(page, m.group(1), (no, m.start(1) + 1), sop_ids, pages, sink)
        _check_html(line, no, sink)
        for index, _, msg in unknown_references(line, std.values):
            sink.error(no, index + 1, REF_UNKNOWN, msg)
        if chapter:  # one term for one thing in what staff learn (sources and notes may quote variants)
            for index, msg in variants_in(std, page.lang, line):
                sink.at((no, index + 1), TERM_PREFERRED, msg, warning=True)
    if page.lang == "zh" and han == 0 and latin > 40:
        sink.error(page.body_start, 1, I18N_UNTRANSLATED,
                   "this Chinese page contains no Chinese; write it in Chinese")
    return sink.items


def _check_html(line: str, no: int, sink: Sink) -> None:
    code_spans = [m.span() for m in re.finditer(r"`[^`]*`", line)]

    def in_code(pos: int) -> bool:
        return any(a <= pos < b for a, b in code_spans)

    for m in _HTML_TAG_RE.finditer(line):
        if in_code(m.start()):
            continue
        if m.group(1).lower() not in _ALLOWED_TAGS or _EVENT_ATTR_RE.search(m.group(0)):
            sink.error(no, m.start() + 1, CHAPTER_RAW_HTML,
                       f"raw HTML `{m.group(0)[:40]}` is not allowed in pages; write it in Markdown")
    for m in _ATTR_LIST_RE.finditer(line):
        if not in_code(m.start()) and _EVENT_ATTR_RE.search(m.group(0)):
            sink.error(no, m.start() + 1, CHAPTER_RAW_HTML,
                       f"attribute list `{m.group(0)[:40]}` sets an event handler; remove it")


def _check_front_refs(page: Page, sop_ids: frozenset[str], sink: Sink) -> None:
    tree = page.front_tree
    sops = tree.items.get("sops", (None, None))[1] if tree is not None else None
    if not isinstance(sops, Sequence):
        return
    for item in sops.items:
        if isinstance(item, Scalar) and item.text and item.text not in sop_ids:
            sink.error(item.line, item.col, REF_UNKNOWN,
                       f'front matter lists SOP "{item.text}", which does not exist'
                       f"{did_you_mean(item.text, sop_ids)}")


def _check_link(page: Page, target: str, pos: tuple[int, int], sop_ids: frozenset[str],
                pages: dict[str, set[str]], sink: Sink) -> None:
    if _UNSAFE_SCHEME_RE.match(target):
        sink.at(pos, CHAPTER_LINK, f"unsafe link `{target[:40]}`; only http(s), mailto and page links are allowed")
        return
    if _SCHEME_RE.match(target) or target.startswith(("#", "/")):
        return
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
    m = SOP_PAGE_RE.match(resolved)
    if m and resolved not in GENERATED_PAGES:
        if m.group(2) not in sop_ids:
            sink.at(pos, REF_UNKNOWN,
                    f'link to SOP "{m.group(2)}", which does not exist'
                    f"{did_you_mean(m.group(2), sop_ids)}")
        return
    if resolved in GENERATED_PAGES or resolved in pages.get(page.lang, set()):
        return
    if resolved.startswith("../"):
        sink.at(pos, CHAPTER_LINK, f"link `{target}` leaves the {page.lang} pages")
        return
    sink.at(pos, CHAPTER_LINK, f"link target `{target}` does not exist (looked for docs/{page.lang}/{resolved})")


def check_translations(pages: dict[str, dict[str, Page | None]], sink: Sink) -> None:
    """Every page exists in both languages, and chapters agree on their number."""
    for lang in LANG_DIRS:
        other = "en" if lang == "zh" else "zh"
        for rel, page in pages[lang].items():
            if rel not in pages[other]:
                path = f"docs/{lang}/{rel}"
                sink.for_file(path).error(
                    1, 1, CHAPTER_MISSING_TRANSLATION,
                    f"docs/{other}/{rel} is missing; every page needs both its zh and en version")
            elif lang == "zh" and page is not None:
                twin = pages[other][rel]
                a, b = page.front.get("chapter"), twin.front.get("chapter") if twin else None
                if isinstance(a, int) and isinstance(b, int) and a != b:
                    sink.for_file(page.path).error(
                        1, 1, CHAPTER_NUMBER,
                        f"chapter number {a} differs from docs/{other}/{rel} ({b})")
                if twin is not None:
                    _compare_front(page, twin, sink)


# front-matter keys whose values are the same in both languages (titles are translated)
SHARED_FRONT_KEYS = ("sops", "hide", "status")


def _compare_front(page: Page, twin: Page, sink: Sink) -> None:
    """The zh and en versions of a page share their non-text front matter: a `sops:` list
    changed in one language only would silently show different SOPs on the two sites."""
    for key in SHARED_FRONT_KEYS:
        a, b = page.front.get(key), twin.front.get(key)
        if a == b or (isinstance(a, list) and isinstance(b, list) and sorted(map(str, a)) == sorted(map(str, b))):
            continue
        tree = page.front_tree
        key_node = tree.items.get(key, (None,))[0] if tree is not None else None
        line = key_node.line if key_node is not None else 1
        sink.for_file(page.path).error(
            line, 1, CHAPTER_FRONT_MATTER,
            f"front matter `{key}` differs from {twin.path}: {_shown(a)} here, {_shown(b)} there; "
            "make both languages list the same")


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)

