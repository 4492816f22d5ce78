"""`handbook report` and the site's report page: how complete each SOP is, for the QA manager.

Per SOP: how much of its text is really in both languages, how many steps have checklist
items, when its review is due (flagged within 30 days), and who owns it.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass

from ..content.model import LANGS, Sop, is_placeholder
from .rules.i18n import untranslated

DUE_SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    title: tuple[str, str]
    owner: tuple[str, str]
    translated: int  # texts complete in both languages
    texts: int
    steps_checked: int  # steps with at least one checklist item
    steps: int
    review_by: _dt.date | None
    days_left: int | None

    @property
    def translation_pct(self) -> int:
        return round(100 * self.translated / self.texts) if self.texts else 0

    @property
    def due(self) -> str:
        if self.days_left is None:
            return "?"
        if self.days_left < 0:
            return "overdue"
        return "due soon" if self.days_left <= DUE_SOON_DAYS else ""


def rows(sops: list[Sop], today: _dt.date) -> list[Row]:
    out = []
    for sop in sorted(sops, key=lambda s: s.id or s.stem):
        texts = sop.texts()
        done = sum(1 for _, t in texts if t.zh.strip() and t.en.strip() and untranslated(t) is None
                   and not any(is_placeholder(t.get(lang)) for lang in LANGS))
        out.append(Row(
            id=sop.id or sop.stem,
            title=(sop.title.zh, sop.title.en) if sop.title else ("", ""),
            owner=(sop.owner.zh, sop.owner.en) if sop.owner else ("", ""),
            translated=done, texts=len(texts),
            steps_checked=sum(1 for s in sop.steps if s.check), steps=len(sop.steps),
            review_by=sop.review_by,
            days_left=(sop.review_by - today).days if sop.review_by else None,
        ))
    return out


HEAD = {
    "zh": ["SOP", "标题", "双语完成度", "有检查项的步骤", "复审日期", "复审提醒", "负责部门"],
    "en": ["SOP", "Title", "Translated", "Steps with checks", "Review by", "Review", "Owner"],
}
DUE_WORDS = {"zh": {"overdue": "已过期", "due soon": "30 天内到期", "": "", "?": "?"},
             "en": {"overdue": "overdue", "due soon": "due within 30 days", "": "", "?": "?"}}


def cells(row: Row, lang: str) -> list[str]:
    i = 0 if lang == "zh" else 1
    return [row.id, row.title[i], f"{row.translation_pct}%", f"{row.steps_checked}/{row.steps}",
            str(row.review_by or "?"), DUE_WORDS[lang][row.due], row.owner[i]]


def as_text(table: list[Row], lang: str = "en") -> str:
    grid = [HEAD[lang], *(cells(r, lang) for r in table)]
    widths = [max(_width(row[c]) for row in grid) for c in range(len(grid[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    soon = sum(1 for r in table if r.due in ("overdue", "due soon"))
    lines.append(f"{len(table)} SOPs; {soon} due for review within {DUE_SOON_DAYS} days or overdue")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Display width: wide (CJK) characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
