"""What a new author ran into (fresh-machine issue): each case fails without its fix."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from handbook.checks.project import check_project
from handbook.render import SiteInfo, generate_pages
from handbook.site.assemble import git_revision
from support import FIXTURES, REPO, check, make_project, run_cli

GROOMING = FIXTURES / "base" / "sop" / "grooming-check.yml"


def _with_line(root: Path, old: str, new: str) -> Path:
    path = root / "sop" / "grooming-check.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "rule"), [
    ('en: "Check the uniform and the badge."', "en: Check the uniform #1 and the badge", "yaml.comment-in-text"),
    ('en: "Check the uniform and the badge."', "en: Note: check the uniform", "yaml.syntax"),
])
def test_fix_quotes_texts_that_yaml_would_cut_or_refuse(tmp_path: Path, old: str, new: str, rule: str) -> None:
    root = make_project(tmp_path / "repo")
    path = _with_line(root, old, new)
    code, lines = check(root, str(path))
    assert code == 1 and any(f"error {rule}:" in line for line in lines), lines

    code, out, err = run_cli("fix", "--root", str(root), str(path))
    assert code == 0 and "fixed 1 file of 1" in out, out + err
    assert f'en: "{new[4:]}"' in path.read_text(encoding="utf-8")
    assert check(root, str(path)) == (0, [])
    assert "left for the author" not in out


def test_fix_says_what_it_cannot_repair(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    path = _with_line(root, 'en: "Check the uniform and the badge."',
                      "en: Check the uniform #1\n          and the badge")
    _code, out, err = run_cli("fix", "--root", str(root), str(path))
    assert "not repaired: line" in err and "by hand" in err, err
    assert "left for the author: 1 file checked: 1 error" not in out  # the count, not the summary
    assert "left for the author: 1 error" in out, out


def test_fix_on_a_chapter_says_why_it_does_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "chapter.number" / "good")
    code, _out, err = run_cli("fix", "--dry-run", "--root", str(root), str(root / "docs" / "zh" / "handbook"))
    assert code == 0
    assert "not repaired: handbook fix repairs SOP files (YAML) only" in err, err


def test_categories_lists_what_each_category_requires() -> None:
    code, out, _ = run_cli("categories", "--root", str(REPO))
    assert code == 0
    assert "complaint: Complaints" in out
    assert "steps, in this order: Listen (listen) → Apologise (apologize) → Resolve (resolve) → Record (record)" in out
    assert "checklist must mention: interrupt*, record*" in out and "say lines must include: Apology, Thanks" in out
    code, out, _ = run_cli("categories", "--lang", "zh", "--root", str(REPO))
    assert "必需步骤（按顺序）：倾听（listen）→" not in out and "倾听（listen） → 致歉（apologize）" in out


def test_new_help_points_to_the_categories() -> None:
    code, out, _ = run_cli("new", "--help")
    assert code == 0 and "handbook categories" in out


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def revision_of(root: Path) -> str:
    git_revision.cache_clear()  # cached per build; here the tree changes between calls
    return git_revision(root)


def test_revision_says_uncommitted_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "x")
    assert "+dirty" not in revision_of(root)
    (root / "sop" / "new-one.yml").write_text("id: new-one\n", encoding="utf-8")  # untracked counts
    assert revision_of(root).endswith("+dirty")
    (root / "sop" / "new-one.yml").unlink()
    _with_line(root, "Check the uniform", "Check the whole uniform")
    revision = revision_of(root)
    assert revision.endswith("+dirty")

    result = check_project(root, today=None)
    for lang, words in (("en", " (uncommitted changes)"), ("zh", "（含未提交的修改）")):
        pages = generate_pages(result.sops, result.standards, SiteInfo(lang, "https://x/", revision, "2026-12-01"))
        assert f"{revision[:-6]}{words}" in pages["checklists/grooming-check.md"]


def test_generated_chinese_metadata_uses_chinese_punctuation() -> None:
    result = check_project(REPO)
    pages = generate_pages(result.sops, result.standards, SiteInfo("zh", "https://x/", "abc", "2026-12-01"))
    page = pages["sop/complaint-handling.md"]
    assert "一线服务人员、楼层主管" in page and "一线服务人员, " not in page
    assert "时限：" in page and "时限: " not in page
    assert "**需要升级时：** [" in page
    index = pages["sop/index.md"]
    assert "负责部门：" in index or "：" in index.split("hb-index-meta")[1][:200]
    en = generate_pages(result.sops, result.standards, SiteInfo("en", "https://x/", "abc", "2026-12-01"))
    assert "Front-line staff, Floor supervisor" in en["sop/complaint-handling.md"]


PRODUCT_FILES = ["README.md", "AUTHORING.md", "Makefile", "mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml",
                 "pyproject.toml"]


def test_no_product_file_points_outside_the_repository() -> None:
    """A user's clone has no ../shared/: product files must not send anyone there."""
    files = [REPO / f for f in PRODUCT_FILES]
    for folder in ("src", "hooks", "docs", "standards", "sop", "overrides", ".ci"):
        files += [p for p in (REPO / folder).rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".yml", ".html",
                                                                                       ".css", ".js", "")]
    offenders = [str(p.relative_to(REPO)) for p in files if "../shared" in p.read_text(encoding="utf-8",
                                                                                         errors="replace")]
    assert offenders == []


def test_lock_pins_every_dependency_inside_the_ranges() -> None:
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for extra in ("test", "bench") for r in project["optional-dependencies"][extra]]
    pins = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-").replace(".", "-")] = version.strip()
    for req in wanted:
        key = req.name.lower().replace("_", "-").replace(".", "-")
        assert key in pins, f"{req.name} is not in requirements.lock (run make lock)"
        assert req.specifier.contains(pins[key]), f"{req.name}=={pins[key]} is outside {req.specifier}"
