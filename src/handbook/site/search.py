"""Search per edition with Pagefind: an index a phone fetches piece by piece, only when it searches.

Material's own search hands every phone the whole index of its language on the first page
(1.1 MB for the shipped handbook, 5.9 MB at 230 SOPs). Pagefind splits the index into small
chunks and fragments and the browser fetches only those a query needs, after the first query.
Its extended build segments Chinese, the same segmenter at build time and (in its WebAssembly)
at query time.

Runs on a *built* edition folder, whatever engine built it: `index_edition` reads the edition's
HTML (other editions' folders left out, so a query only ever finds pages of its own edition),
indexes the article of each page (not the navigation, the header or the SOP's metadata run
together) and writes `pagefind/` into the edition folder. The interface (site/static/
handbook-search.js) loads `pagefind/pagefind.js` on the first query; the offline precache lists
these files (see `search_files`), so search also works with no signal after one visit.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..render.labels import label
from ..source.text import HAN_RE, traditional_to_simplified

BUNDLE = "pagefind"
SEARCH_SCRIPT = "assets/handbook-search.js"
# Pagefind reads Chinese pages as Simplified when it indexes them (a Traditional page is found by
# 投诉) but takes a query as typed, so 投訴 would miss. This table (Traditional → Simplified, for
# the characters of this edition's pages and their Traditional forms) lets the page fold a query
# the same way before it searches; fetched with the first query, like the index.
FOLD = BUNDLE + "/handbook-fold.txt"
# Pages that are not worth finding: a checklist repeats its SOP (and the booklet every SOP), a
# quiz lists wrong answers beside right ones.
NOT_INDEXED = ("checklists/", "quiz/", "404.html", BUNDLE + "/")
# What a result must not show: links' pilcrows, the SOP's metadata list, edit buttons, the flow
# chart (it repeats the steps), and anything the page marks itself.
EXCLUDE = (".headerlink", ".hb-about", ".hb-sop-checklist", ".hb-flow", ".hb-visually-hidden", ".md-source-file",
           ".md-content__button", "h1",
           "[data-pagefind-ignore]", "script", "noscript")
# Pagefind writes its own UIs too; the handbook has its own, so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass(frozen=True, slots=True)
class SearchReport:
    """What one edition's index holds, for the build log."""

    edition: str
    pages: int
    files: int
    size: int

    def summary(self) -> str:
        return f"search {self.edition}: {self.pages} pages indexed, {self.files} files, {self.size / 1e6:.2f} MB"


def index_language(edition: str) -> str:
    """Pagefind's language of an edition: both Chinese editions are segmented as Chinese."""
    return "zh" if edition.startswith("zh") else edition


def pages_to_index(folder: Path, exclude: tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """(URL path from the edition root, file) of every page worth finding."""
    skip = (*NOT_INDEXED, *exclude)
    pages = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        if not rel.startswith(skip):
            pages.append((rel, path))
    return pages


async def _index(folder: Path, edition: str, pages: list[tuple[str, Path]]) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # (leaving the context writes the index to output_path: no write_files, which would write twice)
    config = IndexConfig(root_selector="article", exclude_selectors=list(EXCLUDE),
                         force_language=index_language(edition), keep_index_url=True,
                         output_path=str(folder / (BUNDLE + ".new")))
    async with PagefindIndex(config=config) as index:
        # one request: Pagefind reads the files itself, in parallel (file by file through its
        # service, a 1,000-SOP edition took two minutes)
        await index.add_directory(str(folder), glob=glob_of([rel for rel, _ in pages]))


def glob_of(rels: list[str]) -> str:
    """A glob (Pagefind's: wax) that matches exactly the folders and root files of `rels`."""
    parts = sorted({f"{rel.split('/', 1)[0]}/**/*.html" if "/" in rel else rel for rel in rels})
    return "{" + ",".join(parts) + "}" if len(parts) > 1 else (parts[0] if parts else "none.html")


def index_edition(folder: Path, edition: str, *, exclude: tuple[str, ...] = ()) -> SearchReport:
    """Write `<folder>/pagefind/` for the edition built in `folder`; `exclude` names the folders
    of other editions inside it (e.g. "en/"). The old index is replaced only once the new one
    is complete."""
    pages = pages_to_index(folder, exclude)
    fresh, bundle = folder / (BUNDLE + ".new"), folder / BUNDLE
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        # in a thread of its own: the caller may be running an event loop already (Playwright's
        # sync API in the tests does), and asyncio.run refuses to start inside one
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(folder, edition, pages)).result()
    except Exception as exc:  # the service's own errors are bare; say what failed
        shutil.rmtree(fresh, ignore_errors=True)
        raise RuntimeError(f"search index of the {edition} edition ({folder}) failed: {exc}") from exc
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    if index_language(edition) == "zh":
        (folder / FOLD.replace(BUNDLE, BUNDLE + ".new", 1)).write_text(fold_table(pages), encoding="utf-8")
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    files = search_files(folder)
    return SearchReport(edition, len(pages), len(files), sum((folder / f).stat().st_size for f in files))


def fold_table(pages: list[tuple[str, Path]]) -> str:
    """Pairs of characters, Traditional then Simplified, for every Han character of `pages`
    that has a Traditional form (and every Traditional character they contain)."""
    table = traditional_to_simplified()
    seen: set[str] = set()
    for _, path in pages:
        seen.update(HAN_RE.findall(path.read_text(encoding="utf-8")))
    simplified = {table.get(ord(c), c) for c in seen}
    return "".join(chr(t) + s for t, s in sorted(table.items()) if s in simplified)


def search_files(folder: Path) -> list[str]:
    """Every file of the edition's search bundle, relative to the edition root (for the precache)."""
    bundle = folder / BUNDLE
    if not bundle.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in bundle.rglob("*") if p.is_file())


def search_texts(lang: str) -> dict[str, str]:
    """The interface's words in the page's language (for handbook-search.js)."""
    keys = ("search_open", "search_close", "search_label", "search_placeholder", "search_loading",
            "search_none", "search_found", "search_file", "search_failed", "search_more")
    return {key.removeprefix("search_"): label(lang, key) for key in keys}


def search_script(lang: str) -> str:
    """handbook-search.js with its words in the page's language."""
    code = resources.files("handbook.site").joinpath("static", "handbook-search.js").read_text(encoding="utf-8")
    return code.replace("/*HANDBOOK_TEXT*/ {}", json.dumps(search_texts(lang), ensure_ascii=False))
