"""Render a page as the site will, and judge the HTML that Markdown actually produced.

A line-by-line look at Markdown source cannot know what Markdown will make of it: a tag split
over two lines, a reference-style link defined elsewhere, an attribute list that sets `href`,
an entity that spells a forbidden word, a box opened as `!!!say` or `!!! note say`. So every
page is rendered with the same Python-Markdown extensions as the site (`MARKDOWN_EXTENSIONS`),
and the result is held to an allow-list: known elements, known attributes per element, URLs
with a safe scheme only (images from inside the site only), nothing the parser cannot read as
plain markup. The text of each say box, as a reader sees it, is returned for the phrase rules.

Two bounds come first, because Python-Markdown itself is not linear on every input: it scans
from every `[` to its closing `]` (and from every `<` to the next `>`), so thousands of unclosed
brackets take minutes, and it recurses once per nested list level, so a 600-level list ends in
a RecursionError. `complexity` estimates both on the source, in linear time, before rendering.
"""

from __future__ import annotations

import bisect
import html
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from ..content.pages import MARKDOWN_CONFIGS, MARKDOWN_EXTENSIONS

# -- what rendered pages may contain -----------------------------------------------------------
ALLOWED_ELEMENTS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li", "mark", "ol", "p", "pre", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
COMMON_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})
ELEMENT_ATTRIBUTES = {
    "a": frozenset({"href"}), "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}), "li": frozenset({"value"}), "details": frozenset({"open"}),
    "td": frozenset({"style", "colspan", "rowspan"}), "th": frozenset({"style", "colspan", "rowspan"}),
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TABLE_STYLE_RE = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_RAW_TAG_RE = re.compile(r"<[A-Za-z/!?]")


@dataclass(frozen=True, slots=True)
class Violation:
    """Something in the rendered HTML the site must not serve; `needle` is source text to
    look for when locating it; `kind` is "markup" (an element or attribute) or "url"."""

    kind: str
    message: str
    needle: str


@dataclass(slots=True)
class Rendered:
    violations: list[Violation] = field(default_factory=list)
    say_boxes: list[list[str]] = field(default_factory=list)  # per say box, the text of each item


def url_problem(value: str, *, loads: bool) -> str | None:
    """Why a URL may not appear (None if it may): an unsafe scheme, or, for what a page loads
    (`loads`: an image), anything from outside the site."""
    url = _URL_IGNORED.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11"
                                            "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    m = _SCHEME_RE.match(url)
    if m:
        scheme = m.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return f"the {scheme}: scheme is not allowed (only http(s), mailto, tel and links inside the site)"
        if loads:
            return "an image is loaded from outside the site; put the image in docs/ and link it relatively"
    elif loads and url.replace("\\", "/").startswith("//"):
        return "an image is loaded from outside the site; put the image in docs/ and link it relatively"
    return None


class _Judge(HTMLParser):
    """Walks rendered HTML once: violations, and the text of each say box's items."""

    def __init__(self, out: Rendered, depth: int = 0) -> None:
        super().__init__(convert_charrefs=False)
        self.out, self.depth = out, depth
        self.open: list[tuple[str, bool]] = []  # (tag, starts a say box) of the open elements
        self.item: list[str] | None = None  # text of the say item being read
        self.item_at = -1  # its element's place in `open`

    # -- markup --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._judge(tag, attrs)
        classes = next((v or "" for k, v in attrs if k == "class"), "").split()
        box = tag in ("div", "details") and "say" in (c.lower() for c in classes)
        if tag in ("br", "hr", "img"):
            return
        if box:
            self.out.say_boxes.append([])
        elif self.item is None and tag in ("li", "p", "dd", "td") and self._in_box() \
                and "admonition-title" not in classes:
            self.item, self.item_at = [], len(self.open)
        self.open.append((tag, box))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._judge(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                if self.item is not None and i <= self.item_at:
                    self.out.say_boxes[-1].append("".join(self.item))
                    self.item = None
                del self.open[i:]
                break

    def _in_box(self) -> bool:
        return any(box for _, box in self.open)

    def _judge(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_ELEMENTS:
            self._flag("markup", f"the element <{tag}> is not allowed in pages; write it in Markdown", f"<{tag}")
            return
        allowed = COMMON_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                what = "an event handler" if name.startswith("on") else "not allowed"
                self._flag("markup", f"the attribute {name}= on <{tag}> is {what}; remove it", name)
            elif name == "style" and not _TABLE_STYLE_RE.match(value or ""):
                self._flag("markup", f"the attribute style= on <{tag}> is not allowed; remove it", name)
            elif name in ("href", "src"):
                why = url_problem(value or "", loads=name == "src")
                if why:
                    self._flag("url", f"unsafe link `{(value or '')[:40]}`: {why}", value or "")

    def _flag(self, kind: str, message: str, needle: str) -> None:
        self.out.violations.append(Violation(kind, message, needle))

    # -- text, and what the parser does not read as markup ------------------------------------------
    def handle_data(self, data: str) -> None:
        if _RAW_TAG_RE.search(data):
            self._flag("markup", "markup the checker cannot read as HTML (a `<` that is not escaped); "
                                 "write &lt; or put it in `code`", "<")
        if self.item is not None:
            self.item.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_charref_text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_charref_text(f"&#{name};")

    def handle_charref_text(self, ref: str) -> None:
        if self.item is not None:
            self.item.append(html.unescape(ref))

    def _reread(self, text: str) -> None:
        """Comments, declarations and processing instructions end differently in browsers
        (`--!>`, `<!-->`, a `>` in a CDATA or a quoted DOCTYPE): their text is judged as HTML."""
        if self.depth >= 4:
            if "<" in text:
                self._flag("markup", "nested comments or declarations are not allowed in pages", "<!")
            return
        inner = _Judge(self.out, self.depth + 1)
        inner.feed(text)
        inner.close()

    def handle_comment(self, data: str) -> None:
        self._reread(data)

    def handle_decl(self, decl: str) -> None:
        self._reread(decl)

    def unknown_decl(self, data: str) -> None:
        self._reread(data)

    def handle_pi(self, data: str) -> None:
        self._reread(data)


# -- rendering -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIGS)


STACK_FRAMES = 500  # Markdown gets this many frames here; MkDocs gives it more, so what renders here renders there


@contextmanager
def _stack_budget(frames: int) -> Iterator[None]:
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back  # type: ignore[assignment]
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def render(body: str) -> str:
    """The HTML of a page body; RecursionError if Markdown would need more stack than MkDocs has."""
    md = _renderer()
    md.reset()
    with _stack_budget(STACK_FRAMES):
        return md.convert(body)


def judge(html_text: str) -> Rendered:
    out = Rendered()
    parser = _Judge(out)
    parser.feed(html_text)
    parser.close()
    return out


# -- bounds on the source, before rendering ------------------------------------------------------
MAX_NESTING = 24  # lists, quotes and boxes; a page needs a handful
MAX_SCAN = 2_000_000  # characters Markdown would scan for closing brackets; a real page needs a few thousand
# Python-Markdown rebuilds a paragraph's text for every inline element it finds in it: the work
# grows with (inline marks in a paragraph) × (its length). The shipped pages need < 10^6; a 660 KB
# paragraph of links and emphasis (10^10) took 32 s.
MAX_INLINE_WORK = 3_000_000_000
_INLINE_MARKS = re.compile(r"[\[`*_<&\\]")
_PREFIX_RE = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>|(?:!!!|\?\?\?\+?)(?=[ \t\w]))")


def nesting(line: str) -> int:
    """How deeply a line nests: list markers, quote marks and box openers at its start, plus
    its indentation in steps of four (what Python-Markdown recurses on)."""
    depth, pos, columns = 0, 0, 0
    while True:
        m = _PREFIX_RE.match(line, pos)
        if not m or m.end() == pos:
            break
        columns += len(m.group().expandtabs(4)) - len(m.group().lstrip(" \t"))
        depth, pos = depth + 1, m.end()
    rest = line[pos:]
    columns += len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
    return depth + columns // 4


def inline_work(lines: list[str]) -> tuple[int, int]:
    """(Σ over paragraphs of inline marks × length, index of the first line of the costliest)."""
    total, worst, worst_line, start = 0, 0, 0, 0
    offsets, text = _offsets(lines)
    for block in re.split(r"(\n[ \t]*\n)", text):
        work = len(_INLINE_MARKS.findall(block)) * len(block)
        total += work
        if work > worst:
            worst, worst_line = work, _line_of(offsets, start + len(block) - len(block.lstrip("\n")))
        start += len(block)
    return total, worst_line


def scan_cost(lines: list[str]) -> tuple[int, int]:
    """(estimated characters Markdown scans, index of the line costing most), in linear time.

    Every `[` costs the distance to its matching `]` within its paragraph (to the paragraph's
    end when unclosed); every `<` before a letter, `/`, `!` or `?` costs the distance to the
    next `>` (to the page's end when none)."""
    total, worst, worst_line = 0, 0, 0
    per_line = [0] * len(lines)
    offsets, text = _offsets(lines)
    _bracket_cost(text, offsets, per_line)
    _angle_cost(text, offsets, per_line)
    for i, cost in enumerate(per_line):
        total += cost
        if cost > worst:
            worst, worst_line = cost, i
    return total, worst_line


def _offsets(lines: list[str]) -> tuple[list[int], str]:
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    return offsets, "\n".join(lines)


def _line_of(offsets: list[int], pos: int) -> int:
    return bisect.bisect_right(offsets, pos) - 1


def _bracket_cost(text: str, offsets: list[int], per_line: list[int]) -> None:
    """`[` to its `]`, and the `(` of a `](` to its `)` (Markdown's link scan), per paragraph."""
    start = 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if "[" in block:
            for opener, closer, charged in (("[", "]", None), ("(", ")", "]")):
                for opened, closed in _pairs(block, opener, closer):
                    if charged is None or (opened and block[opened - 1] == charged):
                        per_line[_line_of(offsets, start + opened)] += closed - opened
        start += len(block)


def _pairs(block: str, opener: str, closer: str) -> Iterator[tuple[int, int]]:
    """(position of each opener, of its matching closer or the block's end); escapes skipped."""
    stack: list[int] = []
    for m in re.finditer(r"\\.|[" + re.escape(opener + closer) + "]", block, re.DOTALL):
        ch = m.group()
        if ch == opener:
            stack.append(m.start())
        elif ch == closer and stack:
            yield stack.pop(), m.start()
    for opened in stack:
        yield opened, len(block)


def _angle_cost(text: str, offsets: list[int], per_line: list[int]) -> None:
    next_close = len(text)
    closes = [m.start() for m in re.finditer(">", text)]
    index = len(closes) - 1
    for m in reversed(list(re.finditer(r"<[A-Za-z/!?]", text))):
        while index >= 0 and closes[index] > m.start():
            next_close, index = closes[index], index - 1
        after = next_close if next_close > m.start() else len(text)
        per_line[_line_of(offsets, m.start())] += after - m.start()
