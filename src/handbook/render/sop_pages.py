"""One page per SOP: header, purpose, a flow of the steps, then each step in full.

Author text goes through `md_text` (Markdown context) or `h` (HTML context) — never raw.
Links to other pages are written as Markdown links to `.md` files so the site engine checks
and rewrites them; in-page anchors may sit in raw HTML.
"""

from __future__ import annotations

import json
import re

from ..content.model import Sop, Step, Text
from ..content.standards import Standards
from .escape import h, md_text
from .labels import colon, duration, joined, label


def front_matter(title: str, description: str = "", *, hide: tuple[str, ...] = (), search: bool = True) -> str:
    """Front matter with HTML-escaped values (themes print titles unescaped), JSON-quoted."""
    lines = ["---", f"title: {json.dumps(h(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(h(description[:160]), ensure_ascii=False)}")
    if hide:
        lines.append("hide: [" + ", ".join(hide) + "]")
    if not search:
        lines.append("search: {exclude: true}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def sop_title(sop: Sop, lang: str) -> str:
    return sop.title.get(lang) if sop.title else (sop.id or sop.stem)


def text(t: Text | None, lang: str) -> str:
    return t.get(lang) if t else ""


def step_anchor(step: Step, n: int) -> str:
    """The in-page anchor of a step: its id when it is a safe id, else its number."""
    return "step-" + (re.sub(r"[^a-z0-9-]", "", step.id or "") or str(n))


def meta_list(sop: Sop, std: Standards, lang: str) -> str:
    """The SOP header as a description list (raw HTML, every value escaped)."""
    cat = std.categories.get(sop.category or "")
    roles = joined(lang, (std.roles[r].get(lang) if r in std.roles else r for r in sop.roles))
    rows = [
        ("id", sop.id or sop.stem),
        ("version", sop.version or ""),
        ("category", cat.name.get(lang) if cat else (sop.category or "")),
        ("effective", str(sop.effective or "")),
        ("review_by", str(sop.review_by or "")),
        ("owner", text(sop.owner, lang)),
        ("roles_label", roles),
    ]
    items = "".join(
        f'<div class="hb-meta__item"><dt>{h(label(lang, key))}</dt><dd>{h(value)}</dd></div>'
        for key, value in rows
    )
    return f'<dl class="hb-meta">{items}</dl>'


def meta_line(sop: Sop, std: Standards, lang: str) -> str:
    """The header as one line (version · review-by) that opens onto the full list.

    On a phone the first screen belongs to the steps: staff need the version and whether it is
    still current at a glance, the rest (id, category, dates, owner, roles) one tap away."""
    line = (f'<span class="hb-metaline__item">{h(label(lang, "version"))} {h(sop.version or "")}</span>'
            f'<span class="hb-metaline__sep" aria-hidden="true"> · </span>'
            f'<span class="hb-metaline__item">{h(label(lang, "review_by"))} {h(str(sop.review_by or ""))}</span>'
            f'<span class="hb-metaline__more">{h(label(lang, "details"))}</span>')
    return (f'<details class="hb-about"><summary class="hb-metaline">{line}</summary>'
            f"{meta_list(sop, std, lang)}</details>\n\n")


def flow(sop: Sop, std: Standards, lang: str) -> str:
    """The steps as a static HTML/CSS flow: numbered boxes with arrows, required kinds marked."""
    cat = std.categories.get(sop.category or "")
    required = set(cat.required_steps) if cat else set()
    items = []
    for n, step in enumerate(sop.steps, 1):
        kind = std.step_kinds.get(step.kind or "")
        kind_name = kind.get(lang) if kind else (step.kind or "")
        classes = "hb-flow__step" + (" hb-flow__step--required" if step.kind in required else "")
        extra = ""
        if step.within:
            extra += (f'<span class="hb-flow__time">{h(label(lang, "within"))}{colon(lang)}'
                      f"{h(duration(lang, step.within))}</span>")
        if step.escalate_to:
            extra += f'<span class="hb-flow__escalate">{h(label(lang, "can_escalate"))}</span>'
        req = (f'<span class="hb-visually-hidden"> ({h(label(lang, "required_step"))})</span>'
               if step.kind in required else "")
        items.append(
            f'<li class="{classes}"><a href="#{step_anchor(step, n)}">'
            f'<span class="hb-flow__n">{n}</span>'
            f'<span class="hb-flow__kind">{h(kind_name)}{req}</span>'
            f'<span class="hb-flow__title">{h(text(step.title, lang))}</span>{extra}</a></li>'
        )
    return (f'<nav class="hb-flow" aria-label="{h(label(lang, "flow"))}"><ol>'
            + "".join(items) + "</ol></nav>\n\n")


def bullet_list(items: list[Text], lang: str, indent: str = "") -> str:
    return "".join(f"{indent}- {md_text(t.get(lang))}\n" for t in items)


def _group(cls: str, markdown: str) -> str:
    """A block of a step that CSS can move as one (Markdown inside a `<div markdown>`)."""
    return f'<div class="{cls}" markdown="1">\n\n{markdown}\n</div>\n\n'


def step_block(n: int, step: Step, std: Standards, lang: str, titles: dict[str, str]) -> str:
    """One step in a `<section>`: title, tags (kind, time limit), do, say, check, escalation.

    The parts are wrapped so that a phone can show the say lines right under the title and
    time limit (CSS order) while desktop and print keep the authored order."""
    kind = std.step_kinds.get(step.kind or "")
    kind_name = kind.get(lang) if kind else (step.kind or "")
    out = ['<section class="hb-step" markdown="1">\n\n',
           f"### {n}. {md_text(text(step.title, lang))} {{#{step_anchor(step, n)}}}\n\n"]
    tags = [f'<span class="hb-tag">{h(kind_name)}</span>']
    if step.within:
        tags.append(f'<span class="hb-tag hb-tag--time">{h(label(lang, "within"))}{colon(lang)}'
                    f"{h(duration(lang, step.within))}</span>")
    out.append('<p class="hb-tags">' + "".join(tags) + "</p>\n\n")
    if step.do:
        out.append(_group("hb-do", f"**{md_text(label(lang, 'do'))}**\n\n" + bullet_list(step.do, lang)))
    if step.say:
        out.append(f'!!! say "{h(label(lang, "say"))}"\n\n' + bullet_list(step.say, lang, "    ") + "\n")
    if step.check:
        items = "".join(f'- <span class="hb-box" aria-hidden="true"></span> {md_text(t.get(lang))}\n'
                        for t in step.check)
        out.append(_group("hb-check", f"**{md_text(label(lang, 'check'))}**\n\n" + items))
    if step.escalate_to:
        target = titles.get(step.escalate_to, step.escalate_to)
        heading = md_text(label(lang, "escalate")) + colon(lang).strip()
        out.append(_group("hb-escalate", f"**{heading}** [{md_text(target)}]({step.escalate_to}.md)\n"))
    out.append("</section>\n\n")
    return "".join(out)


def _section(cls: str, markdown: str) -> str:
    return f'<section class="{cls}" markdown="1">\n\n{markdown}</section>\n\n'


def sop_page(sop: Sop, std: Standards, lang: str, titles: dict[str, str]) -> str:
    """The SOP page: title, one metadata line, then purpose, flow and steps.

    The sections sit in a flex container: desktop and print show them in this order, a phone
    puts the steps first (handbook.css) so that step 1 is on the first screen."""
    out = [front_matter(sop_title(sop, lang), text(sop.purpose, lang))]
    out.append(meta_line(sop, std, lang))
    link = f"](../checklists/{sop.id}.md){{ .md-button .hb-noprint .hb-sop-checklist"
    out.append(f"[{md_text(label(lang, 'open_checklist'))}{link} .hb-sop-checklist--top }}\n\n")
    # data-pagefind-weight: on the shop floor an SOP is what a search is for, so it ranks first
    out.append('<div class="hb-sop" data-pagefind-weight="3" markdown="1">\n\n')
    if sop.purpose:
        out.append(_section("hb-sop__purpose", f"## {md_text(label(lang, 'purpose'))}\n\n"
                            f"{md_text(sop.purpose.get(lang))}\n\n"))
    out.append(_section("hb-sop__flow", f"## {md_text(label(lang, 'flow'))}\n\n" + flow(sop, std, lang)))
    steps = "".join(step_block(n, step, std, lang, titles) for n, step in enumerate(sop.steps, 1))
    head = (f'<div class="hb-steps-head" markdown="1">\n\n## {md_text(label(lang, "steps"))}\n\n'
            f"[{md_text(label(lang, 'checklist_short'))}{link} .hb-sop-checklist--steps }}\n\n</div>\n\n")
    out.append(_section("hb-sop__steps", head + steps))
    if sop.related:
        related = "".join(f"- [{md_text(titles.get(r, r))}]({r}.md)\n" for r in sop.related)
        out.append(_section("hb-sop__related", f"## {md_text(label(lang, 'related'))}\n\n{related}\n"))
    out.append("</div>\n")
    return "".join(out)
