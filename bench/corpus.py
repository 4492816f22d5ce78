"""Synthetic SOP corpora for the benchmark, made from the real SOPs.

Each synthetic SOP is a real one with a new id and varied text in both languages (a variant
marker woven into every text, steps rotated where the category allows), so the checker does
its normal work on every file: the corpus passes `handbook check` like the shipped handbook.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ZH_LINE = re.compile(r"^(\s*(?:- )?zh: )(.+)$", re.MULTILINE)
EN_LINE = re.compile(r'^(\s*(?:- )?en: ")(.+)("\s*)$', re.MULTILINE)
ZH_VARIANTS = ["（门店甲）", "（门店乙）", "（旗舰店）", "（社区店）", "（奥莱店）", "（机场店）"]
EN_VARIANTS = [" (store A)", " (store B)", " (flagship)", " (community store)", " (outlet)", " (airport store)"]


def variant(text: str, i: int) -> str:
    """One synthetic SOP: new id, every zh and en text varied."""
    source_id = re.search(r"^id: (\S+)$", text, re.MULTILINE)
    assert source_id
    new_id = f"{source_id.group(1)}-v{i:05d}"
    text = text.replace(f"id: {source_id.group(1)}\n", f"id: {new_id}\n", 1)
    zh_mark, en_mark = ZH_VARIANTS[i % len(ZH_VARIANTS)], EN_VARIANTS[i % len(EN_VARIANTS)]
    text = ZH_LINE.sub(lambda m: m.group(1) + m.group(2) + zh_mark, text)
    text = EN_LINE.sub(lambda m: m.group(1) + m.group(2) + en_mark + m.group(3), text)
    return text


SITE_PARTS = ("docs", "mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml", "overrides", "hooks", "quality")


def copy_site_parts(dest: Path) -> None:
    """The chapters, configs, theme overrides and hooks: what a real site build needs besides
    the SOPs and standards (links kept as links: a fixture may be a dangling one on purpose)."""
    for part in SITE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, symlinks=True, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / part)


def make_corpus(dest: Path, count: int, *, site: bool = False) -> Path:
    """A repository at `dest` with the shipped standards and `count` SOPs (the 23 real ones
    first, so every reference resolves); no chapters unless `site`, which copies the chapters,
    configs, overrides and hooks too, so `handbook build` builds the real site around them."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "standards", dest / "standards")
    (dest / "sop").mkdir(parents=True)
    (dest / "docs" / "zh").mkdir(parents=True)
    (dest / "docs" / "en").mkdir(parents=True)
    if site:
        copy_site_parts(dest)
    sources = sorted((REPO / "sop").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for p, text in zip(sources, texts, strict=True):
        if count <= 0:
            break
        (dest / "sop" / p.name).write_text(text, encoding="utf-8")
        count -= 1
    for i in range(count):
        text = variant(texts[i % len(texts)], i)
        new_id = re.search(r"^id: (\S+)$", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
        (dest / "sop" / f"{new_id}.yml").write_text(text, encoding="utf-8")
    return dest
