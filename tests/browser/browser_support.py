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


# Material's search box and results, and Zensical's (a dialog, in a shadow root, that its header
# button opens; Playwright's CSS selectors reach into open shadow roots).
MATERIAL_SEARCH = {"box": "input.md-search__input", "meta": ".md-search-result__meta",
                   "results": ".md-search-result__item > a"}
ZENSICAL_SEARCH = {"button": ".md-search__button", "phone_button": "label.md-header__button[for='__search']",
                   "box": "input[role=combobox][aria-controls$='-results']",
                   "results": "[id$='-results'] a[href]"}


def search_ui(pg) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The selectors of the page's search, opening it first where it sits behind a button."""
    if pg.locator(MATERIAL_SEARCH["box"]).count():
        return MATERIAL_SEARCH
    button = pg.locator(ZENSICAL_SEARCH["button"])
    (button if button.is_visible() else pg.locator(ZENSICAL_SEARCH["phone_button"])).click()
    return ZENSICAL_SEARCH
