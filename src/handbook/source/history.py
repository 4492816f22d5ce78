"""What git knows about when the handbook's files, and the lines in them, last changed.

The stale-translation check (`i18n.stale`) asks two questions: when did this file last change,
and when did each line of this file last change. Both are answered from the local repository
with five git commands per check, however many files there are, and no network:

* `git log --name-status` gives the commits that touched each file (the last one dates a page);
* `git log -p -U0` of the modifications, with `git diff -U0 HEAD` for what is not committed
  yet, gives the changed line ranges, from which each current line is traced back to the commit
  that last changed it (what `git blame` does, for every file at once instead of one process
  per file);
* `git ls-files --others` names the files git does not know yet.

History is read along the first parent (`--first-parent`): a line that came in with a merge is
dated by the merge, when it reached this branch, so a zh edit merged after an en edit made on
the branch meanwhile counts as newer — the en was written without it. Commits are ordered by
their place in that history, not by their clocks. Uncommitted edits are the newest of all, so
an author sees the warning before committing.

Outside a git checkout, or without git, `History.open` returns None with the reason, and the
caller says so once instead of guessing.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_TIMEOUT = 120
_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_FIRST_PARENT = ("--first-parent", "--diff-merges=first-parent", "--no-renames")

Hunk = tuple[int, int, int]  # (first new line, number of new lines, lines removed): one -U0 hunk


@dataclass(frozen=True, slots=True)
class Change:
    """The commit that last changed something, or an uncommitted edit (newer than any commit)."""

    commit: str  # full commit id; "" for an uncommitted edit
    time: int  # committer time, seconds since the epoch (shown; the order is `rank`)
    rank: int = 0  # position in the first-parent history, 0 the newest

    @property
    def uncommitted(self) -> bool:
        return not self.commit

    def order(self) -> tuple[int, int]:
        """Sort key: later changes sort higher; uncommitted edits highest of all."""
        return (1, 0) if self.uncommitted else (0, -self.rank)

    def describe(self) -> str:
        """How a person reads it: `73f7fcf (2026-12-01)`, or `an uncommitted edit`."""
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
    folders: tuple[str, ...]
    shallow: bool = False
    commits: list[Change] = field(default_factory=list)  # newest first
    touched: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # file → (rank, A/M/D), newest first
    changed: set[str] = field(default_factory=set)  # tracked files that differ from HEAD
    untracked: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path, folders: tuple[str, ...]) -> tuple[History | None, str]:
        """The history of `folders`, or None and why not (a note for the person running it)."""
        probe = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
        if probe is None or not probe.startswith("true"):
            return None, "not a git checkout (or git is not installed)"
        history = cls(root, folders, shallow=probe.split()[1:2] == ["true"])
        # a repository without commits yet has no log: everything in it is uncommitted
        history._read_log(_git(root, "log", *_FIRST_PARENT, "--format=%x1e%H %ct", "--name-status",
                               "--relative", "-z", "--", *folders) or "")
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
            header, _, rest = record.partition("\0")
            commit, _, when = header.partition(" ")
            self.commits.append(Change(commit, int(when or 0), rank))
            fields = rest.lstrip("\n").split("\0")
            for status, name in zip(fields[0::2], fields[1::2], strict=False):
                if name:
                    self.touched.setdefault(name, []).append((rank, status[:1]))

    def file_change(self, rel: str) -> Change | None:
        """When `rel` last changed: its last commit, UNCOMMITTED when edited or new, None when
        git does not know the file at all (neither committed nor waiting to be added)."""
        if rel in self.changed or rel in self.untracked:
            return UNCOMMITTED
        seen = self.touched.get(rel)
        return self.commits[seen[0][0]] if seen else None

    def may_differ_by_line(self, rel: str) -> bool:
        """Whether the lines of `rel` can have different last changes (one commit and no edits
        since means every line came from that commit)."""
        return rel in self.changed or len(self.touched.get(rel, ())) > 1

    def line_changes(self, rels: list[str]) -> dict[str, list[Change]]:
        """For each file, the last change of each of its lines (index 0 is line 1), traced back
        from the working tree through the uncommitted diff and each commit's changed lines."""
        wanted = [r for r in rels if r not in self.untracked]
        if not wanted:
            return {}
        folders = sorted({r.split("/", 1)[0] for r in wanted})
        worktree = _hunks(_git(self.root, "diff", "--no-renames", "-U0", "--relative", "HEAD", "--", *folders) or "")
        patches = _hunks(_git(self.root, "log", *_FIRST_PARENT, "-p", "-U0", "--diff-filter=M", "--relative",
                              "--format=%x1e%H", "--", *folders) or "", by_commit=True)
        ranks = {c.commit: c.rank for c in self.commits}
        by_rank = {(ranks[sha], path): hunks for (sha, path), hunks in patches.items() if sha in ranks}
        out = {}
        for rel in wanted:
            try:
                count = _line_count((self.root / rel).read_bytes())
            except OSError:
                continue
            out[rel] = self._trace(rel, count, worktree.get(("", rel), []), by_rank)
        return out

    def _trace(self, rel: str, count: int, uncommitted: list[Hunk],
               patches: dict[tuple[int, str], list[Hunk]]) -> list[Change]:
        lines: list[Change | None] = [None] * count
        pending = list(range(1, count + 1))  # pending[i]: where current line i+1 is in the version looked at
        pending = _apply(uncommitted, pending, lines, UNCOMMITTED)
        for rank, status in self.touched.get(rel, []):
            if not any(p for p in pending):
                break
            if status == "M":
                pending = _apply(patches.get((rank, rel), []), pending, lines, self.commits[rank])
            elif status == "A":  # the file was created here: every line still untraced is from it
                for index, pos in enumerate(pending):
                    if pos:
                        lines[index] = self.commits[rank]
                break
        return [c if c is not None else UNCOMMITTED for c in lines]  # (untraced: a file not yet in HEAD)


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _hunks(diff: str, *, by_commit: bool = False) -> dict[tuple[str, str], list[Hunk]]:
    """{(commit, path): hunks} of -U0 diff output (commit "" for a plain `git diff`)."""
    out: dict[tuple[str, str], list[Hunk]] = {}
    commit, path, in_header = "", "", False
    for line in diff.split("\n"):
        if by_commit and line.startswith("\x1e"):
            commit, path, in_header = line[1:].strip(), "", False
        elif line.startswith("diff --git "):
            path, in_header = "", True
        elif in_header and line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else ""
        elif line.startswith("@@ "):
            in_header = False
            m = _HUNK.match(line)
            if m and path:
                removed = int(m.group(2)) if m.group(2) is not None else 1
                added = int(m.group(4)) if m.group(4) is not None else 1
                out.setdefault((commit, path), []).append((int(m.group(3)), added, removed))
    return out


def _apply(hunks: list[Hunk], pending: list[int], lines: list[Change | None], change: Change) -> list[int]:
    """Attribute to `change` the pending lines its hunks added; map the others to where they
    were before it (0: traced already)."""
    if not hunks:
        return pending
    hunks = sorted(hunks)
    out = []
    for index, pos in enumerate(pending):
        if not pos:
            out.append(0)
            continue
        shift, new = 0, False
        for start, added, removed in hunks:
            end = start + added - 1 if added else start  # lines after `end` are after the hunk
            if added and start <= pos <= end:
                new = True
                break
            if pos > end:
                shift += removed - added
            else:
                break
        if new:
            lines[index] = change
            out.append(0)
        else:
            out.append(pos + shift)
    return out
