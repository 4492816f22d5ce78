"""The shipped handbook is complete and clean: counts and facts that must not silently vanish."""

from __future__ import annotations

import re

import yaml

from support import REPO, TODAY, run_cli

SOPS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "sop").glob("*.yml"))}
CHAPTERS = [f"{n:02d}-{slug}" for n, slug in enumerate([
    "service-mindset", "knowing-customers", "communication", "product-knowledge", "process-standardisation",
    "reception-and-after-sales", "complaints", "emotion-and-stress", "special-needs", "safety-and-privacy",
    "measuring-quality", "teamwork-and-experience", "training-and-development"], 1)]
REQUIRED_SOPS = [
    "pre-shift-grooming", "greeting-reception", "enquiry-handling", "telephone-enquiry", "guiding-to-location",
    "complaint-handling", "complaint-escalation", "calming-upset-customer", "unreasonable-requests",
    "service-recovery", "returns-exchanges", "repair-maintenance", "membership-service", "elderly-customers",
    "families-with-children", "lost-child", "foreign-visitors", "emergency-evacuation", "first-aid",
    "customer-privacy", "comment-cards-social-media", "closing-follow-up", "mystery-shopper-evaluation",
]


def read(lang: str, name: str) -> str:
    return (REPO / "docs" / lang / "handbook" / f"{name}.md").read_text(encoding="utf-8")


def test_shipped_handbook_passes_the_strict_check() -> None:
    code, out, err = run_cli("check", "--root", str(REPO), "--today", TODAY, "--strict")
    assert code == 0, out + err
    assert out.strip().endswith("0 errors, 0 warnings")


def test_every_required_sop_exists_and_every_category_is_covered() -> None:
    assert len(SOPS) >= 21
    assert sorted(set(REQUIRED_SOPS) - set(SOPS)) == []
    categories = yaml.safe_load((REPO / "standards" / "categories.yml").read_text(encoding="utf-8"))["categories"]
    assert set(categories) <= {s["category"] for s in SOPS.values()}


def test_sops_have_substance() -> None:
    for sop_id, sop in SOPS.items():
        assert len(sop["steps"]) >= 4, sop_id
        assert sum(len(s["check"]) for s in sop["steps"]) >= 5, sop_id
        assert sop.get("related"), sop_id


def test_complaint_escalation_has_four_levels() -> None:
    text = (REPO / "sop" / "complaint-escalation.yml").read_text(encoding="utf-8")
    for level in ("第一级", "第二级", "第三级", "第四级", "Level 1", "Level 2", "Level 3", "Level 4"):
        assert level in text


def test_all_thirteen_chapters_exist_in_both_languages_with_their_parts() -> None:
    for name in CHAPTERS:
        zh, en = read("zh", name), read("en", name)
        assert "学习目标" in zh and "自我检查" in zh, name
        assert "Learning objectives" in en and "Self-check" in en, name
        assert "!!! say" in zh and "!!! say" in en, name
        assert len(re.findall(r"[\u4e00-\u9fff]", zh)) >= 1500, name
        assert len(re.findall(r"[A-Za-z]+", en)) >= 900, name
        sops = yaml.safe_load(zh.split("---")[1])["sops"]
        for sop_id in sops:
            assert f"sop/{sop_id}.md" in zh and f"sop/{sop_id}.md" in en, (name, sop_id)


def test_key_facts_from_the_sources_are_kept() -> None:
    zh = "".join(read("zh", n) for n in CHAPTERS)
    en = "".join(read("en", n) for n in CHAPTERS)
    for fact in ("85%", "7 秒", "24 小时", "5–7", "推荐者"):
        assert fact in zh.replace("7秒", "7 秒").replace("24小时", "24 小时").replace("5-7", "5–7"), fact
    for fact in ("85%", "7 seconds", "24 hours", "promoters"):
        assert fact in en, fact
    assert re.search(r"5\s*(–|-|to)\s*7", en)


def test_glossary_covers_the_abbreviations() -> None:
    terms = yaml.safe_load((REPO / "standards" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    abbrs = {t.get("abbr") for t in terms}
    assert {"CSI", "NPS", "FCR", "ART", "SCR", "FABE", "PDCA", "SMART", "PREP", "4P", "4C", "4R", "4I"} <= abbrs
    assert len(terms) >= 40


def test_source_map_links_every_chapter() -> None:
    for lang in ("zh", "en"):
        text = (REPO / "docs" / lang / "sources.md").read_text(encoding="utf-8")
        for name in CHAPTERS:
            assert f"handbook/{name}.md" in text, (lang, name)


def test_every_glossary_term_is_used_by_the_text() -> None:
    """The glossary explains what staff read: a term nothing uses, or that the text calls
    something else, is a glossary out of step with the handbook."""
    terms = yaml.safe_load((REPO / "standards" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    files = [*(REPO / "sop").glob("*.yml"), *(REPO / "docs").rglob("handbook/*.md")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    lower = text.lower()
    unused = [t["term"]["en"] for t in terms
              if not ((t.get("abbr") and str(t["abbr"]) in text) or t["term"]["zh"].split("（")[0] in text
                      or t["term"]["en"].split(" (")[0].lower() in lower)]
    assert unused == []
