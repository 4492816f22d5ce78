"""Installable and offline: a web app manifest, icons and a service worker per language.

Runs on a *built* language folder (whatever engine built it): the MkDocs adapter calls
`write_offline` after each language's build, and `handbook offline` runs it on a site that a
hook-free engine built from `handbook pages`. Per language it writes, at the language root:

* `manifest.webmanifest`: name, short name, icons, theme colour, `start_url` and `scope` relative
  to the manifest, so the site installs under any sub-path; every page links it (overrides/main.html).
* `assets/images/handbook-*.png`: the icons, drawn here with a tiny PNG encoder (no image library,
  nothing fetched).
* `sw.js`: the service worker (static/sw.js) with this build's precache list and cache version.

The precache is a list of URLs (every SOP page, every checklist, the phrasebook, the home page,
the language's assets and its whole search bundle, see search.py), never page content copied into the worker. The cache
version is a hash of every file the language serves, so a build that changes anything, precached
or only cached once visited, gets a new cache and the old one is deleted whole.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import html
import json
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..content.traditional import EDITION, Traditional
from ..render.labels import label
from .search import search_files

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
PAGE_SCRIPT = "assets/handbook-offline.js"
ICONS = (("assets/images/handbook-192.png", 192, "any"), ("assets/images/handbook-512.png", 512, "any"),
         ("assets/images/handbook-maskable-512.png", 512, "maskable"))

# Pages every visit must bring along: what staff open on the shop floor.
PRECACHE_PAGES = ("index.html", "phrasebook.html", "sop/*.html", "checklists/*.html")
NOT_PRECACHED = ("checklists/booklet.html",)  # every sheet at once, for printing: kept once visited
# Not served to a browser over http, or rewritten after this step: never part of the version.
UNVERSIONED = (WORKER, "sitemap.xml", "sitemap.xml.gz")

# Material's primary palette colours (the header colour), for the manifest's theme colour.
MATERIAL_PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "brown": "#795649",
    "grey": "#757575", "blue-grey": "#546d78", "black": "#000000", "white": "#ffffff",
}
DEFAULT_THEME_COLOUR = MATERIAL_PRIMARY["indigo"]


@dataclass(frozen=True, slots=True)
class AppInfo:
    """What the manifest says about one language of the handbook."""

    lang: str
    name: str
    short_name: str
    description: str = ""
    theme_colour: str = DEFAULT_THEME_COLOUR
    background_colour: str = "#ffffff"

    @property
    def lang_tag(self) -> str:
        return {"zh": "zh-CN", "zh-hant": "zh-Hant"}.get(self.lang, self.lang)


@dataclass(frozen=True, slots=True)
class OfflineReport:
    """What one language's precache holds, for the build log."""

    lang: str
    files: int
    size: int  # bytes as cached (uncompressed)
    compressed: int  # bytes gzip would send
    version: str
    worker: bool

    def summary(self) -> str:
        if not self.worker:
            return f"offline {self.lang}: manifest and icons written; no service worker (serving)"
        return (f"offline {self.lang}: precaching {self.files} files, {self.size / 1e6:.2f} MB "
                f"({self.compressed / 1e6:.2f} MB gzipped); cache version {self.version}")


def theme_colour(palette: Any) -> str:
    """The header colour of a Material `palette` setting (a mapping or a list of them)."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    primary = first.get("primary") if isinstance(first, dict) else None
    return MATERIAL_PRIMARY.get(str(primary or "").lower().replace(" ", "-"), DEFAULT_THEME_COLOUR)


def app_info(lang: str, config: Any) -> AppInfo:
    """The app facts from an engine config: MkDocs' config object or the plain YAML mapping."""
    extra = config.get("extra") or {}
    theme = config.get("theme") or {}
    palette = theme.get("palette") if hasattr(theme, "get") else None
    name = str(config.get("site_name") or label(lang, "handbook"))
    description = str(config.get("site_description") or "")
    if lang == EDITION:  # a generated edition: names in its script even from a Simplified config
        name, description = Traditional().convert(name), Traditional().convert(description)
    return AppInfo(lang=lang, name=name, short_name=str(extra.get("short_name") or label(lang, "app_short_name")),
                   description=description, theme_colour=theme_colour(palette))


# -- icons ------------------------------------------------------------------------------------
def png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """A PNG file from RGBA rows (8 bits per channel): the few lines the format needs."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + row for row in rows)  # filter type 0 (none) on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def _rgba(colour: str) -> bytes:
    value = colour.lstrip("#")
    return bytes(int(value[i:i + 2], 16) for i in (0, 2, 4)) + b"\xff"


def _span(y: float, box: tuple[float, float, float, float], radius: float) -> tuple[float, float] | None:
    """Where row `y` crosses a rounded rectangle (x0, y0, x1, y1), or None."""
    x0, y0, x1, y1 = box
    if not y0 <= y < y1:
        return None
    dy = max(y0 + radius - y, y - (y1 - radius), 0.0)
    inset = radius - (max(radius * radius - dy * dy, 0.0)) ** 0.5 if dy else 0.0
    return x0 + inset, x1 - inset


def icon(size: int, colour: str, *, maskable: bool) -> bytes:
    """The handbook's icon: a white checklist sheet (boxes and lines) on the theme colour.

    A maskable icon fills its square (the launcher cuts its own shape) and keeps the sheet in
    the middle 60%; the plain one is a rounded square on transparency."""
    s = float(size)
    shapes: list[tuple[tuple[float, float, float, float], float, bytes]] = [
        ((0, 0, s, s), 0.0 if maskable else s * 0.18, _rgba(colour)),
        ((s * 0.29, s * 0.21, s * 0.71, s * 0.79), s * 0.04, _rgba("#ffffff")),
    ]
    for row in range(3):
        top = s * (0.32 + row * 0.14)
        shapes.append(((s * 0.36, top, s * 0.44, top + s * 0.08), s * 0.012, _rgba(colour)))
        shapes.append(((s * 0.48, top + s * 0.025, s * 0.64, top + s * 0.055), 0.0, _rgba(colour)))
    rows = []
    for y in range(size):
        line = bytearray(size * 4)
        for box, radius, rgba in shapes:
            span = _span(y + 0.5, box, radius)
            if span:
                a, b = round(span[0]), round(span[1])
                line[a * 4:b * 4] = rgba * (b - a)
        rows.append(bytes(line))
    return png(size, size, rows)


def manifest(app: AppInfo) -> str:
    """The web app manifest; every URL in it is relative to the manifest (works under a sub-path)."""
    data = {
        "name": app.name, "short_name": app.short_name, "description": app.description,
        "lang": app.lang_tag, "dir": "ltr", "id": "./", "start_url": "./index.html", "scope": "./",
        "display": "standalone", "theme_color": app.theme_colour, "background_color": app.background_colour,
        "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for path, size, purpose in ICONS],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- what to precache -------------------------------------------------------------------------
def _files(site: Path, exclude: tuple[str, ...]) -> dict[str, Path]:
    """Every file of this language, by path relative to its root (other languages left out)."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(exclude):
            out[rel] = path
    return out


def precache_list(site: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    """The URLs (relative to the language root) a first visit brings along."""
    files = _files(site, exclude)
    pages = [rel for rel in files if rel not in NOT_PRECACHED and any(
        rel.count("/") == pattern.count("/") and fnmatch.fnmatchcase(rel, pattern) for pattern in PRECACHE_PAGES)]
    assets = [rel for rel in files if rel.startswith("assets/") and not rel.endswith(".map")
              and not rel.startswith("assets/javascripts/lunr/")]
    search = [rel for rel in search_files(site) if rel in files]
    extra = [MANIFEST] if MANIFEST in files else []
    return sorted(dict.fromkeys(pages + assets + search + extra))


def cache_version(site: Path, exclude: tuple[str, ...] = ()) -> str:
    """A hash of every file the language serves: a new build that changes anything gets a new
    cache, one that changes nothing keeps the visitors' cache."""
    digest = hashlib.blake2b(digest_size=8)
    for rel, path in _files(site, exclude).items():
        if rel in UNVERSIONED:
            continue
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.blake2b(path.read_bytes()).digest())
    return digest.hexdigest()


# -- writing ----------------------------------------------------------------------------------
def _resource(name: str) -> str:
    return resources.files("handbook.site").joinpath("static", name).read_text(encoding="utf-8")


def page_script(lang: str) -> str:
    """The page's registration script, with its notice in the page's language."""
    text = {"ready": label(lang, "update_ready"), "reload": label(lang, "update_reload"),
            "later": label(lang, "update_dismiss")}
    return _resource("handbook-offline.js").replace("/*HANDBOOK_TEXT*/ {}", json.dumps(text, ensure_ascii=False))


def worker_script(app: AppInfo, version: str, precache: list[str], exclude: tuple[str, ...]) -> str:
    """sw.js for one language: the static worker with this build's facts in front of it."""
    offline = {"lang": app.lang_tag, "title": html.escape(label(app.lang, "offline_title")),
               "text": html.escape(label(app.lang, "offline_text")), "home": html.escape(label(app.lang, "home"))}
    config = {"version": version, "precache": precache, "exclude": list(exclude), "offline": offline}
    return _resource(WORKER).replace("/*HANDBOOK_CONFIG*/ {}", json.dumps(config, ensure_ascii=False, indent=1))


def write_offline(site: Path, app: AppInfo, *, exclude: tuple[str, ...] = (), worker: bool = True) -> OfflineReport:
    """Write the manifest, the icons and (unless `worker` is false) sw.js into a built language
    folder; `exclude` names the folders of other languages inside it (e.g. "en/")."""
    for path, size, purpose in ICONS:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(icon(size, app.theme_colour, maskable=purpose == "maskable"))
    (site / MANIFEST).write_text(manifest(app), encoding="utf-8")
    stale = site / WORKER
    if not worker:  # `mkdocs serve`: a worker would answer from its cache while an author edits
        stale.unlink(missing_ok=True)
        return OfflineReport(app.lang, 0, 0, 0, "", worker=False)
    precache = precache_list(site, exclude)
    version = cache_version(site, exclude)
    stale.write_text(worker_script(app, version, precache, exclude), encoding="utf-8")
    blobs = [(site / rel).read_bytes() for rel in precache]
    return OfflineReport(app.lang, len(precache), sum(map(len, blobs)),
                         sum(len(gzip.compress(b, 6)) for b in blobs), version, worker=True)

