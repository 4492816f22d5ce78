"""Browser tests: the built site served on 127.0.0.1, driven in Debian's headless Chromium.

The site is built once per session with the real `mkdocs build --strict` from a copy of the
repository. Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get("HANDBOOK_SITE_DIR")  # developer shortcut: test an existing build
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("shipped_build") / "site"  # built once per session (conftest.py)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    assert CHROMIUM.exists(), "browser tests need Debian's chromium: apt-get install chromium fonts-noto-cjk"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
