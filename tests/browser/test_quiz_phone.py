"""Self-check quizzes on a phone (375×812): answer right and wrong and see why at once, the score
survives a reload, "Start again" clears it, the keyboard alone is enough, axe is content."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, AXE, shot

QUIZ = "quiz/complaint.html"
MC = "[data-hb-q][data-hb-answer]"  # multiple-choice questions (open ones have no data-hb-answer)


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


def question(pg, n: int):  # type: ignore[no-untyped-def]
    return pg.locator(MC).nth(n)


def right_and_wrong(q) -> tuple[object, object, str]:  # type: ignore[no-untyped-def]
    answer = q.get_attribute("data-hb-answer")
    right = q.locator(f'[data-hb-option="{answer}"]')
    wrong = q.locator(f'[data-hb-option]:not([data-hb-option="{answer}"])').first
    return right, wrong, right.inner_text()


def score(pg) -> str:  # type: ignore[no-untyped-def]
    return pg.locator("[data-hb-score]").inner_text()


def test_answer_right_and_wrong_and_see_why_at_once(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + QUIZ)
    total = phone.locator(MC).count()
    assert total >= 10
    open_total = phone.locator("[data-hb-q]").count() - total
    assert score(phone) == f"已答 0 / {total} 题，答对 0 题 · 自测题能回答 0 / {open_total} 题"
    first, second = question(phone, 0), question(phone, 1)
    right, _, _ = right_and_wrong(first)
    right.tap()
    feedback = first.locator("[data-hb-feedback]")
    assert feedback.locator(".hb-quiz__verdict").inner_text() == "✓ 回答正确。"
    assert feedback.locator(".hb-quiz__why").is_visible()  # why, with a link to where it comes from
    assert feedback.locator(".hb-quiz__why a").get_attribute("href")
    _, wrong, answer = right_and_wrong(second)
    wrong.tap()
    verdict = second.locator("[data-hb-feedback] .hb-quiz__verdict").inner_text()
    assert verdict == f"✗ 不对。正确答案：{answer}"
    assert "（您的选择）" in wrong.inner_text()
    assert "（正确答案）" in second.locator(".hb-quiz__option--right").inner_text()
    assert all(b.get_attribute("aria-disabled") == "true" for b in second.locator("[data-hb-option]").all())
    second.locator("[data-hb-option]").nth(int(second.get_attribute("data-hb-answer") or 0)).tap(force=True)
    # (a second choice, forced past aria-disabled, does not change the answer)
    assert second.locator(".hb-quiz__option--chosen").count() == 1
    assert score(phone).startswith(f"已答 2 / {total} 题，答对 1 题")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, "phone-quiz-answered-zh")


def test_the_score_survives_a_reload_and_start_again_clears_it(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + QUIZ)
    right_and_wrong(question(phone, 0))[0].tap()
    right_and_wrong(question(phone, 2))[1].tap()
    open_q = phone.locator("[data-hb-q]:not([data-hb-answer])").first
    open_q.locator('[data-hb-option="yes"]').tap()
    before = score(phone)
    assert "答对 1 题" in before and "自测题能回答 1 /" in before
    phone.reload()
    assert score(phone) == before
    assert question(phone, 0).locator(".hb-quiz__verdict").inner_text() == "✓ 回答正确。"
    assert question(phone, 2).locator(".hb-quiz__verdict").inner_text().startswith("✗ 不对。")
    phone.goto(base_url + "quiz/index.html")
    item = phone.locator(".md-content li", has=phone.locator("a[href$='complaint.html']"))
    assert re.search(r"已答 3 / \d+", item.inner_text()), item.inner_text()
    shot(phone, "phone-quiz-index-zh")
    phone.goto(base_url + QUIZ)
    phone.locator("[data-hb-reset]").tap()
    assert phone.locator("[data-hb-announce]").inner_text() == "已清除本测验的记录。"
    assert score(phone).startswith("已答 0 /")
    assert phone.locator(".hb-quiz__q--answered").count() == 0
    assert phone.evaluate("localStorage.getItem('hb-quiz:zh:complaint')") is None
    phone.reload()
    assert score(phone).startswith("已答 0 /") and phone.locator(".hb-quiz__verdict").count() == 0


def test_the_keyboard_alone_is_enough(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base_url + "en/" + QUIZ)
    first = question(page, 0)
    answer = first.get_attribute("data-hb-answer")
    target = f"#{first.get_attribute('id')} [data-hb-option='{answer}']"
    page.keyboard.press("Tab")  # Material's "skip to content" link comes first
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({target!r})"):
            break
    else:
        raise AssertionError("never reached the right option with Tab")
    page.keyboard.press("Enter")
    assert first.locator(".hb-quiz__verdict").inner_text() == "✓ Right."
    assert page.evaluate(f"document.activeElement.matches({target!r})")  # focus stays where it was
    feedback = first.locator("[data-hb-feedback]")
    assert (feedback.get_attribute("role"), feedback.get_attribute("aria-live")) == ("status", "polite")
    second = question(page, 1)
    wrong = second.locator(f"[data-hb-option]:not([data-hb-option='{second.get_attribute('data-hb-answer')}'])").first
    while not page.evaluate("e => document.activeElement === e", wrong.element_handle()):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert second.locator(".hb-quiz__verdict").inner_text().startswith("✗ Not quite. The answer: ")
    shot(page, "phone-quiz-keyboard-en")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_axe_finds_no_serious_violation_on_a_quiz(page, base_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert AXE.exists(), "run `npm ci` to install axe-core"
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base_url + lang + QUIZ)
    right_and_wrong(question(page, 0))[0].click()
    right_and_wrong(question(page, 1))[1].click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps([{k: v[k] for k in ("id", "impact", "help")} | {
        "nodes": [n["target"] for n in v["nodes"][:3]]} for v in bad], ensure_ascii=False, indent=1)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_link_of_every_quiz_leads_to_a_page(site: Path, lang: str) -> None:
    pages = sorted((site / lang / "quiz").glob("*.html"))
    assert len(pages) > 10
    for page in pages:
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        local = [h for h in links.hrefs if not h.startswith(("http", "#", "mailto:"))]
        assert local, page
        for href in local:
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{page.name}: {href}"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_quiz_pages_fit_a_phone(phone, base_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("quiz/index.html", "quiz/safety.html", "quiz/quality.html"):
        phone.goto(base_url + lang + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{lang}{path}: page is {width}px wide"
    phone.locator("label.md-header__button[for='__drawer']").tap()  # the navigation lists the quizzes
    name = "Self-check quizzes" if lang else "自测练习"
    drawer = phone.locator("nav.md-nav--primary")
    assert drawer.get_by_text(name, exact=True).first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the open drawer: the viewport is what a person sees
    phone.screenshot(path=str(ARTIFACTS / f"phone-quiz-nav-{lang.strip('/') or 'zh'}.png"))
