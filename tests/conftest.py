"""Shared helpers: build a throw-away handbook repository and run the real CLI on it."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from handbook.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TODAY = "2026-11-22"  # fixed, so review-date rules give the same verdict every day


def make_project(dest: Path, *overlays: Path, base: bool = True) -> Path:
    """A repository with the shipped standards, the base fixtures and the given overlays."""
    shutil.copytree(REPO / "standards", dest / "standards")
    (dest / "sop").mkdir(exist_ok=True)
    if base:
        shutil.copytree(FIXTURES / "base", dest, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    return dest


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    """Run `handbook check` on `root`; returns the exit code and the diagnostic lines."""
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, *args)
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines and "checked:" in lines[-1], out + err
    return code, lines[:-1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "repo")
