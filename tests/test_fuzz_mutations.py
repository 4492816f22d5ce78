"""Hypothesis mutates real SOPs at the text level: never a traceback, exit 0 or 1, and every
diagnostic line in the contract format."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.source.diagnostics import parse_line
from support import FIXTURES, REPO, TODAY, make_project, run_cli, without_notes

SOURCES = sorted((REPO / "sop").glob("*.yml")) + sorted((FIXTURES / "base" / "sop").glob("*.yml"))
TRAPS = ["yes", "no", "1.10", "2026-13-01", "012345", "12:30", "~", "&a x", "*a", "!!binary eA==",
         "{zh: 您好,请您慢慢说, en: x}", '"unclosed', "\t", "[", "{", "- - -", "标题：欢迎", "Press #1",
         "\u200b", "\u202e", "你好", "不知道", "? x", "---", ": :", "%YAML 1.1", "'"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(SOURCES))
    lines = source.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "trap", "chars", "indent", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "trap":
            head = lines[i].split(":", 1)[0]
            lines[i] = f"{head}: {draw(st.sampled_from(TRAPS))}"
        elif op == "chars":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(max_size=5)) + lines[i][pos:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 9)) + lines[i].lstrip()
        else:
            lines = lines[:i]
        if not lines:
            lines = [""]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + bytes(draw(st.lists(st.integers(0, 255), max_size=4))) + data[cut:]
    return source.name, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_mutated_sops_never_crash_the_checker(tmp_path_factory, case: tuple[str, bytes]) -> None:
    name, data = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    (root / "sop" / name).write_bytes(data)
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY)
    assert code in (0, 1), err
    assert "Traceback" not in out + err and without_notes(err) == ""
    lines = out.splitlines()
    assert lines[-1].endswith(("warning", "warnings")) and "checked:" in lines[-1]
    for line in lines[:-1]:
        assert parse_line(line) is not None, line
