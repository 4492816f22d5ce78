"""`handbook translated PATH[:LINE]`: record that the English of a stale translation is still right.

`handbook check` warns `i18n.stale` when the Chinese of an SOP text or of a page changed after
its English. Often the English needs no change (a zh typo, a zh term made consistent): the
author reads it and records the review here instead of editing the English for nothing. The
record goes into standards/translation-reviews.yml, keyed by the file, the text and a digest
of both languages, so it silences exactly this pair of texts and nothing after it changes.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.stale import REVIEWS_FILE, StaleItem, find_stale, load_reviews, sop_texts
from ..content.model import build_sop
from ..source.diagnostics import Sink
from ..source.loader import decode, parse_file
from ..source.tree import Mapping, to_data

HEADER = """\
# Translation reviews, written by `handbook translated PATH[:LINE]` (commit it with your change).
# Each entry says: after the Chinese of this text (or page) changed, someone read the English
# and found it still right, so `handbook check` does not warn i18n.stale about it until the zh
# or the en changes again. zh / en: the first 16 hex digits of the SHA-256 of each language's
# text (of the whole file, for a page).
"""


class ReviewError(Exception):
    """The target cannot be reviewed (no such file, no text there, not a git checkout)."""


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # relative to the root: an SOP file or a zh page
    line: int | None


def parse_target(arg: str, root: Path, cwd: Path) -> Target:
    """`sop/x.yml:102`, `docs/en/handbook/07-complaints.md` → the file (a zh page for an en
    one: the pair is reviewed together) and the line, if given."""
    name, line = arg, None
    head, sep, tail = arg.rpartition(":")
    if sep and tail.isdigit():
        name, line = head, int(tail)
    path = (cwd / name).resolve()
    try:
        rel = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ReviewError(f"{name}: not inside the handbook repository {root}") from None
    if not path.is_file():
        raise ReviewError(f"{name}: no such file")
    if rel.startswith("docs/en/"):
        rel = "docs/zh/" + rel.removeprefix("docs/en/")
    if not (rel.startswith("sop/") and rel.endswith(".yml")) and not (rel.startswith("docs/zh/")
                                                                      and rel.endswith(".md")):
        raise ReviewError(f"{name}: translations are reviewed in SOP files (sop/*.yml) and pages (docs/*/…)")
    return Target(rel, line if rel.startswith("sop/") else None)


def _texts_at(root: Path, rel: str, line: int) -> list[str]:
    """Labels of the texts of an SOP written on `line` (to tell "not stale" from "no text")."""
    sink = Sink(rel)
    text = decode((root / rel).read_bytes(), sink)
    tree = parse_file(text, sink) if text is not None else None
    if not isinstance(tree, Mapping):
        return []
    sop = build_sop(rel, Path(rel).stem, tree)
    return [label for _, label, t in sop_texts(sop) for node in (t.zh_node, t.en_node)
            if node is not None and node.line <= line <= node.end_line]


def select(root: Path, target: Target) -> list[StaleItem]:
    """The stale translations the target names (all of a file's when no line is given)."""
    if target.path.startswith("sop/"):
        items, note = find_stale(root, [target.path], [])
    else:
        items, note = find_stale(root, [], [target.path])
    if note.startswith("i18n.stale not checked"):
        raise ReviewError(note.split(": ", 1)[1] + "; nothing can be stale, so there is nothing to record")
    if target.line is None:
        return items
    chosen = [i for i in items if any(a <= target.line <= b for a, b in i.spans)]
    if not chosen and not _texts_at(root, target.path, target.line):
        raise ReviewError(f"{target.path}:{target.line}: no zh or en text is written on this line")
    return chosen


def existing_entries(root: Path) -> list[dict[str, Any]]:
    """The entries already recorded (the file must be well formed to be rewritten)."""
    path = root / REVIEWS_FILE
    if not path.exists():
        return []
    sink = Sink(REVIEWS_FILE)
    load_reviews(root, sink)
    if sink.items:
        raise ReviewError(f"{REVIEWS_FILE} has problems; run `handbook check {REVIEWS_FILE}` and fix them first")
    text = decode(path.read_bytes(), sink)
    data = to_data(parse_file(text, sink)) if text is not None else None
    return list(data.get("reviews") or []) if isinstance(data, dict) else []


def write_entries(root: Path, entries: list[dict[str, Any]]) -> None:
    """The whole file, entries sorted by file and text (stable diffs), every value quoted."""
    out = [HEADER, "reviews:\n" if entries else "reviews: []\n"]
    for e in sorted(entries, key=lambda e: (e["file"], e.get("text") or "")):
        out.append(f"  - file: {json.dumps(e['file'], ensure_ascii=False)}\n")
        if e.get("text"):
            out.append(f"    text: {json.dumps(e['text'], ensure_ascii=False)}\n")
        out.append(f"    zh: {json.dumps(e['zh'])}\n    en: {json.dumps(e['en'])}\n")
        if e.get("reviewed"):
            out.append(f"    reviewed: {e['reviewed']}\n")
    path = root / REVIEWS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(out), encoding="utf-8")
    tmp.replace(path)


def record(root: Path, targets: list[Target], today: _dt.date) -> list[str]:
    """Record a review of every stale translation the targets name; what was done, per line."""
    entries = existing_entries(root)
    reviewed = load_reviews(root, Sink(REVIEWS_FILE))
    said, new = [], []
    for target in targets:
        items = select(root, target)
        where = f"{target.path}:{target.line}" if target.line else target.path
        if not items:
            said.append(f"{where}: the translation is not stale; nothing to record")
        for item in items:
            shown = f"{item.path}:{item.pos[0]} ({item.label})" if item.text else f"{item.path} and {item.label}"
            if item.key in reviewed:
                said.append(f"{shown}: already recorded")
                continue
            new.append({"file": item.path, "text": item.text, "zh": item.zh, "en": item.en,
                        "reviewed": today.isoformat()})
            said.append(f"{shown}: review recorded in {REVIEWS_FILE}")
    if new:
        replaced = {(e["file"], e["text"]) for e in new}
        kept = [e for e in entries if (e.get("file"), e.get("text")) not in replaced]
        write_entries(root, kept + new)
        said.append(f"commit {REVIEWS_FILE} with your change")
    return said
