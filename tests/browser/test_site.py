"""What staff see, proven in a real browser: search, language switch, print, phone, a11y."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_support import AXE, search_ui, shot

SOP_IDS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "sop").glob("*.yml"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def search(pg, query: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Type a query like a person does; return (href, text) of the results once they settle."""
    ui = search_ui(pg)
    box = pg.locator(ui["box"])
    box.click()
    if query.isascii():
        box.type(query, delay=40)
    else:  # as a Chinese input method does: compose, then commit the word
        cdp = pg.context.new_cdp_session(pg)
        cdp.send("Input.imeSetComposition", {"text": "tou", "selectionStart": 3, "selectionEnd": 3})
        cdp.send("Input.insertText", {"text": query})
    previous: object = None
    stable = 0
    for _ in range(60):  # results come from a worker: wait until two reads agree
        pg.wait_for_timeout(250)
        meta = pg.locator(ui["meta"]).inner_text() if "meta" in ui else ""
        items = pg.locator(ui["results"])
        current = (meta, [(items.nth(i).get_attribute("href") or "", items.nth(i).inner_text())
                          for i in range(items.count())])
        ready = not re.search(r"输入|Type to start|Initializ|正在初始化", meta) and ("meta" in ui or current[1])
        stable = stable + 1 if ready and current == previous else 0
        previous = current
        if stable >= 3:
            return current[1]
    raise AssertionError(f"search results for {query!r} never settled: {previous!r}"[:500])


@pytest.mark.parametrize(("query", "expected"), [
    ("投诉", "sop/complaint-handling.html"),
    ("投诉处理", "sop/complaint-handling.html"),
    ("退货", "sop/returns-exchanges.html"),
    ("老年", "sop/elderly-customers.html"),
])
def test_chinese_search_finds_the_right_sop(page, base_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url)
    results = search(page, query)
    hrefs = [href for href, _ in results]
    assert any(expected in h for h in hrefs), hrefs
    assert not any("/en/" in h for h in hrefs)
    if query == "投诉":
        shot(page, "search-zh-tousu")


def test_english_search_stays_english(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "en/")
    results = search(page, "complaint")
    assert any("sop/complaint-handling.html" in href for href, _ in results)
    for href, text in results:
        assert "/en/" in page.evaluate("h => new URL(h, location.href).href", href), href
        assert not HAN.search(text), text
    shot(page, "search-en-complaint")


@pytest.mark.parametrize("path", ["sop/complaint-handling.html", "handbook/07-complaints.html", "index.html",
                                  "checklists/returns-exchanges.html"])
def test_language_switcher_keeps_the_page(page, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + path)
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation():
        page.locator("a[data-hb-lang='en']").click()
    assert page.url == base_url + "en/" + path
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation():
        page.locator("a[data-hb-lang='zh']").click()
    assert page.url == base_url + path


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_checklist_prints_on_one_a4_page(browser, base_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    pg = context.new_page()
    pg.emulate_media(media="print")
    for sop_id in SOP_IDS:
        pg.goto(f"{base_url}{lang}checklists/{sop_id}.html")
        pdf = pg.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1, f"{lang}{sop_id}: {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
        text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
        assert sop_id in text
    pg.goto(f"{base_url}{lang}checklists/{SOP_IDS[0]}.html")
    shot(pg, f"checklist-print-{lang.strip('/') or 'zh'}")
    context.close()


def test_booklet_prints_one_sheet_per_sop(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(base_url + "checklists/booklet.html")
    pdf = pg.pdf(format="A4", prefer_css_page_size=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(SOP_IDS)
    context.close()


PHONE_PAGES = ["index.html", "sop/complaint-handling.html", "checklists/complaint-handling.html", "sop/index.html",
               "phrasebook.html", "glossary.html", "roles.html", "handbook/11-measuring-quality.html",
               "handbook/02-knowing-customers.html", "checklists/booklet.html"]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_horizontal_scroll_at_375px(browser, base_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    for path in PHONE_PAGES:
        pg.goto(base_url + lang + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{lang}{path}: page is {width}px wide"
    pg.goto(base_url + lang + "sop/complaint-handling.html")
    shot(pg, f"phone-sop-{lang.strip('/') or 'zh'}")
    context.close()


AXE_PAGES = ["index.html", "sop/complaint-handling.html", "checklists/complaint-handling.html"]


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(page, base_url: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    assert AXE.exists(), "run `npm ci` to install axe-core"
    page.goto(base_url + lang + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps([{k: v[k] for k in ("id", "impact", "help")} | {
        "nodes": [n["target"] for n in v["nodes"][:3]]} for v in bad], ensure_ascii=False, indent=1)


def test_copy_opened_from_disk_navigates_and_searches(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    with page.expect_navigation():
        page.locator(".md-content a[href$='sop/index.html']").first.click()
    assert page.url.endswith("sop/index.html")
    with page.expect_navigation():
        page.locator(".md-content a[href$='complaint-handling.html']").first.click()
    assert page.url.startswith("file://") and page.url.endswith("sop/complaint-handling.html")
    results = search(page, "投诉")
    assert any("complaint-handling.html" in href for href, _ in results)
