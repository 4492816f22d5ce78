"""Printable A4 checklists: one sheet per SOP, and a booklet with every sheet.

A sheet is plain HTML (every author string escaped): header with the SOP id, title, version
and effective date, a QR code to the online SOP generated at build time, empty square boxes,
sign-off lines, and a footer naming the revision it was printed from. On a checklist page the
items are also real checkboxes to tick on a phone (kept on the device by handbook-checklist.js);
the booklet stays paper only. Ticks never print: paper always gets the empty boxes.
"""

from __future__ import annotations

from functools import lru_cache

import segno

from ..content.model import Sop
from .escape import h, md_text
from .labels import colon, label
from .sop_pages import front_matter, sop_title, text


@lru_cache(maxsize=4096)
def qr_svg(url: str, caption: str) -> str:
    """An inline SVG QR code (segno), labelled for assistive technology.

    Cached: the same code appears on the checklist and in the booklet, and in every rebuild
    of a serve session. The mask pattern is fixed: choosing the "best" of the eight (what
    segno does by default) takes 70% of the time, and any mask gives a valid code."""
    svg = segno.make(url, error="m", mask=0).svg_inline(scale=2, title=caption, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{h(caption)}" ', 1)


def shown_revision(revision: str, lang: str) -> str:
    """`abc1234+dirty` as a person reads it: abc1234 (uncommitted changes)."""
    if revision.endswith("+dirty"):
        return revision[: -len("+dirty")] + label(lang, "uncommitted")
    return revision


def _item(n: int, k: int, words: str, *, tickable: bool) -> str:
    """One checklist item: an empty box on paper; on a screen, when tickable, a real checkbox
    whose label is the item (the whole row is the tap target). The box span is what prints."""
    box = '<span class="hb-box" aria-hidden="true"></span>'
    if not tickable:
        return f"<li>{box}{h(words)}</li>"
    return (f'<li class="hb-tick"><label><input type="checkbox" class="hb-tick__input" autocomplete="off" '
            f'data-hb-tick="{n}.{k}">{box}<span class="hb-tick__text">{h(words)}</span></label></li>')


def sheet(sop: Sop, lang: str, *, sop_url: str, revision: str, built: str, heading: str = "h1",
          tickable: bool = False) -> str:
    """One checklist sheet as raw HTML; `tickable` for the checklist page (not the booklet)."""
    rows = []
    for n, step in enumerate(sop.steps, 1):
        rows.append(f'<li class="hb-sheet__step"><p class="hb-sheet__steptitle">{n}. '
                    f"{h(text(step.title, lang))}</p><ul>")
        rows.extend(_item(n, k, t.get(lang), tickable=tickable) for k, t in enumerate(step.check))
        rows.append("</ul></li>")
    signoff = "".join(
        f'<div class="hb-sign__field"><span class="hb-sign__label">{h(label(lang, key))}</span>'
        f'<span class="hb-sign__line"></span></div>'
        for key in ("staff", "supervisor", "date", "store")
    )
    title = sop_title(sop, lang)
    c = colon(lang)
    meta = (f'{h(label(lang, "id"))}{c}<b>{h(sop.id or sop.stem)}</b> · {h(label(lang, "version"))}{c}'
            f'<b>{h(sop.version or "")}</b> · {h(label(lang, "effective"))}{c}<b>{h(str(sop.effective or ""))}</b>')
    owner = h(text(sop.owner, lang))
    state = (f' data-hb-checklist="{h(sop.id or sop.stem)}" data-hb-version="{h(sop.version or "")}"'
             if tickable else "")
    return (
        f'<article class="hb-sheet" lang="{"zh-CN" if lang == "zh" else "en"}"{state}>'
        f'<header class="hb-sheet__head"><div class="hb-sheet__titles">'
        f'<p class="hb-sheet__kicker">{h(label(lang, "checklists"))} · {owner}</p>'
        f'<{heading} class="hb-sheet__title">{h(title)}</{heading}>'
        f'<p class="hb-sheet__meta">{meta}</p></div>'
        f'<figure class="hb-sheet__qr">{qr_svg(sop_url, label(lang, "scan_for_sop"))}'
        f'<figcaption>{h(label(lang, "scan_for_sop"))}</figcaption></figure></header>'
        f'<ol class="hb-sheet__steps">{"".join(rows)}</ol>'
        f'<footer class="hb-sheet__foot"><div class="hb-sign">{signoff}</div>'
        f'<p class="hb-sheet__rev">{h(label(lang, "printed_revision"))}{colon(lang)}'
        f'{h(shown_revision(revision, lang))} · {h(built)} · '
        f"{h(sop_url)}</p></footer></article>"
    )


def tick_bar(sop: Sop, lang: str) -> str:
    """The live count and the one "clear" button of a tickable sheet (never printed).

    The count is rendered for no ticks, so it reads right before (or without) the script;
    handbook-checklist.js fills it in from the template as boxes are ticked."""
    total = sum(len(step.check) for step in sop.steps)
    template = label(lang, "ticks_done")
    return (
        '<div class="hb-ticks hb-noprint">'
        f'<p class="hb-ticks__count" role="status" data-hb-count="{h(template)}">'
        f'{h(template.format(done=0, total=total))}</p>'
        f'<button type="button" class="md-button hb-ticks__clear" data-hb-clear disabled>'
        f'{h(label(lang, "ticks_clear"))}</button>'
        f'<p class="hb-ticks__note">{h(label(lang, "ticks_note"))}</p></div>'
    )


def checklist_page(sop: Sop, lang: str, *, sop_url: str, revision: str, built: str) -> str:
    title = f"{label(lang, 'checklists')}{colon(lang)}{sop_title(sop, lang)}"
    return (
        front_matter(title, hide=("navigation", "toc"), search=False)  # the SOP page is the hit
        + f"[{md_text(label(lang, 'open_sop'))}](../sop/{sop.id}.md){{ .md-button .hb-noprint }} "
        + '<button type="button" class="md-button md-button--primary hb-noprint" data-hb-print>'
        + f"{h(label(lang, 'print_checklist'))}</button>\n\n"
        + sheet(sop, lang, sop_url=sop_url, revision=revision, built=built, tickable=True)
        + "\n\n" + tick_bar(sop, lang) + "\n"
    )


def booklet_page(sops: list[Sop], lang: str, *, url_for: dict[str, str], revision: str, built: str) -> str:
    sheets = "\n\n".join(
        sheet(s, lang, sop_url=url_for[s.id or s.stem], revision=revision, built=built, heading="h2")
        for s in sops
    )
    return (
        front_matter(label(lang, "booklet"), hide=("navigation", "toc"), search=False)
        + '<button type="button" class="md-button md-button--primary hb-noprint" data-hb-print>'
        + f"{h(label(lang, 'print_booklet'))}</button>\n\n"
        + f'<div class="hb-booklet">\n\n{sheets}\n\n</div>\n'
    )
