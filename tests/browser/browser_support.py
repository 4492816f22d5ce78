"""Helpers of the browser tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# The handbook's search (src/handbook/site/static/handbook-search.js)
SEARCH_OPEN = "button.hb-search-open"
SEARCH_INPUT = "#handbook-search-input"
SEARCH_STATUS = "#hb-search-status"
SEARCH_RESULT = ".hb-search__result > a"


def search_for(pg, query: str, *, ime: bool | None = None) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Open the search, type a query like a person does (Chinese through an input method:
    compose, then commit) and return (href, text) of the results once they settle."""
    if not pg.locator(SEARCH_INPUT).is_visible():
        pg.locator(SEARCH_OPEN).click()
    box = pg.locator(SEARCH_INPUT)
    box.click()
    if not (query.isascii() if ime is None else not ime):
        cdp = pg.context.new_cdp_session(pg)
        cdp.send("Input.imeSetComposition", {"text": "tou", "selectionStart": 3, "selectionEnd": 3})
        cdp.send("Input.insertText", {"text": query})
    else:
        box.type(query, delay=40)
    previous: object = None
    stable = 0
    for _ in range(60):  # wait until the status says the search ran and two reads agree
        pg.wait_for_timeout(250)
        status = pg.locator(SEARCH_STATUS).inner_text()
        items = pg.locator(SEARCH_RESULT)
        current = (status, [(items.nth(i).get_attribute("href") or "", items.nth(i).inner_text())
                            for i in range(items.count())])
        ready = bool(status) and "…" not in status
        stable = stable + 1 if ready and current == previous else 0
        previous = current
        if stable >= 2:
            return current[1]
    raise AssertionError(f"search results for {query!r} never settled: {previous!r}"[:500])


def serve_folder(folder: Path):  # type: ignore[no-untyped-def]
    """Serve `folder` on 127.0.0.1 (a random port) in a thread; returns (url, server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def phone_context(browser, **extra):  # type: ignore[no-untyped-def]
    """A 375 × 812 touch phone, as floor staff hold it."""
    return browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                               has_touch=True, **extra)
