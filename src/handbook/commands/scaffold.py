"""`handbook new sop ID --category C`: a skeleton SOP an author fills in.

The skeleton holds the category's required steps in order. Every text an author must write
is a placeholder the checker reports (`text.placeholder`), one located message each, so the
author can work down the list until `handbook check` is clean.
"""

from __future__ import annotations

import datetime as _dt
import json
import re

from ..content.sop_schema import ID_PATTERN
from ..content.standards import Standards

PLACEHOLDER_ZH = "【待填写："  # the markers rules/placeholders.py looks for
PLACEHOLDER_EN = "[TO FILL: "


class ScaffoldError(ValueError):
    """The skeleton cannot be written (bad id or category): a usage error."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _text(indent: str, zh: str, en: str, *, item: bool = False) -> str:
    lead = f"{indent}- " if item else indent
    rest = f"{indent}  " if item else indent
    return f"{lead}zh: {_q(PLACEHOLDER_ZH + zh + '】')}\n{rest}en: {_q(PLACEHOLDER_EN + en + ']')}\n"


def _next_year(day: _dt.date) -> _dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def skeleton(sop_id: str, category: str, std: Standards, today: _dt.date) -> str:
    if not re.fullmatch(ID_PATTERN, sop_id):
        raise ScaffoldError(f'"{sop_id}" is not a valid SOP id: use lowercase letters, digits and hyphens')
    cat = std.categories.get(category)
    if cat is None:
        from ..source.schema_report import did_you_mean

        raise ScaffoldError(f'unknown category "{category}"{did_you_mean(category, std.categories)} '
                            f"(known: {', '.join(std.categories)})")
    role = next(iter(std.roles), "frontline")
    lines = [
        "# yaml-language-server: $schema=../schemas/sop.schema.json",
        f"id: {sop_id}",
        f"category: {category}",
        "version: 0.1.0",
        f"effective: {today.isoformat()}",
        f"review_by: {_next_year(today).isoformat()}",
        "owner:",
        _text("  ", "负责部门", "owning department").rstrip("\n"),
        f"roles: [{role}]",
        "title:",
        _text("  ", "标题", "title").rstrip("\n"),
        "purpose:",
        _text("  ", "这个程序为什么存在、解决什么问题", "why this procedure exists").rstrip("\n"),
        "steps:",
    ]
    groups = [std.groups[g].name for g in cat.required_phrases if g in std.groups]
    for n, kind in enumerate(cat.required_steps, 1):
        name = std.step_kinds.get(kind)
        zh_kind, en_kind = (name.zh, name.en.lower()) if name else (kind, kind)
        lines += [
            f"  - id: {kind}",
            f"    kind: {kind}",
            "    title:",
            _text("      ", f"第{n}步（{zh_kind}）的标题", f"title of step {n} ({en_kind})").rstrip("\n"),
            "    do:",
            _text("      ", "要做的动作", "what to do", item=True).rstrip("\n"),
        ]
        if groups:
            need_zh = "、".join(g.zh for g in groups)
            need_en = ", ".join(g.en.lower() for g in groups)
            lines += ["    say:",
                      _text("      ", f"对顾客说的话（全程须包含：{need_zh}）",
                            f"what to say to the customer (the SOP must include: {need_en})", item=True).rstrip("\n")]
        lines += ["    check:",
                  _text("      ", "主管可以勾选的检查项", "a checklist item a supervisor can tick",
                        item=True).rstrip("\n")]
    if cat.required_checks:
        needed = "；".join(f"{t.zh} / {t.en.replace('*', '…')}" for t in cat.required_checks)
        lines.insert(2, f"# checklist items must mention: {needed}")
    return "\n".join(lines) + "\n"


def categories_text(std: Standards, lang: str = "en") -> str:
    """What each category asks of an SOP, for an author choosing one (`handbook categories`)."""
    zh = lang == "zh"
    out: list[str] = []
    for key, cat in std.categories.items():
        steps = [std.step_kinds[k].get(lang) if k in std.step_kinds else k for k in cat.required_steps]
        steps = [f"{name}（{kind}）" if zh else f"{name} ({kind})"
                 for name, kind in zip(steps, cat.required_steps, strict=True)]
        checks = [t.get(lang) for t in cat.required_checks]
        groups = [std.groups[g].name.get(lang) if g in std.groups else g for g in cat.required_phrases]
        none = "无" if zh else "none"
        sep = "、" if zh else ", "
        arrow = " → "
        out.append(f"{key}: {cat.name.get(lang)}")
        out.append(("  必需步骤（按顺序）：" if zh else "  steps, in this order: ") + (arrow.join(steps) or none))
        out.append(("  检查表须提到：" if zh else "  checklist must mention: ") + (sep.join(checks) or none))
        out.append(("  话术须包含：" if zh else "  say lines must include: ") + (sep.join(groups) or none))
    out.append("")
    out.append("用法：handbook new sop <id> --category <类别>" if zh
               else "then: handbook new sop <id> --category <key>")
    return "\n".join(out) + "\n"
