"""Same behaviour, proven: `handbook check --format json` on the shipped handbook and on every
rule fixture is what `tests/golden/check.json` recorded.

The file is written by `python tests/test_golden.py --update` (run it only when a change of
output is intended, and review the diff). A refactoring that changes any diagnostic — its
place, rule, severity or message — fails here.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from support import FIXTURES, REPO, TODAY, make_project, run_cli

GOLDEN = REPO / "tests" / "golden" / "check.json"
CASES = sorted(p for p in (FIXTURES / "rules").glob("*/*") if p.is_dir())


def _check_json(root: Path) -> dict:
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, "--no-cache", "--format", "json")
    assert "Traceback" not in out + err
    return {"exit": code, **json.loads(out)}


def outputs() -> dict[str, dict]:
    shipped = _check_json(REPO)
    shipped["summary"].pop("files")  # grows with every new SOP; the diagnostics are what matter
    results = {"shipped": shipped}
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            root = make_project(Path(tmp) / case.parent.name / case.name, case)
            (root / "expected.txt").unlink(missing_ok=True)
            results[f"{case.parent.name}/{case.name}"] = _check_json(root)
            shutil.rmtree(root)
    return results


def test_check_output_is_unchanged() -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = outputs()
    assert sorted(actual) == sorted(expected), "fixture cases added or removed: update the golden file"
    changed = [name for name in expected if actual[name] != expected[name]]
    assert changed == [], f"check output changed for {changed[:5]}"


if __name__ == "__main__" and "--update" in sys.argv:
    sys.path.insert(0, str(Path(__file__).parent))
    GOLDEN.write_text(json.dumps(outputs(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
