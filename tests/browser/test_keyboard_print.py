"""Accessibility as reliability: keyboard-only search and language switch; printed checklists
stay readable in grayscale."""

from __future__ import annotations

import pytest

from browser_support import MATERIAL_SEARCH, ZENSICAL_SEARCH, shot

FOCUSED = "(() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : ''; })()"


def tab_to(pg, selector: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"never reached {selector} with Tab; focus is on {pg.evaluate(FOCUSED)}")


def test_language_switcher_works_with_the_keyboard_only(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "sop/lost-child.html")
    tab_to(page, "a[data-hb-lang='en']")
    assert page.locator("a[data-hb-lang='en']").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base_url + "en/sop/lost-child.html"
    tab_to(page, "a[data-hb-lang='zh']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base_url + "sop/lost-child.html"


def test_search_works_with_the_keyboard_only(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "en/index.html")
    ui = MATERIAL_SEARCH if page.locator(MATERIAL_SEARCH["box"]).count() else ZENSICAL_SEARCH
    if "button" in ui:  # Zensical: the header button opens the search dialog, Enter presses it
        tab_to(page, ui["button"])
        page.keyboard.press("Enter")
        page.locator(ui["box"]).wait_for()
    else:
        tab_to(page, ui["box"])
    page.keyboard.type("escalation", delay=30)
    page.locator(ui["results"]).first.wait_for(timeout=15000)
    # Material selects nothing until ArrowDown (then the first result); Zensical has the first
    # selected already, so ArrowDown selects the second
    first = page.locator(ui["results"]).nth(1 if "button" in ui else 0).get_attribute("href") or ""
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0].split("?")[0] == first.split("#")[0].split("?")[0]
    assert "escalation" in page.url
    shot(page, "keyboard-search-result")


CONTRAST = """
() => {
  const gray = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const [r, g, b, a] = m[1].split(',').map(Number);
    if (a === 0) return null;
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);  // luminance = what grayscale keeps
  };
  const ratio = (l) => (1 + 0.05) / (l + 0.05);  // against white paper
  const out = [];
  for (const el of document.querySelectorAll('.hb-sheet *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (hasText) out.push({what: el.className || el.tagName, kind: 'text', ratio: ratio(gray(style.color))});
    if (el.classList.contains('hb-box') || el.classList.contains('hb-sign__line')) {
      const border = gray(style.borderTopColor) ?? gray(style.borderBottomColor);
      out.push({what: el.className, kind: 'line', ratio: ratio(border)});
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_checklist_keeps_contrast_in_grayscale(page, base_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(media="print")
    page.goto(base_url + lang + "checklists/complaint-handling.html")
    found = page.evaluate(CONTRAST)
    assert any(f["kind"] == "text" for f in found) and any(f["kind"] == "line" for f in found)
    for f in found:
        minimum = 4.5 if f["kind"] == "text" else 3.0  # WCAG AA for text, non-text contrast for boxes
        assert f["ratio"] >= minimum, f


@pytest.mark.parametrize("lang", ["", "en/"])
def test_checklist_qr_codes_decode_to_the_online_sop(browser, base_url: str, lang: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    zbar = shutil.which("zbarimg")
    assert zbar, "the QR test needs Debian's zbar-tools (zbarimg)"
    context = browser.new_context(device_scale_factor=3)
    pg = context.new_page()
    for sop_id in ("complaint-handling", "lost-child", "pre-shift-grooming"):
        pg.goto(f"{base_url}{lang}checklists/{sop_id}.html")
        image = tmp_path / f"{sop_id}.png"
        pg.locator(".hb-sheet__qr svg").screenshot(path=str(image))
        decoded = subprocess.run([zbar, "-q", "--raw", str(image)], capture_output=True, text=True).stdout.strip()
        assert decoded == f"https://handbook.example.com/{lang}sop/{sop_id}.html"
    context.close()
