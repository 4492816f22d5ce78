"""Printable A4 checklists: one sheet per SOP, and a booklet with every sheet.

A sheet is plain HTML (every author string escaped): header with the SOP id, title, version
and effective date, a QR code to the online SOP generated at build time, empty square boxes,
sign-off lines, and a footer naming the revision it was printed from.
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


def sheet(sop: Sop, lang: str, *, sop_url: str, revision: str, built: str, heading: str = "h1") -> str:
    """One checklist sheet as raw HTML."""
    rows = []
    for n, step in enumerate(sop.steps, 1):
        rows.append(f'<li class="hb-sheet__step"><p class="hb-sheet__steptitle">{n}. '
                    f"{h(text(step.title, lang))}</p><ul>")
        rows.extend(f'<li><span class="hb-box" aria-hidden="true"></span>{h(t.get(lang))}</li>' for t in step.check)
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
    return (
        f'<article class="hb-sheet" lang="{"zh-CN" if lang == "zh" else "en"}">'
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


def checklist_page(sop: Sop, lang: str, *, sop_url: str, revision: str, built: str) -> str:
    title = f"{label(lang, 'checklists')}{colon(lang)}{sop_title(sop, lang)}"
    return (
        front_matter(title, hide=("navigation", "toc"), search=False)  # the SOP page is the hit
        + f"[{md_text(label(lang, 'open_sop'))}](../sop/{sop.id}.md){{ .md-button .hb-noprint }} "
        + '<button type="button" class="md-button md-button--primary hb-noprint" data-hb-print>'
        + f"{h(label(lang, 'print_checklist'))}</button>\n\n"
        + sheet(sop, lang, sop_url=sop_url, revision=revision, built=built)
        + "\n"
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
