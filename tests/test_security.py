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


# -- cache trust --------------------------------------------------------------------------------
BAD_LINE = "      - zh: 这个我不知道。\n"


def _make_bad(project: Path) -> tuple[Path, bytes]:
    sop = project / "sop" / "grooming-check.yml"
    text = sop.read_text(encoding="utf-8")
    first_say = text.index("      - zh: ", text.index("    say:"))
    bad = text[:first_say] + BAD_LINE + text[text.index("\n", first_say) + 1:]
    sop.write_text(bad, encoding="utf-8")
    return sop, bad.encode("utf-8")


def _clean_record(display: str, data: bytes) -> dict:
    from handbook.checks.records import file_key

    return {"key": file_key(display, data), "entry": {
        "path": display, "stem": "grooming-check", "readable": True, "id": "grooming-check", "id_pos": [1, 5],
        "refs": [], "effective": "2026-01-01", "review_by": "2099-01-01", "review_pos": [1, 1], "diagnostics": []}}


def test_a_hand_written_cache_entry_never_hides_an_error(project: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac
    import json

    from handbook.checks.cache import KEY_DIR_ENV, code_fingerprint, standards_fingerprint

    monkeypatch.setenv(KEY_DIR_ENV, str(tmp_path / "victim-key"))
    _, data = _make_bad(project)
    forged = _clean_record("sop/grooming-check.yml", data)
    version = f"{code_fingerprint()}:{standards_fingerprint(project)}"
    cache = project / ".handbook-cache" / "sop-records.json"
    cache.parent.mkdir()
    old_way = json.dumps({"version": version, "entries": {forged["key"]: forged["entry"]}})
    payload = old_way
    attacker_key = b"k" * 32  # signed, but not with this user's key
    new_way = json.dumps({"mac": hmac.new(attacker_key, payload.encode(), hashlib.sha256).hexdigest(),
                          "payload": payload})
    for fake in (old_way, new_way):
        cache.write_text(fake, encoding="utf-8")
        for args in ([], ["--strict", "--format", "github"], [str(project / "sop" / "grooming-check.yml")]):
            code, out, _ = run_cli("check", "--root", str(project), "--today", TODAY, *args)
            assert code == 1 and "phrase.forbidden" in out, (fake[:30], args, out)
    # a cache this user's key signed is still used (and still right)
    assert check(project) == check(project, "--no-cache")
    assert json.loads(cache.read_text(encoding="utf-8"))["mac"]


def test_no_cache_is_trusted_when_the_key_would_live_in_the_repository(project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.checks.cache import KEY_DIR_ENV

    monkeypatch.setenv(KEY_DIR_ENV, str(project / ".cache-key"))
    _make_bad(project)
    code, _ = check(project)
    assert code == 1
    assert not (project / ".cache-key").exists() and not (project / ".handbook-cache" / "sop-records.json").exists()


# -- hangs: linear in line length, nothing blocks ----------------------------------------------------
def _page_check_seconds(lang: str, body: str) -> tuple[float, list[str]]:
    """CPU seconds to load and check one chapter (the machine is shared: wall time is noisy)."""
    from handbook.checks.chapters import check_page, load_page
    from handbook.checks.standards import load_standards

    std, _ = load_standards(REPO)
    text = f"---\ntitle: 测试\nchapter: 1\ndescription: 测试\n---\n\n{body}\n"
    start = time.process_time()
    page, diags = load_page(lang, "handbook/01-x.md", f"docs/{lang}/handbook/01-x.md", text.encode("utf-8"))
    assert page is not None
    diags += check_page(page, std, frozenset({"reception-basic"}), {lang: set()})
    return time.process_time() - start, [d.format() for d in diags]


MB = 1_000_000
LONG_LINES = {
    "80,000 [": "[" * 80_000,
    "1 MB of text": ("服务 " * (MB // 7))[: MB // 3],
    "1 MB of [a](": ("[a](" * MB)[: MB],
    "1 MB of <a ": ("<a " * MB)[: MB],
    "1 MB of {:": ("{: " * MB)[: MB],
    "1 MB of {{": ("{{ mall." * MB)[: MB],
    "backticks then tags": "`" * 200_000 + "<b>" * 100_000,
    "code spans and tags": "`x` <b> " * 100_000,
    "1 MB of [x] and spaces": ("[x]   " * MB)[: MB],
    "1 MB of links and emphasis": ("服务 [链接](../index.md) **重点** `代码` " * 40_000)[: MB // 2],
    "600-level list": "".join("    " * i + "- x\n" for i in range(600)),
    "600 list marks on a line": "- " * 600 + "x",
    "deep quotes": ">" * 5000 + " x",
}


@pytest.mark.parametrize("name", sorted(LONG_LINES))
def test_chapter_checks_are_linear_in_line_length(name: str) -> None:
    seconds, lines = _page_check_seconds("zh", LONG_LINES[name])
    assert seconds < 2, f"{name}: {seconds:.1f} s of CPU"
    assert all("Traceback" not in line for line in lines)
    if name in ("80,000 [", "1 MB of [a](", "1 MB of <a ", "600-level list", "600 list marks on a line",
                "1 MB of links and emphasis", "deep quotes"):
        assert any(" error chapter.too-complex: " in line for line in lines), lines[:3]


def test_a_say_box_of_spaces_against_a_phrase_with_a_run_of_spaces_is_quick() -> None:
    from handbook.source.text import PhraseMatcher

    for lang in ("zh", "en"):
        matcher = PhraseMatcher(lang, ["I" + " " * 30 + "know", "不" + " " * 30 + "知道"])
        start = time.process_time()
        assert matcher.find_all("I" + " " * 200_000 + "x") == []
        assert matcher.find_all(" " * 200_000) == []
        assert time.process_time() - start < 2
    seconds, _ = _page_check_seconds("en", "!!! say\n    - " + " " * 500_000 + "x")
    assert seconds < 2


def test_the_markdown_extensions_of_the_checker_are_those_of_the_site() -> None:
    import yaml

    from handbook.content.pages import MARKDOWN_CONFIGS, MARKDOWN_EXTENSIONS

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name = ext if isinstance(ext, str) else next(iter(ext))
        names.append(name)
        if isinstance(ext, dict):
            configs[name] = ext[name]
    assert tuple(names) == MARKDOWN_EXTENSIONS and configs == MARKDOWN_CONFIGS


# -- a requirement every SOP meets --------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "needle"), [
    ("      - zh: 问候\n        en: greet*\n", '      - zh: "*"\n        en: "*"\n', '"*" (zh)'),
    ("      - zh: 问候\n        en: greet*\n", "      - zh: 。\n        en: g*\n", '"g*" (en)'),
    ("      - zh: 问候\n        en: greet*\n", '      - zh: "\u3164"\n        en: "..."\n', '"..." (en)'),
])
def test_a_trivial_checklist_requirement_is_refused(project: Path, old: str, new: str, needle: str) -> None:
    cats = project / "standards" / "categories.yml"
    text = cats.read_text(encoding="utf-8")
    assert old in text
    cats.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, lines = check(project)
    assert code == 1
    hits = [line for line in lines if " error standards.trivial: " in line and needle in line]
    assert hits and hits[0].startswith("standards/categories.yml:"), lines


def test_a_trivial_required_phrase_is_refused(project: Path) -> None:
    phrases = project / "standards" / "phrases.yml"
    text = phrases.read_text(encoding="utf-8")
    phrases.write_text(text.replace("en: [hello,", 'en: ["*", hello,', 1), encoding="utf-8")
    code, lines = check(project)
    assert code == 1 and any(' error standards.trivial: a required phrase "*" (en)' in line for line in lines)


# -- mkdocs build --strict is atomic too ---------------------------------------------------------
def test_plain_mkdocs_build_keeps_the_old_site_on_a_late_failure_and_swaps_on_success(tmp_path: Path) -> None:
    from support import build, copy_repo, tree_digest
    from support import old_site as make_old_site

    root = copy_repo(tmp_path / "repo")
    old_site, before = make_old_site(root, "en/index.html", b"\x00 old English bytes")
    chapter = root / "docs" / "en" / "handbook" / "13-training-and-development.md"
    good = chapter.read_text(encoding="utf-8")
    # found only while MkDocs writes the English pages, after the Chinese ones were written
    chapter.write_text(good + "\nSee [the drills](07-complaints.md#no-such-section).\n", encoding="utf-8")
    failed = build(root)
    assert failed.returncode != 0 and "no-such-section" in failed.stdout + failed.stderr
    assert tree_digest(old_site) == before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.")], "staging left behind"
    chapter.write_text(good, encoding="utf-8")
    ok = build(root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert (old_site / "sop" / "complaint-handling.html").is_file() and (old_site / "en" / "glossary.html").is_file()
    assert "previous good site" not in (old_site / "index.html").read_text(encoding="utf-8")
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.")]


def test_the_adapter_refuses_what_the_check_would_have_refused() -> None:
    """Defence in depth: were the check ever bypassed, MkDocs' own HTML is judged again."""
    from types import SimpleNamespace

    from mkdocs.exceptions import Abort

    from handbook.site.mkdocs_adapter import HandbookAdapter

    adapter = HandbookAdapter()
    adapter.site = SimpleNamespace(pages={}, finish=lambda md: md)  # type: ignore[assignment]
    page = SimpleNamespace(file=SimpleNamespace(src_uri="handbook/01-x.md"),
                           meta={"title": 'A <img src=x onerror=alert(1)> & "B"', "description": 'x" onload="y'})
    adapter.on_page_markdown("text", page, None, None)  # type: ignore[arg-type]
    assert page.meta["title"] == "A &lt;img src=x onerror=alert(1)&gt; &amp; &quot;B&quot;"
    assert page.meta["description"] == "x&quot; onload=&quot;y"
    assert adapter.on_page_content("<p>fine <a href=\"x.html\">x</a></p>", page, None, None) is not None  # type: ignore[arg-type]
    for hostile in ('<p><img src="x" onerror="alert(1)"></p>', '<a href="javascript:alert(1)">x</a>',
                    "<!--> <script>alert(1)</script> -->", '<svg onload="alert(1)"></svg>'):
        with pytest.raises(Abort):
            adapter.on_page_content(hostile, page, None, None)  # type: ignore[arg-type]


def test_the_adapter_drops_unpublishable_files_of_docs(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from handbook.site.mkdocs_adapter import _unpublishable

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("x", encoding="utf-8")
    (docs / "pic.png").write_bytes(b"\x89PNG")
    (docs / "evil.html").write_text("<script>", encoding="utf-8")
    (docs / "link.png").symlink_to(tmp_path / "elsewhere.png")
    os.mkfifo(docs / "pipe.png")
    config = SimpleNamespace(docs_dir=str(docs))

    def file(name: str, page: bool = False, generated: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(abs_src_path=str(docs / name), generated_by=generated,
                               is_documentation_page=lambda: page)

    kept = {"page.md": file("page.md", page=True), "pic.png": file("pic.png"),
            "theme.js": SimpleNamespace(abs_src_path="/usr/share/theme.js", generated_by=None,
                                        is_documentation_page=lambda: False),
            "generated.md": file("gen.md", page=True, generated="handbook")}
    dropped = {"evil.html": file("evil.html"), "link.png": file("link.png"), "pipe.png": file("pipe.png")}
    assert [n for n, f in kept.items() if _unpublishable(f, config)] == []  # type: ignore[arg-type]
    assert [n for n, f in dropped.items() if _unpublishable(f, config)] == list(dropped)  # type: ignore[arg-type]
