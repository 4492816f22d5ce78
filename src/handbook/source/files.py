"""Reading content files without following links, blocking on pipes or trusting a listing.

Everything the checker and the site read from `docs/`, `sop/` and `standards/` goes through
`read_regular`: it opens the file without following a symbolic link (so nothing outside the
repository is ever read, not even for an error message), refuses anything that is not a regular
file (a folder named like a page, a FIFO that would block forever, a device), and turns every
failure (no permission, removed since it was listed) into an `Unreadable` whose message names
neither the target of a link nor any path. `walk` lists a folder the same way: links are
reported, never followed, so a link loop cannot hang or crash a check.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """A content file that cannot be read as content; `message` is safe to show."""

    def __init__(self, message: str, *, link: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.link = link


def kind_of(mode: int) -> str:
    """What a non-regular file is, in an author's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file at `path` (its last component not followed if a link).

    With `limit`, at most `limit + 1` bytes are read: enough for the caller to see that the file
    is too large without reading all of it."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("the file was removed while it was being checked; check again") from None
    except PermissionError:
        raise Unreadable("the file cannot be read (permission denied); make it readable") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise Unreadable("the file is a symbolic link; content is read from the repository only",
                             link=True) from None
        raise Unreadable(f"the file cannot be read ({os.strerror(exc.errno or 0)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(f"this is {kind_of(mode)}, not a file; content must be a regular file")
        return _read_all(fd, limit)
    except OSError as exc:
        raise Unreadable(f"the file cannot be read ({os.strerror(exc.errno or 0)})") from None
    finally:
        os.close(fd)


def _read_all(fd: int, limit: int | None) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if limit is not None and total > limit:
            return b"".join(chunks)[: limit + 1]


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found under a folder: `kind` is file, folder, link or other (pipe, device…)."""

    path: Path
    kind: str
    mode: int = 0


def entry_of(path: Path) -> Entry | None:
    """What `path` itself is (a link is a link, whatever it points at); None if it is gone."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return Entry(path, "link", mode)
    if stat.S_ISDIR(mode):
        return Entry(path, "folder", mode)
    return Entry(path, "file" if stat.S_ISREG(mode) else "other", mode)


def walk(folder: Path) -> Iterator[Entry]:
    """Every entry under `folder`, sorted, depth first; links are yielded and never entered.

    An unreadable subfolder is yielded as `other` (it cannot be listed). Linear in the number of
    entries; no link is followed, so a link loop is just one more link."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        path = Path(e.path)
        try:
            if e.is_symlink():
                yield Entry(path, "link")
                continue
            if e.is_dir(follow_symlinks=False):
                yield Entry(path, "folder")
                if os.access(path, os.R_OK | os.X_OK):
                    yield from walk(path)
                else:
                    yield Entry(path, "other", stat.S_IFDIR)
                continue
            mode = e.stat(follow_symlinks=False).st_mode
        except OSError:
            continue  # removed while listing: nothing left to check
        yield Entry(path, "file" if stat.S_ISREG(mode) else "other", mode)
