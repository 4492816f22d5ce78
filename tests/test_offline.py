"""The shop-floor pieces without a browser: icons, manifest, precache list and cache version,
the phrasebook's items and display forms, tickable checklist sheets. (The browser proves the
rest in tests/browser/test_shopfloor.py.)"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

from handbook.checks.project import check_project
from handbook.render.checklists import booklet_page, checklist_page
from handbook.render.indexes import display_phrase, phrasebook
from handbook.site.offline import (
    AppInfo,
    cache_version,
    icon,
    manifest,
    precache_list,
    theme_colour,
    worker_script,
    write_offline,
)
from support import REPO


def _pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        size = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        assert struct.unpack(">I", data[pos + 8 + size:pos + 12 + size])[0] == zlib.crc32(kind + body)
        if kind == b"IDAT":
            idat += body
        pos += 12 + size
    return width, height, zlib.decompress(idat)


def _pixel(raw: bytes, width: int, x: int, y: int) -> bytes:
    row = y * (width * 4 + 1) + 1
    return raw[row + x * 4: row + x * 4 + 4]


def test_icons_are_valid_pngs_with_the_sheet_in_the_safe_zone() -> None:
    for maskable in (False, True):
        width, height, raw = _pixels(icon(192, "#4051b5", maskable=maskable))
        assert (width, height) == (192, 192) and len(raw) == 192 * (192 * 4 + 1)
        assert _pixel(raw, width, 96, 50) == b"\xff\xff\xff\xff"  # the white sheet, in the middle
        assert _pixel(raw, width, 96, 5) == b"\x40\x51\xb5\xff"  # the theme colour around it
        corner = _pixel(raw, width, 0, 0)
        assert corner == (b"\x40\x51\xb5\xff" if maskable else b"\0\0\0\0")  # maskable fills its square


def test_manifest_urls_are_relative_so_a_sub_path_works() -> None:
    data = json.loads(manifest(AppInfo("en", "Mall Handbook", "Handbook")))
    assert (data["start_url"], data["scope"], data["lang"]) == ("./index.html", "./", "en")
    assert all(not i["src"].startswith(("/", "http")) for i in data["icons"])
    assert {i["purpose"] for i in data["icons"]} == {"any", "maskable"}
    assert theme_colour({"primary": "teal"}) == "#009485" and theme_colour(None) == "#4051b5"


def _site(tmp: Path) -> Path:
    files = {
        "index.html": "home", "phrasebook.html": "p", "glossary.html": "g", "sop/a.html": "a", "sop/index.html": "i",
        "sop/deeper/x.html": "x", "checklists/a.html": "c", "checklists/booklet.html": "b", "sitemap.xml": "s",
        "assets/handbook.css": "css", "assets/javascripts/bundle.js": "js", "assets/javascripts/bundle.js.map": "m",
        "assets/javascripts/lunr/min/lunr.zh.min.js": "Material's search, not used",
        "pagefind/pagefind.js": "p", "pagefind/index/zh_1.pf_index": "i", "pagefind/fragment/zh_1.pf_fragment": "f",
        "en/index.html": "other language", "en/sop/a.html": "other language",
    }
    for rel, content in files.items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_text(content, encoding="utf-8")
    return tmp


def test_precache_holds_what_the_floor_needs_and_nothing_else(tmp_path: Path) -> None:
    site = _site(tmp_path)
    listed = precache_list(site, ("en/",))
    assert listed == sorted([
        "assets/handbook.css", "assets/javascripts/bundle.js", "checklists/a.html", "index.html",
        "pagefind/fragment/zh_1.pf_fragment", "pagefind/index/zh_1.pf_index", "pagefind/pagefind.js",
        "phrasebook.html", "sop/a.html", "sop/index.html"])


def test_cache_version_follows_every_served_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = cache_version(site, ("en/",))
    (site / "sitemap.xml").write_text("today's date", encoding="utf-8")
    (site / "en" / "index.html").write_text("the other language's worker", encoding="utf-8")
    assert cache_version(site, ("en/",)) == first  # nothing this language's visitors get changed
    (site / "glossary.html").write_text("g2", encoding="utf-8")  # not precached, but kept once visited
    assert cache_version(site, ("en/",)) != first


def test_worker_carries_the_list_and_no_worker_while_serving(tmp_path: Path) -> None:
    site = _site(tmp_path)
    app = AppInfo("zh", "商场顾客服务手册", "服务手册")
    report = write_offline(site, app, exclude=("en/",))
    text = (site / "sw.js").read_text(encoding="utf-8")
    config = json.loads(re.search(r"const CONFIG = (\{.*?\n\});", text, re.S).group(1))
    assert config["version"] == report.version and config["exclude"] == ["en/"]
    assert "manifest.webmanifest" in config["precache"] and report.files == len(config["precache"])
    assert report.size > 0 and "precaching" in report.summary()
    assert "<" not in worker_script(app, "v", [], ())[text.index("const CONFIG"):].split("\n};")[0]
    served = write_offline(site, app, worker=False)
    assert not (site / "sw.js").exists() and not served.worker
    assert (site / "manifest.webmanifest").is_file() and (site / "assets/images/handbook-512.png").is_file()


def test_english_display_forms_read_as_english() -> None:
    assert display_phrase("en", "may i") == "May I"
    assert display_phrase("en", "i'm sorry") == "I'm sorry"
    assert display_phrase("en", "can I help you") == "Can I help you"
    assert display_phrase("zh", "您好") == "您好"


def test_phrasebook_is_one_item_per_phrase_and_group() -> None:
    result = check_project(REPO)
    std = result.standards
    for lang in ("zh", "en"):
        page = phrasebook(result.sops, std, lang)
        assert page.count('<li class="hb-never__item">') == len(std.forbidden[lang])
        assert page.count('<li class="hb-saygroup">') == len(std.groups)
    assert "<q>May I</q>" in phrasebook(result.sops, std, "en")


def test_checklist_page_ticks_and_the_booklet_stays_paper() -> None:
    result = check_project(REPO)
    sop = next(s for s in result.sops if s.id == "complaint-handling")
    page = checklist_page(sop, "en", sop_url="https://x/sop/a.html", revision="abc", built="2026-12-01")
    items = sum(len(s.check) for s in sop.steps)
    assert page.count('type="checkbox"') == items == page.count('<span class="hb-box" aria-hidden="true">')
    assert f'data-hb-checklist="complaint-handling" data-hb-version="{sop.version}"' in page
    assert f"0 / {items} done" in page and "data-hb-clear" in page
    booklet = booklet_page([sop], "en", url_for={"complaint-handling": "https://x/"}, revision="abc", built="x")
    assert "checkbox" not in booklet and "data-hb-checklist" not in booklet


def test_offline_command_needs_a_built_site(tmp_path: Path) -> None:
    from support import run_cli

    code, _, err = run_cli("offline", "--site", str(tmp_path), "--root", str(REPO))
    assert code == 2 and "no built zh site" in err
