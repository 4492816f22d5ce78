"""Hostile content ends in a clear located error or in safely escaped output, quickly.

(HTML, script and template syntax in SOP strings becoming escaped text in the built site is
proven in test_build.py; here the checker's side.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from support import FIXTURES, TODAY, make_project, run_cli

BASE = (FIXTURES / "base" / "sop" / "grooming-check.yml").read_text(encoding="utf-8")
CHAPTER = """---
title: 测试
chapter: 1
description: 测试
---

# 测试

{body}
"""


def _sop_with(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def _steps(n: int) -> str:
    step = ("  - id: s{i}\n    kind: inspect\n    title:\n      zh: 检查\n      en: Check\n    do:\n"
            "      - zh: 检查。\n        en: Check.\n    check:\n      - zh: 工牌与制服\n"
            "        en: badge and uniform\n")
    return "".join(step.format(i=i) for i in range(n))


CASES = {
    "script-in-text": (_sop_with("  zh: 班前仪容检查\n", '  zh: "<script>alert(1)</script> 班前检查"\n'), None, None),
    "zero-width": (_sop_with("  zh: 班前仪容检查\n", "  zh: 班前\u200b仪容检查\n"), "text.control-char", 11),
    "bidi-override": (_sop_with("  en: Pre-shift grooming check\n", "  en: Pre-shift \u202egrooming check\n"),
                      "text.control-char", 12),
    "100k-line": (_sop_with("  zh: 班前仪容检查\n", "  zh: " + "长" * 100_000 + "\n"), "schema.limit", 11),
    "10MB-file": ("# " + "x" * 10_000_000 + "\n" + BASE, "yaml.too-large", 1),
    "10000-steps": (BASE.split("steps:\n")[0] + "steps:\n" + _steps(10_000), "yaml.too-large", None),
    "deep-nesting": (_sop_with("related: [reception-basic]", "related: " + "[" * 5000 + "]" * 5000),
                     "yaml.too-deep", 45),
    "alias-bomb": (_sop_with("related: [reception-basic]", "x: &a [a, a, a]\ny: &b [*a, *a, *a]\nz: [*b, *b, *b]"),
                   "yaml.alias", 45),
    "python-tag": (_sop_with("version: 1.0.0", "version: !!python/object/apply:os.system ['id']"), "yaml.tag", 3),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_sop_gives_a_located_error_quickly(tmp_path: Path, figures, name: str) -> None:
    text, rule, line = CASES[name]
    root = make_project(tmp_path / "repo")
    (root / "sop" / "grooming-check.yml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, str(root / "sop" / "grooming-check.yml"))
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{name} took {elapsed:.1f}s"
    assert "Traceback" not in out + err
    figures.add("hostile.inputs", tried=1)
    if rule is None:  # accepted as text: escaping is the renderer's job (test_build)
        assert code == 0, out
        return
    assert code == 1
    hits = [s for s in out.splitlines() if f" {rule}: " in s]
    assert hits, out[:2000]
    if line is not None:
        assert any(s.startswith(f"sop/grooming-check.yml:{line}:") for s in hits), hits


def test_hostile_chapters(tmp_path: Path, figures) -> None:
    root = make_project(tmp_path / "repo")
    bodies = {
        "a.md": "[点我](javascript:alert(1)) <iframe src=x></iframe>",
        "b.md": "看这里\u202e反转的文字",
        "c.md": "文字 " * 600_000,
    }
    for lang in ("zh", "en"):
        for name, body in bodies.items():
            (root / "docs" / lang / "handbook").mkdir(parents=True, exist_ok=True)
            (root / "docs" / lang / "handbook" / name).write_text(CHAPTER.format(body=body), encoding="utf-8")
    code, out, _ = run_cli("check", "--root", str(root), "--today", TODAY, str(root / "docs" / "zh"))
    assert code == 1
    assert "docs/zh/handbook/a.md:9:6: error chapter.link: unsafe link" in out
    assert "docs/zh/handbook/a.md:9:27: error chapter.raw-html:" in out
    assert "docs/zh/handbook/b.md:9:4: error text.control-char:" in out
    assert "docs/zh/handbook/c.md:1:1: error chapter.too-large:" in out
    figures.add("hostile.inputs", tried=len(bodies))
