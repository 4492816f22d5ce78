"""What git knows about when the handbook's files, and the lines in them, last changed.

The stale-translation check (`i18n.stale`) asks two questions: when did this file last change,
and when did each line of this file last change. Both are answered from the local repository
with a handful of git commands per check and no network: one `git log --name-only` for the last
commit of every file under the folders asked about, `git diff HEAD` and `git ls-files --others`
for what is not committed yet, and one `git blame --porcelain` per file whose lines are asked
about (run a few at a time: each is a separate process). Uncommitted edits count as the newest
change of all, so an author sees the warning before committing.

Outside a git checkout, or without git, `History.open` returns None with the reason, and the
caller says so once instead of guessing.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

_ZERO = "0" * 40  # git blame's commit id for lines that are not committed yet
_TIMEOUT = 120
BLAME_THREADS = 4  # blames are separate git processes: a few at a time use every core


@dataclass(frozen=True, slots=True)
class Change:
    """The commit that last changed something, or an uncommitted edit (newer than any commit)."""

    commit: str  # full commit id; "" for an uncommitted edit
    time: int  # committer time, seconds since the epoch
    rank: int = 0  # position in `git log` (0 is the newest): orders commits of the same second

    @property
    def uncommitted(self) -> bool:
        return not self.commit

    def order(self) -> tuple[int, int]:
        """Sort key: later changes sort higher; uncommitted edits highest of all."""
        return (2**62, 0) if self.uncommitted else (self.time, -self.rank)

    def describe(self) -> str:
        """How a person reads it: `73f7fcf (2026-12-01)`, or `uncommitted`."""
        if self.uncommitted:
            return "an uncommitted edit"
        day = _dt.datetime.fromtimestamp(self.time, _dt.UTC).date().isoformat()
        return f"{self.commit[:7]} ({day})"


UNCOMMITTED = Change("", 0)


def newest(changes: Iterable[Change]) -> Change | None:
    return max(changes, key=Change.order, default=None)


def _git(root: Path, *args: str) -> str | None:
    """Run one git command in `root`; its output, or None when git is missing or fails."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                              env=env, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


@dataclass(slots=True)
class History:
    """The history of the files under some folders of `root` (paths relative to `root`)."""

    root: Path
    shallow: bool = False
    last: dict[str, Change] = field(default_factory=dict)  # file → the last commit that touched it
    commits: dict[str, int] = field(default_factory=dict)  # file → how many commits touched it
    changed: set[str] = field(default_factory=set)  # tracked files that differ from HEAD
    untracked: set[str] = field(default_factory=set)
    ranks: dict[str, int] = field(default_factory=dict)  # commit → position in the log

    @classmethod
    def open(cls, root: Path, folders: tuple[str, ...]) -> tuple[History | None, str]:
        """The history of `folders`, or None and why not (a note for the person running it)."""
        probe = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
        if probe is None or not probe.startswith("true"):
            return None, "not a git checkout (or git is not installed)"
        history = cls(root, shallow=probe.split()[1:2] == ["true"])
        log = _git(root, "log", "--no-renames", "--format=%x1e%H %ct", "--name-only", "--relative", "-z",
                   "--", *folders)
        if log is None:  # a repository without commits yet: everything is uncommitted
            log = ""
        history._read_log(log)
        diff = _git(root, "diff", "--name-only", "--relative", "-z", "HEAD", "--", *folders) or ""
        history.changed = {p for p in diff.split("\0") if p}
        others = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *folders) or ""
        history.untracked = {p for p in others.split("\0") if p}
        note = ""
        if history.shallow:
            note = ("this is a shallow clone: changes older than its first commit are not compared "
                    "(fetch the whole history: git fetch --unshallow; in GitHub Actions, fetch-depth: 0)")
        return history, note

    def _read_log(self, log: str) -> None:
        for rank, record in enumerate(r for r in log.split("\x1e") if r):
            header, _, names = record.partition("\0")
            commit, _, when = header.partition(" ")
            self.ranks[commit] = rank
            change = Change(commit, int(when or 0), rank)
            for name in names.lstrip("\n").split("\0"):
                if not name:
                    continue
                self.last.setdefault(name, change)  # the log is newest first
                self.commits[name] = self.commits.get(name, 0) + 1

    def file_change(self, rel: str) -> Change | None:
        """When `rel` last changed: its last commit, UNCOMMITTED when edited or new, None when
        git does not know the file at all (neither committed nor waiting to be added)."""
        if rel in self.changed or rel in self.untracked:
            return UNCOMMITTED
        return self.last.get(rel)

    def may_differ_by_line(self, rel: str) -> bool:
        """Whether the lines of `rel` can have different last changes (one commit and no edits
        since means every line came from that commit)."""
        return rel in self.changed or self.commits.get(rel, 0) > 1

    def line_changes(self, rels: list[str]) -> dict[str, list[Change]]:
        """For each file, the last change of each of its lines (index 0 is line 1), from
        `git blame` of the working tree; files git cannot blame are left out."""
        wanted = [r for r in rels if r not in self.untracked]
        with ThreadPoolExecutor(max_workers=BLAME_THREADS) as pool:
            blamed = list(pool.map(self._blame, wanted))
        return {rel: lines for rel, lines in zip(wanted, blamed, strict=True) if lines is not None}

    def _blame(self, rel: str) -> list[Change] | None:
        out = _git(self.root, "blame", "--porcelain", "-w", "--", rel)
        return None if out is None else parse_blame(out, self.ranks)


def parse_blame(out: str, ranks: dict[str, int]) -> list[Change]:
    """The last change of every line from `git blame --porcelain` output."""
    times: dict[str, int] = {}
    order: list[tuple[int, str]] = []
    commit = ""
    expect_header = True
    for line in out.split("\n"):
        if expect_header:
            parts = line.split(" ")
            if len(parts) >= 3 and len(parts[0]) == 40:
                commit = parts[0]
                order.append((int(parts[2]), commit))
                expect_header = False
            continue
        if line.startswith("\t"):  # the line's content ends its entry
            expect_header = True
        elif line.startswith("committer-time "):
            times[commit] = int(line.split(" ", 1)[1])
    lines: list[Change] = [UNCOMMITTED] * (max((n for n, _ in order), default=0))
    cache: dict[str, Change] = {}
    for number, sha in order:
        change = cache.get(sha)
        if change is None:
            change = cache[sha] = UNCOMMITTED if sha == _ZERO else Change(sha, times.get(sha, 0),
                                                                            ranks.get(sha, 1 << 30))
        lines[number - 1] = change
    return lines
