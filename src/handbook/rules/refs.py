"""Identity and references: id = file stem, links to other SOPs resolve, review dates."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Sop, strings_of
from ..schema_errors import did_you_mean
from .base import Context, error, warning


class IdMatchesFilename:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        if sop.id is not None and sop.id != sop.stem:
            yield error(sop, sop.at("id"), "id.filename",
                        f'id "{sop.id}" does not match the file name "{sop.stem}.yml"; '
                        f'rename the file or set id: {sop.stem}')


class References:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        for step in sop.steps:
            target = step.escalate_to
            if target and target not in ctx.sop_ids:
                yield error(sop, step.at("escalate_to"), "ref.unknown",
                            f'escalate_to "{target}" is not an SOP id{did_you_mean(target, ctx.sop_ids)}')
        for target, node in strings_of(sop.nodes.get("related")):
            if target not in ctx.sop_ids:
                yield error(sop, (node.line, node.col), "ref.unknown",
                            f'related SOP "{target}" does not exist{did_you_mean(target, ctx.sop_ids)}')
            elif target == sop.id:
                yield error(sop, (node.line, node.col), "ref.unknown",
                            "an SOP cannot list itself as related")


class ReviewDates:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        if sop.effective and sop.review_by and sop.review_by <= sop.effective:
            yield error(sop, sop.at("review_by"), "review.dates",
                        f"review_by {sop.review_by} is not after effective {sop.effective}")
        if sop.review_by and sop.review_by < ctx.today:
            yield warning(sop, sop.at("review_by"), "review.overdue",
                          f"review was due on {sop.review_by}; review the SOP, then raise its version "
                          "and set a new review_by date")


class CommentInText:
    """`en: Press #1 for help` keeps only "Press": YAML took the rest for a comment."""

    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        for label, text in sop.texts():
            for lang in ("zh", "en"):
                node = text.node(lang)
                if node is None or not node.plain or node.end_line - 1 >= len(sop.lines):
                    continue
                rest = sop.lines[node.end_line - 1][node.end_col - 1:]
                if rest.lstrip().startswith("#"):
                    yield warning(sop, (node.end_line, node.end_col + len(rest) - len(rest.lstrip())),
                                  "yaml.comment-in-text",
                                  f'{label}: YAML kept only "{node.text}" and read the rest of the line '
                                  "as a comment; if the # belongs to the text, put the whole text in "
                                  "double quotes")

