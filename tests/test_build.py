"""The real build: `mkdocs build --strict` on the shipped handbook and on broken copies.

Slow-ish (jieba loads its dictionary); each test builds once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import REPO, build, copy_repo, tree_digest
from support import old_site as make_old_site


@pytest.fixture(scope="module")
def built_site(shipped_build: Path) -> Path:
    return shipped_build / "site"


def test_shipped_handbook_builds_strict_in_every_edition(built_site: Path) -> None:
    ids = sorted(p.stem for p in (REPO / "sop").glob("*.yml"))
    for prefix in ("", "en/", "zh-hant/"):
        for sop_id in ids:
            assert (built_site / f"{prefix}sop/{sop_id}.html").is_file()
            assert (built_site / f"{prefix}checklists/{sop_id}.html").is_file()
        for page in ("index", "sop/index", "checklists/index", "checklists/booklet", "phrasebook",
                     "glossary", "roles"):
            assert (built_site / f"{prefix}{page}.html").is_file(), prefix + page
        for chapter in (REPO / "docs" / "zh" / "handbook").glob("*.md"):
            assert (built_site / f"{prefix}handbook/{chapter.stem}.html").is_file()


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    """Pagefind per edition: the Chinese index holds only Chinese pages (none of en/), the
    English one only English pages, and neither the checklists (they repeat their SOP)."""
    for prefix, lang in (("", "zh"), ("en/", "en"), ("zh-hant/", "zh")):
        entry = json.loads((built_site / prefix / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        pages = entry["languages"][lang]["page_count"]
        html_pages = [p for p in (built_site / prefix).rglob("*.html")
                      if not p.relative_to(built_site / prefix).as_posix().startswith(
                          ("en/", "zh-hant/", "checklists/", "quiz/"))
                      and p.name != "404.html"]
        assert pages == len(html_pages), (prefix, pages, len(html_pages))
    assert not (built_site / "search").exists()  # Material's whole-index search is gone
    assert not (built_site / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own UI is not published


def test_no_asset_is_loaded_from_outside_the_site(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'href="https://fonts', "fonts.googleapis", "fonts.gstatic",
                       "cdn.jsdelivr", "unpkg.com"):
            assert marker not in html, f"{page}: {marker}"


def test_broken_content_fails_the_build_with_the_check_line_and_keeps_the_old_site(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    old_site, before = make_old_site(root)

    sop = root / "sop" / "complaint-handling.yml"
    lines = sop.read_text(encoding="utf-8").splitlines()
    say = next(i for i, line in enumerate(lines) if line.strip().startswith("say:"))
    zh = say + 1
    indent = lines[zh][: len(lines[zh]) - len(lines[zh].lstrip())]
    lines[zh] = f"{indent}- zh: 这个我不知道。"
    sop.write_text("\n".join(lines) + "\n", encoding="utf-8")

    check = subprocess.run([str(Path(sys.executable).with_name("handbook")), "check"], cwd=root,
                           capture_output=True, text=True)
    assert check.returncode == 1
    expected = next(line for line in check.stdout.splitlines() if "phrase.forbidden" in line)
    assert expected.startswith(f"sop/complaint-handling.yml:{zh + 1}:")

    proc = build(root)
    assert proc.returncode != 0
    assert expected in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert tree_digest(old_site) == before


def test_hostile_author_strings_are_escaped_in_the_built_html(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    sop = root / "sop" / "returns-exchanges.yml"
    text = sop.read_text(encoding="utf-8")
    title_zh = text.split("title:\n  zh: ", 1)[1].split("\n", 1)[0]
    hostile = '退换货 <script>alert(1)</script> {: onclick=alert(2) } [点我](javascript:alert(3)) {{ config }}'
    text = text.replace(f"title:\n  zh: {title_zh}\n", f"title:\n  zh: {hostile!r}\n".replace("'", '"'), 1)
    sop.write_text(text, encoding="utf-8")
    proc = build(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ("sop/returns-exchanges.html", "checklists/returns-exchanges.html", "sop/index.html",
                 "quiz/after-sales.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        found = Tags()
        found.feed(html)
        assert not [a for a in found.attrs if a[0].startswith("on")], found.attrs
        assert not [a for a in found.attrs if a[0] == "href" and (a[1] or "").lower().startswith("javascript")]
        assert not any("alert(1)" in script for script in found.scripts)
        assert "{{ config }}" in found.text  # shown as text, never evaluated as a template
        assert "<script>alert(1)</script>" in found.text  # the author's words, shown as words


class Tags(HTMLParser):
    """Collects every attribute, every script body and all visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self.text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend(attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text += data


def test_a_page_carries_the_categories_not_every_sop(built_site: Path) -> None:
    """The navigation lists the SOP categories (a page each, listing its SOPs), never the SOPs
    themselves: a page's HTML does not grow with the handbook."""
    import yaml

    sops = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "sop").glob("*.yml")}
    used = {s["category"] for s in sops.values()}

    def nav(path: Path) -> str:
        page = path.read_text(encoding="utf-8")
        return page[page.index("md-nav--primary"):page.index("md-sidebar--secondary")]

    for prefix in ("", "en/", "zh-hant/"):
        for page in ("sop/complaint-handling.html", "checklists/lost-child.html", "categories/complaint.html",
                     "index.html"):
            assert not re.findall(r'href="[^"]*sop/(?!index\.)[a-z0-9-]+\.html"', nav(built_site / prefix / page))
        shown = set(re.findall(r'href="([a-z0-9-]+)\.html"',  # siblings, relative to categories/
                               nav(built_site / prefix / "categories" / "complaint.html")))
        assert used <= shown  # the SOP section lists every category
        for key in used:
            listing = (built_site / prefix / "categories" / f"{key}.html").read_text(encoding="utf-8")
            mine = {i for i, s in sops.items() if s["category"] == key}
            assert set(re.findall(r'href="\.\./sop/([a-z0-9-]+)\.html"', listing)) - {"index"} == mine, (prefix, key)
