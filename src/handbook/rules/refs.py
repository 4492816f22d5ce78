"""Identity and references: id = file stem, links to other SOPs resolve, review dates."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity
from ..model import Sop
from ..schema_errors import did_you_mean
from ..yaml_loader import parse_date
from .base import Context, error

if TYPE_CHECKING:
    from ..sop_check import SopRecord


class IdMatchesFilename:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        if sop.id is not None and sop.id != sop.stem:
            yield error(sop, sop.at("id"), "id.filename",
                        f'id "{sop.id}" does not match the file name "{sop.stem}.yml"; '
                        f'rename the file or set id: {sop.stem}')


class References:
    """`escalate_to` and `related` name SOPs that exist (a cross-file rule: runs on records)."""

    def check(self, records: list[SopRecord], ids: frozenset[str]) -> Iterator[Diagnostic]:
        for rec in records:
            for field, target, line, col in rec.refs:
                if target not in ids:
                    what = f'escalate_to "{target}" is not an SOP id' if field == "escalate_to" else (
                        f'related SOP "{target}" does not exist')
                    yield Diagnostic(rec.path, line, col, Severity.ERROR, "ref.unknown",
                                     what + did_you_mean(target, ids))
                elif field == "related" and target == rec.id:
                    yield Diagnostic(rec.path, line, col, Severity.ERROR, "ref.unknown",
                                     "an SOP cannot list itself as related")


class ReviewDates:
    """Review dates in order and not past (a cross-file rule only because it needs "today",
    which must not end up in any per-file cache)."""

    def check(self, records: list[SopRecord], today: _dt.date) -> Iterator[Diagnostic]:
        for rec in records:
            effective = parse_date(rec.effective) if rec.effective else None
            review_by = parse_date(rec.review_by) if rec.review_by else None
            line, col = rec.review_pos
            if effective and review_by and review_by <= effective:
                yield Diagnostic(rec.path, line, col, Severity.ERROR, "review.dates",
                                 f"review_by {review_by} is not after effective {effective}")
            if review_by and review_by < today:
                yield Diagnostic(rec.path, line, col, Severity.WARNING, "review.overdue",
                                 f"review was due on {review_by}; review the SOP, then raise its version "
                                 "and set a new review_by date")


class CommentInText:
    """`en: Press #1 for help` keeps only "Press": YAML took the rest for a comment."""

    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
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
                    yield error(sop, (node.end_line, node.end_col + len(rest) - len(rest.lstrip())),
                                "yaml.comment-in-text",
                                f'{label}: YAML kept only "{node.text}" and read the rest of the line '
                                "as a comment; if the # belongs to the text, put the whole text in "
                                "double quotes (handbook fix does it)")

