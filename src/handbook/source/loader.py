"""Read YAML into a located node tree without letting YAML change what the author wrote.

PyYAML's own loader loses line numbers, silently accepts duplicate keys, expands alias bombs,
retypes `1.10`/`no`/`2026-13-01`, and libyaml's C composer crashes on deep nesting. So we take
only libyaml's *event stream* (fast, non-recursive) and build the tree ourselves with an
explicit stack: every node keeps its position, duplicates/aliases/tags/depth/size become
located diagnostics, and plain scalars keep their raw text next to the type YAML 1.1 would
give them, so later checks can say "YAML reads this as a number; quote it". Size and flow
depth are bounded on the text before libyaml sees it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from yaml.resolver import Resolver

from .diagnostics import RuleId, Sink
from .tree import Mapping, Node, Scalar, Sequence

try:  # libyaml's C parser where present; the pure-Python one otherwise (same events)
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_BYTES = 1_048_576  # one SOP is a few KB; a 1 MiB file is a mistake, not content
MAX_DEPTH = 32  # the SOP format nests 5 deep; libyaml's composer crashes near 30,000
MAX_NODES = 100_000  # bounds work per file whatever the shape (e.g. 10,000 steps)

EMPTY_FILE = "the file {what}: YAML reads no content in it; write the content, or delete the file"

YAML_SYNTAX = RuleId("yaml.syntax", "the file is not valid YAML")
YAML_ENCODING = RuleId("yaml.encoding", "the file is not UTF-8 (e.g. saved as GBK or UTF-16)")
YAML_DUPLICATE_KEY = RuleId("yaml.duplicate-key", "a key appears twice in one mapping")
YAML_ALIAS = RuleId("yaml.alias", "YAML anchors and aliases are not allowed")
YAML_TAG = RuleId("yaml.tag", "YAML tags (!!python/…, !!binary …) are not allowed")
YAML_TOO_DEEP = RuleId("yaml.too-deep", "nesting deeper than the format could need")
YAML_TOO_LARGE = RuleId("yaml.too-large", "the file (or its number of nodes) is too large")
YAML_MULTIPLE_DOCUMENTS = RuleId("yaml.multiple-documents", "more than one YAML document in a file")
YAML_COMPLEX_KEY = RuleId("yaml.complex-key", "a key that is a list or a mapping")
# an empty document is the whole file having the wrong type: the schema report shares this id
SCHEMA_TYPE = RuleId("schema.type", "a value has the wrong type (YAML retyped it, or a date that is not a date)")

_RESOLVER = Resolver()
_YAML11_TAG = "tag:yaml.org,2002:"
_SKIP = Scalar("", "skip", True, 0, 0, 0, 0)  # the key of a value to drop (after a complex key)


def decode(data: bytes, sink: Sink) -> str | None:
    """Bytes to text: UTF-8 with or without BOM; anything else is a located error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        sink.error(1, 1, YAML_ENCODING, "file is UTF-16; save it as UTF-8")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        hint = "save it as UTF-8"
        try:
            as_gb = data.decode("gb18030")
        except UnicodeDecodeError:
            as_gb = ""
        if as_gb and re.search(r"[\u4e00-\u9fff]", as_gb):
            hint = (
                "the bytes look like GBK/GB18030 (the default of some Windows editors); "
                "save the file as UTF-8"
            )
        sink.error(line, col, YAML_ENCODING, f"file is not valid UTF-8 (byte {exc.start}); {hint}")
        return None


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """The source split where YAML (and so libyaml's marks) sees line breaks: also CR, NEL,
    U+2028 and U+2029, not only LF — so a mark's line always indexes the right line."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _LINE_BREAK.split(text)
    return text.split("\n")


_ScalarEvent, _Alias, _StreamEnd = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_DocumentStart = yaml.DocumentStartEvent
_STR_TAG = "tag:yaml.org,2002:str"


@lru_cache(maxsize=8192)
def _resolve_plain(text: str) -> str:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag[len(_YAML11_TAG):] if tag.startswith(_YAML11_TAG) else "str"


def _syntax_message(exc: yaml.MarkedYAMLError, lines: list[str]) -> str:
    problem = (exc.problem or "syntax error").strip()
    if exc.context:
        problem = f"{exc.context.strip()}: {problem}"
    mark = exc.problem_mark
    text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    hints = []
    first = exc.context_mark.line if exc.context_mark is not None else 0
    last = mark.line if mark is not None else len(lines) - 1
    for no in range(max(0, first), min(last, len(lines) - 1) + 1):
        code = lines[no].split(" #", 1)[0]
        if code.replace('\\"', "").count('"') % 2 == 1:
            problem += f"; line {no + 1} opens a double quote that is not closed on that line"
            break
    if "\t" in text[: len(text) - len(text.lstrip())] or "found character '\\t'" in problem:
        hints.append("indent with spaces, not tabs")
    if "{" in text or "[" in text:
        hints.append(
            "inside a one-line {…} or […] a half-width , ? : or # ends the text: put the text in "
            "double quotes, or write zh: and en: on their own lines"
        )
    elif ": " in text.split(":", 1)[-1] or " #" in text:
        hints.append('if ": " or " #" belong to the text, put the whole text in double quotes')
    return "YAML syntax error: " + problem + ("; " + "; ".join(hints) if hints else "")


_FLOW_TOKEN = re.compile(r"[\[\]{}\"'#\n]")
_TOKEN_START = frozenset("[{,:-?")


def flow_depth_over(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """Where unquoted flow brackets (`[`, `{`) first nest deeper than `limit`, as (line, col).

    libyaml scans a flow collection ahead before it yields its first event, and its own limit
    (1,000 levels in libyaml 0.2.6, none in older builds, which crashed) fires before our event
    loop can count. So the depth is bounded here, on the text, before libyaml sees it. The scan
    never overcounts real YAML: outside a flow collection only a bracket that starts a value
    counts, and quoted text and comments are skipped; an undercount only leaves the decision to
    the event loop and to the mapping of libyaml's own error.
    """
    if text.count("[") + text.count("{") <= limit:
        return None  # the common case: an SOP has a handful of brackets
    depth, quote, comment, skip = 0, "", False, -1
    line_no, line_start = 1, 0
    for m in _FLOW_TOKEN.finditer(text):
        ch, pos = m.group(), m.start()
        if ch == "\n":
            line_no, line_start, comment = line_no + 1, pos + 1, False
            continue
        if comment or pos == skip:
            continue
        if quote:
            if quote == "'" and text.startswith("''", pos):
                skip = pos + 1  # '' is an escaped quote inside single quotes
            elif ch == quote and not (quote == '"' and _escaped(text, pos)):
                quote = ""
            continue
        if ch == "#":
            comment = pos == line_start or text[pos - 1] in " \t"
            continue
        if ch in "]}":
            depth -= 1 if depth else 0
            continue
        if not _starts_value(text, line_start, pos, depth):
            continue
        if ch in "\"'":
            quote = ch
        else:
            depth += 1
            if depth > limit:
                return line_no, pos - line_start + 1
    return None


def _starts_value(text: str, line_start: int, pos: int, depth: int) -> bool:
    """Whether a quote or bracket at `pos` begins a YAML value rather than sitting inside text:
    inside a flow collection after an indicator, outside one at the start of a line or after
    ": ", "- " or "? " (a bracket in the middle of a plain text is just a character)."""
    i = pos - 1
    while i >= line_start and text[i] in " \t":  # each blank run is walked once: linear overall
        i -= 1
    if i < line_start:
        return True
    if depth:
        return text[i] in _TOKEN_START
    return i < pos - 1 and text[i] in ":-?"


def _escaped(text: str, pos: int) -> bool:
    """True when the character at `pos` is preceded by an odd number of backslashes."""
    n = 0
    while pos - n - 1 >= 0 and text[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _too_deep(sink: Sink, line: int, col: int) -> None:
    sink.error(line, col, YAML_TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels; the SOP format needs far fewer")


class _TreeBuilder:
    """Builds the tree from libyaml's events with an explicit stack (no recursion, so depth
    costs nothing but the limit), reporting what YAML would silently accept."""

    def __init__(self, lines: list[str], sink: Sink) -> None:
        self.lines, self.sink = lines, sink
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.pending_key: list[Scalar | None] = []  # per open mapping: the key awaiting its value
        self.documents = 0
        self.count = 0

    def node_start(self, ev: yaml.Event, kind: type) -> bool:
        """A scalar or a collection starts; False when the file must be given up."""
        self.count += 1
        m = ev.start_mark
        line, col = m.line + 1, m.column + 1
        if self.count > MAX_NODES:
            self.sink.error(line, col, YAML_TOO_LARGE, f"more than {MAX_NODES} YAML nodes; split the file")
            return False
        if ev.anchor is not None:
            self.sink.error(line, col, YAML_ALIAS,
                            f"anchors (&{ev.anchor}) are not allowed; write the content out in full")
        if ev.tag is not None and ev.tag != "!" and not (kind is _ScalarEvent and ev.tag == _STR_TAG):
            self.sink.error(line, col, YAML_TAG, f"YAML tags ({ev.tag}) are not allowed; remove it")
        if kind is _ScalarEvent:
            self.scalar(ev, line, col)
            return True
        if len(self.stack) >= MAX_DEPTH:
            _too_deep(self.sink, line, col)
            return False
        flow = bool(ev.flow_style)
        node: Node = Mapping(line, col, flow) if kind is _MappingStart else Sequence(line, col, flow)
        self.attach(node)
        self.stack.append(node)
        self.pending_key.append(None)
        return True

    def scalar(self, ev: yaml.ScalarEvent, line: int, col: int) -> None:
        m, e = ev.start_mark, ev.end_mark
        plain = not ev.style and ev.implicit[0]
        scalar = Scalar(ev.value, _resolve_plain(ev.value) if plain else "str", plain, line, col,
                        e.line + 1, e.column + 1,
                        self.lines[m.line] if m.line == e.line < len(self.lines) else None)
        if self.stack:  # the common case, inlined: a value or a key in an open mapping
            parent = self.stack[-1]
            if type(parent) is Mapping:
                key = self.pending_key[-1]
                if key is None:
                    self.pending_key[-1] = scalar
                    return
                if key is not _SKIP and key.text not in parent.items:
                    self.pending_key[-1] = None
                    parent.items[key.text] = (key, scalar)
                    return
        self.attach(scalar)

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = self.pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.sink.error(node.line, node.col, YAML_COMPLEX_KEY, "a key must be plain text")
                self.pending_key[-1] = _SKIP
                return
            self.pending_key[-1] = node
            return
        self.pending_key[-1] = None
        if key is _SKIP:
            return
        if key.text in parent.items:
            first = parent.items[key.text][0]
            self.sink.error(
                key.line, key.col, YAML_DUPLICATE_KEY,
                f'key "{key.text}" appears twice in this mapping (first at line {first.line}); '
                "YAML would silently keep only the last one — remove or rename one",
            )
            return
        parent.items[key.text] = (key, node)

    def node_end(self) -> None:
        self.stack.pop()
        self.pending_key.pop()

    def document(self, ev: yaml.Event) -> bool:
        self.documents += 1
        if self.documents > 1:
            m = ev.start_mark
            self.sink.error(m.line + 1, m.column + 1, YAML_MULTIPLE_DOCUMENTS,
                            "only one YAML document per file; remove the extra '---'")
            return False
        return True

    def alias(self, ev: yaml.AliasEvent) -> None:
        m = ev.start_mark
        self.sink.error(m.line + 1, m.column + 1, YAML_ALIAS,
                        f"aliases (*{ev.anchor}) are not allowed; write the content out in full")
        self.attach(Scalar("", "alias", True, m.line + 1, m.column + 1, m.line + 1, m.column + 1))


def parse(text: str, sink: Sink) -> Node | None:
    """Parse one YAML document into a located tree. Problems go to `sink`; None if unusable.

    Size and flow depth are bounded on the text first, so no YAML library limit (or crash)
    decides what the author is told."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        sink.error(1, 1, YAML_TOO_LARGE, f"file is larger than {MAX_BYTES // 1024} KiB; split it")
        return None
    deep = flow_depth_over(text)
    if deep is not None:
        _too_deep(sink, *deep)
        return None
    lines = yaml_lines(text)
    builder = _TreeBuilder(lines, sink)
    loader = _EventLoader(text)
    try:
        if not _run(loader, builder):
            return None if builder.documents <= 1 else builder.root
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, lines, sink)
        return None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        _reader_error(exc, text, sink)
        return None
    finally:
        loader.dispose()
    return builder.root


def _run(loader: yaml.CSafeLoader, builder: _TreeBuilder) -> bool:
    """Feed libyaml's events to the builder (one by one: yaml.parse costs a generator per
    file); False when the builder gave up."""
    while True:
        ev = loader.get_event()
        kind = type(ev)
        if kind is _ScalarEvent or kind is _MappingStart or kind is _SequenceStart:
            if not builder.node_start(ev, kind):
                return False
        elif kind is _MappingEnd or kind is _SequenceEnd:
            builder.node_end()
        elif kind is _DocumentStart:
            if not builder.document(ev):
                return False
        elif kind is _Alias:
            builder.alias(ev)
        elif kind is _StreamEnd:
            return True


def _syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], sink: Sink) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own limit (0.2.6+)
        _too_deep(sink, line, col)
    else:
        sink.error(line, col, YAML_SYNTAX, _syntax_message(exc, lines))


def _reader_error(exc: yaml.YAMLError, text: str, sink: Sink) -> None:
    pos = getattr(exc, "position", 0) or 0
    before = text[:pos]
    line = before.count("\n") + 1
    col = pos - (before.rfind("\n") + 1) + 1
    char = getattr(exc, "character", "")
    code = f"U+{ord(char):04X}" if isinstance(char, str) and char else "a control character"
    sink.error(line, col, YAML_SYNTAX, f"the file contains {code}, which YAML does not allow; delete it")


def parse_file(text: str, sink: Sink) -> Node | None:
    """Parse a whole SOP or standards file. An empty, blank or comment-only file is an error:
    YAML reads it as "no document" (None), which would otherwise pass every check unseen and
    make the SOP vanish from the site while other SOPs still link to it."""
    before = len(sink.items)
    tree = parse(text, sink)
    if tree is None and len(sink.items) == before:
        what = "holds only comments" if text.strip() else "is empty"
        sink.error(1, 1, SCHEMA_TYPE, EMPTY_FILE.format(what=what))
    return tree


