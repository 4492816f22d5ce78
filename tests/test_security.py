"""Security and silent acceptance (issue 12): every class below ends in a located error, within
a time bound, and nothing from outside the repository is read, published or printed.

(Active content in the built site and in a browser: test_build.py and tests/browser.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook.source import files as files_module
from support import FIXTURES, REPO, TODAY, check, run_cli

HANDBOOK = [sys.executable, "-m", "handbook"]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_MKDOCS_2_WARNING": "1"}
SECRET = "root:x:0:0:SECRET-LINE"


def _cli(root: Path, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """The real command in its own process: a hang is killed (and fails) instead of blocking pytest."""
    start = time.perf_counter()
    proc = subprocess.run([*HANDBOOK, "check", "--root", str(root), "--today", TODAY, *args], capture_output=True,
                          text=True, env=ENV, timeout=timeout, cwd=root)
    return proc, time.perf_counter() - start


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the repository, with a line that must never appear anywhere."""
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


# -- files from outside the repository ---------------------------------------------------------
LINKS = ["docs/zh/passwd.txt", "docs/zh/handbook/02-secret.md", "docs/en/handbook/02-secret.md",
         "sop/leak.yml", "standards/terms.yml", "overrides/partials/leak.html"]


def test_links_to_outside_files_are_refused_unread_and_unprinted(project: Path, outside: Path) -> None:
    for rel in LINKS:
        link = project / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(outside)
    code, lines = check(project)
    assert code == 1
    for rel in LINKS:
        assert f"{rel}:1:1: error file.symlink: this is a symbolic link;" in "\n".join(lines), rel
    # named on the command line, one by one: still reported, under the link's own name
    for rel in LINKS:
        code, out, err = run_cli("check", "--root", str(project), "--today", TODAY, str(project / rel))
        assert code == 1 and f"{rel}:1:1: error file.symlink:" in out, (rel, out)
        assert SECRET not in out + err and str(outside) not in out + err and str(outside.parent) not in out + err


def test_a_linked_sop_is_never_read_even_in_the_error(project: Path, outside: Path) -> None:
    outside.write_text("id: [unclosed\n" + SECRET + "\n", encoding="utf-8")  # would be a yaml.syntax error
    (project / "sop" / "leak.yml").symlink_to(outside)
    for fmt in ("text", "json", "github", "junit"):
        code, out, err = run_cli("check", "--root", str(project), "--today", TODAY, "--format", fmt)
        assert code == 1
        assert "file.symlink" in out and "yaml.syntax" not in out
        assert SECRET not in out + err and str(outside.parent) not in out + err


def test_a_linked_content_folder_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "handbook").mkdir(parents=True)
    (elsewhere / "handbook" / "01-x.md").write_text("---\ntitle: x\n---\n" + SECRET, encoding="utf-8")
    (project / "docs" / "zh" / "handbook").symlink_to(elsewhere / "handbook")
    code, lines = check(project)
    assert code == 1 and lines == ["docs/zh/handbook:1:1: error file.symlink: this is a symbolic link; content is "
                                   "read from the repository only, so the link is neither read nor published: put "
                                   "the file itself here"]


def test_a_link_loop_is_one_located_error_quickly(project: Path) -> None:
    (project / "docs" / "zh" / "loop").symlink_to(project / "docs" / "zh")
    (project / "docs" / "en" / "a").symlink_to("b")
    (project / "docs" / "en" / "b").symlink_to("a")
    proc, elapsed = _cli(project, timeout=60)
    assert elapsed < 30 and proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "docs/zh/loop:1:1: error file.symlink:" in proc.stdout
    assert "docs/en/a:1:1: error file.symlink:" in proc.stdout and "docs/en/b:1:1: error file.symlink:" in proc.stdout


# -- non-regular files, unreadable and vanishing files -----------------------------------------
@pytest.mark.parametrize("rel", ["docs/zh/handbook/09-pipe.md", "sop/pipe.yml", "standards/terms.yml",
                                 "docs/zh/images/pipe.png"])
def test_a_fifo_named_like_content_never_blocks(project: Path, rel: str) -> None:
    fifo = project / rel
    fifo.parent.mkdir(parents=True, exist_ok=True)
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    for args in ([], [rel], [str(fifo.parent)]):
        proc, elapsed = _cli(project, *args, timeout=60)  # a blocked read would never return
        assert elapsed < 30, f"{rel}: {elapsed:.1f}s"
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert f"{rel}:1:1: error file.unreadable: this is a named pipe (FIFO), not a file" in proc.stdout, args


def test_a_folder_named_like_a_page_or_sop_is_located(project: Path) -> None:
    (project / "docs" / "zh" / "x.md").mkdir()
    (project / "sop" / "y.yml").mkdir()
    code, lines = check(project)
    assert code == 1
    assert "docs/zh/x.md:1:1: error file.unreadable: this is a folder named like a page" in "\n".join(lines)
    assert "sop/y.yml:1:1: error file.unreadable: this is a folder named like an SOP" in "\n".join(lines)
    code, out, _ = run_cli("check", "--root", str(project), "--today", TODAY, str(project / "docs" / "zh"))
    assert code == 1 and "docs/zh/x.md:1:1: error file.unreadable" in out


def _refusing_open(monkeypatch: pytest.MonkeyPatch, name: str, error: type[OSError], *, remove: bool = False) -> None:
    real = os.open

    def fake(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            if remove:
                Path(path).unlink()
                return real(path, flags, *args)
            raise error(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(files_module.os, "open", fake)


@pytest.mark.parametrize("rel", ["sop/grooming-check.yml", "docs/zh/index.md", "standards/phrases.yml"])
def test_an_unreadable_file_is_a_located_error(project: Path, monkeypatch: pytest.MonkeyPatch, rel: str) -> None:
    """(Run as root, chmod 000 still reads: the refusal is simulated where the file is opened.)"""
    _refusing_open(monkeypatch, Path(rel).name, PermissionError)
    code, out, err = run_cli("check", "--root", str(project), "--today", TODAY, "--no-cache")
    assert code == 1 and "internal error" not in err, err
    assert f"{rel}:1:1: error file.unreadable: the file cannot be read (permission denied)" in out


@pytest.mark.parametrize("rel", ["sop/grooming-check.yml", "docs/en/index.md"])
def test_a_file_removed_during_the_check_is_a_located_error(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                           rel: str) -> None:
    _refusing_open(monkeypatch, Path(rel).name, FileNotFoundError, remove=True)
    for cache in ("--no-cache", "--jobs=1"):
        if not (project / rel).exists():
            (project / rel).write_bytes((FIXTURES / "base" / rel).read_bytes())
        code, out, err = run_cli("check", "--root", str(project), "--today", TODAY, cache)
        assert code == 1 and "internal error" not in err, err
        assert f"{rel}:1:1: error file.unreadable: the file was removed while it was being checked" in out
