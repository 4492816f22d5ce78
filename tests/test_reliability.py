"""Builds never leave a half-written site, and live editing survives invalid saves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import copy_repo, tree_digest

HANDBOOK = Path(sys.executable).with_name("handbook")
MKDOCS = Path(sys.executable).with_name("mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def handbook_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HANDBOOK), "build"], cwd=root, capture_output=True, text=True, env=ENV, timeout=600)


def test_atomic_build_keeps_the_old_site_on_any_failure_and_swaps_on_success(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    first = handbook_build(root)
    assert first.returncode == 0, first.stdout + first.stderr
    site = root / "site"
    before = tree_digest(site)
    assert "sop/complaint-handling.html" in before and "en/sop/complaint-handling.html" in before

    # 1. a content error: stopped by the check before anything is built
    sop = root / "sop" / "returns-exchanges.yml"
    good_sop = sop.read_text(encoding="utf-8")
    sop.write_text(good_sop.replace("version: 1.0.0", "version: 1.0", 1), encoding="utf-8")
    failed = handbook_build(root)
    assert failed.returncode == 1
    assert "sop/returns-exchanges.yml:" in failed.stdout and "schema.type" in failed.stdout
    assert tree_digest(site) == before
    sop.write_text(good_sop, encoding="utf-8")

    # 2. a failure late in the build (a broken anchor, found only while MkDocs writes pages),
    #    in the second language, after the first language's pages were written
    chapter = root / "docs" / "en" / "handbook" / "13-training-and-development.md"
    good_chapter = chapter.read_text(encoding="utf-8")
    chapter.write_text(good_chapter + "\nSee [the drills](07-complaints.md#no-such-section).\n", encoding="utf-8")
    failed = handbook_build(root)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "no-such-section" in failed.stderr
    assert "Traceback" not in failed.stdout + failed.stderr
    assert tree_digest(site) == before
    assert not list(root.glob(".site.*")), "the staging folder was left behind"
    chapter.write_text(good_chapter, encoding="utf-8")

    # 3. success replaces the site
    (root / "docs" / "zh" / "index.md").write_text(
        (root / "docs" / "zh" / "index.md").read_text(encoding="utf-8") + "\n新增的一句话。\n", encoding="utf-8")
    ok = handbook_build(root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "新增的一句话" in (site / "index.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if predicate():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["serve", "serve-dirty"])
def test_live_editing_keeps_the_last_good_pages_and_recovers(tmp_path: Path, mode: list[str]) -> None:
    root = copy_repo(tmp_path / "repo")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen([str(MKDOCS), "serve", *mode, "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=log, stderr=subprocess.STDOUT, env=ENV)
    url = f"http://127.0.0.1:{port}/sop/complaint-handling.html"
    sop = root / "sop" / "complaint-handling.yml"
    good = sop.read_text(encoding="utf-8")
    title = good.split("title:\n  zh: ", 1)[1].split("\n", 1)[0]
    try:
        _wait_for(lambda: title in _get(url), 120, "the first build")

        # rapid saves, every intermediate state invalid, the last one too
        broken = [good.replace("steps:", "steps", 1), good.replace("  zh: ", "  zh: 你", 1),
                  good[: len(good) // 2], good.replace("version: 1.0.0", "version: 1.10", 1)]
        for text in broken:
            sop.write_text(text, encoding="utf-8")
            time.sleep(0.05)
        _wait_for(lambda: "still serving the last good build" in Path(log.name).read_text(encoding="utf-8"), 60,
                  "the error in the terminal")
        output = Path(log.name).read_text(encoding="utf-8")
        assert "sop/complaint-handling.yml:4:10: error schema.type:" in output
        assert "Traceback" not in output
        page = _get(url)
        assert title in page  # the last good page is still served

        # the fix: the site recovers by itself
        sop.write_text(good.replace(f"  zh: {title}\n", "  zh: 顾客投诉处理（修订）\n", 1), encoding="utf-8")
        _wait_for(lambda: "顾客投诉处理（修订）" in _get(url), 60, "the rebuilt page")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _index(text: str) -> dict[str, object]:
    """Pagefind's entry file: the hash of the whole index of each language (deterministic)."""
    import json

    return json.loads(text)["languages"]


def test_incremental_serve_gives_the_same_site_as_a_clean_build(tmp_path: Path) -> None:
    """`mkdocs serve --dirty` re-renders only changed pages; what it serves must equal a clean
    build of the same content: pages, navigation and both search indexes (rebuilt in the
    background after each save)."""
    import html

    root = copy_repo(tmp_path / "repo")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=log, stderr=subprocess.STDOUT, env=ENV)
    base = f"http://127.0.0.1:{port}/"
    sop = root / "sop" / "complaint-handling.yml"
    good = sop.read_text(encoding="utf-8")
    try:
        _wait_for(lambda: "顾客投诉处理" in _get(base + "sop/complaint-handling.html"), 120, "the first build")
        # 1. a text edit: only the pages showing it are re-rendered
        edited = good.replace("      - zh: ", "      - zh: 您好，请您慢慢说（修订）", 1).replace(
            '        en: "', '        en: "Hello, please take your time (revised) ', 1)
        sop.write_text(edited, encoding="utf-8")
        _wait_for(lambda: "(revised)" in html.unescape(_get(base + "en/sop/complaint-handling.html")), 60,
                  "the English page")
        assert "您好，请您慢慢说（修订）" in _get(base + "sop/complaint-handling.html")
        # 2. a title edit: every page that lists the SOP shows it (its category's page, the
        #    indexes; the navigation lists categories, not SOPs)
        other = root / "sop" / "unreasonable-requests.yml"
        other.write_text(other.read_text(encoding="utf-8").replace(
            "title:\n  zh: 应对无理要求\n", "title:\n  zh: 应对无理要求（修订）\n", 1), encoding="utf-8")
        _wait_for(lambda: "应对无理要求（修订）" in _get(base + "sop/unreasonable-requests.html"), 60, "the page")
        served_page = _get(base + "categories/complaint.html")
        clean = subprocess.run([str(MKDOCS), "build", "--site-dir", str(tmp_path / "clean")], cwd=root,
                               capture_output=True, text=True, env=ENV)
        assert clean.returncode == 0, clean.stderr
        for lang in ("", "en/"):
            entry = f"{lang}pagefind/pagefind-entry.json"
            expected = _index((tmp_path / "clean" / entry).read_text(encoding="utf-8"))
            _wait_for(lambda e=entry, x=expected: _index(_get(base + e)) == x, 120,  # type: ignore[misc]
                      f"the {lang or 'zh'} search index of a clean build")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert "Traceback" not in Path(log.name).read_text(encoding="utf-8")
    assert "应对无理要求（修订）" in served_page
