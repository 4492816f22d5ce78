"""`handbook build --engine zensical`: the real Zensical build of a copy of the repository.

One build for the module (≈ 15 s); the failure test builds a broken copy of its own.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import REPO, copy_repo, old_site, run_cli, tree_digest

IDS = sorted(p.stem for p in (REPO / "sop").glob("*.yml"))
EDITIONS = ("", "en/", "zh-hant/")
GENERATED = ("index", "sop/index", "checklists/index", "checklists/booklet", "phrasebook", "glossary", "roles")


def zensical_build(root: Path, *args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("build", "--engine", "zensical", "--root", str(root), *args)
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("zensical") / "repo")
    code, out, err = zensical_build(root)
    assert code == 0, out + err
    assert "with Zensical" in out
    return root / "site"


class Page(HTMLParser):
    """The switcher links, the resources a page loads, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.switch: dict[str, str] = {}
        self.loads: list[str] = []
        self.links: list[tuple[str, str]] = []  # (rel, href) of <link>
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "data-hb-lang" in a:
            self.switch[a["data-hb-lang"]] = a["href"]
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link":
            self.links.append((a.get("rel", ""), a.get("href", "")))
            if a.get("rel") not in ("alternate", "canonical"):
                self.loads.append(a.get("href", ""))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_generated_page_exists_in_both_editions(site: Path) -> None:
    for prefix in EDITIONS:
        for sop_id in IDS:
            assert (site / f"{prefix}sop/{sop_id}.html").is_file(), prefix + sop_id
            assert (site / f"{prefix}checklists/{sop_id}.html").is_file(), prefix + sop_id
            assert (site / f"{prefix}quiz").is_dir()
        for name in GENERATED:
            assert (site / f"{prefix}{name}.html").is_file(), prefix + name
        for chapter in (REPO / "docs" / "zh" / "handbook").glob("*.md"):
            assert (site / f"{prefix}handbook/{chapter.stem}.html").is_file()
    assert json.loads((site / "api" / "sops.json").read_text(encoding="utf-8"))
    assert not (site / "en" / "en").exists()


def test_pages_show_the_generated_content_in_their_language(site: Path) -> None:
    zh = parse(site / "sop" / "complaint-handling.html").text
    en = parse(site / "en" / "sop" / "complaint-handling.html").text
    assert "顾客投诉处理" in zh and "Handling Customer Complaints" in en
    assert "Handling Customer Complaints" not in zh
    assert "{{" not in zh + en  # mall values resolved, no template left
    sheet = (site / "en" / "checklists" / "complaint-handling.html").read_text(encoding="utf-8")
    assert "hb-sheet" in sheet and "<svg" in sheet  # the printable sheet with its QR code
    assert '<abbr title="Standard operating procedure">SOP</abbr>' in (
        site / "en" / "sop" / "complaint-handling.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["index.html", "sop/complaint-handling.html", "checklists/lost-child.html",
                                  "handbook/07-complaints.html", "phrasebook.html", "sop/index.html"])
def test_the_switcher_links_land_on_the_same_page(site: Path, path: str) -> None:
    for here, other, lang in (("", "en/", "en"), ("en/", "", "zh"), ("", "zh-hant/", "zh-Hant"),
                              ("zh-hant/", "en/", "en")):
        links = parse(site / here / path).switch
        assert set(links) == {"zh", "en", "zh-Hant"}, links
        landed = posixpath.normpath(posixpath.join(posixpath.dirname(here + path), links[lang]))
        assert landed == posixpath.normpath(other + path)
        assert (site / landed).is_file()


def test_nothing_is_loaded_from_outside_the_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2 * len(IDS)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", 'src="http', "src='http",
                       'src="//'):
            assert marker not in html, f"{page}: {marker}"
        for url in parse(page).loads:
            assert not re.match(r"(https?:)?//", url), f"{page}: loads {url}"
    for css in site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(['\"]?https?:|url\(['\"]?https?://", css.read_text(encoding="utf-8"))


def test_each_edition_is_installable_and_has_its_worker(site: Path) -> None:
    for prefix, lang in (("", "zh-CN"), ("en/", "en"), ("zh-hant/", "zh-Hant")):
        manifest = json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang
        for icon in manifest["icons"]:
            assert (site / prefix / icon["src"]).is_file()
        worker = (site / prefix / "sw.js").read_text(encoding="utf-8")
        assert '"sop/complaint-handling.html"' in worker and '"checklists/lost-child.html"' in worker
        assert ("manifest", "manifest.webmanifest") in [
            (rel, posixpath.normpath(href)) for rel, href in parse(site / prefix / "index.html").links]
    main_worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"en/' not in main_worker.split('"exclude"')[0]  # the main worker leaves en/ to its own


def test_a_failed_zensical_build_keeps_the_old_site_and_says_where(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    old, before = old_site(root)
    page = root / "docs" / "en" / "sources.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines, "", "See [the missing part](#no-such-heading)."]) + "\n", encoding="utf-8")

    code, out, err = zensical_build(root)
    assert code == 1
    assert f"docs/en/sources.md:{len(lines) + 2}:" in out and "anchor does not exist" in out
    said = [line for line in err.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("handbook: build failed: ") and "not changed" in said[0]
    assert tree_digest(old) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_config_is_refused_with_zensical(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    code, _, err = run_cli("build", "--engine", "zensical", "--config", "mkdocs.yml", "--root", str(root))
    assert code == 2 and "--config is for --engine mkdocs" in err
    assert not (root / "site").exists()


RAISED_TWICE = """Build started
Traceback (most recent call last):
  File "/venv/bin/zensical", line 8, in <module>
    sys.exit(cli())
RuntimeError: Python error: ModuleNotFoundError: No module named 'nonexistent_ext'
Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/markdown/core.py", line 227, in build_extension
    module = importlib.import_module(ext_name)
  File "<frozen importlib._bootstrap>", line 1140, in _find_and_load_unlocked
"""


def test_a_zensical_traceback_becomes_its_reason_alone() -> None:
    from handbook.site.zensical_engine import summarise_failure

    problems, reason = summarise_failure(RAISED_TWICE, "docs/zh")
    assert (problems, reason) == ([], "ModuleNotFoundError: No module named 'nonexistent_ext'")
    problems, reason = summarise_failure("Error: site_dir must be within project root\n", "docs/zh")
    assert reason == "site_dir must be within project root"


def test_search_is_the_handbooks_own_on_this_engine_too(site: Path) -> None:
    """Zensical's search is off; each edition has its Pagefind index and the handbook's script."""
    for prefix in EDITIONS:
        assert (site / prefix / "pagefind" / "pagefind.js").is_file(), prefix
        own = site / prefix / "search.json"  # Zensical still writes its file, empty
        assert not own.exists() or json.loads(own.read_text(encoding="utf-8"))["items"] == [], prefix
        page = (site / prefix / "sop" / "complaint-handling.html").read_text(encoding="utf-8")
        assert "assets/handbook-search.js" in page and "md-search" not in page
