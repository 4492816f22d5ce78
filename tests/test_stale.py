"""`i18n.stale`: the Chinese of an SOP text or a page changed in git after its English.

The rule depends on history, so its fixtures are scratch git repositories built here: the base
project committed on fixed dates (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), then edits committed
on later dates or left uncommitted. Each test asserts the exact diagnostic lines a person sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import FIXTURES, check, make_project, run_cli

SOP = "sop/reception-basic.yml"
CHAPTER = "handbook/01-reception.md"
JAN, FEB, MAR = "2026-01-05T10:00:00+00:00", "2026-02-05T10:00:00+00:00", "2026-03-05T10:00:00+00:00"


def git(root: Path, *args: str, when: str = JAN) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Author",
           "GIT_AUTHOR_EMAIL": "author@example.com", "GIT_COMMITTER_NAME": "Author",
           "GIT_COMMITTER_EMAIL": "author@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env, check=True)
    return proc.stdout.strip()


def commit(root: Path, message: str, when: str) -> str:
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "--short=7", "HEAD")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """The base project with a chapter in both languages, committed in January."""
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "term.preferred" / "good")
    shutil.copy(FIXTURES / "base" / "sop" / "reception-basic.yml", root / SOP)  # the overlay's SOP is another
    (root / ".gitignore").write_text(".handbook-cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    return root, commit(root, "the handbook", JAN)


def line_of(root: Path, rel: str, text: str) -> int:
    return next(n for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def stale_lines(root: Path, *args: str) -> list[str]:
    code, lines = check(root, *args)
    assert code == 0  # a warning, not an error
    return [line for line in lines if " i18n.stale: " in line]


def sop_warning(root: Path, zh: str, en: str) -> str:
    n = line_of(root, SOP, "zh: 您好")
    return (f"{SOP}:{n}:13: warning i18n.stale: step 1 say 1: the zh text changed in {zh}, after its en text "
            f"last changed in {en}; check that the English still says the same, then update it or record "
            f"that it does: handbook translated {SOP}:{n}")


def page_warning(zh: str, en: str) -> str:
    return (f"docs/zh/{CHAPTER}:1:1: warning i18n.stale: the zh page changed in {zh}, after docs/en/{CHAPTER} "
            f"last changed in {en}; check that the English still says the same, then update it or record "
            f"that it does: handbook translated docs/zh/{CHAPTER}")


def test_good_zh_and_en_changed_together(repo: tuple[Path, str]) -> None:
    root, _ = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    edit(root, SOP, 'en: "Hello, welcome!"', 'en: "Hello, welcome to our store!"')
    edit(root, f"docs/zh/{CHAPTER}", "学会问候顾客。", "学会主动问候顾客。")
    edit(root, f"docs/en/{CHAPTER}", "greet", "greet first")
    commit(root, "both languages", FEB)
    assert stale_lines(root) == []


def test_bad_zh_changed_after_en_in_an_sop_text(repo: tuple[Path, str]) -> None:
    root, first = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    second = commit(root, "zh only", FEB)
    assert stale_lines(root) == [sop_warning(root, f"{second} (2026-02-05)", f"{first} (2026-01-05)")]


def test_bad_zh_page_changed_after_the_en_page(repo: tuple[Path, str]) -> None:
    root, first = repo
    edit(root, f"docs/zh/{CHAPTER}", "学会问候顾客。", "学会主动问候顾客。")
    second = commit(root, "zh chapter only", FEB)
    assert stale_lines(root) == [page_warning(f"{second} (2026-02-05)", f"{first} (2026-01-05)")]


def test_good_en_updated_later_clears_it(repo: tuple[Path, str]) -> None:
    root, _ = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    edit(root, f"docs/zh/{CHAPTER}", "学会问候顾客。", "学会主动问候顾客。")
    commit(root, "zh only", FEB)
    assert len(stale_lines(root)) == 2
    edit(root, SOP, 'en: "Hello, welcome!"', 'en: "Hello, welcome to our store!"')
    edit(root, f"docs/en/{CHAPTER}", "greet", "greet first")
    commit(root, "en follows", MAR)
    assert stale_lines(root) == []


def test_uncommitted_edits_count(repo: tuple[Path, str]) -> None:
    root, first = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    edit(root, f"docs/zh/{CHAPTER}", "学会问候顾客。", "学会主动问候顾客。")
    since = f"{first} (2026-01-05)"
    assert stale_lines(root) == [page_warning("an uncommitted edit", since),
                                 sop_warning(root, "an uncommitted edit", since)]
    # the English edited too (still uncommitted): both sides are as new, nothing is stale
    edit(root, SOP, 'en: "Hello, welcome!"', 'en: "Hello, welcome to our store!"')
    edit(root, f"docs/en/{CHAPTER}", "greet", "greet first")
    assert stale_lines(root) == []


def test_a_review_record_silences_it_until_the_zh_changes_again(repo: tuple[Path, str]) -> None:
    root, _ = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    edit(root, f"docs/zh/{CHAPTER}", "学会问候顾客。", "学会主动问候顾客。")
    commit(root, "zh only", FEB)
    n = line_of(root, SOP, "zh: 您好")
    code, out, err = run_cli("translated", "--root", str(root), str(root / f"{SOP}:{n}"),
                             str(root / "docs" / "en" / CHAPTER))
    assert code == 0, err
    assert f"{SOP}:{n} (step 1 say 1): review recorded in standards/translation-reviews.yml" in out
    reviews = (root / "standards" / "translation-reviews.yml").read_text(encoding="utf-8")
    assert 'text: "steps[greet].say[1]"' in reviews and f'file: "docs/zh/{CHAPTER}"' in reviews
    assert stale_lines(root) == []  # (the SOP's bytes did not change: the result cache must not matter)
    code, out, _ = run_cli("translated", "--root", str(root), str(root / f"{SOP}:{n}"))
    assert code == 0 and "already recorded" in out
    edit(root, SOP, "zh: 您好，欢迎光临本店！", "zh: 您好，欢迎光临本商场！")
    assert [line.split(": ", 2)[1] for line in stale_lines(root)] == ["warning i18n.stale"]
    assert "changed in an uncommitted edit" in stale_lines(root)[0]


def test_the_verdict_follows_history_not_the_result_cache(repo: tuple[Path, str]) -> None:
    """Same bytes, different history: an uncommitted zh edit, then the same edit committed."""
    root, first = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    since = f"{first} (2026-01-05)"
    assert stale_lines(root) == [sop_warning(root, "an uncommitted edit", since)]
    assert (root / ".handbook-cache").is_dir()
    second = commit(root, "zh only", FEB)
    assert stale_lines(root) == [sop_warning(root, f"{second} (2026-02-05)", since)]


def test_translated_says_what_it_cannot_record(repo: tuple[Path, str]) -> None:
    root, _ = repo
    n = line_of(root, SOP, "zh: 您好")
    code, out, _ = run_cli("translated", "--root", str(root), str(root / f"{SOP}:{n}"))
    assert code == 0 and out.strip() == f"{SOP}:{n}: the translation is not stale; nothing to record"
    code, _, err = run_cli("translated", "--root", str(root), str(root / f"{SOP}:2"))
    assert code == 2 and f"{SOP}:2: no zh or en text is written on this line" in err
    assert not (root / "standards" / "translation-reviews.yml").exists()


def test_a_malformed_review_file_is_a_located_error(repo: tuple[Path, str]) -> None:
    root, _ = repo
    (root / "standards" / "translation-reviews.yml").write_text(
        "reviews:\n  - file: sop/reception-basic.yml\n    zh: not-a-digest\n    en: 0123456789abcdef\n",
        encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == ["standards/translation-reviews.yml:3:9"]


def test_outside_git_the_rule_is_silent_and_says_so_once(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "term.preferred" / "good")
    code, out, err = run_cli("check", "--root", str(root), "--today", "2026-11-22")
    assert code == 0 and "i18n.stale" not in out
    assert err.splitlines() == ["handbook: note: i18n.stale not checked: not a git checkout (or git is not installed)"]


def test_a_shallow_clone_says_what_it_cannot_see(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = repo
    edit(root, SOP, "zh: 您好，欢迎光临！", "zh: 您好，欢迎光临本店！")
    commit(root, "zh only", FEB)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", root.as_uri(), str(clone))
    code, out, err = run_cli("check", "--root", str(clone), "--today", "2026-11-22")
    assert code == 0 and " i18n.stale: " not in out  # one commit deep: both sides look equally new
    assert err.count("handbook: note: i18n.stale: this is a shallow clone") == 1
