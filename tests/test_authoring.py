"""Authors' tools: editor schema wiring, `handbook new`, `handbook fix`, pre-commit, CI, report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import FIXTURES, REPO, TODAY, check, make_project, run_cli

CATEGORIES = list(yaml.safe_load((REPO / "standards" / "categories.yml").read_text(encoding="utf-8"))["categories"])
# Text that satisfies every category's required phrases and checklist items, to fill skeletons with.
FILL_ZH = ("您好，欢迎光临，请您稍等，谢谢，抱歉，再见；"
           "问候、确认、打断、记录、回访、凭证、身份、耐心、报告、同意、24小时、评分、工牌、制服")
FILL_EN = ("Hello, welcome, please wait; thank you, sorry, goodbye. Greet, confirm, interrupt, record, follow up, "
           "receipt, identity, patience, report, consent, 24 hours, score, badge, uniform")


def test_editor_is_wired_to_the_committed_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schemas/sop.schema.json": ["sop/*.yml"]}
    for sop in (REPO / "sop").glob("*.yml"):
        first = sop.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/sop.schema.json", sop


@pytest.mark.parametrize("category", CATEGORIES)
def test_new_sop_skeleton_reports_each_placeholder_once_until_filled(tmp_path: Path, category: str) -> None:
    root = make_project(tmp_path / "repo")
    code, _, err = run_cli("new", "sop", "my-new-sop", "--category", category, "--root", str(root))
    assert code == 0, err
    path = root / "sop" / "my-new-sop.yml"
    text = path.read_text(encoding="utf-8")
    placeholders = text.count("【待填写：") + text.count("[TO FILL: ")
    code, lines = check(root, str(path))
    assert code == 1
    assert len(lines) == placeholders and all(" text.placeholder: " in line for line in lines), lines
    reported = {int(line.split(":")[1]) for line in lines}
    assert reported == {i for i, line in enumerate(text.splitlines(), 1) if "【待填写" in line or "[TO FILL" in line}
    # the skeleton holds the category's required steps, in order
    kinds = re.findall(r"^    kind: (\S+)$", text, re.MULTILINE)
    required = yaml.safe_load((REPO / "standards" / "categories.yml").read_text(encoding="utf-8"))[
        "categories"][category]["required_steps"]
    assert kinds == required
    filled = re.sub(r'"【待填写：[^"]*"', f'"{FILL_ZH}"', text)
    filled = re.sub(r'"\[TO FILL: [^"]*"', f'"{FILL_EN}"', filled)
    path.write_text(filled, encoding="utf-8")
    assert check(root, str(path), "--strict") == (0, [])


def test_new_refuses_bad_input_with_exit_2(project: Path) -> None:
    for args, message in [(["Bad_Id", "--category", "reception"], "not a valid SOP id"),
                          (["ok-id", "--category", "recption"], 'did you mean "reception"'),
                          (["grooming-check", "--category", "grooming"], "already exists")]:
        code, _, err = run_cli("new", "sop", *args, "--root", str(project))
        assert code == 2 and message in err, err


def test_fix_repairs_split_texts_and_punctuation_and_keeps_everything_else(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    path = root / "sop" / "grooming-check.yml"
    original = path.read_text(encoding="utf-8")
    text = original.replace(
        '      - zh: 您好，请您稍等，我马上到。\n        en: "Hello, please wait a moment, I\'ll be right with you."\n',
        "      - {zh: 您好,请您稍等,我马上到!, en: Hello, please wait a moment}  # keep me\n"
        "      - zh: 请问您需要什么?我们有(新款).\n        en: \"We have new styles (this season).\"\n")
    path.write_text(text, encoding="utf-8")
    assert any("yaml.split-text" in line for line in check(root, str(path))[1])

    code, out, _ = run_cli("fix", "--dry-run", "--root", str(root), str(path))
    assert code == 0 and "would fix 1 file" in out and "+      - {zh: \"您好，请您稍等，我马上到！\"" in out
    assert path.read_text(encoding="utf-8") == text  # dry run: nothing written

    run_cli("fix", "--root", str(root), str(path))
    fixed = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(text.splitlines(), fixed.splitlines(), strict=True) if a != b]
    assert [b for _, b in changed] == [
        '      - {zh: "您好，请您稍等，我马上到！", en: "Hello, please wait a moment"}  # keep me',
        "      - zh: 请问您需要什么？我们有（新款）。",
    ]
    assert check(root, str(path)) == (0, [])
    code, out, _ = run_cli("fix", "--root", str(root), str(path))
    assert "fixed 0 files" in out  # idempotent


def test_fix_leaves_the_shipped_sops_alone() -> None:
    code, out, _ = run_cli("fix", "--dry-run", "--root", str(REPO))
    assert code == 0 and out.strip() == f"would fix 0 files of {len(list((REPO / 'sop').glob('*.yml')))}"


def test_fix_never_touches_urls_or_numbers() -> None:
    from handbook.commands.fixes import fold_punctuation

    assert fold_punctuation("版本1.2,共3项") == "版本1.2，共3项"
    assert fold_punctuation("见 https://example.com/a,b") == "见 https://example.com/a,b"
    assert fold_punctuation("A.B, C") == "A.B, C"


def test_pre_commit_hook_runs_the_check_on_the_given_files(tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "handbook-check")
    assert hook["entry"] == "handbook check" and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("sop/complaint-handling.yml") and pattern.search("docs/zh/handbook/01-x.md")
    assert not pattern.search("README.md")
    root = make_project(tmp_path / "repo", FIXTURES / "rules" / "phrase.forbidden" / "bad")
    exe = Path(sys.executable).with_name(hook["entry"].split()[0])
    ok = subprocess.run([str(exe), *hook["entry"].split()[1:], "sop/reception-basic.yml"], cwd=root,
                        capture_output=True, text=True)
    bad = subprocess.run([str(exe), *hook["entry"].split()[1:], "sop/grooming-check.yml"], cwd=root,
                         capture_output=True, text=True)
    assert ok.returncode == 0 and bad.returncode == 1 and "phrase.forbidden" in bad.stdout


def _workflow_step(name_starts: str) -> str:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "handbook.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    return next(step["run"] for step in steps if str(step.get("name", "")).startswith(name_starts))


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_github_workflow_check_annotates_a_broken_handbook(tmp_path: Path, broken: bool) -> None:
    """Run the workflow's own check command: on a broken copy it must fail with annotations
    GitHub shows on the lines, on a clean one pass."""
    overlays = [FIXTURES / "rules" / "phrase.forbidden" / "bad"] if broken else []
    root = make_project(tmp_path / "repo", *overlays)
    (root / "expected.txt").unlink(missing_ok=True)
    command = _workflow_step("Check")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}", "CI": "true"}
    proc = subprocess.run(["bash", "-c", command], cwd=root, capture_output=True, text=True, env=env, timeout=120)
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    if broken:
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert annotations and all(re.match(r"::error file=sop/[\w.-]+,line=\d+,col=\d+,title=[a-z.-]+::", a)
                                   for a in annotations), annotations
    else:
        assert proc.returncode == 0 and annotations == [], proc.stdout + proc.stderr


def test_github_workflow_installs_from_the_lock_and_builds() -> None:
    assert "requirements.lock" in _workflow_step("Install")
    assert _workflow_step("Build").strip() == "handbook build"


def test_report_lists_every_sop_and_flags_reviews_due_soon(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    code, out, _ = run_cli("report", "--root", str(root), "--today", "2026-12-15")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[2:-1]}
    assert set(rows) == {"grooming-check", "reception-basic"}
    assert "due within 30 days" in rows["grooming-check"]  # review_by 2027-01-01
    assert "due within 30 days" not in rows["reception-basic"]  # review_by 2027-03-01
    assert "100%" in rows["grooming-check"] and "2/2" in rows["grooming-check"]
    assert out.splitlines()[-1] == "2 SOPs; 1 due for review within 30 days or overdue"


def test_report_page_shows_the_same_table(tmp_path: Path) -> None:
    import datetime as dt

    from handbook.checks.project import check_project
    from handbook.render.report_page import report_page

    result = check_project(make_project(tmp_path / "repo"))
    page = report_page(result.sops, dt.date(2026, 12, 15), "en")
    assert "[grooming&#45;check](sop/grooming-check.md)" in page and "due within 30 days" in page


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    script = shutil.which("script")
    assert script, "needs util-linux `script` to fake a terminal"
    root = make_project(tmp_path / "repo")
    base = (root / "sop" / "reception-basic.yml").read_text(encoding="utf-8")
    for i in range(220):
        (root / "sop" / f"r{i}.yml").write_text(base.replace("id: reception-basic", f"id: r{i}"), encoding="utf-8")
    handbook = Path(sys.executable).with_name("handbook")
    command = f"{handbook} check --no-cache --today {TODAY} --root {root}"
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm"}
    tty = subprocess.run([script, "-qec", command, "/dev/null"], capture_output=True, text=True, env=env)
    assert "checking SOPs" in tty.stdout, tty.stdout[-500:]
    quiet = subprocess.run([script, "-qec", command, "/dev/null"], capture_output=True, text=True,
                           env={**env, "CI": "true"})
    assert "checking SOPs" not in quiet.stdout and "files checked" in quiet.stdout
    piped = subprocess.run(command.split(), capture_output=True, text=True, env=env)
    assert "checking SOPs" not in piped.stdout + piped.stderr
