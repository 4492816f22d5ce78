"""Which files the repository's content may consist of, listed once for every other check.

The site publishes what is in `docs/<lang>/`, and the checker reads `sop/`, `standards/` and the
pages; MkDocs follows links and copies every file it finds. So before anything is read:

* a symbolic link anywhere under the content folders is an error (`file.symlink`) and is never
  read or published: a link can point outside the repository (`/etc/passwd`), at a device, or at
  itself; the message names the link, never its target;
* a page or SOP that is not a regular file (a folder named `x.md`, a FIFO, a device) is an error
  (`file.unreadable`), as is one that cannot be read or vanished while the check ran;
* `docs/<lang>/` may hold Markdown pages and images only (`chapter.file-type`): an `.html` or
  `.svg` file would be published as active content, unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.pages import ASSET_SUFFIXES, LANG_DIRS
from ..source.diagnostics import RuleId
from ..source.files import Entry, entry_of, kind_of, walk

FILE_SYMLINK = RuleId("file.symlink", "a symbolic link among the content files (docs/, sop/, standards/, overrides/)")
FILE_UNREADABLE = RuleId("file.unreadable",
                         "a content file that is not a regular file (a folder or pipe), unreadable, or removed")
CHAPTER_FILE_TYPE = RuleId("chapter.file-type",
                           "a file in docs/ of a type the site must not publish (only .md and images)")

CONTENT_FOLDERS = ("docs", "sop", "standards", "overrides")


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    rule: RuleId
    message: str


@dataclass(slots=True)
class Listing:
    """The content files that may be read, and what is wrong with the rest."""

    sops: list[Path] = field(default_factory=list)  # sop/*.yml, regular files
    stray: list[Path] = field(default_factory=list)  # sop/*.yaml, regular files
    pages: dict[str, list[Path]] = field(default_factory=lambda: {lang: [] for lang in LANG_DIRS})
    problems: list[Problem] = field(default_factory=list)

    @property
    def reported(self) -> list[Path]:
        return [p.path for p in self.problems]


LINK_MESSAGE = ("this is a symbolic link; content is read from the repository only, so the link is neither "
                "read nor published: put the file itself here")


def list_content(root: Path) -> Listing:
    """Walk the content folders once, without following a link."""
    out = Listing()
    for name in CONTENT_FOLDERS:
        top = entry_of(root / name)
        if top is None:
            continue
        if top.kind == "link":
            out.problems.append(Problem(top.path, FILE_SYMLINK, LINK_MESSAGE))
            continue
        for entry in walk(top.path):
            _classify(root, name, entry, out)
    return out


def _classify(root: Path, folder: str, entry: Entry, out: Listing) -> None:
    rel = entry.path.relative_to(root / folder)
    if entry.kind == "link":
        out.problems.append(Problem(entry.path, FILE_SYMLINK, LINK_MESSAGE))
        return
    if folder == "sop" and len(rel.parts) == 1 and entry.path.suffix in (".yml", ".yaml"):
        if entry.kind == "file":
            (out.sops if entry.path.suffix == ".yml" else out.stray).append(entry.path)
        else:
            out.problems.append(Problem(entry.path, FILE_UNREADABLE, _not_a_file(entry, "an SOP")))
        return
    if folder == "docs" and len(rel.parts) > 1 and rel.parts[0] in LANG_DIRS:
        _classify_page(rel.parts[0], rel, entry, out)


def _classify_page(lang: str, rel: Path, entry: Entry, out: Listing) -> None:
    if any(part.startswith(".") for part in rel.parts[1:]):
        return  # MkDocs neither reads nor publishes hidden files
    suffix = entry.path.suffix.lower()
    if entry.kind == "folder" and suffix != ".md":
        return
    if entry.kind != "file":
        if suffix == ".md" or entry.kind == "other":
            out.problems.append(Problem(entry.path, FILE_UNREADABLE, _not_a_file(entry, "a page")))
        return
    if entry.path.suffix == ".md":
        out.pages[lang].append(entry.path)
    elif suffix not in ASSET_SUFFIXES:
        shown = f"an {entry.path.suffix} file" if entry.path.suffix else "a file without an extension"
        out.problems.append(Problem(entry.path, CHAPTER_FILE_TYPE,
                                    f"{shown} in docs/{lang}/ would be published as it is, unchecked; "
                                    f"pages are .md files and images are {', '.join(sorted(ASSET_SUFFIXES))}: "
                                    "remove it or convert it"))


def _not_a_file(entry: Entry, what: str) -> str:
    if entry.kind == "folder":
        return f"this is a folder named like {what}; rename it (or move {what} out of it)"
    if entry.kind == "other" and kind_of(entry.mode) == "a folder":
        return "this folder cannot be read (permission denied); make it readable"
    return f"this is {kind_of(entry.mode)}, not a file; {what} must be a regular file"
