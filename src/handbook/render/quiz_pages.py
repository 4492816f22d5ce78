"""The quiz pages: `quiz/index.md` and `quiz/<category>.md` in each language.

A page is static HTML (every author string escaped) that works as a quiz with the library's
`quiz.js`: each option is a real button; choosing one shows at once, in a live region, whether
it was right and why; answers and the score are kept on the device per quiz (localStorage) and
a reset button clears them. Without JavaScript each question still shows its answer in a
disclosure, so the page stays useful printed or in a reader view. The interface words the
script shows come from data attributes here, so the script itself has no language.
"""

from __future__ import annotations

from typing import Any

from ..content.model import Sop
from ..content.pages import Page
from ..content.standards import Standards
from .escape import h, md_text
from .indexes import category_name
from .quiz import Question, quizzes
from .sop_pages import front_matter

QUIZ_INDEX = "quiz/index.md"

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "quizzes": "自测练习",
        "quiz": "自测",
        "intro": "选择一个答案，马上就能看到对不对以及原因。进度和得分只保存在这台设备上；"
                 "“重新开始”会清除本测验的记录。",
        "index_intro": "每个 SOP 类别一套题，题目来自 SOP、标准和培训手册各章的自我检查，内容更新后题目随之更新。"
                       "进度只保存在这台设备上。",
        "questions": "{n} 题",
        "reset": "重新开始",
        "reset_done": "已清除本测验的记录。",
        "right": "✓ 回答正确。",
        "wrong": "✗ 不对。正确答案：",
        "yes": "我能回答",
        "no": "还要复习",
        "said_yes": "很好。想核对一下的话：",
        "said_no": "建议再复习一遍：",
        "your_answer": "（您的选择）",
        "correct_answer": "（正确答案）",
        "show_answer": "查看答案",
        "where": "答案在哪里",
        "answer": "答案：",
        "score": "已答 {answered} / {total} 题，答对 {right} 题",
        "score_open": "自测题能回答 {yes} / {open} 题",
        "not_started": "· 尚未开始",
        "progress": "· 已答 {answered} / {total}",
        "open_link": "查看出处",
        "kind_instead": "礼貌用语",
        "kind_next": "步骤顺序",
        "kind_checklist": "检查要点",
        "kind_escalate": "升级处理",
        "kind_open": "自测题（自己判断）",
        "read_chapter": "重读本章",
        "question": "第 {n} 题",
        "questions_heading": "题目",
    },
    "en": {
        "quizzes": "Self-check quizzes",
        "quiz": "Quiz",
        "intro": "Choose an answer to see at once whether it is right, and why. Your progress and score are kept "
                 "on this device only; \"Start again\" clears this quiz.",
        "index_intro": "One quiz per SOP category, drawn from the SOPs, the standards and the chapters' self-check "
                       "questions; the questions follow the content when it changes. Progress is kept on this "
                       "device only.",
        "questions": "{n} questions",
        "reset": "Start again",
        "reset_done": "This quiz has been cleared.",
        "right": "✓ Right.",
        "wrong": "✗ Not quite. The answer: ",
        "yes": "I could answer it",
        "no": "I need to review it",
        "said_yes": "Good. To check your answer: ",
        "said_no": "Worth reading again: ",
        "your_answer": " (your answer)",
        "correct_answer": " (right answer)",
        "show_answer": "Show the answer",
        "where": "Where the answer is",
        "answer": "Answer: ",
        "score": "{answered} of {total} answered, {right} right",
        "score_open": "self-check: {yes} of {open} you could answer",
        "not_started": "· not started",
        "progress": "· {answered} of {total} answered",
        "open_link": "Where it comes from",
        "kind_instead": "Polite phrasing",
        "kind_next": "Step order",
        "kind_checklist": "Checklist",
        "kind_escalate": "Escalation",
        "kind_open": "Self-check (you judge)",
        "read_chapter": "Read the chapter",
        "question": "Question {n}",
        "questions_heading": "Questions",
    },
}

_SCRIPT_WORDS = ("right", "wrong", "said_yes", "said_no", "your_answer", "correct_answer", "score", "score_open",
                 "reset_done")


def _l(lang: str, key: str) -> str:
    return LABELS[lang][key]


def href(path: str, anchor: str, suffix: str) -> str:
    """A link from a page in quiz/ to `path` (a page path without its suffix)."""
    up = "../" if suffix == ".html" else "../../"
    if path.endswith("/index") and suffix == "/":
        path = path[: -len("index")]
    return f"{up}{path}{suffix if not path.endswith('/') else ''}" + (f"#{anchor}" if anchor else "")


def storage_key(lang: str, category: str) -> str:
    return f"hb-quiz:{lang}:{category}"


def _why(q: Question, lang: str, suffix: str) -> str:
    label = _l(lang, "read_chapter" if q.answer < 0 else "open_link")
    link = f' <a href="{h(href(*q.link, suffix))}">{h(label)}</a>'
    answer = "" if q.answer < 0 else (f'<b class="hb-quiz__answer">{h(_l(lang, "answer"))}'
                                      f"{h(q.options[q.answer])}</b> ")
    return f'<p class="hb-quiz__why">{answer}{h(q.why)}{link}</p>'


def question_html(q: Question, n: int, lang: str, suffix: str) -> str:
    prompt_id = f"{q.qid}-prompt"
    if q.answer < 0:
        buttons = "".join(f'<button type="button" class="hb-quiz__option" data-hb-option="{key}">'
                          f"{h(_l(lang, key))}</button>" for key in ("yes", "no"))
        reveal = _l(lang, "where")
    else:
        buttons = "".join(f'<button type="button" class="hb-quiz__option" data-hb-option="{i}">{h(option)}</button>'
                          for i, option in enumerate(q.options))
        reveal = _l(lang, "show_answer")
    kind = _l(lang, f"kind_{q.kind}")
    about = "" if q.source == "phrasebook" else f" · {h(q.source)}"  # (the kind says it already)
    answer = "" if q.answer < 0 else f' data-hb-answer="{q.answer}"'
    return (
        f'<li class="hb-quiz__q" id="{q.qid}" data-hb-q="{q.qid}"{answer}>'
        f'<p class="hb-quiz__kind"><span class="hb-visually-hidden">{h(_l(lang, "question").format(n=n))} · </span>'
        f"{h(kind)}{about}</p>"
        f'<p class="hb-quiz__prompt" id="{prompt_id}">{h(q.prompt)}</p>'
        f'<div class="hb-quiz__options" role="group" aria-labelledby="{prompt_id}">{buttons}</div>'
        f'<div class="hb-quiz__feedback" data-hb-feedback></div>'
        f'<details class="hb-quiz__reveal"><summary>{h(reveal)}</summary>{_why(q, lang, suffix)}</details>'
        "</li>"
    )


def quiz_page(category: str, questions: list[Question], std: Standards, lang: str, suffix: str,
              edition: str = "") -> str:
    name = category_name(std, category, lang)
    words = "".join(f' data-hb-t-{key.replace("_", "-")}="{h(_l(lang, key))}"' for key in _SCRIPT_WORDS)
    items = "".join(question_html(q, n, lang, suffix) for n, q in enumerate(questions, 1))
    return (
        front_matter(f"{_l(lang, 'quiz')}{'：' if lang == 'zh' else ': '}{name}",
                     _l(lang, "intro"), search=False)
        + f"{md_text(_l(lang, 'intro'))}\n\n"
        + f"## {md_text(_l(lang, 'questions_heading'))}\n\n"  # also gives the page a "skip to content" target
        + f'<div class="hb-quiz" data-hb-quiz="{h(storage_key(edition or lang, category))}"{words}>'
        + '<div class="hb-quiz__bar"><p class="hb-quiz__score" data-hb-score>'
        + f'{h(_l(lang, "questions").format(n=len(questions)))}</p>'
        + f'<button type="button" class="md-button hb-quiz__reset" data-hb-reset>{h(_l(lang, "reset"))}</button>'
        + '<p class="hb-visually-hidden" role="status" data-hb-announce></p></div>'
        + f'<ol class="hb-quiz__list">{items}</ol></div>\n'
    )


def quiz_index(all_quizzes: dict[str, list[Question]], std: Standards, lang: str, edition: str = "") -> str:
    out = [front_matter(_l(lang, "quizzes"), _l(lang, "index_intro")), f"{md_text(_l(lang, 'index_intro'))}\n\n"]
    for key, questions in all_quizzes.items():
        count = _l(lang, "questions").format(n=len(questions))
        out.append(f"- [{md_text(category_name(std, key, lang))}]({key}.md) · {md_text(count)} "
                   f'<span class="hb-quiz-progress" data-hb-progress="{h(storage_key(edition or lang, key))}" '
                   f'data-hb-total="{len(questions)}" data-hb-t-progress="{h(_l(lang, "progress"))}" '
                   f'data-hb-t-not-started="{h(_l(lang, "not_started"))}"></span>\n')
    return "".join(out) + "\n"


def quiz_pages(sops: list[Sop], std: Standards, pages: dict[str, Page | None], lang: str,
               suffix: str, edition: str = "") -> dict[str, str]:
    """{path: markdown} of the quiz index and one quiz per category; `edition` (default: the
    language) keeps each edition's progress apart on a device (zh and zh-hant share a language)."""
    all_quizzes = quizzes(sops, std, pages, lang)
    out = {QUIZ_INDEX: quiz_index(all_quizzes, std, lang, edition)}
    for key, questions in all_quizzes.items():
        out[f"quiz/{key}.md"] = quiz_page(key, questions, std, lang, suffix, edition)
    return out


def quiz_nav(sops: list[Sop], std: Standards, pages: dict[str, Page | None], lang: str) -> dict[str, Any]:
    """The navigation section: the index, then each category's quiz (the pages quiz_pages writes)."""
    keys = quizzes(sops, std, pages, lang)
    return {_l(lang, "quizzes"): [QUIZ_INDEX, *({category_name(std, key, lang): f"quiz/{key}.md"} for key in keys)]}
