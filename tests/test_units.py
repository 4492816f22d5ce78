"""Unit tests of the stages on their own: the phrase matcher, the model, the renderers.

The CLI and build tests prove the whole; these pin down each part's contract so that a change
inside one stage is caught where it is made.
"""

from __future__ import annotations

import markdown
import pytest

from handbook.checks.project import check_project
from handbook.content.model import build_sop
from handbook.render.escape import h, md_text
from handbook.render.labels import colon, duration, joined
from handbook.render.sop_pages import sop_page
from handbook.source.diagnostics import Sink
from handbook.source.loader import parse
from handbook.source.text import PhraseMatcher
from support import FIXTURES, REPO


# -- the phrase matcher -----------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "phrase", "text", "start"), [
    ("zh", "不知道", "这个我不知道。", 3),          # a substring: Chinese has no word boundaries
    ("zh", "需要帮忙吗", "您好！需要帮忙吗？", 3),
    ("en", "calm down", "Please CALM   down now", 7),  # case and runs of spaces
    ("en", "I don't know", "Sorry, I don’t know.", 7),  # a typographic apostrophe
    ("en", "greet*", "We greeted them", 3),            # a trailing * accepts any ending
    ("en", "calm down", "ｃａｌｍ ｄｏｗｎ", 0),          # full-width letters fold (NFKC)
    # what a reader sees, not the code points typed (issue 12)
    ("zh", "不知道", "我不 知道", 1),                  # an ASCII space
    ("zh", "不知道", "我不　知道", 1),                 # a full-width space
    ("zh", "不知道", "我不\n知道", 1),                 # a line break (a literal YAML block)
    ("zh", "不知道", "我不\u0301知\u200d道", 1),        # a combining mark, a zero-width joiner
    ("zh", "不知道", "我不\ufe0f知\U000e0100道", 1),    # variation selectors
    ("zh", "不归我管", "这不歸我管", 1),                # Traditional script
    ("zh", "不歸我管", "这不归我管", 1),                # a Traditional phrase in the standards
    ("en", "calm down", "Please саlm dоwn", 7),       # Cyrillic а and о
    ("en", "calm down", "Please 𝐜𝐚𝐥𝐦 𝐝𝐨𝐰𝐧", 7),        # mathematical bold letters
    ("en", "calm down", "Please calm\u200b down", 7),   # a zero-width space
])
def test_phrase_matcher_finds(lang: str, phrase: str, text: str, start: int) -> None:
    found = PhraseMatcher(lang, [phrase]).find_all(text)
    assert [(m.phrase, m.start) for m in found] == [(phrase, start)]


@pytest.mark.parametrize(("lang", "phrase", "text"), [
    ("en", "calm down", "becalm downtown"),  # English matches whole words only
    ("en", "can I help you", "can I help your friend"),
    ("zh", "不知道", "不，知道"),  # punctuation does separate: "no, [I] know"
    ("zh", "你们", "你\uffff们"),  # what `joined` puts between two lines
])
def test_phrase_matcher_respects_word_boundaries(lang: str, phrase: str, text: str) -> None:
    assert PhraseMatcher(lang, [phrase]).search(text) is None


def test_phrase_matcher_prefers_the_longest_phrase() -> None:
    found = PhraseMatcher("zh", ["不是", "不是我负责"]).find_all("这不是我负责的")
    assert [m.phrase for m in found] == ["不是我负责"]


# -- the model --------------------------------------------------------------------------------
def _sop(text: str):
    sink = Sink("sop/x.yml")
    tree = parse(text, sink)
    assert sink.items == []
    return build_sop("sop/x.yml", "x", tree, text.split("\n"))


def test_model_locates_each_character_of_a_text() -> None:
    sop = _sop("id: x\ntitle:\n  zh: 您好世界\n  en: \"Hello world\"\nsteps:\n  - id: a\n    say:\n"
               "      - zh: 我不知道\n        en: \"I don't know\"\n")
    assert sop.title is not None and sop.title.pos("zh", 2) == (3, 9)
    assert sop.title.pos("en", 6) == (4, 14)  # inside the quotes: "w" of world
    assert [label for label, _ in sop.texts()] == ["title", "step 1 say"]


def test_model_is_tolerant_and_knows_placeholders() -> None:
    sop = _sop("id: x\nsteps: oops\nrelated: [a, 3, '']\ntitle:\n  zh: 【待填写：标题】\n  en: \"[TO FILL: title]\"\n")
    assert sop.steps == [] and sop.related == ["a", "3"]
    assert sop.has_placeholders()
    assert not _sop("id: x\n").has_placeholders()


# -- rendering --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", "{: onclick=alert(1) }", "[x](javascript:alert(1))",
                                  "**bold** `code` <b>", "a | b | c"])
def test_author_text_never_becomes_markup(text: str) -> None:
    out = markdown.markdown(f"- {md_text(text)}", extensions=["attr_list", "tables"])
    assert out.startswith("<ul>\n<li>") and out.count("<") == 4, out  # ul, li and their ends only
    assert "<" not in h(text) and '"' not in h('"')


def test_labels_follow_the_language() -> None:
    assert colon("zh") == "：" and colon("en") == ": "
    assert joined("zh", ["一线服务人员", "楼层主管"]) == "一线服务人员、楼层主管"
    assert joined("en", ["Front-line staff", "Floor supervisor"]) == "Front-line staff, Floor supervisor"
    assert duration("zh", "2m") == "2 分钟" and duration("en", "24h") == "24 h"


def test_sop_page_puts_each_step_under_its_anchor_with_its_lines() -> None:
    result = check_project(REPO)
    sop = next(s for s in result.sops if s.id == "complaint-handling")
    titles = {s.id or "": s.title.en if s.title else "" for s in result.sops}
    page = sop_page(sop, result.standards, "en", titles)
    for n, step in enumerate(sop.steps, 1):
        assert f"### {n}. " in page and f"{{#step-{step.id}}}" in page
    assert page.index("#step-" + (sop.steps[0].id or "")) < page.index("#step-" + (sop.steps[-1].id or ""))
    assert page.count('<span class="hb-box" aria-hidden="true"></span>') == sum(len(s.check) for s in sop.steps)
    assert "(../checklists/complaint-handling.md)" in page


# -- the mall's own values --------------------------------------------------------------------
def test_a_mall_value_changed_once_changes_every_page(tmp_path) -> None:
    from handbook.render import SiteInfo, generate_pages
    from handbook.site.assemble import assemble_language
    from support import make_project

    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "ref.unknown" / "good-mall-value")
    mall = root / "standards" / "mall.yml"
    mall.write_text(mall.read_text(encoding="utf-8").replace("购物后 7 天内", "购物后 15 天内")
                    .replace('"within 7 days of purchase"', '"within 15 days of purchase"'), encoding="utf-8")
    result = check_project(root)
    assert result.errors == []
    for lang, shown in (("zh", "购物后 15 天内"), ("en", "within 15 days of purchase")):
        pages = generate_pages(result.sops, result.standards, SiteInfo(lang, "https://x/", "abc", "2026-12-01"))
        for path in ("sop/grooming-check.md", "checklists/booklet.md"):
            assert "mall." not in pages[path]
        assert md_text(shown) in pages["sop/grooming-check.md"]
        site = assemble_language(result, lang, site_url="https://x/", directory_urls=False)
        finished = site.finish("退货期限：{{ mall.return_period }}；{{ mall.unknown_key }}")
        assert md_text(shown) in finished and "{{ mall.unknown_key }}" in finished
