"""Self-check quizzes: generated from the content, deterministic, every question answerable from
what the handbook says, author text escaped, a new SOP bringing its own questions."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.checks.project import check_project
from handbook.render import SiteInfo, generate_pages
from handbook.render.pages import build_nav
from handbook.render.quiz import quizzes, self_check_items
from support import FIXTURES, REPO, make_project


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return check_project(REPO)


def _site(lang: str) -> SiteInfo:
    return SiteInfo(lang=lang, site_url="https://example.com/", revision="test", built="2026-11-22")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_category_gets_a_quiz_of_answerable_questions(shipped, figures, lang: str) -> None:  # type: ignore[no-untyped-def]
    all_quizzes = quizzes(shipped.sops, shipped.standards, shipped.pages[lang], lang)
    with_sops = {s.category for s in shipped.sops}
    assert set(all_quizzes) == with_sops
    total = 0
    for questions in all_quizzes.values():
        kinds = {q.kind for q in questions}
        assert "instead" in kinds and ("next" in kinds or "checklist" in kinds)
        for q in questions:
            total += 1
            if q.kind == "open":
                assert q.options == () and q.answer == -1 and q.link[0].startswith("handbook/")
                continue
            assert 2 <= len(q.options) <= 4 and len(set(q.options)) == len(q.options)
            assert 0 <= q.answer < len(q.options) and q.prompt and q.why
        assert len({q.qid for q in questions}) == len(questions)
    kinds = {q.kind for qs in all_quizzes.values() for q in qs}
    assert kinds == {"instead", "next", "checklist", "escalate", "open"}
    figures.set(f"quiz.{lang}", questions=total, quizzes=len(all_quizzes))


def test_the_answers_are_what_the_content_says(shipped) -> None:  # type: ignore[no-untyped-def]
    sops = {s.id: s for s in shipped.sops}
    lost_child = sops["lost-child"]
    titles = [s.title.get("en") for s in lost_child.steps if s.title]
    questions = quizzes(shipped.sops, shipped.standards, shipped.pages["en"], "en")["safety"]
    asked = [q for q in questions if q.kind == "next" and q.source == "Lost Child"]
    assert asked
    for q in asked:
        before = re.search(r'right after "(.*)"\?$', q.prompt).group(1)  # type: ignore[union-attr]
        assert q.options[q.answer] == titles[titles.index(before) + 1]
    rules = {r.phrase: r.instead for r in shipped.standards.forbidden["en"]}
    for q in questions:
        if q.kind == "instead":
            phrase = re.search(r'Never say "(.*)" to', q.prompt).group(1)  # type: ignore[union-attr]
            assert q.options[q.answer] == rules[phrase]
            assert all(o in rules for i, o in enumerate(q.options) if i != q.answer)  # wrong = never to be said


def test_the_chapters_self_check_questions_are_all_asked(shipped) -> None:  # type: ignore[no-untyped-def]
    for lang in ("zh", "en"):
        asked = [q for qs in quizzes(shipped.sops, shipped.standards, shipped.pages[lang], lang).values()
                 for q in qs if q.kind == "open"]
        written = [item for rel, page in shipped.pages[lang].items() if rel.startswith("handbook/") and page
                   for item in self_check_items(page)]
        assert len(written) >= 13 * 5  # every chapter has a self-check of five or more questions
        assert sorted(q.prompt for q in asked) == sorted(written)
    complaints = shipped.pages["en"]["handbook/07-complaints.md"]
    assert self_check_items(complaints)[0].startswith("Roughly what share of customers who complain")


def test_the_same_content_gives_the_same_quizzes(shipped) -> None:  # type: ignore[no-untyped-def]
    again = check_project(REPO)
    for lang in ("zh", "en"):
        one = generate_pages(shipped.sops, shipped.standards, _site(lang), chapters=shipped.pages[lang])
        two = generate_pages(list(reversed(again.sops)), again.standards, _site(lang), chapters=again.pages[lang])
        quiz_pages = sorted(p for p in one if p.startswith("quiz/"))
        assert len(quiz_pages) == len(set(s.category for s in shipped.sops)) + 1
        assert {p: one[p] for p in quiz_pages} == {p: two[p] for p in quiz_pages}


def test_the_quizzes_are_in_the_navigation(shipped) -> None:  # type: ignore[no-untyped-def]
    nav = build_nav(shipped.sops, shipped.standards, shipped.pages["zh"], "zh")
    section = next(item["自测练习"] for item in nav if isinstance(item, dict) and "自测练习" in item)
    assert section[0] == "quiz/index.md" and {"投诉处理": "quiz/complaint.md"} in section
    pages = generate_pages(shipped.sops, shipped.standards, _site("zh"), chapters=shipped.pages["zh"])
    assert all(path in pages for item in section[1:] for path in item.values())


def test_a_new_sop_brings_its_own_questions(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "term.preferred" / "good")
    before = quizzes(*_content(root, "en"), "en")
    text = (FIXTURES / "base" / "sop" / "reception-basic.yml").read_text(encoding="utf-8")
    new = text.replace("id: reception-basic", "id: gift-wrapping").replace("Welcoming customers", "Gift Wrapping")
    (root / "sop" / "gift-wrapping.yml").write_text(new, encoding="utf-8")
    after = quizzes(*_content(root, "en"), "en")
    added = [q for q in after["reception"] if q not in before["reception"]]
    assert added and all(q.source == "Gift Wrapping" for q in added)
    assert {q.kind for q in added} >= {"next", "checklist"}


def _content(root: Path, lang: str):  # type: ignore[no-untyped-def]
    result = check_project(root)
    assert not result.errors, [d.format() for d in result.errors]
    return result.sops, result.standards, result.pages[lang]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def test_author_text_is_escaped_and_the_page_works_without_script(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    sop = root / "sop" / "reception-basic.yml"
    hostile = 'Greeted <img src=x onerror=alert(1)> “quoted” & {{ config }}'
    sop.write_text(sop.read_text(encoding="utf-8").replace('en: "Greeted the customer first"',
                                                           f'en: "{hostile}"'), encoding="utf-8")
    sops, std, pages = _content(root, "en")
    markdown = generate_pages(sops, std, _site("en"), chapters=pages)["quiz/reception.md"]
    body = markdown.split("---\n", 2)[2]
    page = _Page()
    page.feed(body)
    assert not [t for t, _ in page.tags if t in ("img", "script")]
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert hostile in page.text
    buttons = [attrs for tag, attrs in page.tags if tag == "button" and "data-hb-option" in attrs]
    assert buttons and all(attrs.get("type") == "button" for attrs in buttons)
    groups = [attrs for tag, attrs in page.tags if attrs.get("role") == "group"]
    assert groups and all(attrs.get("aria-labelledby") for attrs in groups)
    assert body.count("<details") == len(groups)  # without JavaScript, each answer is in a disclosure
