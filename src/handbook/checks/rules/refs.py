"""Identity and references: id = file stem, links to other SOPs resolve, review dates."""

from __future__ import annotations

import datetime as _dt
from typing import ClassVar

from ...content.model import Sop
from ...source.diagnostics import RuleId, Sink
from ...source.schema_report import did_you_mean
from ...source.tree import parse_date
from ..records import SopRecord
from .base import Context

ID_FILENAME = RuleId("id.filename", "the SOP id differs from its file name")
REF_UNKNOWN = RuleId("ref.unknown", "a reference to an SOP (or step kind, phrase group) that does not exist")
REVIEW_OVERDUE = RuleId("review.overdue", "the review_by date has passed (warning)")
REVIEW_DATES = RuleId("review.dates", "review_by is not after effective")
YAML_COMMENT_IN_TEXT = RuleId("yaml.comment-in-text", "YAML took the rest of a text after ' #' for a comment")


class IdMatchesFilename:
    ids: ClassVar[tuple[RuleId, ...]] = (ID_FILENAME,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        if sop.id is not None and sop.id != sop.stem:
            sink.at(sop.at("id"), ID_FILENAME,
                    f'id "{sop.id}" does not match the file name "{sop.stem}.yml"; '
                    f'rename the file or set id: {sop.stem}')


class References:
    """`escalate_to` and `related` name SOPs that exist (a cross-file rule: runs on records)."""

    ids: ClassVar[tuple[RuleId, ...]] = (REF_UNKNOWN,)

    def check(self, records: list[SopRecord], ids: frozenset[str], sink: Sink) -> None:
        for rec in records:
            out = sink.for_file(rec.path)
            for field, target, line, col in rec.refs:
                if target not in ids:
                    what = f'escalate_to "{target}" is not an SOP id' if field == "escalate_to" else (
                        f'related SOP "{target}" does not exist')
                    out.error(line, col, REF_UNKNOWN, what + did_you_mean(target, ids))
                elif field == "related" and target == rec.id:
                    out.error(line, col, REF_UNKNOWN, "an SOP cannot list itself as related")


class ReviewDates:
    """Review dates in order and not past (a cross-file rule only because it needs "today",
    which must not end up in any per-file cache)."""

    ids: ClassVar[tuple[RuleId, ...]] = (REVIEW_DATES, REVIEW_OVERDUE)

    def check(self, records: list[SopRecord], today: _dt.date, sink: Sink) -> None:
        for rec in records:
            out = sink.for_file(rec.path)
            effective = parse_date(rec.effective) if rec.effective else None
            review_by = parse_date(rec.review_by) if rec.review_by else None
            if effective and review_by and review_by <= effective:
                out.at(rec.review_pos, REVIEW_DATES, f"review_by {review_by} is not after effective {effective}")
            if review_by and review_by < today:
                out.at(rec.review_pos, REVIEW_OVERDUE,
                       f"review was due on {review_by}; review the SOP, then raise its version "
                       "and set a new review_by date", warning=True)


class CommentInText:
    """`en: Press #1 for help` keeps only "Press": YAML took the rest for a comment."""

    ids: ClassVar[tuple[RuleId, ...]] = (YAML_COMMENT_IN_TEXT,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        # only lines with a # after some content can hide text in a comment (usually none)
        suspect = {no for no, line in enumerate(sop.lines, 1) if "#" in line and not line.lstrip().startswith("#")}
        if not suspect:
            return
        for label, text in sop.texts():
            for lang in ("zh", "en"):
                node = text.node(lang)
                if node is None or not node.plain or node.end_line not in suspect:
                    continue
                rest = sop.lines[node.end_line - 1][node.end_col - 1:]
                if rest.lstrip().startswith("#"):
                    # an error, not a warning: the published text would silently lose its end
                    sink.at((node.end_line, node.end_col + len(rest) - len(rest.lstrip())), YAML_COMMENT_IN_TEXT,
                            f'{label}: YAML kept only "{node.text}" and read the rest of the line '
                            "as a comment; if the # belongs to the text, put the whole text in "
                            "double quotes (handbook fix does it)")
