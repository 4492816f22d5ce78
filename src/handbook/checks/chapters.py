"""Check the hand-written Markdown pages (`docs/<lang>/**/*.md`).

Chapters are content too: they need front matter, must exist in both languages, may only link
to SOPs and pages that exist, and their customer-facing script blocks (`!!! say`) obey the same
phrase rules as SOP `say` lines.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..content.pages import GENERATED_PAGES, LANG_DIRS, SOP_PAGE_RE, Page, is_chapter
from ..content.sop_schema import ID_PATTERN
from ..content.standards import Standards
from ..source.diagnostics import Diagnostic, RuleId, Sink
from ..source.loader import decode, parse
from ..source.schema import make_validator
from ..source.schema_report import did_you_mean, report
from ..source.text import CONTROL_RE, cjk_count, han_count, has_words, latin_count
from ..source.tree import Mapping, Scalar, Sequence, to_data
from .rendered import MAX_INLINE_WORK, MAX_NESTING, MAX_SCAN, inline_work, judge, nesting, render, scan_cost
from .rules.i18n import I18N_UNTRANSLATED, TEXT_CONTROL_CHAR, is_pinyin
from .rules.phrases import PHRASE_FORBIDDEN, PHRASE_HONORIFIC, forbidden_in, honorific_in
from .rules.refs import REF_UNKNOWN
from .rules.terms import TERM_PREFERRED, variants_in
from .rules.traditional import I18N_CONVERSION, conversion_problems
from .rules.values import unknown_references

CHAPTER_FRONT_MATTER = RuleId("chapter.front-matter", "a page's front matter is missing or malformed")
CHAPTER_MISSING_TRANSLATION = RuleId("chapter.missing-translation", "a page exists in one language only")
CHAPTER_NUMBER = RuleId("chapter.number", "the zh and en versions of a chapter have different numbers")
CHAPTER_LINK = RuleId("chapter.link", "a link to a page that does not exist, or an unsafe link")
CHAPTER_SAY_INDENT = RuleId("chapter.say-indent", "a say line indented too little to be shown in the say box")
CHAPTER_RAW_HTML = RuleId("chapter.raw-html", "raw HTML or an event-handler attribute in a page")
CHAPTER_TOO_LARGE = RuleId("chapter.too-large", "a page file is too large")
CHAPTER_TOO_COMPLEX = RuleId("chapter.too-complex",
                             "nesting or unclosed brackets Markdown cannot render in reasonable time and stack")

_PAGE_PROPS: dict[str, Any] = {
    "title": {"type": "string", "minLength": 1, "pattern": r"\S"},
    "description": {"type": "string"},
    "chapter": {"type": "integer", "minimum": 1},
    "sops": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": ID_PATTERN}},
    "hide": {"type": "array", "items": {"type": "string"}},
    "search": {"type": "object"},
    "icon": {"type": "string", "pattern": r"^[a-z0-9-]+(/[a-z0-9-]+)+$"},
    "status": {"type": "string", "pattern": r"^[a-z0-9-]+$"},
}
PAGE_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["title"],
               "properties": _PAGE_PROPS}
CHAPTER_SCHEMA = {"type": "object", "additionalProperties": False,
                  "required": ["title", "chapter", "description"], "properties": _PAGE_PROPS}
_PAGE_VALIDATOR = make_validator(PAGE_SCHEMA)
_CHAPTER_VALIDATOR = make_validator(CHAPTER_SCHEMA)



_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
# Every pattern below stops at the next opening character it looks for (`[`, `<`, `{`): a line
# of 80,000 `[` costs one pass, not one pass per bracket.
_LINK_RE = re.compile(r"!?\[[^\[\]\n]*\]\(\s*<?([^)\s<>\[\]]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
# A box opener as Python-Markdown's admonition and details extensions read it: `!!! say`,
# `!!!say`, `!!! note say "title"`, `??? say`, `???+ say`; it is a say box when one of its
# classes is `say` (compared without case: `!!! Say` is still a script to the author).
_BOX_RE = re.compile(r"^([ \t>]*)(?:!!!|\?\?\?\+?)[ \t]*([\w-]+(?:[ \t]+[\w-]+)*)")
_LIST_MARK_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
# Raw HTML in a chapter reaches the site unescaped (Python-Markdown passes it through), and
# `attr_list` turns `{: onclick=… }` into attributes: both are errors. A few harmless inline
# tags stay allowed.
_HTML_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")
_ALLOWED_TAGS = frozenset({"br", "kbd", "sup", "sub", "small", "mark", "abbr", "span"})
_EVENT_ATTR_RE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_ATTR_LIST_RE = re.compile(r"\{:?[^{}\n]*\}")
_CODE_SPAN_RE = re.compile(r"(?<!\\)`[^`]*`")  # an escaped backtick opens no code span
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it: a lone CR ends a line
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
    """(line number, text) of body lines outside fenced code blocks.

    A fence opens as Markdown opens one (three or more ``` or ~~~, and a backtick fence has no
    backtick after it: "```x```" is inline code) and closes with the same character, at least
    as many times, alone on its line."""
    fence = ""
    for no, line in enumerate(page.text.split("\n")[page.body_start - 1:], page.body_start):
        m = _FENCE_RE.match(line)
        if not fence:
            if m and (m.group(1)[0] == "~" or "`" not in m.group(2)):
                fence = m.group(1)
                continue
            yield no, line
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
            fence = ""


BOX_INDENT = 4  # Python-Markdown puts a line in an admonition box only when indented this much


def say_box_start(line: str) -> int | None:
    """The indentation of a say box opened on this line, or None if it opens none."""
    m = _BOX_RE.match(line)
    if m and "say" in m.group(2).lower().split():
        return len(m.group(1).expandtabs(BOX_INDENT))
    return None


def say_lines(page: Page) -> Iterator[tuple[int, int, str, bool, int]]:
    """(line, column of the text, text, in the box, box number) of each line under a say box
    opener (`!!! say`, `!!!say`, `!!! note say`, `??? say` …).

    A line indented less than the box needs is still a say line to the author (and checked as
    one), but Markdown renders it outside the box: `in the box` is False for it."""
    block_indent: int | None = None
    box = -1
    for no, line in body_lines(page):
        if block_indent is not None:
            if not line.strip():
                continue
            indent = len(line.expandtabs(BOX_INDENT)) - len(line.expandtabs(BOX_INDENT).lstrip())
            if indent > block_indent:
                content = line.lstrip()
                marker = _LIST_MARK_RE.match(content)
                if marker:
                    content = content[marker.end():]
                yield no, len(line) - len(content) + 1, content.rstrip(), indent >= block_indent + BOX_INDENT, box
                continue
            block_indent = None
        opened = say_box_start(line)
        if opened is not None:
            block_indent, box = opened, box + 1


# Inline Markdown that changes nothing a reader hears: emphasis, code and link brackets, a
# backslash escape, an attribute list, a tag. `我**不**知道` and `&#20320;好` are read as 我不知道, 你好.
_INLINE_MARKUP_RE = re.compile(r"<[^<>]*>|\{:?[^{}]*\}|\\(?=[^\w\s])|[*_~`\[\]]")


def visible(text: str) -> str:
    """A say line as the reader sees it: inline markup removed, entities decoded."""
    return html.unescape(_INLINE_MARKUP_RE.sub("", text))


def check_page(page: Page, std: Standards, sop_ids: frozenset[str],
               pages: dict[str, set[str]]) -> list[Diagnostic]:
    sink = Sink(page.path)
    _check_front_refs(page, sop_ids, sink)
    _check_front_text(page, sink)
    said = _check_say_lines(page, std, sink)
    flagged: list[tuple[int, int, int]] = []
    _check_body(page, std, sop_ids, pages, sink, flagged)
    _check_rendered(page, std, said, sink, flagged)
    return sink.items


def _say_hits(std: Standards, lang: str, text: str) -> Iterator[tuple[int, RuleId, str]]:
    """(index, rule, message) of what one customer-facing line must not say."""
    for index, _, msg in forbidden_in(std, lang, text):
        yield index, PHRASE_FORBIDDEN, msg
    if lang == "zh":
        for index, msg in honorific_in(std, text):
            yield index, PHRASE_HONORIFIC, msg
        for msg in conversion_problems(std, text):  # and as the Traditional edition will say it
            yield 0, I18N_CONVERSION, msg


def _check_say_lines(page: Page, std: Standards, sink: Sink) -> dict[int, Counter[tuple[str, str]]]:
    """The phrase rules on each say line as written (markup removed, entities decoded); returns
    per box what was reported, so the rendered check adds only what this one missed."""
    boxed, lines = True, page.text.split("\n")
    said: dict[int, Counter[tuple[str, str]]] = {}
    for no, col, text, in_box, box in say_lines(page):
        if not in_box and boxed:  # once per run of lines is enough: the rest is the same mistake
            indent = len(lines[no - 1]) - len(lines[no - 1].lstrip())
            sink.error(no, 1, CHAPTER_SAY_INDENT,
                       f"this say line is indented {indent} space{'s' if indent != 1 else ''}; the say box shows "
                       f"only lines indented {BOX_INDENT} spaces under `!!! say`, so it would appear outside the box")
        boxed = in_box
        shown = visible(text)
        if page.lang == "en" and is_pinyin(shown):
            sink.error(no, col, I18N_UNTRANSLATED, "this say line of an English page is Pinyin; write it in English")
        for index, rule, msg in _say_hits(std, page.lang, shown):
            sink.error(no, col + (index if shown == text else 0), rule, msg)
            said.setdefault(box, Counter())[(rule.id, msg)] += 1
    return said


def _check_front_text(page: Page, sink: Sink) -> None:
    """Front-matter texts the theme prints as they are (`<title>`, the navigation, `<h1>`, the
    `content="…"` of the description) may hold no markup, and a title must say something."""
    tree = page.front_tree
    if tree is None:
        return
    for key in ("title", "description"):
        node = tree.items.get(key, (None, None))[1]
        if not isinstance(node, Scalar):
            continue
        bad = next((c for c in node.text if c in _FRONT_MARKUP), None)
        if bad is not None:
            sink.error(node.line, node.col, CHAPTER_FRONT_MATTER,
                       f"front matter `{key}` contains {bad!r}, which the site would print as markup; write "
                       "it without < > & \" (use “ ” for quotes, 和 or \"and\" for &)")
        elif key == "title" and node.text.strip() and not has_words(node.text):
            sink.error(node.line, node.col, CHAPTER_FRONT_MATTER,
                       "front matter `title` has no letter or digit a reader can see; write the title")


_FRONT_MARKUP = frozenset('<>&"')


def _check_body(page: Page, std: Standards, sop_ids: frozenset[str], pages: dict[str, set[str]],
                sink: Sink, flagged: list[tuple[int, int, int]]) -> None:
    """The line checks; `flagged` gets (line, start, end) of each link and tag they reported."""
    han = latin = 0
    chapter = is_chapter(page.rel)
    for no, line in body_lines(page):
        line_han, line_latin = han_count(line), latin_count(line)
        han, latin = han + line_han, latin + line_latin
        if page.lang == "en" and cjk_count(line) >= 8 and cjk_count(line) > line_latin:
            sink.error(no, 1, I18N_UNTRANSLATED, "this line of an English page is Chinese; translate it")
        cm = CONTROL_RE.search(line)
        if cm:
            sink.error(no, cm.start() + 1, TEXT_CONTROL_CHAR,
                       f"the line contains the invisible character U+{ord(cm.group()):04X}; delete it")
        for m in _LINK_RE.finditer(line):
            before = len(sink.items)
            _check_link(page, m.group(1), (no, m.start(1) + 1), sop_ids, pages, sink)
            if len(sink.items) > before:
                flagged.append((no, m.start() + 1, m.end() + 1))
        _check_html(line, no, sink, flagged)
        for index, _, msg in unknown_references(line, std.values):
            sink.error(no, index + 1, REF_UNKNOWN, msg)
        if chapter:  # one term for one thing in what staff learn (sources and notes may quote variants)
            for index, msg in variants_in(std, page.lang, line):
                sink.at((no, index + 1), TERM_PREFERRED, msg, warning=True)
    if page.lang == "zh" and han == 0 and latin > 40:
        sink.error(page.body_start, 1, I18N_UNTRANSLATED,
                   "this Chinese page contains no Chinese; write it in Chinese")


def _check_html(line: str, no: int, sink: Sink, flagged: list[tuple[int, int, int]]) -> None:
    """Raw HTML and event-handler attribute lists, located on the line (the rendered check
    catches what a line cannot show: a tag split over lines, an entity, a reference link)."""
    if "<" not in line and "{" not in line:
        return
    spans = [m.span() for m in _CODE_SPAN_RE.finditer(line)]
    starts = [a for a, _ in spans]

    def in_code(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < spans[i][1]

    for m in _HTML_TAG_RE.finditer(line):
        if in_code(m.start()):
            continue
        if m.group(1).lower() not in _ALLOWED_TAGS or _EVENT_ATTR_RE.search(m.group(0)):
            sink.error(no, m.start() + 1, CHAPTER_RAW_HTML,
                       f"raw HTML `{m.group(0)[:40]}` is not allowed in pages; write it in Markdown")
            flagged.append((no, m.start() + 1, m.end() + 1))
    for m in _ATTR_LIST_RE.finditer(line):
        if not in_code(m.start()) and _EVENT_ATTR_RE.search(m.group(0)):
            flagged.append((no, m.start() + 1, m.end() + 1))
            sink.error(no, m.start() + 1, CHAPTER_RAW_HTML,
                       f"attribute list `{m.group(0)[:40]}` sets an event handler; remove it")


def _check_rendered(page: Page, std: Standards, said: dict[int, Counter[tuple[str, str]]], sink: Sink,
                    flagged: list[tuple[int, int, int]]) -> None:
    """Render the body as the site will, within bounds, and judge what Markdown produced: what
    the line checks reported already (a problem inside a link or tag they flagged) is not
    reported twice."""
    lines = page.text.split("\n")[page.body_start - 1:]
    deepest = _too_complex(page, lines, sink)
    if deepest is None:
        return
    try:
        result = judge(render("\n".join(lines)))
    except RecursionError:
        sink.error(deepest, 1, CHAPTER_TOO_COMPLEX,
                   "this page nests too deeply for Markdown to render it; flatten the lists, quotes or boxes")
        return
    seen, after = set(), {}
    for v in result.violations:
        rule = CHAPTER_LINK if v.kind == "url" else CHAPTER_RAW_HTML
        line, col = page.body_start, 1
        for needle in _needles(v.needle):  # the value as written, else its end (the start may be an entity)
            line, col = _locate(page, lines, needle, after.get(needle, (0, -1)))
            if (line, col) != (page.body_start, 1):
                after[needle] = (line - page.body_start, col)
                break
        explained = any(no == line and a <= col < b for no, a, b in flagged)
        if not explained and (line, col, v.message) not in seen:
            seen.add((line, col, v.message))
            if len(seen) > MAX_RENDERED_REPORTS:
                sink.error(line, col, rule, f"and {len(result.violations)} problems in all in this page as Markdown "
                           "renders it; the first ones are listed above")
                break
            sink.error(line, col, rule, f"{v.message} (in the page as Markdown renders it)")
    _check_rendered_say(page, std, result.say_boxes, said, sink)


MAX_RENDERED_REPORTS = 20  # one page's rendered problems listed one by one; then a count


def _too_complex(page: Page, lines: list[str], sink: Sink) -> int | None:
    """The bounds before rendering: None if the page is refused, else its most nested line."""
    deepest, depth = page.body_start, 0
    for no, line in body_lines(page):
        d = nesting(line)
        if d > depth:
            deepest, depth = no, d
    if depth > MAX_NESTING:
        sink.error(deepest, 1, CHAPTER_TOO_COMPLEX,
                   f"this line nests {depth} levels deep (lists, quotes, boxes); at most {MAX_NESTING} render "
                   "reliably: flatten it")
        return None
    cost, worst = scan_cost(lines)
    if cost > MAX_SCAN:
        sink.error(page.body_start + worst, 1, CHAPTER_TOO_COMPLEX,
                   f"Markdown would scan about {cost:,} characters to match the brackets of this page (unclosed "
                   "`[`, `(` or `<`, most on this line): close them, or write \\[ and &lt; for literal ones")
        return None
    work, worst = inline_work(lines)
    if work > MAX_INLINE_WORK:
        sink.error(page.body_start + worst, 1, CHAPTER_TOO_COMPLEX,
                   "this paragraph is too long, with too much inline markup, for Markdown to render it in "
                   "reasonable time (its work grows with length × links, code and emphasis): split it into "
                   "paragraphs")
        return None
    return deepest


def _needles(value: str) -> list[str]:
    tail = value.split(":", 1)[-1].strip()
    return [n for n in dict.fromkeys((value, tail, tail[-12:])) if len(n) >= 3 or n == value]


def _locate(page: Page, lines: list[str], needle: str, start: tuple[int, int]) -> tuple[int, int]:
    """Where the source shows `needle` (case-insensitive) next after `start` (a body line index
    and a column; violations come in document order), else the start of the body."""
    if needle:
        low = needle.lower()
        for i in range(start[0], len(lines)):
            line = lines[i].lower()
            at = line.find(low, start[1] if i == start[0] else 0)
            spans = [m.span() for m in _CODE_SPAN_RE.finditer(line)] if at != -1 and "`" in line else []
            while at != -1 and any(a <= at < b for a, b in spans):  # shown as code there: not this one
                at = line.find(low, at + 1)
            if at != -1:
                return page.body_start + i, at + 1
    return page.body_start, 1


def _check_rendered_say(page: Page, std: Standards, boxes: list[list[str]],
                        said: dict[int, Counter[tuple[str, str]]], sink: Sink) -> None:
    """The phrase rules on every say box Markdown made, item by item, as the reader sees it
    (an item continued on the next line, a box in a quote): each hit beyond those the line
    check reported in that box is reported at the box's opening line."""
    openers = [no for no, line in body_lines(page) if say_box_start(line) is not None]
    matched = len(openers) == len(boxes)
    left = said if matched else {0: sum(said.values(), Counter())}
    for k, items in enumerate(boxes):
        line = openers[k] if matched else page.body_start
        known = left.setdefault(k if matched else 0, Counter())
        for item in items:
            for _, rule, msg in _say_hits(std, page.lang, item):
                if known[(rule.id, msg)] > 0:
                    known[(rule.id, msg)] -= 1
                else:
                    sink.error(line, 1, rule, f"{msg} (in this say box as the page shows it)")


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
    if _UNSAFE_SCHEME_RE.match(html.unescape(target).replace("\t", "")):  # `&#106;avascript:` is javascript:
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

