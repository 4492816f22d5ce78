"""Shared test helpers: throw-away handbook repositories, the real CLI, the real build."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from handbook.commands.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TODAY = "2026-11-22"  # fixed, so review-date rules give the same verdict every day


def make_project(dest: Path, *overlays: Path, base: bool = True) -> Path:
    """A repository with the shipped standards (not the shipped translation reviews: they are
    about the shipped texts), the base fixtures and the given overlays."""
    shutil.copytree(REPO / "standards", dest / "standards", ignore=shutil.ignore_patterns("translation-reviews.yml"))
    (dest / "sop").mkdir(exist_ok=True)
    if base:
        shutil.copytree(FIXTURES / "base", dest, dirs_exist_ok=True)
    for overlay in overlays:  # links stay links (the file.symlink fixtures hold some)
        shutil.copytree(overlay, dest, dirs_exist_ok=True, symlinks=True)
    return dest


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def without_notes(err: str) -> str:
    """stderr without the informational notes (`handbook: note: …`, e.g. that a folder outside
    git cannot be checked for stale translations): what is left is a real complaint."""
    return "".join(line for line in err.splitlines(keepends=True) if not line.startswith("handbook: note: "))


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    """Run `handbook check` on `root`; returns the exit code and the diagnostic lines."""
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, *args)
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines and "checked:" in lines[-1], out + err
    return code, lines[:-1]


MKDOCS = Path(sys.executable).with_name("mkdocs")
PARTS = ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml", "overrides", "hooks", "standards", "sop", "docs",
         "quality")


def copy_repo(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = REPO / part
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "--strict", *args], cwd=root, capture_output=True,
                          text=True, env=env, timeout=600)


HANDBOOK = Path(sys.executable).with_name("handbook")


def build_with(engine: str, root: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real build of `root` by one engine, as a person runs it: `mkdocs build --strict` (the
    hooks) or `handbook build --engine zensical`; `site_dir` replaces site/ in place."""
    if engine == "mkdocs":
        return build(root, *(["-d", str(site_dir)] if site_dir else []))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    args = ["--site-dir", str(site_dir)] if site_dir else []
    return subprocess.run([str(HANDBOOK), "build", "--engine", engine, "--root", str(root), *args], cwd=root,
                          capture_output=True, text=True, env=env, timeout=600)


def old_site(root: Path, other: str = "sop/x.html", data: bytes = b"\x00\x01 old bytes") -> tuple[Path, dict[str, str]]:
    """A previous good site in `root/site` (a page and one binary file at `other`), and its
    digest: what a failed build must leave byte for byte."""
    site = root / "site"
    (site / other).parent.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("previous good site", encoding="utf-8")
    (site / other).write_bytes(data)
    return site, tree_digest(site)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
