"""The shop floor on a phone (375 × 812): steps first, a phrasebook that reads as one, checklists
to tick, and a handbook that installs and works with no signal — proven in headless Chromium on
the real build, served on 127.0.0.1 (and under a sub-path).

Builds: the session's site (conftest) and one rebuild with a changed SOP, in the update test.
Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from browser_support import ARTIFACTS, AXE, phone_context, search_for, serve_folder
from support import REPO, build_with, copy_repo

SOPS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "sop").glob("*.yml"))}
PHRASES = yaml.safe_load((REPO / "standards" / "phrases.yml").read_text(encoding="utf-8"))
LANGS = [("zh", ""), ("en", "en/")]
EDITIONS = [*LANGS, ("zh-hant", "zh-hant/")]  # the generated edition, where offline must hold too


def shown(texts: dict[str, str], edition: str) -> str:
    """A {zh, en} text as an edition shows it (the Traditional one converts the zh)."""
    if edition != "zh-hant":
        return texts[edition]
    from handbook.content.traditional import Traditional

    return Traditional().convert(texts["zh"])
PHONE_HEIGHT = 812
HAN = "\u4e00-\u9fff"


def first_steps_to_measure(lang: str, count: int = 6) -> list[str]:
    """The SOPs whose step 1 has the most to show (say and do text), plus two everyone knows."""
    def weight(sop_id: str) -> int:
        step = SOPS[sop_id]["steps"][0]
        return sum(len(t[lang]) for t in step.get("say", []) + step.get("do", []))

    return sorted(set(sorted(SOPS, key=weight, reverse=True)[:count]) | {"complaint-handling", "lost-child"})


def figure_name(name: str, engine: str) -> str:
    """The MkDocs build keeps the figures' old names; another engine's get a suffix."""
    return name if engine == "mkdocs" else f"{name}.{engine}"


def shot_screen(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """What the first screen shows (not the whole page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def wait_for_worker(pg) -> str:  # type: ignore[no-untyped-def]
    """Wait until this page's service worker holds its precache and controls the page."""
    pg.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    pg.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=20000)
    return pg.evaluate("() => navigator.serviceWorker.controller.scriptURL")


def worker_config(sw: Path) -> dict:
    text = sw.read_text(encoding="utf-8")
    start = text.index("const CONFIG = ") + len("const CONFIG = ")
    return json.loads(text[start:text.index("\n};", start) + 2])


STEP_ONE = """() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height}; };
  const step = document.querySelector('.hb-sop__steps .hb-step');
  const summary = document.querySelector('details.hb-about > summary');
  return {h1: box(document.querySelector('.md-content h1')), title: box(step.querySelector('h3')),
          time: box(step.querySelector('.hb-tag--time')), say: box(step.querySelector(':scope > .say')),
          sayFont: parseFloat(getComputedStyle(step.querySelector('.say li') || document.body).fontSize),
          doFont: parseFloat(getComputedStyle(step.querySelector('.hb-do li') || document.body).fontSize),
          meta: box(summary), metaLine: parseFloat(getComputedStyle(summary).lineHeight),
          fullMetaShown: document.querySelector('details.hb-about .hb-meta').checkVisibility(),
          flow: box(document.querySelector('.hb-sop__flow')), steps: box(document.querySelector('.hb-sop__steps'))};
}"""


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_step_one_is_on_the_first_phone_screen(browser, base_url: str, engine: str, lang: str, prefix: str,
                                               figures) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser, service_workers="block")
    pg = context.new_page()
    lowest = 0.0
    for sop_id in first_steps_to_measure(lang):
        pg.goto(f"{base_url}{prefix}sop/{sop_id}.html")
        m = pg.evaluate(STEP_ONE)
        where = f"{prefix}sop/{sop_id}.html: {m}"
        assert m["h1"]["top"] >= 0 and m["meta"]["bottom"] < m["title"]["top"], where
        assert m["meta"]["height"] < 1.8 * m["metaLine"] + 16, where  # one line, not a card
        assert not m["fullMetaShown"], where  # id, category, dates, owner, roles: one tap away
        parts = [m["title"], m["time"], m["say"]]
        bottom = max(p["bottom"] for p in parts if p)
        assert bottom <= PHONE_HEIGHT, f"step 1 ends at {bottom}px, below the first screen: {where}"
        assert m["flow"]["top"] > m["steps"]["top"], where  # the flow does not push step 1 down
        if m["say"]:
            assert m["sayFont"] > m["doFont"], where  # say lines stand out from the "do" list
        lowest = max(lowest, bottom)
    figures.set(figure_name(f"phone.step1.{lang}", engine), lowest_bottom_px=round(lowest), screen_px=PHONE_HEIGHT)
    pg.goto(f"{base_url}{prefix}sop/complaint-handling.html")
    shot_screen(pg, f"shopfloor-sop-first-screen-{lang}")
    pg.locator("details.hb-about > summary").tap()
    assert pg.locator("details.hb-about .hb-meta").is_visible()
    owner = SOPS["complaint-handling"]["owner"][lang]
    assert owner in pg.locator("details.hb-about .hb-meta").inner_text()
    context.close()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_desktop_keeps_the_flow_before_the_steps_and_print_leaves_it_out(page, base_url: str, lang: str,
                                                                        prefix: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}{prefix}sop/complaint-handling.html")
    m = page.evaluate(STEP_ONE)
    assert m["flow"]["top"] < m["steps"]["top"]
    assert page.locator(".hb-flow li").count() == len(SOPS["complaint-handling"]["steps"])
    page.emulate_media(media="print")
    assert not page.locator(".hb-sop__flow").is_visible()
    assert page.locator("details.hb-about .hb-meta").is_visible()  # paper gets the full header
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert "→" not in text and "↓" not in text  # no flow arrow anywhere, so none alone at a page foot
    for step in SOPS["complaint-handling"]["steps"]:
        assert step["title"][lang][:4] in text.replace("\n", "")


def _phrasebook_items(pg) -> dict:  # type: ignore[no-untyped-def]
    return pg.evaluate("""() => {
      const text = (el) => el ? el.innerText.trim() : '';
      const box = (el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; };
      return {
        never: [...document.querySelectorAll('ul.hb-never > li')].map(li => ({
          never: text(li.querySelector('.hb-never__row--bad dd')),
          instead: text(li.querySelector('.hb-never__row--good dd')),
          why: text(li.querySelector('.hb-never__row--why dd')), box: box(li)})),
        groups: [...document.querySelectorAll('ul.hb-saygroups > li')].map(li => ({
          name: text(li.querySelector('.hb-saygroup__name')), box: box(li),
          phrases: [...li.querySelectorAll('.hb-saygroup__phrases > li')].map(text)})),
        interface: text(document.querySelector('ul.hb-never')) + text(document.querySelector('ul.hb-saygroups')),
      };
    }""")


def _unquoted(shown: str) -> str:
    return shown.strip("“”\"'").casefold()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_phrasebook_gives_each_phrase_its_own_item(browser, base_url: str, lang: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser, service_workers="block")
    pg = context.new_page()
    pg.goto(f"{base_url}{prefix}phrasebook.html")
    found = _phrasebook_items(pg)
    rules = PHRASES["forbidden"][lang]
    assert len(found["never"]) == len(rules)
    for rule in rules:  # read from the standards: a new phrase is covered without touching this test
        mine = [item for item in found["never"] if _unquoted(item["never"]) == rule["phrase"].casefold()]
        assert len(mine) == 1, (rule["phrase"], found["never"])
        assert _unquoted(mine[0]["instead"]) == rule["instead"].casefold()
        assert mine[0]["why"] == (rule.get("why") or "")
    groups = list(PHRASES["required"].values())
    assert [g["name"] for g in found["groups"]] == [g["name"][lang] for g in groups]
    for shown, group in zip(found["groups"], groups, strict=True):
        assert [_unquoted(p) for p in shown["phrases"]] == [p.casefold() for p in group[lang]]
    for items in (found["never"], found["groups"]):  # separate items, one under the other
        for above, below in itertools.pairwise(items):
            assert below["box"][0] >= above["box"][1], (above, below)
    if lang == "en":  # display forms read as English: "May I", not "may i"
        for shown in [i["never"] for i in found["never"]] + [p for g in found["groups"] for p in g["phrases"]]:
            words = shown.strip("“”")
            assert words[0].isupper() and not re.search(r"\bi\b", words), shown
        assert any(p.strip("“”") == "May I" for g in found["groups"] for p in g["phrases"])
    else:  # Chinese interface text with Chinese punctuation
        assert not re.search(rf"[{HAN}][,;:?!\"]|[,;:?!\"][{HAN}]", found["interface"]), found["interface"]
    pg.screenshot(path=str(ARTIFACTS / f"shopfloor-phrasebook-{lang}.png"), full_page=True,
                  clip={"x": 0, "y": 0, "width": 375, "height": 2400})
    context.close()


def _checklist(sop_id: str) -> int:
    return sum(len(step.get("check", [])) for step in SOPS[sop_id]["steps"])


COUNT_TEXT = {"zh": "已完成 {done} / {total}", "en": "{done} / {total} done"}


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_ticks_stay_on_the_phone_until_cleared(browser, base_url: str, lang: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser, service_workers="block")  # so every request seen is the page's
    pg = context.new_page()
    sop_id, total = "complaint-handling", _checklist("complaint-handling")
    pg.goto(f"{base_url}{prefix}checklists/{sop_id}.html")
    boxes = pg.get_by_role("checkbox")
    assert boxes.count() == total
    for words in pg.locator(".hb-tick__text").all_inner_texts():  # each box is named by its item
        assert pg.get_by_role("checkbox", name=words, exact=True).count() == 1
    rows = pg.evaluate("() => [...document.querySelectorAll('.hb-tick > label')].map(l => "
                       "[l.getBoundingClientRect().width, l.getBoundingClientRect().height])")
    assert all(w >= 280 and h >= 44 for w, h in rows), rows  # the whole row is the tap target
    count = pg.locator(".hb-ticks__count")
    assert count.inner_text() == COUNT_TEXT[lang].format(done=0, total=total) and count.is_visible()
    assert count.bounding_box()["y"] < PHONE_HEIGHT  # in view while ticking
    sent: list[str] = []
    context.on("request", lambda r: sent.append(r.url))
    for i in (0, 2, 5):
        pg.locator(".hb-tick__text").nth(i).tap()
    assert count.inner_text() == COUNT_TEXT[lang].format(done=3, total=total)
    assert sent == []  # nothing leaves the phone
    shot_screen(pg, f"shopfloor-checklist-ticked-{lang}")
    pg.reload()
    assert [boxes.nth(i).is_checked() for i in range(total)] == [i in (0, 2, 5) for i in range(total)]
    assert count.inner_text() == COUNT_TEXT[lang].format(done=3, total=total)
    pg.locator("[data-hb-clear]").tap()
    assert not any(boxes.nth(i).is_checked() for i in range(total))
    pg.reload()
    assert not any(boxes.nth(i).is_checked() for i in range(total))
    assert count.inner_text() == COUNT_TEXT[lang].format(done=0, total=total)
    # ticks of another version of the SOP are not this version's: a new version starts clean
    pg.evaluate(f"() => localStorage.setItem('handbook.ticks:{sop_id}@0.0.1', JSON.stringify(['1.0', '2.0']))")
    pg.reload()
    assert not any(boxes.nth(i).is_checked() for i in range(total))
    assert pg.evaluate(f"() => localStorage.getItem('handbook.ticks:{sop_id}@0.0.1')") is None
    context.close()


def _pdf(pg) -> tuple[int, tuple[int, int], bytes]:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(pg.pdf(format="A4", print_background=True, prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    return len(reader.pages), size, reader.pages[0].get_contents().get_data()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_printed_checklist_has_empty_boxes_after_ticking(browser, base_url: str, lang: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(service_workers="block")
    pg = context.new_page()
    sop_id, total = "lost-child", _checklist("lost-child")
    pg.goto(f"{base_url}{prefix}checklists/{sop_id}.html")
    clean = _pdf(pg)
    for box in pg.get_by_role("checkbox").all():
        box.check()
    pg.reload()  # the ticks come back from the device's storage
    assert pg.locator("input[data-hb-tick]:checked").count() == total
    ticked = _pdf(pg)
    assert clean[:2] == ticked[:2] == (1, (595, 842))  # one A4 page
    assert ticked[2] == clean[2]  # the same drawing: not one tick printed
    if lang == "zh":
        (ARTIFACTS / "shopfloor-checklist-ticked-print-zh.pdf").write_bytes(
            pg.pdf(format="A4", print_background=True, prefer_css_page_size=True))
    pg.emulate_media(media="print")
    shown = pg.evaluate("""() => {
      const seen = (selector) => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility()).length;
      return {inputs: seen('input[data-hb-tick]'), boxes: seen('.hb-tick .hb-box'), lines: seen('.hb-sign__line'),
              bar: seen('.hb-ticks')};
    }""")
    assert shown == {"inputs": 0, "boxes": total, "lines": 4, "bar": 0}
    context.close()


# -- installable and offline --------------------------------------------------------------------
@pytest.fixture(scope="session")
def sub_path_url(site: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The same build published under a sub-path: http://127.0.0.1:PORT/shop/handbook/."""
    folder = tmp_path_factory.mktemp("subpath")
    (folder / "shop").mkdir()
    (folder / "shop" / "handbook").symlink_to(site.resolve(), target_is_directory=True)
    url, server = serve_folder(folder)
    yield url + "shop/handbook/"
    server.shutdown()


def test_the_precache_is_a_short_list_of_what_the_shop_floor_needs(site: Path, engine: str, figures) -> None:  # type: ignore[no-untyped-def]
    for lang, prefix in EDITIONS:
        root = site / prefix
        config = worker_config(root / "sw.js")
        listed = set(config["precache"])
        for sop_id in SOPS:
            assert {f"sop/{sop_id}.html", f"checklists/{sop_id}.html"} <= listed, sop_id
        assert {"index.html", "phrasebook.html", "pagefind/pagefind.js", "pagefind/pagefind-entry.json",
                "manifest.webmanifest", "assets/handbook.css", "assets/handbook-checklist.js"} <= listed
        bundle = {p.relative_to(root).as_posix() for p in (root / "pagefind").rglob("*") if p.is_file()}
        assert bundle <= listed  # the whole search bundle of this edition: search works offline
        assert not any(p.startswith(("en/", "zh-hant/")) or p.endswith(".map") for p in listed)
        assert all((root / p).is_file() for p in listed)
        size = sum((root / p).stat().st_size for p in listed)
        worker = (root / "sw.js").stat().st_size
        figures.set(figure_name(f"offline.precache.{lang}", engine), files=len(listed), bytes=size,
                    worker_bytes=worker)
        assert worker < 12_000 + 80 * len(listed)  # URLs, not content
        assert size < 8_000_000, size
        # each page carries its own part of the navigation, not every SOP of the handbook
        sheet = (root / "checklists" / "complaint-handling.html").read_text(encoding="utf-8")
        nav = sheet[sheet.index('md-nav--primary'):sheet.index('md-sidebar--secondary')]
        assert len(re.findall(r'href="[^"]*sop/[a-z0-9-]+\.html"', nav)) < len(SOPS) // 2


def _install(pg, url: str) -> dict:  # type: ignore[no-untyped-def]
    pg.goto(url + "index.html")
    script = wait_for_worker(pg)
    assert script == url + "sw.js"
    return pg.evaluate("""async () => {
      const link = document.querySelector('link[rel=manifest]');
      const manifest = await (await fetch(link.href)).json();
      const icons = [];
      for (const icon of manifest.icons) {
        const bitmap = await createImageBitmap(await (await fetch(new URL(icon.src, link.href))).blob());
        icons.push([icon.sizes, `${bitmap.width}x${bitmap.height}`]);
      }
      return {href: link.href, manifest, icons};
    }""")


@pytest.mark.parametrize("where", ["root", "sub-path"])
@pytest.mark.parametrize(("lang", "prefix"), EDITIONS)
def test_never_opened_pages_load_offline(browser, base_url: str, sub_path_url: str, where: str, lang: str,
                                         prefix: str) -> None:  # type: ignore[no-untyped-def]
    url = (base_url if where == "root" else sub_path_url) + prefix
    context = phone_context(browser)
    pg = context.new_page()
    installed = _install(pg, url)
    manifest = installed["manifest"]
    assert installed["href"] == url + "manifest.webmanifest"
    assert (manifest["start_url"], manifest["scope"]) == ("./index.html", "./")
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"].startswith("#")
    assert all(declared == real for declared, real in installed["icons"]) and len(installed["icons"]) >= 2
    context.set_offline(True)
    sop_id, sheet_id = "lost-child", "returns-exchanges"
    response = pg.goto(url + f"sop/{sop_id}.html")
    assert response.ok and response.from_service_worker
    assert pg.locator(".md-content h1").inner_text() == shown(SOPS[sop_id]["title"], lang)
    assert pg.locator(".hb-sop__steps .hb-step h3").first.is_visible()
    response = pg.goto(url + f"checklists/{sheet_id}.html")
    assert response.ok and pg.get_by_role("checkbox").count() == _checklist(sheet_id)
    pg.get_by_role("checkbox").first.check()
    pg.reload()
    assert pg.get_by_role("checkbox").first.is_checked()  # ticks survive going offline
    response = pg.goto(url + "phrasebook.html")
    assert response.ok and pg.locator("ul.hb-never > li").count() == len(PHRASES["forbidden"][lang[:2]])
    response = pg.goto(url)  # the home page by its folder URL, as the installed app starts
    assert response.ok and response.from_service_worker
    query = {"zh": "投诉", "en": "complaint", "zh-hant": "投訴"}[lang]
    hrefs = [href for href, _ in search_for(pg, query)]
    assert any("sop/complaint-handling.html" in href for href in hrefs), hrefs  # search works offline
    response = pg.goto(url + "glossary.html")  # never visited, not precached: says so, in the language
    assert response.status == 503
    offline = {"zh": "暂时没有网络", "en": "No connection", "zh-hant": "暫時沒有網絡"}
    assert pg.locator("h1").inner_text() == offline[lang]
    if lang == "zh":  # the main worker leaves the other editions' folders alone: no mix of languages
        for other in ("en/", "zh-hant/"):
            with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
                pg.goto(url + other + "sop/lost-child.html")
    context.close()


def test_from_disk_nothing_breaks_and_ticks_work(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "checklists" / "complaint-handling.html").as_uri())
    assert page.evaluate("() => navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
    page.get_by_role("checkbox").first.check()
    page.reload()
    assert page.get_by_role("checkbox").first.is_checked()
    with page.expect_navigation():
        page.locator(".md-content a[href$='sop/complaint-handling.html']").first.click()
    assert page.url.startswith("file://") and page.locator(".hb-sop__steps").is_visible()
    assert errors == []


NEW_TITLE = {"zh": "先稳住情绪再开口", "en": "Steady yourself before you speak"}


def _changed_repo(tmp: Path) -> Path:
    """A copy of the handbook whose complaint SOP has a new step 1 title and a new version."""
    root = copy_repo(tmp / "repo")
    path = root / "sop" / "complaint-handling.yml"
    data = SOPS["complaint-handling"]
    text = path.read_text(encoding="utf-8").replace(f"version: {data['version']}", "version: 9.9.9", 1)
    step = data["steps"][0]["title"]
    for lang in ("zh", "en"):
        text = text.replace(f"{lang}: {step[lang]}", f"{lang}: {NEW_TITLE[lang]}", 1)
    assert text.count(NEW_TITLE["zh"]) == 1 and text.count(NEW_TITLE["en"]) == 1 and "9.9.9" in text
    path.write_text(text, encoding="utf-8")
    return root


def test_a_new_build_replaces_the_cache_and_says_so(browser, site: Path, engine: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    served = tmp_path / "served"
    shutil.copytree(site, served)
    url, server = serve_folder(served)
    try:
        context = phone_context(browser)
        pg = context.new_page()
        for prefix in ("", "en/"):
            pg.goto(url + prefix + "sop/complaint-handling.html")
            wait_for_worker(pg)
        pg.goto(url + "checklists/complaint-handling.html")
        pg.get_by_role("checkbox").first.check()
        proc = build_with(engine, _changed_repo(tmp_path), served)  # the next deployment, same folder
        assert proc.returncode == 0, proc.stdout + proc.stderr
        for lang, prefix in LANGS:
            new_version = worker_config(served / prefix / "sw.js")["version"]
            pg.goto(url + prefix + "sop/complaint-handling.html")  # still the old build, from its cache
            pg.locator(".hb-update").wait_for(timeout=30000)  # … and the page says a new one is ready
            assert pg.locator(".hb-update").get_attribute("role") == "status"
            shot_screen(pg, f"shopfloor-update-notice-{lang}")
            with pg.expect_navigation():
                pg.locator(".hb-update__reload").click()
            assert NEW_TITLE[lang] in pg.locator(".hb-sop__steps .hb-step h3").first.inner_text()
            names = [n for n in pg.evaluate("() => caches.keys()") if n.split(" ")[1] == url + prefix]
            assert names == [f"handbook {url + prefix} {new_version}"]  # the old cache is gone
        pg.goto(url + "checklists/complaint-handling.html")
        assert not pg.get_by_role("checkbox").first.is_checked()  # version 9.9.9 starts clean
        context.set_offline(True)
        assert pg.goto(url + "en/checklists/lost-child.html").ok  # the new cache works offline
        context.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_axe_finds_nothing_serious_on_the_shop_floor_pages(browser, base_url: str, lang: str, prefix: str,
                                                          phone: bool) -> None:  # type: ignore[no-untyped-def]
    assert AXE.exists(), "run `npm ci` to install axe-core"
    context = phone_context(browser) if phone else browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    for path in ("sop/complaint-handling.html", "checklists/complaint-handling.html", "phrasebook.html"):
        pg.goto(base_url + prefix + path)
        if "checklists" in path:
            pg.get_by_role("checkbox").first.check()
        if "sop/" in path:
            pg.locator("details.hb-about > summary").click()
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, path + json.dumps([{k: v[k] for k in ("id", "impact", "help")} | {
            "nodes": [n["target"] for n in v["nodes"][:3]]} for v in bad], ensure_ascii=False, indent=1)
    context.close()
