"""Print a check result for people (text) or machines (json, github, junit)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from ..checks.project import CheckResult
from ..source.diagnostics import Diagnostic

FORMATS = ("text", "json", "github", "junit")


def render(result: CheckResult, fmt: str) -> str:
    return {"text": as_text, "json": as_json, "github": as_github, "junit": as_junit}[fmt](result)


def as_text(result: CheckResult) -> str:
    return "\n".join([*(d.format() for d in result.diagnostics), result.summary()]) + "\n"


def as_json(result: CheckResult) -> str:
    doc = {
        "summary": {"files": result.files, "errors": len(result.errors), "warnings": len(result.warnings)},
        "diagnostics": [
            {"path": d.path, "line": d.line, "column": d.col, "severity": d.severity.value,
             "rule": d.rule, "message": d.message}
            for d in result.diagnostics
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line."""
    lines = [
        f"::{d.severity.value} file={_gh_escape(d.path, prop=True)},line={d.line},col={d.col},"
        f"title={_gh_escape(d.rule, prop=True)}::{_gh_escape(d.message)}"
        for d in result.diagnostics
    ]
    return "\n".join([*lines, result.summary()]) + "\n"


def as_junit(result: CheckResult) -> str:
    """One test case per file checked; each error is a failure (GitLab shows them in MRs)."""
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in result.checked}
    for d in result.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    suite = ET.Element("testsuite", name="handbook check", tests=str(len(by_file)),
                       failures=str(sum(1 for v in by_file.values() if any(d.is_error for d in v))),
                       errors="0")
    for path, diags in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="handbook.check", name=path)
        errors = [d for d in diags if d.is_error]
        if errors:
            failure = ET.SubElement(case, "failure", type=errors[0].rule,
                                    message=f"{len(errors)} error(s)")
            failure.text = "\n".join(d.format() for d in errors)
        warnings = [d for d in diags if not d.is_error]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(d.format() for d in warnings)
    root = ET.Element("testsuites")
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
