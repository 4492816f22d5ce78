"""Stale translations (`i18n.stale`): the Chinese changed in git after the English last did.

An author who edits the zh of an SOP text, or a zh chapter, and does not touch the English gets
a warning at the zh scalar (SOP texts) or at line 1 of the zh page (pages), naming when each
side last changed. Lines are dated with `git blame` of the working tree, pages with their last
commit, and uncommitted edits count as the newest change (see source/history.py).

An author who read the English and found it still right records that in
`standards/translation-reviews.yml` (`handbook translated PATH[:LINE]` writes it): a review
names the file, the text and a digest of its zh and en, so the warning comes back as soon as
either language changes again.

This depends on the repository's history, not on the file's bytes: it runs after the per-file
checks, on every check, and nothing of it goes into the result cache (like review dates).
Outside a git checkout it stays silent and says so once, as a note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Sop, Text, build_sop
from ..source.diagnostics import RuleId, Sink
from ..source.history import Change, History, newest
from ..source.loader import decode, parse_file, yaml_lines
from ..source.schema import make_validator
from ..source.schema_report import report
from ..source.tree import Mapping, Scalar, to_data

I18N_STALE = RuleId("i18n.stale", "the Chinese changed in git after its English last changed (warning)")

REVIEWS_FILE = "standards/translation-reviews.yml"
HISTORY_FOLDERS = ("sop", "docs")
DIGEST_CHARS = 16

_REVIEW_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {"reviews": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["file", "zh", "en"],
        "properties": {
            "file": {"type": "string", "minLength": 1},
            "text": {"type": "string", "minLength": 1},
            "zh": {"type": "string", "pattern": f"^[0-9a-f]{{{DIGEST_CHARS}}}$"},
            "en": {"type": "string", "pattern": f"^[0-9a-f]{{{DIGEST_CHARS}}}$"},
            "reviewed": {"type": "string", "format": "date"},
        }}}},
}
_REVIEW_VALIDATOR = make_validator(_REVIEW_SCHEMA)


def digest(text: str) -> str:
    """What a review is valid for: these exact words (the first hex digits of their SHA-256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]


@dataclass(frozen=True, slots=True)
class StaleItem:
    """One translation whose Chinese changed after its English: an SOP text or a page."""

    path: str  # where the warning goes: the SOP file, or the zh page
    pos: tuple[int, int]
    text: str | None  # the text's identity in the SOP (`steps[listen].say[1]`); None for a page
    label: str  # how a person finds it: `step 2 say 1`, or the en page's path
    zh: str  # digests of what was reviewed
    en: str
    zh_change: Change
    en_change: Change
    spans: tuple[tuple[int, int], ...] = ()  # lines of the zh and en scalars (SOP texts)

    @property
    def key(self) -> tuple[str, str | None, str, str]:
        return (self.path, self.text, self.zh, self.en)

    def message(self) -> str:
        where = f"{self.label}: the zh text" if self.text else "the zh page"
        other = "its en text" if self.text else self.label
        command = f"{self.path}:{self.pos[0]}" if self.text else self.path
        return (f"{where} changed in {self.zh_change.describe()}, after {other} last changed in "
                f"{self.en_change.describe()}; check that the English still says the same, then update it "
                f"or record that it does: handbook translated {command}")


def sop_texts(sop: Sop) -> Iterator[tuple[str, str, Text]]:
    """(identity, label, text) of every text of an SOP. The identity names the step by its id,
    so a review stays attached to its text when steps are added before it."""
    for name in ("owner", "title", "purpose"):
        t = getattr(sop, name)
        if t is not None:
            yield name, name, t
    ids = [s.id for s in sop.steps]
    for n, step in enumerate(sop.steps, 1):
        key = f"steps[{step.id}]" if step.id and ids.count(step.id) == 1 else f"steps[#{n}]"
        if step.title is not None:
            yield f"{key}.title", f"step {n} title", step.title
        for part in ("do", "say", "check"):
            for i, t in enumerate(getattr(step, part), 1):
                yield f"{key}.{part}[{i}]", f"step {n} {part} {i}", t


def _lines(node: Scalar) -> range:
    """The lines a scalar's text is written on (a block scalar ends at column 1 of the next)."""
    end = node.end_line - 1 if node.end_line > node.line and node.end_col == 1 else node.end_line
    return range(node.line, max(end, node.line) + 1)


def stale_in_sop(sop: Sop, lines: list[Change]) -> list[StaleItem]:
    """The texts of one SOP whose zh lines changed after their en lines."""
    found = []
    for identity, label, text in sop_texts(sop):
        zh_node, en_node = text.zh_node, text.en_node
        if zh_node is None or en_node is None:
            continue
        zh = newest(lines[n - 1] for n in _lines(zh_node) if n <= len(lines))
        en = newest(lines[n - 1] for n in _lines(en_node) if n <= len(lines))
        if zh is None or en is None or zh.order() <= en.order():
            continue
        spans = ((zh_node.line, _lines(zh_node)[-1]), (en_node.line, _lines(en_node)[-1]))
        found.append(StaleItem(sop.path, (zh_node.line, zh_node.col), identity, label, digest(zh_node.text),
                               digest(en_node.text), zh, en, spans))
    return found


_KEY_RE = re.compile(r"^( *)(- )?(zh|en):(?= |$)")


def _key_spans(source: list[str]) -> list[tuple[str, int, int, int]] | None:
    """(language, column, first line, last line) of each `zh:` / `en:` key and its value, read
    from the lines alone; None when a text is written in a way this cannot follow."""
    spans: list[tuple[str, int, int, int]] = []
    for no, line in enumerate(source, 1):
        m = _KEY_RE.match(line)
        if m is None:
            if ("zh:" in line or "en:" in line) and not line.lstrip().startswith("#"):
                return None  # e.g. a {zh: …, en: …} mapping spread over lines
            continue
        col = len(m.group(1)) + len(m.group(2) or "")
        end = no
        for later in range(no + 1, len(source) + 1):  # the value goes on while lines are indented deeper
            text = source[later - 1]
            if text.strip() and len(text) - len(text.lstrip(" ")) <= col:
                break
            if text.strip():
                end = later
        spans.append((m.group(3), col, no, end))
    return spans


def may_be_stale(source: list[str], lines: list[Change]) -> bool:
    """Whether some zh value of this SOP is newer than the en value beside it, from the source
    lines alone: only then is the file parsed again, for the texts' places and identities.
    Anything laid out unusually counts as possibly stale (the parse then decides)."""
    spans = _key_spans(source)
    if spans is None:
        return True

    def when(a: int, b: int) -> Change | None:
        return newest(lines[n - 1] for n in range(a, b + 1) if n <= len(lines))

    for i, (lang, col, start, end) in enumerate(spans):
        if lang != "zh":
            continue
        pair = next((s for s in (spans[i + 1] if i + 1 < len(spans) else None,
                                 spans[i - 1] if i else None) if s and s[0] == "en" and s[1] == col), None)
        if pair is None:
            return True
        zh, en = when(start, end), when(pair[2], pair[3])
        if zh is not None and en is not None and zh.order() > en.order():
            return True
    return False


def _read_sop(root: Path, rel: str, lines: list[Change]) -> Sop | None:
    """The model of an SOP file that may hold a stale text, for its texts' places (no rules:
    the check reported them); None when it cannot hold one."""
    sink = Sink(rel)
    try:
        text = decode((root / rel).read_bytes(), sink)
    except OSError:
        return None
    if text is None or not may_be_stale(yaml_lines(text), lines):
        return None
    tree = parse_file(text, sink)
    if not isinstance(tree, Mapping):
        return None
    return build_sop(rel, Path(rel).stem, tree)


def _stale_pages(root: Path, history: History, zh_pages: list[str]) -> list[StaleItem]:
    found = []
    for zh_rel in zh_pages:
        en_rel = "docs/en/" + zh_rel.removeprefix("docs/zh/")
        zh, en = history.file_change(zh_rel), history.file_change(en_rel)
        if zh is None or en is None or zh.order() <= en.order():
            continue
        try:
            zh_bytes, en_bytes = (root / zh_rel).read_bytes(), (root / en_rel).read_bytes()
        except OSError:
            continue
        found.append(StaleItem(zh_rel, (1, 1), None, en_rel, digest(zh_bytes.decode("utf-8", "replace")),
                               digest(en_bytes.decode("utf-8", "replace")), zh, en))
    return found


def find_stale(root: Path, sops: list[str], zh_pages: list[str],
               models: dict[str, Sop] | None = None) -> tuple[list[StaleItem], str]:
    """Every stale translation among these SOP files and zh pages (paths relative to `root`),
    before reviews are taken into account, and a note for the person (why nothing could be
    compared, or what was not); `models` saves re-reading SOPs the caller already has."""
    history, note = History.open(root, HISTORY_FOLDERS)
    if history is None:
        return [], f"{I18N_STALE.id} not checked: {note}"
    candidates = [rel for rel in sops if history.may_differ_by_line(rel)]
    found: list[StaleItem] = []
    for rel, lines in history.line_changes(candidates).items():
        if len({c.commit for c in lines}) < 2:
            continue  # every line from one commit (or every line uncommitted): nothing to compare
        sop = (models or {}).get(rel) or _read_sop(root, rel, lines)
        if sop is not None:
            found.extend(stale_in_sop(sop, lines))
    found.extend(_stale_pages(root, history, zh_pages))
    return found, (f"{I18N_STALE.id}: {note}" if note else "")


def load_reviews(root: Path, sink: Sink) -> set[tuple[str, str | None, str, str]]:
    """The recorded reviews, as (file, text, zh digest, en digest); problems go to `sink`."""
    path = root / REVIEWS_FILE
    try:
        data = path.read_bytes()
    except OSError:
        return set()
    text = decode(data, sink)
    tree = parse_file(text, sink) if text is not None else None
    if tree is None:
        return set()
    value = to_data(tree)
    before = len(sink.items)
    report(_REVIEW_VALIDATOR, value, tree, sink)
    if len(sink.items) > before or not isinstance(value, dict):
        return set()
    return {(r["file"], r.get("text"), r["zh"], r["en"]) for r in value.get("reviews") or []}


def check_stale(root: Path, sops: list[str], zh_pages: list[str], sink: Sink,
                models: dict[str, Sop] | None = None) -> str:
    """Report every stale translation that no review covers; returns a note (or "")."""
    reviews_sink = sink.for_file(REVIEWS_FILE)
    reviewed = load_reviews(root, reviews_sink)
    items, note = find_stale(root, sops, zh_pages, models)
    for item in items:
        if item.key not in reviewed:
            sink.for_file(item.path).at(item.pos, I18N_STALE, item.message(), warning=True)
    return note

