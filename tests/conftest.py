"""Fixtures shared by all tests (helpers live in support.py), and the quality report.

Tests that measure something (fuzz cases run, inputs tried) record figures with the `figures`
fixture; at the end of a run they are printed and written to quality/last-run.json, which the
site's "Quality and safety" page shows.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from support import REPO, build, copy_repo, make_project

# CI runs the same fuzz cases every time (derandomized), so a red build always means a change
# broke something; local runs explore new random cases and can find new bugs.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

_FIGURES: dict[str, dict[str, Any]] = {}
_OUTCOMES: dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "repo")


class Figures:
    """Named counters a test adds to: `figures.add("fuzz.bytes", cases=1, errors=1)`."""

    def add(self, area: str, **counts: int) -> None:
        entry = _FIGURES.setdefault(area, {})
        for key, value in counts.items():
            entry[key] = entry.get(key, 0) + value

    def set(self, area: str, **values: Any) -> None:
        _FIGURES.setdefault(area, {}).update(values)


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the shipped handbook built (`mkdocs build --strict`, every
    edition) once per session; tests read it and never change it (build your own to change)."""
    root = copy_repo(tmp_path_factory.mktemp("shipped") / "repo")
    proc = build(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture(scope="session")
def figures() -> Figures:
    return Figures()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _OUTCOMES[report.outcome] = _OUTCOMES.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FIGURES:
        return
    terminalreporter.section("quality figures")
    for area, values in sorted(_FIGURES.items()):
        terminalreporter.write_line(f"{area}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Record the figures of a full, green run (partial runs would understate them), and only
    when asked (`make test` sets HANDBOOK_QUALITY_REPORT=1): a tracked file must not change
    because someone ran the tests."""
    if os.environ.get("HANDBOOK_QUALITY_REPORT") != "1":
        return
    every_module = {p.resolve() for p in (REPO / "tests").rglob("test_*.py")}
    ran_modules = {Path(str(item.fspath)).resolve() for item in session.items}
    if not _FIGURES or exitstatus != 0 or ran_modules != every_module or session.config.getoption("keyword"):
        return
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=5).stdout.strip()
    except OSError:
        commit = ""
    report = {"date": _dt.date.today().isoformat(), "commit": commit, "tests": dict(_OUTCOMES),
              "figures": _FIGURES}
    out = REPO / "quality" / "last-run.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
