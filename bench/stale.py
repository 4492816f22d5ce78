"""The cost of the stale-translation check (`i18n.stale`): `handbook check` in a git checkout
against the same files without `.git` (where the check stays silent), end to end, no cache.

  * the shipped handbook, cloned with its real history;
  * 1,000 SOPs (bench/corpus.py) committed once, then ten more commits, each editing a text of
    a tenth of the SOPs: every file has two commits, so every line is traced; one edit in 20
    (or, the worst case, every other one) changes the Chinese only, and those files are parsed
    again to place the warnings.

Usage: python bench/stale.py [--reps N]   (bench/run.py includes this section)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import REPO, make_corpus

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
       "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
       "GIT_COMMITTER_EMAIL": "bench@example.com"}
ZH = re.compile(r"^(\s*(?:- )?zh: )(.+)$")
EN = re.compile(r'^(\s*en: ")(.+)(")$')


def git(root: Path, *args: str, day: int = 1) -> None:
    when = f"2026-01-{day:02d}T10:00:00+00:00"
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def check_seconds(root: Path, reps: int) -> tuple[float, int]:
    """Median seconds of `handbook check --no-cache` (a fresh process each), and its warnings."""
    times, stale = [], 0
    for _ in range(reps):
        start = time.perf_counter()
        proc = subprocess.run([str(BIN / "handbook"), "check", "--no-cache", "--root", str(root)], cwd=root,
                              capture_output=True, text=True, env=ENV)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stdout + proc.stderr)
        stale = proc.stdout.count(" i18n.stale: ")
    return statistics.median(times), stale


def without_git(root: Path, dest: Path) -> Path:
    shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns(".git", ".handbook-cache"))
    return dest


def edit(text: str, c: int, zh_only: bool) -> str:
    """Revision `c` of an SOP: one zh text changed, and its en beside it unless `zh_only`."""
    lines = text.split("\n")
    zh_lines = [i for i, line in enumerate(lines[:-1]) if ZH.match(line) and EN.match(lines[i + 1])]
    i = zh_lines[c % len(zh_lines)]
    lines[i] += f"（第{c}版）"
    if not zh_only:
        m = EN.match(lines[i + 1])
        assert m
        lines[i + 1] = f"{m.group(1)}{m.group(2)} (rev {c}){m.group(3)}"
    return "\n".join(lines)


def history_corpus(dest: Path, n: int, zh_only_every: int, commits: int = 10) -> Path:
    """`n` SOPs committed once, then `commits` commits each editing a tenth of them; one edit in
    `zh_only_every` changes the Chinese only."""
    root = make_corpus(dest, n)
    (root / ".gitignore").write_text(".handbook-cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")
    files = sorted((root / "sop").glob("*.yml"))
    for c in range(commits):
        for i, path in enumerate(files):
            if (i + c) % 10 == 0:
                path.write_text(edit(path.read_text(encoding="utf-8"), c, i % zh_only_every == 0), encoding="utf-8")
        git(root, "commit", "-q", "-am", f"edit {c}", day=c + 2)
    return root


def shipped(work: Path) -> Path:
    dest = work / "stale-shipped"
    subprocess.run(["git", "clone", "-q", str(REPO), str(dest)], check=True, capture_output=True, env=ENV)
    return dest


def figures(work: Path, reps: int) -> list[dict[str, object]]:
    rows = []
    for name, root in (("shipped handbook (real history)", shipped(work)),
                       ("1,000 SOPs, 11 commits, 1 edit in 20 of the Chinese only",
                        history_corpus(work / "stale-corpus-1000", 1_000, 20)),
                       ("1,000 SOPs, 11 commits, every other edit of the Chinese only (half the files stale)",
                        history_corpus(work / "stale-corpus-1000-half", 1_000, 2))):
        with_history, stale = check_seconds(root, reps)
        plain, _ = check_seconds(without_git(root, work / f"{root.name}-no-git"), reps)
        rows.append({"name": name, "git": with_history, "plain": plain, "stale": stale})
    return rows


def section(rows: list[dict[str, object]]) -> list[str]:
    lines = ["## 6. Stale translations (`i18n.stale`): the cost of reading git history", "",
             "`handbook check --no-cache`, whole process, in a git checkout against the same files without `.git` "
             "(where the rule is silent).", "",
             "| corpus | without git | in git | cost | stale texts found |", "| --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        cost = float(r["git"]) - float(r["plain"])  # type: ignore[arg-type]
        lines.append(f"| {r['name']} | {r['plain']:.2f} s | {r['git']:.2f} s | {cost:+.2f} s | {r['stale']} |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-stale-") as tmp:
        print("\n".join(section(figures(Path(tmp), args.reps))))


if __name__ == "__main__":
    main()
