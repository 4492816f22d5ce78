"""Fuzzing: structurally random SOPs, byte-level corruption of real SOPs and standards, and the
MkDocs hook on corrupted repositories. Never a traceback, never slow, never a corrupted
structure accepted silently. The figures go to the quality report."""

from __future__ import annotations

import json
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from handbook.source.diagnostics import parse_line
from support import FIXTURES, REPO, TODAY, make_project, run_cli, without_notes

SOPS = sorted((REPO / "sop").glob("*.yml"))
STANDARDS = sorted((REPO / "standards").glob("*.yml"))
SCHEMA = json.loads((REPO / "schemas" / "sop.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
SLOW = 5.0  # seconds one file may take, at most
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])


def run_check(root: Path, *paths: Path) -> tuple[int, list[str], float]:
    start = time.perf_counter()
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, "--strict", "--format", "text",
                             *map(str, paths))
    elapsed = time.perf_counter() - start
    assert code in (0, 1), err
    assert without_notes(err) == "" and "Traceback" not in out
    lines = out.splitlines()
    assert lines and "checked:" in lines[-1]
    for line in lines[:-1]:
        assert parse_line(line) is not None, line
    return code, lines[:-1], elapsed


NAME_MAPS = {"roles", "step_kinds", "categories", "required"}  # in standards, their keys are data (names)


def shape(data: Any, parent: str = "") -> Any:
    """The structure without the text: which keys, how many items, which types.

    Names and words are data, not structure: the keys of the standards' name maps (renaming an
    unused step kind is an edit; a renamed name something uses is caught where it is used) and
    lists of plain words (a corrupted "hello,ello" adds a phrase any QA manager could add; in
    SOPs such lists hold roles and SOP ids, which must exist). Lists of mappings — steps, do,
    say, check items — keep their length."""
    if isinstance(data, dict):
        if parent in NAME_MAPS:
            return [shape(v) for v in data.values()]
        return {k: shape(v, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        if all(not isinstance(v, (dict, list)) for v in data):
            return sorted({type(v).__name__ for v in data})
        return [shape(v) for v in data]
    return type(data).__name__


# -- structurally random documents -----------------------------------------------------------
KEYS = ["id", "category", "version", "effective", "review_by", "owner", "roles", "title", "purpose", "steps",
        "related", "kind", "do", "say", "check", "within", "escalate_to", "zh", "en", "x", "标题"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["complaint", "frontline", "1.0.0", "2026-11-01",
                                                           "您好", "你好", "不知道", "listen", "2m"]))
TREES = st.recursive(SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                     st.dictionaries(st.sampled_from(KEYS), kids, max_size=8)),
                     max_leaves=60)


@SETTINGS
@given(doc=st.dictionaries(st.sampled_from(KEYS), TREES, min_size=1, max_size=12))
@example(doc={"id": "\x1e"})  # found by this test: a control character split a diagnostic line
@example(doc={"id": None, "do": ["\x85"], "category": "\x85"})  # found by this test: NEL is a YAML line break
def test_random_structures_are_rejected_with_located_errors(tmp_path_factory, figures, doc: dict) -> None:
    root = make_project(tmp_path_factory.mktemp("repo"))
    path = root / "sop" / "random-doc.yml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code, _lines, elapsed = run_check(root, path)
    assert elapsed < SLOW
    independent = VALIDATOR.is_valid(json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")),
                                                            default=str)))
    if code == 0:  # accepted: then it really is a valid SOP for any validator
        assert independent
    figures.add("fuzz.structure", cases=1, rejected=int(code == 1))


# -- byte-level corruption of real files ------------------------------------------------------
# YAML reads each of these as "no document": they once passed every check unseen
EMPTY_DOCUMENTS = [b"", b"\n\n  \n", b"# only a comment\n", b"---\n", b"---\n# c\n...\n", b"\xef\xbb\xbf# BOM\n"]


@st.composite
def corruption(draw: st.DrawFn, files: list[Path]) -> tuple[Path, bytes]:
    source = draw(st.sampled_from(files))
    if draw(st.integers(0, 19)) == 0:  # a file emptied by an editor, or left with a comment only
        return source, draw(st.sampled_from(EMPTY_DOCUMENTS))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[pos:pos] = bytes([draw(st.sampled_from(b"\n\t :#,-[]{}&*!|>'\"\x00\xff\xe4\x80?%@`"))])
        elif op == "delete" and data:
            del data[pos]
        else:
            end = min(len(data), pos + draw(st.integers(1, 40)))
            data[pos:pos] = data[pos:end]
    return source, bytes(data)


def _accepted_only_if_same_shape(original: bytes, corrupted: bytes) -> None:
    """A corrupted file that passes --strict may only differ from the original in its text."""
    # libyaml, the parser the checker uses (the pure-Python one rejects some inputs libyaml reads)
    before = yaml.load(original.decode("utf-8"), Loader=yaml.CSafeLoader)
    after = yaml.load(corrupted.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    assert shape(after) == shape(before), "a structural change was accepted silently"


@SETTINGS
@given(case=corruption(SOPS + sorted((FIXTURES / "base" / "sop").glob("*.yml"))))
@example(case=(REPO / "sop" / "complaint-escalation.yml", b""))  # emptied: once passed, the SOP vanished
@example(case=(REPO / "sop" / "complaint-escalation.yml", b"# only a comment\n"))
def test_corrupted_sops_never_pass_silently(tmp_path_factory, figures, case: tuple[Path, bytes]) -> None:
    source, data = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    for sop in SOPS:
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    target = root / "sop" / source.name
    target.write_bytes(data)
    code, _lines, elapsed = run_check(root, target)
    assert elapsed < SLOW
    if code == 0:
        _accepted_only_if_same_shape(source.read_bytes(), data)
    figures.add("fuzz.sop-bytes", cases=1, rejected=int(code == 1), accepted_text_only=int(code == 0))


CATEGORIES = REPO / "standards" / "categories.yml"
PHRASES = REPO / "standards" / "phrases.yml"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=corruption(STANDARDS))
# found by this test: a deleted byte renamed the step kind `evacuate`; the real SOPs must catch it
@example(case=(CATEGORIES, CATEGORIES.read_bytes().replace(b"  evacuate:", b"  vacuate:")))
# found by this test: a duplicated phrase lengthened a list; phrase lists are now unique
@example(case=(PHRASES, PHRASES.read_bytes().replace(b"en: [hello,", b"en: [hello,hello,", 1)))
@example(case=(REPO / "standards" / "glossary.yml", b"# only a comment\n"))  # once passed silently
def test_corrupted_standards_never_crash_or_pass_silently(tmp_path_factory, figures,
                                                           case: tuple[Path, bytes]) -> None:
    source, data = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    for sop in SOPS:  # the real SOPs: every name they use must survive the corruption
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    (root / "standards" / source.name).write_bytes(data)
    code, _lines, elapsed = run_check(root)
    assert elapsed < SLOW
    if code == 0:
        _accepted_only_if_same_shape(source.read_bytes(), data)
    figures.add("fuzz.standards-bytes", cases=1, rejected=int(code == 1), accepted_text_only=int(code == 0))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=corruption(SOPS + STANDARDS))
def test_the_mkdocs_hook_never_shows_a_traceback(tmp_path_factory, figures, case: tuple[Path, bytes]) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from handbook.site.mkdocs_adapter import HandbookAdapter

    source, data = case
    root = tmp_path_factory.mktemp("repo")
    for part in ("mkdocs.yml", "mkdocs.en.yml"):
        (root / part).write_bytes((REPO / part).read_bytes())
    make_project(root, base=False)
    for sop in SOPS:
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    for part in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / part, root / part)
    folder = "standards" if source.parent.name == "standards" else "sop"
    (root / folder / source.name).write_bytes(data)
    config = load_config(str(root / "mkdocs.yml"))
    adapter = HandbookAdapter()
    try:
        adapter.on_config(config)
        outcome = "built"
    except Abort as exc:
        assert "handbook check failed" in str(exc)
        outcome = "stopped"
    figures.add("fuzz.hook", cases=1, stopped=int(outcome == "stopped"))


# -- issue 12: what a reader sees, what a browser runs, what a folder holds -----------------------
FORBIDDEN = {lang: [p for p in yaml.safe_load(PHRASES.read_text(encoding="utf-8"))["forbidden"][lang]]
             for lang in ("zh", "en")}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufe00", "\ufe0f",
             "\U000e0100", "\u0301", "\u0332", "\u3164", "\u180e"]
SPACES = [" ", "\u3000", "  ", "\u00a0", "\u2009"]
LOOKALIKE = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "k": "κ", "n": "ո"}


@st.composite
def hidden_phrase(draw: st.DrawFn) -> tuple[str, str, str]:
    """(language, forbidden phrase, the phrase as an author might hide it)."""
    lang = draw(st.sampled_from(["zh", "en"]))
    phrase = draw(st.sampled_from(FORBIDDEN[lang]))["phrase"]
    chars = list(phrase)
    if lang == "zh" and draw(st.booleans()):
        import opencc

        chars = list(opencc.OpenCC("s2t.json").convert(phrase))
    out = []
    for i, ch in enumerate(chars):
        if lang == "en" and ch in LOOKALIKE and ch != "n" and draw(st.integers(0, 2)) == 0:
            ch = LOOKALIKE[ch]
        out.append(ch)
        if 0 < i + 1 < len(chars) and draw(st.integers(0, 2)) == 0:
            if lang == "zh" and draw(st.booleans()):
                out.append(draw(st.sampled_from(SPACES)))
            else:
                out.append(draw(st.sampled_from(INVISIBLE)))
    return lang, phrase, "".join(out)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=hidden_phrase(), where=st.sampled_from(["sop", "chapter", "chapter-markdown"]))
@example(case=("zh", "不知道", "不\u3000知道"), where="sop")
@example(case=("en", "calm down", "саlm dоwn"), where="chapter")
def test_a_hidden_forbidden_phrase_is_still_caught(tmp_path_factory, figures, case: tuple[str, str, str],
                                                    where: str) -> None:
    lang, phrase, hidden = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    if where == "sop":
        sop = root / "sop" / "grooming-check.yml"
        text = sop.read_text(encoding="utf-8")
        first_say = text.index(f"        {lang}: " if lang == "en" else "      - zh: ", text.index("    say:"))
        end = text.index("\n", first_say)
        key = text[first_say:text.index(":", first_say) + 1]
        line = f"{key} {json.dumps(hidden, ensure_ascii=False)}"
        sop.write_text(text[:first_say] + line + text[end:], encoding="utf-8")
    else:
        if where == "chapter-markdown":  # emphasis around the middle, an entity for the first character
            mid = len(hidden) // 2
            hidden = f"&#{ord(hidden[0])};{hidden[1:mid]}**{hidden[mid:]}**"
        for lang_dir in ("zh", "en"):
            body = f"!!! say\n    - {hidden}\n" if lang_dir == lang else "Hello." if lang_dir == "en" else "您好。"
            page = root / "docs" / lang_dir / "handbook" / "01-x.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"---\ntitle: x\nchapter: 1\ndescription: x\n---\n\n{body}\n", encoding="utf-8")
    code, lines, elapsed = run_check(root)
    assert elapsed < SLOW
    assert code == 1 and any(" phrase.forbidden: " in line and f'"{phrase}"' in line for line in lines), (hidden, lines)
    figures.add("fuzz.hidden-phrases", cases=1)


FRAGMENTS = ["<img src=x", " onerror=alert(1)>", "<script>", "alert(2)", "</script>", "<iframe src=x>", "`", "\\`",
             "```x```", "\n", "\n\n", "[a](", "javascript:alert(3)", ")", "[r]", "[r]: ", "&#106;", "&colon;",
             "{: onclick=alert(4) }", "{: href=javascript:alert(5) }", "<!-->", "-->", "<!--", "--!>", "<![CDATA[",
             "]]>", "<svg onload=alert(6)>", "<a href=", '"', "'", ">", "文字", "text", "    ", "> ", "- ", "*",
             "_", "<span style=x>", "<kbd>", "data:text/html,x", "<details open>", "![i](", "//evil.example/x.png"]


class _Oracle(HTMLParser):
    """An independent, crude judge of rendered HTML: what would run script in a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "svg", "object", "embed", "math", "style", "form", "base", "meta", "link"):
            self.bad.append(tag)
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in ("href", "src") and url.startswith(("javascript:", "data:",
                                                                                    "vbscript:"))):
                self.bad.append(f"{tag} {name}={value}")

    def handle_comment(self, data: str) -> None:
        inner = _Oracle()
        inner.feed(data)
        self.bad += inner.bad


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
@example(parts=["<img src=x", "\n", " onerror=alert(1)>"])
@example(parts=["\\`", "<script>", "alert(2)", "</script>", "\\`"])
@example(parts=["[a](", "javascript:alert(3)", ")", "\n", "[r]", "\n\n", "[r]: ", "javascript:alert(3)"])
def test_hostile_markdown_that_passes_the_check_runs_no_script(tmp_path_factory, figures, parts: list[str]) -> None:
    import markdown

    from handbook.content.pages import MARKDOWN_CONFIGS, MARKDOWN_EXTENSIONS

    body = "".join(parts)
    root = make_project(tmp_path_factory.mktemp("repo"))
    for lang in ("zh", "en"):
        page = root / "docs" / lang / "handbook" / "01-x.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: x\nchapter: 1\ndescription: x\n---\n\n您好。{body}\n", encoding="utf-8")
    code, _lines, elapsed = run_check(root)
    assert elapsed < SLOW
    if code == 0:
        html = markdown.markdown(f"您好。{body}\n", extensions=list(MARKDOWN_EXTENSIONS),
                                 extension_configs=MARKDOWN_CONFIGS)
        oracle = _Oracle()
        oracle.feed(html)
        assert oracle.bad == [], (body, html)
    figures.add("fuzz.hostile-markdown", cases=1, rejected=int(code == 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(st.sampled_from(["docs/zh", "docs/en", "docs/zh/handbook", "sop", "standards"]),
                                  st.sampled_from(["x.md", "y.yml", "p.png", "a.svg", "b.html", "c.js", "d", "e.txt",
                                                   ".hidden", "f.MD"]),
                                  st.sampled_from(["file", "link-out", "link-in", "link-loop", "dangling", "fifo",
                                                   "folder"])),
                        min_size=1, max_size=5, unique_by=lambda e: (e[0], e[1])))
def test_any_file_in_the_content_folders_is_judged_without_reading_outside(tmp_path_factory, figures,
                                                                           entries: list) -> None:
    import os

    base = tmp_path_factory.mktemp("case")
    secret = base / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    root = make_project(base / "repo")
    expect_link, expect_type = set(), set()
    for folder, name, kind in entries:
        path = root / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            continue
        if kind == "file":
            path.write_text("---\ntitle: x\n---\n" if name.endswith(".md") else "x\n", encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            target = {"link-out": secret, "link-in": root / "standards" / "phrases.yml", "link-loop": path,
                      "dangling": base / "nowhere"}[kind]
            path.symlink_to(target)
            expect_link.add(f"{folder}/{name}")
        suffix = Path(name).suffix.lower()
        if folder.startswith("docs/") and kind == "file" and not name.startswith(".") and suffix not in (
                ".md", ".png"):
            expect_type.add(f"{folder}/{name}")
    start = time.perf_counter()
    _, out, err = run_cli("check", "--root", str(root), "--today", TODAY)
    assert time.perf_counter() - start < 60 and "Traceback" not in out + err and "internal error" not in err
    assert "TOP-SECRET-LINE" not in out + err and str(base) not in out + err
    for rel in expect_link:
        assert f"{rel}:1:1: error file.symlink:" in out, (rel, out)
    for rel in expect_type:
        assert f"{rel}:1:1: error chapter.file-type:" in out, (rel, out)
    figures.add("fuzz.content-files", cases=1, links=len(expect_link))
