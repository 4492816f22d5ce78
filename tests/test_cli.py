"""`handbook check` honours the CLI contract: line format, summary, exit codes, formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from handbook.source.diagnostics import parse_line
from support import FIXTURES, REPO, TODAY, check, make_project, run_cli

BAD = FIXTURES / "rules" / "phrase.forbidden" / "bad"


def test_clean_project_exits_0_with_a_summary(project: Path) -> None:
    code, lines = check(project)
    assert (code, lines) == (0, [])


def test_errors_exit_1_and_every_line_parses(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    code, lines = check(root)
    assert code == 1
    parsed = [parse_line(line) for line in lines if line.strip()]
    assert parsed and all(parsed)
    assert parsed[0] is not None and parsed[0].rule == "phrase.forbidden"


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "review.overdue" / "bad")
    (root / "expected.txt").unlink()
    assert check(root)[0] == 0
    assert check(root, "--strict")[0] == 1


def test_usage_errors_exit_2(project: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("check", "--root", str(project), str(project / "nope.yml"))
    assert code == 2 and "no such file" in err
    code, _, err = run_cli("check", "--root", str(tmp_path))
    assert code == 2 and "standards" in err
    code, _, _ = run_cli("check", "--format", "yaml")
    assert code == 2


def test_argparse_usage_error_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "handbook", "check", "--format", "xml"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_paths_limit_the_report_but_references_still_resolve(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    code, lines = check(root, str(root / "sop" / "reception-basic.yml"))
    assert (code, lines) == (0, [])
    code, lines = check(root, str(root / "sop"))
    assert code == 1 and all(line.startswith("sop/grooming-check.yml") for line in lines)


def test_json_format(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    code, out, _ = run_cli("check", "--root", str(root), "--today", TODAY, "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert doc["summary"]["errors"] == len(doc["diagnostics"]) == 4
    first = doc["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "rule", "message"}
    assert (first["path"], first["line"], first["column"]) == ("sop/grooming-check.yml", 26, 16)


def test_github_format_is_workflow_commands(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    _, out, _ = run_cli("check", "--root", str(root), "--today", TODAY, "--format", "github")
    first = out.splitlines()[0]
    assert first.startswith("::error file=sop/grooming-check.yml,line=26,col=16,title=phrase.forbidden::")
    assert 'contains "不知道"' in first


def test_junit_format_has_one_case_per_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    _, out, _ = run_cli("check", "--root", str(root), "--today", TODAY, "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert "sop/reception-basic.yml" in cases and cases["sop/reception-basic.yml"].find("failure") is None
    failure = cases["sop/grooming-check.yml"].find("failure")
    assert failure is not None and failure.get("type") == "phrase.forbidden"
    assert suite.get("failures") == "1"


def test_console_script_runs_in_a_subprocess(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    exe = Path(sys.executable).with_name("handbook")
    proc = subprocess.run([str(exe), "check", "--today", TODAY], cwd=root / "sop", capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("sop/grooming-check.yml:26:16: error phrase.forbidden:")
    assert proc.stdout.splitlines()[-1].endswith("4 errors, 0 warnings")


def test_cache_gives_the_same_result_and_notices_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", BAD)
    first = check(root, "--no-cache")
    assert check(root) == first  # cold run fills the cache
    assert (root / ".handbook-cache" / "sop-records.json").is_file()
    assert check(root) == first  # warm run: same verdict
    sop = root / "sop" / "grooming-check.yml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("不知道", "马上为您查询"), encoding="utf-8")
    assert check(root) == check(root, "--no-cache")
    (root / ".handbook-cache" / "sop-records.json").write_text("{not json", encoding="utf-8")
    assert check(root) == check(root, "--no-cache")  # a broken cache is ignored, not trusted
    standards = root / "standards" / "phrases.yml"
    new_rule = standards.read_text(encoding="utf-8").replace("    - phrase: 没办法\n", "    - phrase: 马上\n")
    standards.write_text(new_rule, encoding="utf-8")
    assert check(root) == check(root, "--no-cache")  # new standards: nothing reused


def test_parallel_check_equals_serial(tmp_path: Path) -> None:
    from handbook.checks.project import check_project

    root = make_project(tmp_path / "repo", BAD)
    base = (root / "sop" / "reception-basic.yml").read_text(encoding="utf-8")
    from handbook.checks.project import PARALLEL_FROM

    for i in range(PARALLEL_FROM + 10):  # above the parallel threshold
        text = base.replace("id: reception-basic", f"id: r{i}")
        if i % 5 == 0:
            text = text.replace("您好，欢迎光临！", "你好，欢迎光临！")
        (root / "sop" / f"r{i}.yml").write_text(text, encoding="utf-8")
    from handbook.checks import project

    serial = check_project(root, keep_models=False, jobs=1).diagnostics
    project.WORKER_PIDS.clear()
    parallel = check_project(root, keep_models=False, jobs=2).diagnostics
    assert serial == parallel and len(serial) > 9
    # the parallel path really ran in worker processes (a silent fall-back to serial would not)
    assert project.WORKER_PIDS and os.getpid() not in project.WORKER_PIDS


def test_spawned_worker_loads_its_own_standards(tmp_path: Path) -> None:
    """Forked workers inherit the parent's standards; a spawned one (macOS, Windows, Python
    3.14's forkserver) starts with nothing and must load them itself, with the same result."""
    from handbook.checks import project

    root = make_project(tmp_path / "repo", BAD)
    path = root / "sop" / "grooming-check.yml"
    serial = project.check_project(root, keep_models=False, jobs=1)
    project._worker.clear()  # what a spawned process starts with
    project._init_worker(root.resolve())
    try:
        record, _pid = project._worker_check(path)
    finally:
        project._worker.clear()
    assert record.path == "sop/grooming-check.yml"
    assert record.diagnostics == [d for d in serial.diagnostics if d.path == record.path and d.rule not in
                                  ("ref.unknown", "review.overdue", "id.duplicate")]
    assert len(record.diagnostics) == 4  # the four forbidden phrases of the fixture


def test_display_paths_agree_with_resolving_each_file(tmp_path: Path) -> None:
    from handbook.checks.project import DisplayPaths, display_path

    root = make_project(tmp_path / "repo", BAD)
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("id: x\n", encoding="utf-8")
    (root / "sop" / "linked.yml").symlink_to(outside)
    (root / "sop-alias").symlink_to(root / "sop")
    shown = DisplayPaths(root)
    cases = [root / "sop" / "reception-basic.yml", root / "sop" / "linked.yml", outside,
             root / "sop" / ".." / "sop" / "reception-basic.yml", root / "sop-alias" / "reception-basic.yml",
             root / "standards" / "phrases.yml"]
    for path in cases:
        assert shown(path) == display_path(path, root), path
    assert shown(root / "sop-alias" / "reception-basic.yml") == "sop/reception-basic.yml"
