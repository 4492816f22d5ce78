"""Browser tests: the built site served on 127.0.0.1, driven in Debian's headless Chromium.

Every test that uses the built site runs once per engine (`engine` param: `mkdocs`, the real
`mkdocs build --strict` with the hooks, and `zensical`, `handbook build --engine zensical`),
each built once per session from a copy of the repository. Where Zensical cannot do something
yet, the test carries `@pytest.mark.zensical_xfail(reason=...)`: its zensical run is then an
expected failure (strict: it must fail, so a Zensical that learns the feature is noticed).
HANDBOOK_ENGINES=mkdocs (comma-separated) runs only the named engines. Screenshots land in
tests/artifacts/ for a person to look at.
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
from support import build_with, copy_repo

ENGINES = [e for e in os.environ.get("HANDBOOK_ENGINES", "mkdocs,zensical").split(",") if e]
PREBUILT = {"mkdocs": "HANDBOOK_SITE_DIR", "zensical": "HANDBOOK_ZENSICAL_SITE_DIR"}  # test an existing build


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "zensical_xfail(reason, **params): the zensical run is expected to fail "
                            "(only where the test's other params equal the given ones)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The zensical param of a test marked `zensical_xfail` becomes a strict expected failure."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("engine") != "zensical":
            continue
        for mark in item.iter_markers("zensical_xfail"):
            wanted = {k: v for k, v in mark.kwargs.items() if k != "reason"}
            if all(params.get(k) == v for k, v in wanted.items()):
                item.add_marker(pytest.mark.xfail(reason=f"Zensical: {mark.kwargs['reason']}", strict=True))
                break


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _built() -> dict[str, Path]:
    """Sites built so far this session, by engine: each engine builds once, however pytest orders."""
    return {}


@pytest.fixture(scope="session")
def site(engine: str, _built: dict[str, Path], request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Path:
    if engine not in _built:
        prebuilt = os.environ.get(PREBUILT[engine])
        if prebuilt:
            _built[engine] = Path(prebuilt)
        elif engine == "mkdocs":  # the session's build of the shipped handbook (tests/conftest.py)
            _built[engine] = request.getfixturevalue("shipped_build") / "site"
        else:
            root = copy_repo(tmp_path_factory.mktemp(f"browser-{engine}") / "repo")
            proc = build_with(engine, root)
            assert proc.returncode == 0, proc.stdout + proc.stderr
            _built[engine] = root / "site"
    return _built[engine]


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
