"""The Traditional Chinese edition: generated from the Simplified, complete, in its own script.

Proven on the session's real build (conftest `shipped_build`) and, for the configurable parts
(profile, overrides), on the page generation itself (no engine needed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.checks.project import check_project
from handbook.content.traditional import Override, Traditional
from handbook.site.assemble import assemble_edition
from support import REPO, copy_repo

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TAG = re.compile(r"<[^>]+>")
# Characters only Simplified script uses (no Traditional text has them, whatever the profile)
SIMPLIFIED_ONLY = "们这说个为时会对过还没顾务场诉处请问员检单应级"


def _article_text(path: Path) -> str:
    match = ARTICLE.search(path.read_text(encoding="utf-8"))
    assert match, path
    return TAG.sub(" ", match.group(1))


@pytest.fixture(scope="module")
def site(shipped_build: Path) -> Path:
    return shipped_build / "site"


def test_every_page_of_the_simplified_edition_exists_converted(site: Path) -> None:
    zh_pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
                if not p.relative_to(site).as_posix().startswith(("en/", "zh-hant/"))}
    hant = site / "zh-hant"
    hant_pages = {p.relative_to(hant).as_posix() for p in hant.rglob("*.html")}
    assert zh_pages == hant_pages
    simplified = set(SIMPLIFIED_ONLY)
    shipped = check_project(REPO).standards.traditional
    for rel in ("index.html", "phrasebook.html", "sop/complaint-handling.html", "checklists/lost-child.html",
                "handbook/07-complaints.html", "quiz/complaint.html", "glossary.html", "roles.html"):
        text = _article_text(hant / rel)
        left = sorted(set(text) & simplified)
        assert not left, f"{rel}: Simplified characters left in the Traditional edition: {left[:20]}"
        assert text != _article_text(site / rel)
        assert set(_article_text(site / rel)) & simplified  # the test can see Simplified text
        # the same page, converted (its printed address is the edition's own)
        assert text.replace("example.com/zh-hant/", "example.com/") == shipped.convert(_article_text(site / rel)), rel



def test_the_edition_speaks_traditional_everywhere_a_person_looks(site: Path) -> None:
    page = (site / "zh-hant" / "sop" / "complaint-handling.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in page
    assert "<title>顧客投訴處理 - 商場顧客服務手冊</title>" in page
    assert "处理" not in TAG.sub("", page.split("<body", 1)[1])  # nav, header, footer too
    manifest = (site / "zh-hant" / "manifest.webmanifest").read_text(encoding="utf-8")
    assert '"name": "商場顧客服務手冊"' in manifest and '"lang": "zh-Hant"' in manifest
    quiz = (site / "zh-hant" / "quiz" / "complaint.html").read_text(encoding="utf-8")
    assert 'data-hb-quiz="hb-quiz:zh-hant:complaint"' in quiz  # progress kept apart from zh's
    assert 'data-hb-quiz="hb-quiz:zh:complaint"' in (site / "quiz" / "complaint.html").read_text(encoding="utf-8")


def test_the_overrides_fix_what_opencc_gets_wrong(site: Path) -> None:
    gift = _article_text(site / "zh-hant" / "sop" / "gift-cards.html")
    assert "發卡方" in gift and "髮卡方" not in gift  # the issuer, not "hair"
    chapter = _article_text(site / "zh-hant" / "handbook" / "07-complaints.html")
    assert "只追究" in chapter and "隻追究" not in chapter  # "only", not the measure word


def test_the_switcher_offers_every_edition_on_the_same_page(site: Path) -> None:
    expected = {"": "../zh-hant/", "en/": "../../zh-hant/", "zh-hant/": "../"}
    for prefix in expected:
        page = (site / prefix / "sop" / "lost-child.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]*data-hb-lang', page)[i][::-1]
                     for i in range(3))
        assert set(links) == {"zh", "en", "zh-Hant"}
        assert links["zh-Hant"] == expected[prefix] + "sop/lost-child.html"
        assert "繁體中文" in page and "简体中文" in page


def test_the_profile_is_configurable(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    (root / "standards" / "traditional.yml").write_text("profile: s2twp\n", encoding="utf-8")
    result = check_project(root)
    assert not result.errors
    hk = assemble_edition(check_project(REPO), "zh-hant", site_url="", directory_urls=False)
    tw = assemble_edition(result, "zh-hant", site_url="", directory_urls=False)
    assert "打印" in hk.pages["checklists/lost-child.md"]  # Hong Kong keeps 打印
    assert "列印" in tw.pages["checklists/lost-child.md"]  # Taiwan vocabulary
    assert "列印" not in hk.pages["checklists/lost-child.md"]


def test_an_override_is_applied_longest_first_and_only_where_written() -> None:
    rules = Traditional("s2hk", [Override("发卡", "發卡"), Override("发卡方", "發卡方（發行）")])
    assert rules.convert("按发卡方规则；头发") == "按發卡方（發行）規則；頭髮"
    assert rules.convert("") == "" and rules.convert("ASCII only") == "ASCII only"
    assert rules.convert("\U000f0001发卡") == Traditional("s2hk").convert("\U000f0001发卡")  # never confused
