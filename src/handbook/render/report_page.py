"""The completeness report as a site page (the same table `handbook report` prints)."""

from __future__ import annotations

import datetime as _dt

from ..checks.completeness import DUE_SOON_DAYS, HEAD, cells, rows
from ..content.model import Sop
from .escape import md_text
from .sop_pages import front_matter

TITLE = {"zh": "完成度报告", "en": "Completeness report"}
INTRO = {
    "zh": "供质量管理使用：每个 SOP 的双语完成度、有检查项的步骤、"
          "复审日期（{days} 天内到期或已过期的会标出）和负责部门。数据截至 {today}。",
    "en": "For the quality manager: each SOP's translation completeness, steps with checklist items, review date "
          "(flagged when due within {days} days or overdue) and owner, as of {today}.",
}


def report_page(sops: list[Sop], today: _dt.date, lang: str) -> str:
    table = rows(sops, today)
    out = [front_matter(TITLE[lang]), md_text(INTRO[lang].format(days=DUE_SOON_DAYS, today=today)), "\n\n"]
    out.append("| " + " | ".join(md_text(h) for h in HEAD[lang]) + " |\n")
    out.append("|" + " --- |" * len(HEAD[lang]) + "\n")
    for row in table:
        values = cells(row, lang)
        first = f"[{md_text(values[0])}](sop/{row.id}.md)"
        out.append("| " + " | ".join([first, *(md_text(v) for v in values[1:])]) + " |\n")
    return "".join(out)
