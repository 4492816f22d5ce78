"""The overview pages: SOPs by category, checklists, roles, phrasebook, glossary."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..content.model import Sop
from ..content.standards import Standards
from .escape import h, md_text
from .labels import colon, joined, label
from .sop_pages import front_matter, sop_title, text


def by_category(sops: Iterable[Sop], std: Standards) -> list[tuple[str, list[Sop]]]:
    """SOPs grouped in the order the standards list categories, then by title."""
    groups: dict[str, list[Sop]] = {key: [] for key in std.categories}
    for sop in sops:
        groups.setdefault(sop.category or "", []).append(sop)
    return [(key, sorted(items, key=lambda s: s.id or s.stem)) for key, items in groups.items() if items]


def category_name(std: Standards, key: str, lang: str) -> str:
    cat = std.categories.get(key)
    return cat.name.get(lang) if cat else key


def _meta_line(sop: Sop, std: Standards, lang: str) -> str:
    roles = joined(lang, (std.roles[r].get(lang) if r in std.roles else r for r in sop.roles))
    parts = [
        f"{label(lang, 'id')} {sop.id}",
        f"{label(lang, 'version')} {sop.version}",
        f"{label(lang, 'owner')}{colon(lang)}{text(sop.owner, lang)}",
        f"{label(lang, 'effective')} {sop.effective}",
        f"{label(lang, 'review_by')} {sop.review_by}",
        f"{label(lang, 'roles_label')}{colon(lang)}{roles}",
    ]
    return " · ".join(md_text(p) for p in parts)


def sop_index(sops: list[Sop], std: Standards, lang: str) -> str:
    out = [front_matter(label(lang, "sop_index"))]
    for key, items in by_category(sops, std):
        out.append(f"## {md_text(category_name(std, key, lang))}\n\n")
        for sop in items:
            out.append(f"- [{md_text(sop_title(sop, lang))}]({sop.id}.md)  \n"
                       f'  <small class="hb-index-meta">{_meta_line(sop, std, lang)}</small>\n')
        out.append("\n")
    return "".join(out)


def category_page(key: str, items: list[Sop], std: Standards, lang: str) -> str:
    """One category's SOPs: what the navigation lists instead of every SOP, so that a page
    carries the same navigation at 23 SOPs as at 1,000."""
    out = [front_matter(category_name(std, key, lang))]
    for sop in items:
        out.append(f"- [{md_text(sop_title(sop, lang))}](../sop/{sop.id}.md)  \n"
                   f'  <small class="hb-index-meta">{_meta_line(sop, std, lang)}</small>\n')
    out.append(f"\n[{md_text(label(lang, 'sop_index'))}](../sop/index.md)\n")
    return "".join(out)


def checklist_index(sops: list[Sop], std: Standards, lang: str) -> str:
    out = [front_matter(label(lang, "checklist_index"))]
    out.append(f"[{md_text(label(lang, 'booklet'))}](booklet.md){{ .md-button .md-button--primary }}\n\n")
    for key, items in by_category(sops, std):
        out.append(f"## {md_text(category_name(std, key, lang))}\n\n")
        out.extend(f"- [{md_text(sop_title(s, lang))}]({s.id}.md) · {md_text(s.version or '')}\n" for s in items)
        out.append("\n")
    return "".join(out)


def roles_page(sops: list[Sop], std: Standards, lang: str) -> str:
    out = [front_matter(label(lang, "roles"))]
    for key, name in std.roles.items():
        mine = [s for s in sops if key in s.roles]
        out.append(f"## {md_text(name.get(lang))}\n\n")
        out.append(f"{md_text(label(lang, 'must_know'))}{colon(lang)}{len(mine)}\n\n")
        for cat, items in by_category(mine, std):
            out.append(f"**{md_text(category_name(std, cat, lang))}**\n\n")
            out.extend(f"- [{md_text(sop_title(s, lang))}](sop/{s.id}.md)\n" for s in items)
            out.append("\n")
    return "".join(out)


def display_phrase(lang: str, phrase: str) -> str:
    """A phrase as a person reads it: the standards keep English phrases in lower case for
    case-insensitive matching ("may i"); the phrasebook shows "May I". Chinese is unchanged."""
    if lang != "en" or not phrase:
        return phrase
    shown = re.sub(r"\bi\b", "I", phrase)
    return shown[0].upper() + shown[1:]


def _say_groups(std: Standards, lang: str) -> str:
    """One list item per required phrase group: its name, then each phrase as a quote."""
    items = []
    for group in std.groups.values():
        phrases = "".join(f"<li><q>{h(display_phrase(lang, p))}</q></li>" for p in group.phrases[lang])
        items.append(f'<li class="hb-saygroup"><p class="hb-saygroup__name">{h(group.name.get(lang))}</p>'
                     f'<ul class="hb-saygroup__phrases" aria-label="{h(label(lang, "phrases_of_group"))}">'
                     f"{phrases}</ul></li>")
    return '<ul class="hb-saygroups">' + "".join(items) + "</ul>\n\n"


def _never_say(std: Standards, lang: str) -> str:
    """One list item (a card) per forbidden phrase: never say / say instead / why."""
    items = []
    for rule in std.forbidden[lang]:
        rows = [("bad", "never_say", f"<q>{h(display_phrase(lang, rule.phrase))}</q>"),
                ("good", "say_instead", f"<q>{h(rule.instead)}</q>")]
        if rule.why:
            rows.append(("why", "why", h(rule.why)))
        cells = "".join(f'<div class="hb-never__row hb-never__row--{cls}"><dt>{h(label(lang, key))}</dt>'
                        f"<dd>{value}</dd></div>" for cls, key, value in rows)
        items.append(f'<li class="hb-never__item"><dl>{cells}</dl></li>')
    return '<ul class="hb-never">' + "".join(items) + "</ul>\n\n"


def phrasebook(sops: list[Sop], std: Standards, lang: str) -> str:
    """What to say, what never to say (and what instead, and why), and the lines by situation."""
    out = [front_matter(label(lang, "phrasebook"))]
    out.append(f"## {md_text(label(lang, 'say_these'))}\n\n")
    out.append(_say_groups(std, lang))
    out.append(f"## {md_text(label(lang, 'never_say'))}\n\n")
    out.append(_never_say(std, lang))
    if std.honorific and lang == "zh":
        forms = "、".join(std.honorific.forbidden)
        out.append(f"## {md_text(label(lang, 'honorific'))}\n\n"
                   f"{md_text(f'对顾客一律称“{std.honorific.instead}”，不称“{forms}”或“{forms}们”。')}\n\n")
    elif std.honorific:
        out.append(f"## {md_text(label(lang, 'honorific'))}\n\n"
                   + md_text("In Chinese, always address a customer with the polite 您 (nín), never 你 (nǐ) "
                             "or 你们.") + "\n\n")
    out.append(f"## {md_text(label(lang, 'by_situation'))}\n\n")
    for key, items in by_category(sops, std):
        out.append(f"### {md_text(category_name(std, key, lang))}\n\n")
        for sop in items:
            lines = [t for step in sop.steps for t in step.say]
            if not lines:
                continue
            out.append(f"[{md_text(sop_title(sop, lang))}](sop/{sop.id}.md)\n\n")
            out.extend(f"- {md_text(t.get(lang))}\n" for t in lines)
            out.append("\n")
    return "".join(out)


def glossary(std: Standards, lang: str) -> str:
    out = [front_matter(label(lang, "glossary"))]
    for term in std.terms:
        name = term.term.get(lang)
        heading = f"{term.abbr} · {name}" if term.abbr else name
        out.append(f"### {md_text(heading)}\n\n{md_text(term.definition.get(lang))}\n\n")
    return "".join(out)


def abbreviations(std: Standards, lang: str) -> str:
    """Markdown `abbr` definitions appended to every page: tooltips for the glossary's terms."""
    lines = []
    for term in std.terms:
        if term.abbr:
            title = term.term.get(lang).replace("\n", " ").replace("]", ")")
            lines.append(f"*[{term.abbr}]: {title}")
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""
