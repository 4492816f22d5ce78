"""Self-check questions, generated from the content: one quiz per SOP category.

Nobody writes these questions. They are drawn from what the handbook already says, so a new SOP
brings its own questions and a changed one changes them:

* what to say instead of a forbidden phrase (standards/phrases.yml) — the phrases whose
  replacement the category's SOPs use, topped up to a few others;
* which step comes next in an SOP;
* which checklist item belongs to a step;
* which SOP to follow when a step needs escalating;
* the self-check questions at the end of the chapters that teach the category's SOPs (open
  questions: the reader says whether they could answer, and is shown where the answer is).

Wrong options come from the same content (the SOP's other steps and checklist items, other
SOPs, the phrases that must never be said). Nothing is random: which steps are asked about and
the order of the options follow a digest of the content, so every build of the same content
gives the same quiz, and a question's id stays the same as long as its content does (the page
keeps a reader's answers under that id).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.model import Sop, Step, resolve
from ..content.pages import Page, is_chapter
from ..content.standards import Standards
from .indexes import by_category
from .sop_pages import sop_title, step_anchor, text

MAX_OPTIONS = 4
NEXT_STEP_PER_SOP = 2
ESCALATIONS_PER_SOP = 2
PHRASES_PER_QUIZ = 3

_SELF_CHECK_RE = re.compile(r"^##\s+(自我检查|自测|自我测试|self-check|self check)\b", re.IGNORECASE)
_ITEM_RE = re.compile(r"^\s*\d+[.)]\s+(.*\S)")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"\*\*|__|`|<[^>]+>")

PROMPTS = {
    "zh": {
        "instead": "对顾客不能说“{phrase}”。应该怎么说？",
        "instead_why": "应该说：“{instead}”。",
        "next": "在「{sop}」中，“{step}”之后的下一步是什么？",
        "next_why": "步骤顺序：{steps}",
        "checklist": "在「{sop}」中，哪一项是步骤“{step}”的检查要点？",
        "checklist_why": "“{step}”的检查要点：{items}",
        "escalate": "在「{sop}」的步骤“{step}”中，需要升级时应按哪个 SOP 处理？",
        "escalate_why": "需要升级时，按「{target}」处理。",
        "open_why": "答案在「{chapter}」一章中。",
        "sep": "；",
        "arrow": " → ",
    },
    "en": {
        "instead": "Never say \"{phrase}\" to a customer. What do you say instead?",
        "instead_why": "Say: \"{instead}\".",
        "next": "In \"{sop}\", which step comes right after \"{step}\"?",
        "next_why": "The steps in order: {steps}",
        "checklist": "In \"{sop}\", which of these is a checklist item of the step \"{step}\"?",
        "checklist_why": "The checklist of \"{step}\": {items}",
        "escalate": "In \"{sop}\", step \"{step}\": when it needs escalating, which SOP do you follow?",
        "escalate_why": "When it needs escalating, follow \"{target}\".",
        "open_why": "The answer is in the chapter \"{chapter}\".",
        "sep": "; ",
        "arrow": " → ",
    },
}


@dataclass(frozen=True, slots=True)
class Question:
    """One question, in one language; every text is plain author text (escaped when rendered)."""

    qid: str
    kind: str  # instead | next | checklist | escalate | open
    source: str  # what it is about: an SOP's title, a chapter's title, the phrasebook
    prompt: str
    options: tuple[str, ...]  # empty for an open question
    answer: int  # index of the right option (-1 for an open question)
    why: str
    link: tuple[str, str]  # (site path without suffix, anchor or "") where the answer is


def digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _pick(seed: str, candidates: Iterable[str], k: int) -> list[str]:
    """`k` of the candidates in an order that only the content decides."""
    unique = list(dict.fromkeys(c for c in candidates if c.strip()))
    return sorted(unique, key=lambda c: digest(seed, c))[:k]


def _choice(kind: str, source: str, prompt: str, answer: str, wrong: Iterable[str], why: str,
            link: tuple[str, str]) -> Question | None:
    """A multiple-choice question, or None when the content offers no wrong option."""
    qid = digest(kind, source, prompt, answer)
    distractors = _pick(qid, (w for w in wrong if w.strip() != answer.strip()), MAX_OPTIONS - 1)
    if not distractors:
        return None
    options = _pick(qid + ":order", [answer, *distractors], MAX_OPTIONS)
    return Question(f"q{qid}", kind, source, prompt, tuple(options), options.index(answer), why, link)


def _step_title(step: Step, n: int, lang: str) -> str:
    return text(step.title, lang) or str(n)


def next_step_questions(sop: Sop, lang: str) -> list[Question]:
    steps = sop.steps
    if len(steps) < 3:
        return []
    p, title = PROMPTS[lang], sop_title(sop, lang)
    titles = [_step_title(s, n, lang) for n, s in enumerate(steps, 1)]
    order = p["arrow"].join(f"{n}. {t}" for n, t in enumerate(titles, 1))
    asked = sorted(range(len(steps) - 1), key=lambda i: digest(sop.id or "", titles[i]))[:NEXT_STEP_PER_SOP]
    out = []
    for i in sorted(asked):
        wrong = [t for j, t in enumerate(titles) if j not in (i, i + 1)]
        q = _choice("next", title, p["next"].format(sop=title, step=titles[i]), titles[i + 1], wrong,
                    p["next_why"].format(steps=order), (f"sop/{sop.id}", step_anchor(steps[i + 1], i + 2)))
        if q:
            out.append(q)
    return out


def checklist_question(sop: Sop, lang: str, others: list[Sop]) -> list[Question]:
    """One question: which item belongs to a step (the step chosen by the content)."""
    p, title = PROMPTS[lang], sop_title(sop, lang)
    steps = [(n, s) for n, s in enumerate(sop.steps, 1) if s.check]
    if not steps:
        return []
    n, step = min(steps, key=lambda ns: digest(sop.id or "", "check", _step_title(ns[1], ns[0], lang)))
    items = [t.get(lang) for t in step.check]
    answer = _pick(sop.id or "", items, 1)[0]
    mine = set(items)
    wrong = [t.get(lang) for s in sop.steps if s is not step for t in s.check if t.get(lang) not in mine]
    if len(wrong) < MAX_OPTIONS - 1:
        wrong += [t.get(lang) for o in others if o is not sop for s in o.steps for t in s.check]
    name = _step_title(step, n, lang)
    q = _choice("checklist", title, p["checklist"].format(sop=title, step=name), answer, wrong,
                p["checklist_why"].format(step=name, items=p["sep"].join(items)), (f"checklists/{sop.id}", ""))
    return [q] if q else []


def escalation_questions(sop: Sop, lang: str, sops: dict[str, Sop]) -> list[Question]:
    p, title = PROMPTS[lang], sop_title(sop, lang)
    out = []
    escalating = [(n, s) for n, s in enumerate(sop.steps, 1) if s.escalate_to in sops and s.escalate_to != sop.id]
    for n, step in escalating[:ESCALATIONS_PER_SOP]:
        target = sops[step.escalate_to or ""]
        near = [sops[r] for r in sop.related if r in sops] + [s for s in sops.values() if s.category == sop.category]
        wrong = [sop_title(s, lang) for s in near if s.id not in (sop.id, target.id)]
        if len(wrong) < MAX_OPTIONS - 1:
            wrong += [sop_title(s, lang) for s in sops.values() if s.id not in (sop.id, target.id)]
        q = _choice("escalate", title, p["escalate"].format(sop=title, step=_step_title(step, n, lang)),
                    sop_title(target, lang), wrong, p["escalate_why"].format(target=sop_title(target, lang)),
                    (f"sop/{target.id}", ""))
        if q:
            out.append(q)
    return out


def phrase_questions(category: str, sops: list[Sop], std: Standards, lang: str) -> list[Question]:
    """What to say instead of a forbidden phrase: those whose replacement this category's SOPs
    say, then others (chosen by the content) up to PHRASES_PER_QUIZ."""
    rules = std.forbidden.get(lang, [])
    spoken = "\0".join(t.get(lang).lower() for s in sops for step in s.steps for t in step.say)
    used = [r for r in rules if r.instead.rstrip("？?。.!！").lower() in spoken]
    rest = sorted((r for r in rules if r not in used), key=lambda r: digest(category, r.phrase))
    chosen = (used + rest)[:PHRASES_PER_QUIZ]
    p, out = PROMPTS[lang], []
    for rule in chosen:
        wrong = [r.phrase for r in rules if r.instead != rule.instead and r.phrase != rule.phrase]
        q = _choice("instead", "phrasebook", p["instead"].format(phrase=rule.phrase), rule.instead, wrong,
                    rule.why or p["instead_why"].format(instead=rule.instead), ("phrasebook", ""))
        if q:
            out.append(q)
    return out


def self_check_items(page: Page) -> list[str]:
    """The numbered questions of a page's self-check section, as plain text."""
    found, inside, current = [], False, None
    for line in page.text.split("\n")[page.body_start - 1:]:
        if line.startswith("#"):
            inside = bool(_SELF_CHECK_RE.match(line))
            continue
        if not inside:
            continue
        m = _ITEM_RE.match(line)
        if m:
            current = m.group(1)
            found.append(current)
        elif line.strip() and current is not None and line.startswith(" "):
            found[-1] = f"{found[-1]} {line.strip()}"
    return [_MARKUP_RE.sub("", _LINK_RE.sub(r"\1", item)).strip() for item in found]


def chapter_category(page: Page, sops: dict[str, Sop]) -> str | None:
    """The category a chapter is about: the most common one among the SOPs it teaches (ties:
    the first one named)."""
    cats = [sops[s].category for s in page.front.get("sops") or [] if isinstance(s, str) and s in sops]
    counts = Counter(c for c in cats if c)
    if not counts:
        return None
    best = max(counts.values())
    return next(c for c in cats if c and counts[c] == best)


def open_questions(pages: dict[str, Page | None], category: str, sops: dict[str, Sop], std: Standards,
                   lang: str) -> list[Question]:
    out = []
    for rel, page in sorted(pages.items()):
        if page is None or not is_chapter(rel) or chapter_category(page, sops) != category:
            continue
        chapter = resolve(str(page.front.get("title") or rel), lang, std.values)
        why = PROMPTS[lang]["open_why"].format(chapter=chapter)
        for item in self_check_items(page):
            prompt = resolve(item, lang, std.values)
            out.append(Question(f"q{digest('open', rel, prompt)}", "open", chapter, prompt, (), -1, why,
                                (rel.removesuffix(".md"), "")))
    return out


def category_quiz(category: str, sops: list[Sop], every: dict[str, Sop], std: Standards,
                  pages: dict[str, Page | None], lang: str) -> list[Question]:
    """Every question of one category's quiz, in a stable order: phrasing, then SOP by SOP,
    then the chapters' self-check questions."""
    questions = phrase_questions(category, sops, std, lang)
    for sop in sops:
        questions += next_step_questions(sop, lang)
        questions += checklist_question(sop, lang, sops)
        questions += escalation_questions(sop, lang, every)
    questions += open_questions(pages, category, every, std, lang)
    seen: set[str] = set()
    return [q for q in questions if not (q.qid in seen or seen.add(q.qid))]  # type: ignore[func-returns-value]


def quizzes(sops: list[Sop], std: Standards, pages: dict[str, Page | None], lang: str) -> dict[str, list[Question]]:
    """{category: questions} for every category that has SOPs, in the standards' order."""
    every = {s.id: s for s in sops if s.id}
    out = {}
    for key, items in by_category(sops, std):
        if key in std.categories:
            out[key] = category_quiz(key, items, every, std, pages, lang)
    return {k: v for k, v in out.items() if v}
