"""The built site's costs (issue 17, part 4), measured in one run:

  7. build time and page weight of both languages at the shipped size, 100, 300 and 1,000 SOPs
     for each engine (`handbook build --engine mkdocs|zensical`; an engine the CLI refuses is
     "not available");
  8. the bytes a phone fetches from opening the home page to the first result of a Chinese query
     (投诉) at the shipped size and at 300 SOPs, counted by the server itself, service workers
     blocked; and what the service worker would precache on a first visit (its list in sw.js);
  9. Lighthouse 12.2.3 mobile scores of an SOP page, the phrasebook and the home page (shipped size).

The issue asks for 23 SOPs, the handbook's size when it was written; the smallest corpus is now
the shipped handbook itself (every real SOP, e.g. 41): fewer would leave references dangling and
the build refuses those.

Every site is served from 127.0.0.1 by a small threaded server that sends a precompressed `.br`
or `.gz` beside a file when the client accepts it (the bench writes them: gzip, and brotli when
the `brotli` module is installed). bench/run.py includes these sections; alone:

  python bench/site_bench.py [--quick] [--sizes 41,100] [--engines mkdocs] [--phone 41] [--no-lighthouse]
  --quick: the shipped size and 100 SOPs, MkDocs only, phone bytes at the shipped size, no
  Lighthouse (the CI run)
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from corpus import REPO, make_corpus

sys.path.insert(0, str(REPO / "tests" / "browser"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # one launch recipe for the tests and the bench


@dataclass(frozen=True)
class SearchUI:
    """How to reach a search interface: the button that opens it (when the field is hidden),
    the field, and one result."""

    name: str
    open: str
    input: str
    result: str


# The search UI is being replaced (Pagefind instead of Material's search): the first interface
# whose field is on the page is used, the new one first.
SEARCH_UIS = (
    SearchUI("Pagefind (handbook-search.js)", "button.hb-search-open", "#handbook-search-input",
             ".handbook-search-result"),
    SearchUI("Material search", "label.md-header__button[for='__search']", "input.md-search__input",
             ".md-search-result__item"),
)
QUERY = "投诉"
SHIPPED = len(list((REPO / "sop").glob("*.yml")))  # the smallest corpus whose references all resolve
SIZES = sorted({SHIPPED, 100, 300, 1_000})
QUICK_SIZES = sorted({SHIPPED, 100})
ENGINES = ["mkdocs", "zensical"]
DEFAULT_ENGINE = "mkdocs"
PHONE_SIZES = sorted({SHIPPED, 300})
SOP_PAGE = "sop/complaint-handling.html"
LIGHTHOUSE_PAGES = (SOP_PAGE, "phrasebook.html", "index.html")
LIGHTHOUSE_VERSION = "12.2.3"  # 13 wants Node 22; `npm ci` refuses locks made with newer npm here
TOOLS = Path(__file__).with_name(".tools")  # git-ignored: Lighthouse stays out of the test install
# Lighthouse's own mobile device (moto g power), so both measurements ask for the same pages
PHONE_UA = ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".webmanifest", ".txt", ".map", ".wasm"}
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# -- 7. builds ------------------------------------------------------------------------------------

@dataclass
class Build:
    engine: str
    n: int
    seconds: float | None = None  # None: the engine is not available
    note: str = ""
    sop_html: int = 0
    sop_html_en: int = 0
    site_bytes: int = 0
    files: int = 0

    @property
    def per_sop(self) -> float:
        return (self.seconds or 0) / self.n


def refused(stderr: str) -> bool:
    """argparse's way of saying the CLI has no such option or engine."""
    return "--engine" in stderr and ("unrecognized arguments" in stderr or "invalid choice" in stderr)


def run_build(root: Path, engine: str, site: Path) -> tuple[float | None, str]:
    """`handbook build --engine ENGINE`, timed end to end (check, page generation, both languages).

    While the CLI has no `--engine` yet, the default engine is built without the option (it is
    the default); any other engine is then "not available", and so is one that fails to run."""
    cmd = [str(BIN / "handbook"), "build", "--root", str(root), "--site-dir", str(site), "--engine", engine]
    note = ""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=ENV)
    if proc.returncode == 2 and refused(proc.stderr):
        if engine != DEFAULT_ENGINE:
            return None, f"not available (`handbook build` refuses `--engine {engine}`)"
        note = "the CLI has no `--engine` option yet: built by plain `handbook build` (its default engine)"
        start = time.perf_counter()
        proc = subprocess.run(cmd[:-2], cwd=root, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        last = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-1:] or ["no output"]
        if engine != DEFAULT_ENGINE:
            return None, f"not available (the build failed: {last[0]})"
        raise SystemExit(f"handbook build ({engine}, {root}) failed:\n{proc.stdout}\n{proc.stderr}")
    return seconds, note


def tree_bytes(folder: Path) -> tuple[int, int]:
    """Bytes and number of the regular files under `folder`."""
    total = count = 0
    for path, _, names in os.walk(folder):
        for name in names:
            full = os.path.join(path, name)
            if not os.path.islink(full):
                total += os.path.getsize(full)
                count += 1
    return total, count


def measure_build(work: Path, engine: str, n: int) -> tuple[Build, Path]:
    """A fresh corpus of `n` SOPs with the chapters (nothing cached), built by `engine`."""
    root = make_corpus(work / f"site-{engine}-{n}", n, site=True)
    site = root / "site"
    seconds, note = run_build(root, engine, site)
    build = Build(engine, n, seconds, note)
    if seconds is not None:
        build.sop_html = (site / SOP_PAGE).stat().st_size
        build.sop_html_en = (site / "en" / SOP_PAGE).stat().st_size
        build.site_bytes, build.files = tree_bytes(site)
    return build, site


# -- precompressed files and the counting server ---------------------------------------------------

def encoders() -> list[tuple[str, str, Callable[[bytes], bytes]]]:
    """(Content-Encoding, suffix, compress): gzip always, brotli when its module is installed."""
    found: list[tuple[str, str, Callable[[bytes], bytes]]] = []
    with contextlib.suppress(ImportError):
        import brotli  # type: ignore[import-not-found]

        found.append(("br", ".br", lambda data: brotli.compress(data, quality=11)))
    found.append(("gzip", ".gz", lambda data: gzip.compress(data, compresslevel=9, mtime=0)))
    return found


def precompress(site: Path) -> str:
    """Write FILE.gz (and FILE.br) beside every text file of the site where it is smaller, as a
    build could; returns a sentence saying what was written."""
    codecs, written = encoders(), 0
    for path in [p for p in site.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file() and not p.is_symlink()]:
        data = path.read_bytes()
        for _, suffix, compress in codecs:
            packed = compress(data)
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    names = " and ".join(name for name, _, _ in codecs)
    return f"{written:,} precompressed files ({names}, written by the bench beside the text files)"


@dataclass
class Counter:
    """What the server sent: every byte written to the sockets (status lines, headers, bodies)."""

    sent: int = 0
    requests: int = 0
    encoded: dict[str, int] = field(default_factory=dict)  # Content-Encoding → responses
    accept: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, n: int) -> None:
        with self.lock:
            self.sent += n


class CountingFile:
    """The handler's socket writer, counting what goes through it."""

    def __init__(self, raw, counter: Counter) -> None:  # type: ignore[no-untyped-def]
        self.raw, self.counter = raw, counter

    def write(self, data: bytes) -> int:
        self.counter.add(len(data))
        return self.raw.write(data)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.raw, name)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with FILE.br / FILE.gz sent instead of FILE when the client accepts them."""

    protocol_version = "HTTP/1.1"
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".wasm": "application/wasm",
                      ".js": "text/javascript", ".mjs": "text/javascript"}
    counter: Counter

    def setup(self) -> None:
        super().setup()
        self.wfile = CountingFile(self.wfile, self.counter)  # type: ignore[assignment]

    def log_message(self, *args: object) -> None:
        pass

    def variant(self) -> tuple[str, str, str] | None:
        """(compressed file, its encoding, the file) when a precompressed copy fits the request."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return None
            path = os.path.join(path, "index.html")
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix, _ in encoders():
            if encoding in accepted and os.path.isfile(path) and os.path.isfile(path + suffix):
                return path + suffix, encoding, path
        return None

    def send_head(self):  # type: ignore[no-untyped-def]
        with self.counter.lock:
            self.counter.requests += 1
            self.counter.accept = self.counter.accept or self.headers.get("Accept-Encoding", "")
        found = self.variant()
        if found is None:
            return super().send_head()
        packed, encoding, original = found
        with self.counter.lock:
            self.counter.encoded[encoding] = self.counter.encoded.get(encoding, 0) + 1
        body = open(packed, "rb")  # noqa: SIM115  (closed by the base class after copying)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(original))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return body


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, Counter]]:
    """The site on 127.0.0.1 (a free port) in a thread: (base URL, its byte counter)."""
    counter = Counter()
    handler = type("SiteHandler", (Handler,), {"counter": counter})

    def make(*args: object) -> Handler:
        return handler(*args, directory=str(site))  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)  # type: ignore[arg-type]
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


# -- 8. a phone: home page, then a first Chinese search -------------------------------------------

def settle(counter: Counter, quiet: float = 1.0, limit: float = 60) -> None:
    """Wait until the server has sent nothing for `quiet` seconds (workers fetch after `load`)."""
    start, last, since = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - start < limit:
        if counter.sent != last:
            last, since = counter.sent, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)


def first_search(page, query: str) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    """Type `query` into the first search interface on the page; wait for its first result.
    Returns the interface's name and the seconds from typing to the first result."""
    for ui in SEARCH_UIS:
        box = page.locator(ui.input).first
        if page.locator(ui.input).count() == 0:
            continue
        opener = page.locator(ui.open).first
        if not box.is_visible() and page.locator(ui.open).count() and opener.is_visible():
            opener.click()
        box.wait_for(state="visible", timeout=5_000)
        start = time.monotonic()
        box.fill(query)
        page.locator(ui.result).first.wait_for(state="attached", timeout=30_000)
        return ui.name, time.monotonic() - start
    raise RuntimeError("no search field on the home page (tried " + ", ".join(u.input for u in SEARCH_UIS) + ")")


def phone_visit(site: Path) -> dict[str, object]:
    """Bytes the server sends a 375 × 812 phone (service workers blocked) for the home page and
    everything it loads, then for typing 投诉 into the search until the first result shows."""
    from playwright.sync_api import sync_playwright

    with serve(site) as (url, counter), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                                          is_mobile=True, has_touch=True, user_agent=PHONE_UA,
                                          service_workers="block")
            seen: list[str] = []
            context.on("request", lambda request: seen.append(request.url))  # workers' fetches too
            page = context.new_page()
            page.goto(url + "index.html", wait_until="load")
            settle(counter)
            home, home_requests = counter.sent, counter.requests
            ui, seconds = first_search(page, QUERY)
            settle(counter)
        finally:
            browser.close()
    return {"home": home, "query": counter.sent - home, "requests": counter.requests,
            "home_requests": home_requests, "context_requests": len(seen), "ui": ui, "seconds": seconds,
            "encoded": dict(counter.encoded), "accept": counter.accept}


def precache(site: Path) -> dict[str, int]:
    """What the Chinese edition's service worker fetches on a first visit: its precache list in
    sw.js, as files on disk and as the server would send them (precompressed where it can)."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    start = text.index("const CONFIG = ") + len("const CONFIG = ")
    config = json.loads(text[start:text.index("\n};", start) + 2])
    raw = packed = missing = 0
    for entry in config["precache"]:
        path = site / entry
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file():
            missing += 1
            continue
        gz = path.with_name(path.name + ".gz")
        raw += path.stat().st_size
        packed += gz.stat().st_size if gz.is_file() else path.stat().st_size
    return {"entries": len(config["precache"]), "raw": raw, "gzip": packed, "missing": missing}


def phone_figures(site: Path) -> dict[str, object]:
    """The phone's bytes, or why they could not be measured (no Chromium, no search field…)."""
    if not CHROMIUM.exists():
        return {"error": f"not available ({CHROMIUM} is not installed)"}
    try:
        return phone_visit(site)
    except Exception as exc:  # a figure missing, with its reason, beats a bench that stops
        return {"error": f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}


# -- 9. Lighthouse ----------------------------------------------------------------------------------

def lighthouse_cli() -> tuple[Path | None, str]:
    """Lighthouse LIGHTHOUSE_VERSION in bench/.tools, installed there on first use (never in the
    test install); (None, why) when npm cannot install it."""
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    manifest = TOOLS / "node_modules" / "lighthouse" / "package.json"
    with contextlib.suppress(OSError, ValueError, KeyError):
        if json.loads(manifest.read_text(encoding="utf-8"))["version"] == LIGHTHOUSE_VERSION and cli.is_file():
            return cli, ""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        return None, "not available (node / npm not found)"
    TOOLS.mkdir(exist_ok=True)
    try:
        proc = subprocess.run([npm, "install", "--prefix", str(TOOLS), "--no-save", "--no-audit", "--no-fund",
                               "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"],
                              capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return None, f"not available (`npm install lighthouse@{LIGHTHOUSE_VERSION}` timed out)"
    if proc.returncode != 0 or not cli.is_file():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"not available (`npm install lighthouse@{LIGHTHOUSE_VERSION}` failed: {last})"
    return cli, ""


def lighthouse_page(cli: Path, url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run, mobile preset (its default: simulated slow 4G, 4× CPU slowdown)."""
    proc = subprocess.run(["node", str(cli), url, "--output=json", f"--output-path={out}", "--quiet",
                           "--chrome-flags=--headless=new --no-sandbox",
                           "--only-categories=performance,accessibility,best-practices"],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError((proc.stderr.strip().splitlines() or ["no output"])[-1])
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(lhr["runtimeError"].get("message", "runtime error"))
    cats, audits = lhr["categories"], lhr["audits"]
    return {"performance": round((cats["performance"]["score"] or 0) * 100),
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "accessibility": round((cats["accessibility"]["score"] or 0) * 100),
            "best_practices": round((cats["best-practices"]["score"] or 0) * 100),
            "bytes": audits["total-byte-weight"]["numericValue"],
            "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex", 0)}


def lighthouse_figures(site: Path, work: Path) -> dict[str, object]:
    """Lighthouse on the three pages of a site served with its precompressed files."""
    if not CHROMIUM.exists():
        return {"error": f"not available ({CHROMIUM} is not installed)"}
    cli, why = lighthouse_cli()
    if cli is None:
        return {"error": why}
    pages: dict[str, object] = {}
    with serve(site) as (url, counter):
        for page in LIGHTHOUSE_PAGES:
            try:
                pages[page] = lighthouse_page(cli, url + page, work / f"lighthouse-{page.replace('/', '-')}.json")
            except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
                pages[page] = {"error": f"failed: {exc}"}
        encoded = dict(counter.encoded)
    return {"pages": pages, "encoded": encoded}


# -- the run --------------------------------------------------------------------------------------

def figures(work: Path, quick: bool = False, sizes: list[int] | None = None, engines: list[str] | None = None,
            phone_sizes: list[int] | None = None, lighthouse: bool | None = None) -> dict[str, object]:
    """Every figure of sections 7–9 in one run; each site is deleted once measured."""
    sizes = sizes or (QUICK_SIZES if quick else SIZES)
    engines = engines or ([DEFAULT_ENGINE] if quick else ENGINES)
    phone_sizes = phone_sizes if phone_sizes is not None else ([SHIPPED] if quick else PHONE_SIZES)
    lighthouse = (not quick) if lighthouse is None else lighthouse
    if min(sizes) < SHIPPED:
        raise SystemExit(f"site bench: sizes start at {SHIPPED} (the shipped SOPs; fewer leave references dangling)")
    start_load = os.getloadavg()[0]
    builds: list[Build] = []
    phone: dict[int, dict[str, object]] = {}
    result: dict[str, object] = {"builds": builds, "phone": phone, "sizes": sizes, "engines": engines,
                                 "quick": quick, "lighthouse": None}
    for n in sizes:
        for engine in engines:
            build, site = measure_build(work, engine, n)
            builds.append(build)
            print(f"site bench: {engine} {n} SOPs: {build.seconds or 0:.1f} s {build.note}", file=sys.stderr)
            if build.seconds is not None and engine == DEFAULT_ENGINE and (n in phone_sizes or
                                                                          (lighthouse and n == min(sizes))):
                written = precompress(site)  # each size's own files: the sections name them per size
                if n in phone_sizes:
                    phone[n] = {**phone_figures(site), "precache": precache(site), "compression": written}
                if lighthouse and n == min(sizes):
                    result["lighthouse"] = {**lighthouse_figures(site, work), "n": n, "compression": written}
            shutil.rmtree(site.parent)
    result["load"] = (start_load, os.getloadavg()[0])
    return result


# -- RESULTS.md -----------------------------------------------------------------------------------

def size(n: float) -> str:
    """Bytes in decimal units (1 MB = 1,000,000 bytes, as the goals count)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} MB"
    return f"{n / 1000:.1f} KB" if n >= 1000 else f"{n:.0f} B"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def find(builds: list[Build], engine: str, n: int) -> Build | None:
    return next((b for b in builds if b.engine == engine and b.n == n and b.seconds is not None), None)


def build_goals(builds: list[Build], engines: list[str]) -> list[tuple[str, str, str]]:
    """(goal, figure, verdict) rows of section 7's goals, from the builds of this run."""
    rows = []
    for engine in engines:
        small, big = find(builds, engine, 100), find(builds, engine, 1_000)
        if small and big:
            t = big.per_sop / small.per_sop
            b = (big.site_bytes / big.n) / (small.site_bytes / small.n)
            rows.append((f"{engine}: build time per SOP, 1,000 SOPs ≤ 1.3× 100 SOPs", f"{t:.2f}×", verdict(t <= 1.3)))
            rows.append((f"{engine}: site bytes per SOP, 1,000 SOPs ≤ 1.3× 100 SOPs", f"{b:.2f}×", verdict(b <= 1.3)))
        first, big = find(builds, engine, SHIPPED), find(builds, engine, 1_000)
        if first and big:
            r = big.sop_html / first.sop_html
            rows.append((f"{engine}: HTML of {SOP_PAGE} at 1,000 SOPs ≤ 1.25× at {SHIPPED} (shipped)", f"{r:.2f}× "
                         f"({size(first.sop_html)} → {size(big.sop_html)})", verdict(r <= 1.25)))
    big = find(builds, DEFAULT_ENGINE, 1_000)
    if big and big.seconds is not None:
        rows.append((f"full build of 1,000 SOPs, default engine ({DEFAULT_ENGINE}), ≤ 120 s on this machine",
                     f"{big.seconds:.1f} s", verdict(big.seconds <= 120)))
    return rows


def build_section(result: dict[str, object]) -> list[str]:
    builds: list[Build] = result["builds"]  # type: ignore[assignment]
    load = " / ".join(f"{x:.1f}" for x in result["load"])  # type: ignore[attr-defined]
    lines = ["## 7. Site build and page weight per engine and size", "",
             "`handbook build --engine E` of a fresh corpus (bench/corpus.py, with the chapters), end to end: "
             "check, page generation, both languages, nothing cached. Page weight is measured before any "
             f"precompressed file is written. The smallest corpus is the shipped handbook ({SHIPPED} SOPs; the "
             "issue's 23 was its size when written): fewer SOPs would leave references dangling. Load average "
             f"(1 min) of this shared machine at the start / end of sections 7–9: {load}.", "",
             "| engine | SOPs | build | per SOP | `sop/complaint-handling.html` zh / en | whole site | site per SOP "
             "| files |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    notes = sorted({f"{b.engine}: {b.note}" for b in builds if b.note})
    for b in builds:
        if b.seconds is None:
            lines.append(f"| {b.engine} | {b.n:,} | {b.note} | | | | | |")
            continue
        lines.append(f"| {b.engine} | {b.n:,} | {b.seconds:.1f} s | {b.per_sop * 1000:.0f} ms | "
                     f"{size(b.sop_html)} / {size(b.sop_html_en)} | {size(b.site_bytes)} | "
                     f"{size(b.site_bytes / b.n)} | {b.files:,} |")
    lines.append("")
    lines += [f"- {note}" for note in notes if "not available" not in note]
    for engine in result["engines"]:  # type: ignore[attr-defined]
        done = sorted((b for b in builds if b.engine == engine and b.seconds), key=lambda b: b.n)
        for a, b in itertools.pairwise(done):
            lines.append(f"- {engine}, {a.n:,} → {b.n:,} SOPs: {b.n / a.n:.1f}× the SOPs in "
                         f"{b.seconds / a.seconds:.1f}× the time; per SOP {b.per_sop / a.per_sop:.2f}×")  # type: ignore[operator]
    return [*lines, ""]


def phone_section(result: dict[str, object]) -> list[str]:
    phone: dict[int, dict[str, object]] = result["phone"]  # type: ignore[assignment]
    lines = ["## 8. A phone: the home page, then a first search for 投诉", "",
             f"Headless Chromium ({CHROMIUM}) as a 375 × 812 phone (mobile user agent, touch), **service workers "
             "blocked**, opens `index.html` of the default engine's build; the bench counts every byte its server "
             "writes (status lines, headers, bodies: workers' fetches included) until nothing has been sent for "
             f"1 s, then types 投诉 into the site's search and counts again until the first result shows and the "
             "network is quiet. The server sends a precompressed copy when the browser accepts it: "
             + "; ".join(f"at {n:,} SOPs, {p['compression']}" for n, p in sorted(phone.items())) + ".", "",
             "| SOPs | home page and what it loads | first query 投诉 | both (goal at 300 SOPs ≤ 1 MB) | requests "
             "(home / in all) | search | typing → first result |", "| ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for n, p in sorted(phone.items()):
        if "error" in p:
            lines.append(f"| {n:,} | {p['error']} | | | | | |")
            continue
        total = int(p["home"]) + int(p["query"])  # type: ignore[call-overload]
        goal = f" ({verdict(total <= 1_000_000)})" if n == 300 else ""
        lines.append(f"| {n:,} | {size(p['home'])} | {size(p['query'])} | {size(total)}{goal} | "  # type: ignore[arg-type]
                     f"{p['home_requests']} / {p['requests']} | {p['ui']} | {p['seconds']:.2f} s |")
    seen = next((p for p in phone.values() if "accept" in p), None)
    if seen:
        lines += ["", f"- the browser asked with `Accept-Encoding: {seen['accept']}`; responses sent precompressed: "
                  f"{', '.join(f'{k} {v}' for k, v in seen['encoded'].items()) or 'none'} (at "  # type: ignore[union-attr]
                  f"{min(n for n, p in phone.items() if 'accept' in p):,} SOPs)"]
        lines += [f"- requests the browser context saw (pages and workers) / the server answered, at {n:,} SOPs: "
                  f"{p['context_requests']} / {p['requests']}" for n, p in sorted(phone.items()) if "accept" in p]
    lines += ["", "What the service worker (not blocked, a real first visit) then fetches in the background, from "
              "the precache list of the Chinese edition's `sw.js`: the files on disk, and as this server sends them "
              "(`.gz` where written).", "", "| SOPs | entries | on disk | sent gzip-compressed | missing |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    for n, p in sorted(phone.items()):
        c: dict[str, int] = p["precache"]  # type: ignore[assignment]
        lines.append(f"| {n:,} | {c['entries']} | {size(c['raw'])} | {size(c['gzip'])} | {c['missing']} |")
    return [*lines, ""]


def lighthouse_section(result: dict[str, object]) -> list[str]:
    lh: dict[str, object] | None = result["lighthouse"]  # type: ignore[assignment]
    lines = [f"## 9. Lighthouse {LIGHTHOUSE_VERSION}, mobile preset", ""]
    if lh is None:
        return [*lines, "Not run (`--quick` or `--no-lighthouse`).", ""]
    if "error" in lh:
        return [*lines, f"Lighthouse: {lh['error']}.", ""]
    pages: dict[str, dict[str, float]] = lh["pages"]  # type: ignore[assignment]
    index = next((p["benchmark_index"] for p in pages.values() if "benchmark_index" in p), 0)
    lines += [f"Lighthouse {LIGHTHOUSE_VERSION} (npm, installed by the bench into bench/.tools) on Debian's Chromium "
              "(`CHROME_PATH=/usr/bin/chromium`, `--headless=new --no-sandbox`), its default mobile preset "
              f"(simulated slow 4G, 4× CPU slowdown), pages of the {lh['n']}-SOP build served from 127.0.0.1 by the "
              f"bench's server with the precompressed files beside them ({lh['compression']}); service workers "
              f"not blocked. Responses sent precompressed: "
              f"{', '.join(f'{k} {v}' for k, v in lh['encoded'].items()) or 'none'}. "  # type: ignore[union-attr]
              f"This machine's Lighthouse benchmark index: {index:.0f}.", "",
              "| page | performance (goal ≥ 95) | LCP (goal ≤ 2.5 s) | accessibility | best practices | transferred |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for page, f in pages.items():
        if "error" in f:
            lines.append(f"| `{page}` | {f['error']} | | | | |")
            continue
        lines.append(f"| `{page}` | {f['performance']:.0f} ({verdict(f['performance'] >= 95)}) | {f['lcp']:.2f} s "
                     f"({verdict(f['lcp'] <= 2.5)}) | {f['accessibility']:.0f} | {f['best_practices']:.0f} | "
                     f"{size(f['bytes'])} |")
    return [*lines, ""]


def goals_section(result: dict[str, object], live: dict[str, float] | None) -> list[str]:
    """Every goal of issue 17 part 4 with its figure from this run."""
    rows = build_goals(result["builds"], result["engines"])  # type: ignore[arg-type]
    p300 = result["phone"].get(300)  # type: ignore[attr-defined]
    if p300 and "error" not in p300:
        total = p300["home"] + p300["query"]
        rows.append(("home page + first search ≤ 1 MB on a phone at 300 SOPs (service workers blocked)",
                     size(total), verdict(total <= 1_000_000)))
    lh = result["lighthouse"]
    for page, f in ((lh or {}).get("pages") or {}).items():  # type: ignore[union-attr]
        if "error" not in f:
            ok = f["performance"] >= 95 and f["lcp"] <= 2.5
            rows.append((f"Lighthouse mobile `{page}`: performance ≥ 95, LCP ≤ 2.5 s",
                         f"{f['performance']:.0f}, {f['lcp']:.2f} s", verdict(ok)))
    if live:
        rows.append(("live reload under `make serve` ≤ 2 s (section 4)", f"{live['zh']:.2f} s",
                     verdict(live["zh"] <= 2)))
    lines = ["## 10. Goals of the site (issue 17, part 4)", ""]
    if result["quick"]:
        lines += ["A `--quick` run: only the goals its sizes can show.", ""]
    lines += ["| goal | this run | |", "| --- | ---: | --- |"]
    lines += [f"| {goal} | {figure} | {ok} |" for goal, figure, ok in rows] or ["| (none measurable) | | |"]
    return [*lines, ""]


def section(result: dict[str, object], live: dict[str, float] | None = None) -> list[str]:
    return [*build_section(result), *phone_section(result), *lighthouse_section(result), *goals_section(result, live)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--engines", type=lambda s: s.split(","))
    parser.add_argument("--phone", type=lambda s: [int(x) for x in s.split(",") if x])
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-site-bench-") as tmp:
        result = figures(Path(tmp), args.quick, args.sizes, args.engines, args.phone,
                         False if args.no_lighthouse else None)
    print("\n".join(section(result)))


if __name__ == "__main__":
    main()
