"""Content that passes the check but would run script if any layer printed it raw: a browser
loads every page it touches, hovers and focuses what it can, and sees no script run while the
author's words stay visible as words (issue 12)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from browser_support import shot
from support import build_with, copy_repo

PWN = "window.__pwned"
CHAPTER = {
    "zh": """---
title: 顾客说“不”的时候
chapter: 14
description: 当顾客说“不”时，怎样回应
---

# 顾客说“不”的时候

代码里的标签只是文字：`<img src=x onerror="{pwn}=2">`，实体也是：&lt;script&gt;{pwn}=3&lt;/script&gt;。

[首页](../index.md "标题\\" onmouseover=\\"{pwn}=4") 与 [外部](https://example.com/?q=a&x=1)。

```html
<script>{pwn}=5</script>
```

!!! say "顾客进店"
    - 您好，欢迎光临！
""",
    "en": """---
title: When a customer's answer is 'no'
chapter: 14
description: How to answer a customer's 'no'
---

# When a customer says no

Tags in code are text: `<img src=x onerror="{pwn}=2">`, and so are entities: &lt;script&gt;{pwn}=3&lt;/script&gt;.

[Home](../index.md "title\\" onmouseover=\\"{pwn}=4") and [outside](https://example.com/?q=a&x=1).

```html
<script>{pwn}=5</script>
```

!!! say "A customer walks in"
    - Hello, welcome!
""",
}
SOP_TITLE = '退换货 <img src=x onerror="window.__pwned=1"> {{ config }}'


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_url(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_repo(tmp_path_factory.mktemp(f"hostile-{engine}") / "repo")
    for lang, text in CHAPTER.items():
        (root / "docs" / lang / "handbook" / "14-saying-no.md").write_text(text.replace("{pwn}", PWN),
                                                                           encoding="utf-8")
    sop = root / "sop" / "returns-exchanges.yml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("  zh: 退换货办理\n", f"  zh: '{SOP_TITLE}'\n", 1),
                   encoding="utf-8")
    proc = build_with(engine, root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["handbook/14-saying-no.html", "en/handbook/14-saying-no.html",
                                  "sop/returns-exchanges.html", "checklists/returns-exchanges.html", "sop/index.html"])
def test_no_script_runs_and_the_words_stay_words(browser, hostile_url: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 812})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pg.goto(hostile_url + path)
        pg.wait_for_load_state("networkidle")
        for link in pg.locator("article a").all()[:30]:  # hover and focus: handlers would fire now
            if link.is_visible():
                link.hover()
                link.focus()
        assert pg.evaluate(f"typeof {PWN}") == "undefined" and dialogs == []
        text = pg.locator("article").first.inner_text()
        if "handbook/" in path:
            assert '<img src=x onerror="window.__pwned=2">' in text and "<script>window.__pwned=3</script>" in text
            title = pg.title()
            assert title.startswith("顾客说“不”的时候" if not path.startswith("en/") else
                                    "When a customer's answer is 'no'"), title
        if path == "sop/returns-exchanges.html":
            assert SOP_TITLE in text
        shot(pg, f"hostile-{path.replace('/', '-').removesuffix('.html')}-{width}")
    finally:
        context.close()
