"""`handbook build --engine zensical`: the same handbook built by Zensical, Material's successor.

Zensical reads mkdocs.yml but runs no `hooks:`, so it cannot call the library during its build.
It builds instead what `handbook pages` writes (`export_site`): every edition's Markdown, the
generated pages included, and hook-free configs. The check has already passed when this runs
(the command refuses to build otherwise), so both engines publish the same validated content.

Why it is built the way it is:

* Zensical empties its `site_dir` before writing, and refuses a `site_dir` outside the folder of
  its config. Each edition is therefore built into its own folder inside the export and moved
  into one staging folder afterwards (main edition at the root, the others at their sub-path:
  the layout the MkDocs build makes), and `swap_in` replaces the site only when every edition,
  the offline step and the resource check succeeded. On any failure the staging folder is
  removed and the old site is untouched.
* Zensical runs as a subprocess (`python -m zensical` of this interpreter, so the venv's): its
  Rust core prints Python tracebacks for every failure; the output is reduced to the located
  warnings and one line, never a traceback.
* Zensical's own search is switched off: every engine's site gets the handbook's (Pagefind,
  one index per edition, written by the offline step; see search.py).
* Each edition's config gets Zensical's `classic` variant (Material's look, which the handbook's
  CSS was made for) and `handbook-zensical.css`: the few rules only this engine's pages need.
* The built HTML is read for resources loaded from other hosts (scripts, stylesheets, fonts,
  images): the site must work offline and without any CDN, whatever a later Zensical adds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..checks.project import CheckResult
from .export import export_site
from .offline import OfflineReport
from .offline_export import offline_site
from .staging import staging_folder, swap_in

STYLESHEET = "assets/handbook-zensical.css"  # what this engine needs on top of handbook.css
VARIANT = "classic"  # Zensical's Material look (its default, "modern", restyles header, nav and footer)
TIMEOUT = 600  # seconds per edition; the 230-SOP export builds in about 20 s
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WARNING = re.compile(r"^(?:Warning|Error):\s*(?P<message>.+)$")
WHERE = re.compile(r"\[\s*(?P<file>[^\]\s]+):(?P<line>\d+):(?P<col>\d+)\s*\]")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")
RAISED = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception)|Error):\s*(?P<message>.+)$")


class ZensicalError(Exception):
    """Zensical could not build an edition: `problems` are located lines, the message one line."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class Edition:
    """One exported config and where its site goes, relative to the main edition's root."""

    config: Path
    docs: str  # the config's docs_dir, e.g. "docs/en": the repository folder of its pages
    place: Path  # "." for the main edition, "en" for /en/


def build_with_zensical(result: CheckResult, site_dir: Path, *, strict: bool = True) -> list[OfflineReport]:
    """Build every edition with Zensical beside `site_dir` and swap the whole site in.

    `result` must be a passed check of the whole repository (with its models). Raises
    `ZensicalError` (and leaves `site_dir` byte-identical) when any edition fails."""
    site_dir = site_dir.resolve()
    staging = staging_folder(site_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="handbook-zensical-") as tmp:
            export = Path(tmp) / "export"
            editions = _editions(export_site(result, export))
            for number, edition in enumerate(editions):
                built = _build_edition(edition, export / ".zensical-out" / str(number), strict=strict)
                target = staging / edition.place
                if target.exists() and edition.place != Path("."):
                    raise ZensicalError(f"two editions build into {edition.place}/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(built, target)
            reports = offline_site(result.root, staging)
        _refuse_external_resources(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, site_dir)
    return reports


def _editions(configs: list[Path]) -> list[Edition]:
    """The exported configs, main edition first (the one whose site_dir holds the others)."""
    found = []
    for config in configs:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        found.append((config, str(data.get("docs_dir", "docs")), Path(str(data.get("site_dir", "site")))))
    if not found:
        raise ZensicalError("the export wrote no site config")
    base = min((site for _, _, site in found), key=lambda p: len(p.parts))
    editions = []
    for config, docs, site in found:
        if not site.is_relative_to(base):
            raise ZensicalError(f"{config.name}: site_dir {site} is not inside the main site {base}")
        editions.append(Edition(config, docs, site.relative_to(base)))
    return sorted(editions, key=lambda e: len(e.place.parts) if e.place != Path(".") else 0)


def _build_edition(edition: Edition, out: Path, *, strict: bool) -> Path:
    """Run Zensical on one edition's config, pointed at `out` (inside the export, as it requires)."""
    project = edition.config.parent
    data = yaml.safe_load(edition.config.read_text(encoding="utf-8")) or {}
    data["site_dir"] = out.relative_to(project).as_posix()
    theme = data.setdefault("theme", {})
    theme.setdefault("variant", VARIANT)
    # the handbook's search (Pagefind, written by the offline step) replaces Zensical's own,
    # which it enables unless told not to
    data["plugins"] = {"search": {"enabled": False}}
    stylesheet = project / edition.docs / STYLESHEET
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text(resources.files("handbook.site").joinpath("static", "handbook-zensical.css")
                          .read_text(encoding="utf-8"), encoding="utf-8")
    data["extra_css"] = [*data.get("extra_css", []), STYLESHEET]
    config = project / f".zensical-{edition.config.name}"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_COLOR": "1", "CLICOLOR": "0", "TERM": "dumb"}
    try:
        proc = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ZensicalError(f"Zensical did not finish {edition.docs} within {TIMEOUT} s") from None
    except OSError as exc:
        raise ZensicalError(f"could not run Zensical ({exc})") from None
    if proc.returncode != 0 or not (out / "index.html").is_file():
        problems, reason = summarise_failure(proc.stdout + "\n" + proc.stderr, edition.docs)
        raise ZensicalError(f"Zensical could not build {edition.docs}: {reason}", problems)
    return out


def summarise_failure(output: str, docs: str) -> tuple[list[str], str]:
    """Zensical's output reduced to located problem lines and one reason (no traceback)."""
    lines = [ANSI.sub("", line).rstrip() for line in output.splitlines()]
    problems: list[str] = []
    pending: str | None = None
    for line in lines:
        warning = WARNING.match(line.strip())
        if warning and not line.startswith(" "):
            pending = warning["message"]
            continue
        where = WHERE.search(line)
        if pending is not None and where:
            problems.append(f"{docs}/{where['file']}:{where['line']}:{where['col']}: error zensical: {pending}")
            pending = None
    raised = [m["message"] for line in lines if not line.startswith(" ") and (m := RAISED.match(line))]
    reason = raised[0] if raised else next((line for line in reversed(lines) if line.strip()), "no output")
    reason = re.sub(r"^Python error:\s*", "", reason)
    if problems and "strict" in reason:
        reason = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} (listed above)"
    return problems, reason


# Attributes through which a page makes the browser fetch something (links to go to are fine).
_FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
             "embed": "src", "object": "data", "track": "src"}
_FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                   "manifest", "apple-touch-icon", "mask-icon"}


class _Resources(HTMLParser):
    """Every URL a page would fetch on load: fetching attributes, srcset, style url(…)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _FETCHING and values.get(_FETCHING[tag]):
            self.urls.append(values[_FETCHING[tag]])
        if tag == "link" and _FETCHING_LINKS & set(values.get("rel", "").lower().split()):
            self.urls.append(values.get("href", ""))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])
        self.urls.extend(u for pair in CSS_URL.findall(values.get("style", "")) for u in pair if u)
        self._style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._style:
            self.urls.extend(u for pair in CSS_URL.findall(data) for u in pair if u)

    def handle_endtag(self, tag: str) -> None:
        self._style = False


def external_resources(site: Path) -> list[str]:
    """`file: url` for every resource a built page or stylesheet would load from another host."""
    found = []
    for page in sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css") and p.is_file()):
        text = page.read_text(encoding="utf-8", errors="replace")
        if page.suffix == ".css":
            urls = [u for pair in CSS_URL.findall(text) for u in pair if u]
        else:
            parser = _Resources()
            parser.feed(text)
            urls = parser.urls
        for url in urls:
            if urlsplit(url.strip()).scheme in ("http", "https") or url.strip().startswith("//"):
                found.append(f"{page.relative_to(site).as_posix()}: {url.strip()}")
    return found


def _refuse_external_resources(site: Path) -> None:
    found = external_resources(site)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ZensicalError(f"{found[0]} is loaded from outside the site{more}; the site must work offline")
