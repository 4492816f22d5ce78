"""Search on a phone: nothing before the first query, a few hundred KB for it, useful excerpts.

Pagefind (src/handbook/site/search.py) indexes each edition after its build; the page loads
`pagefind/pagefind.js` only when someone searches. What a person sees is asserted: the field
under the header, results with the words that matched marked, no metadata run together.
"""

from __future__ import annotations

from browser_support import SEARCH_OPEN, phone_context, search_for, shot


def _bytes_by_url(context) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every response of the context (its workers' fetches included), by URL."""
    seen: dict[str, int] = {}

    def done(request) -> None:  # type: ignore[no-untyped-def]
        try:
            seen[request.url] = request.sizes()["responseBodySize"]
        except Exception:  # a request that failed or was aborted carries no sizes
            seen[request.url] = 0

    context.on("requestfinished", done)
    return seen


def test_search_loads_nothing_before_the_first_query_and_little_for_it(browser, base_url: str, figures) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser, service_workers="block")
    seen = _bytes_by_url(context)
    pg = context.new_page()
    pg.goto(base_url + "sop/complaint-handling.html")
    pg.wait_for_load_state("networkidle")
    assert not [url for url in seen if "/pagefind/" in url], "search data fetched before any query"
    page_bytes = sum(seen.values())
    results = search_for(pg, "投诉")
    search_bytes = sum(size for url, size in seen.items() if "/pagefind/" in url)
    figures.set("search.first_query.zh", page_bytes=page_bytes, search_bytes=search_bytes)
    assert results and "sop/" in results[0][0], results[:3]  # an SOP ranks first on the shop floor
    assert 20_000 < search_bytes < 400_000, search_bytes
    context.close()


def test_results_show_the_text_that_matched(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser)
    pg = context.new_page()
    pg.goto(base_url + "index.html")
    results = search_for(pg, "失物")
    href = results[0][0]
    assert href.endswith("sop/lost-and-found.html"), results[:3]
    first = pg.locator(".hb-search__result").first
    assert first.locator(".hb-search__title").inner_text() == "失物招领"
    marks = first.locator("mark").all_inner_texts()
    assert marks and all("失物" in m for m in marks), marks
    excerpt = first.locator(".hb-search__excerpt").inner_text()
    for metadata in ("编号", "版本", "lost-and-found", "类别"):  # the SOP's header is not the excerpt
        assert metadata not in excerpt, excerpt
    # the panel sits right under the header, its field on screen, results below it
    header = pg.locator(".md-header").bounding_box()
    field = pg.locator("#handbook-search-input").bounding_box()
    assert header and field and abs(field["y"] - (header["y"] + header["height"])) < 24
    assert field["x"] >= 0 and field["x"] + field["width"] <= 375
    assert pg.locator(".hb-search__result").first.bounding_box()["y"] > field["y"]
    shot(pg, "search-phone-zh-lost")
    context.close()


def test_an_input_method_commit_and_a_paste_search_too(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser)
    pg = context.new_page()
    pg.goto(base_url + "index.html")
    pg.locator(SEARCH_OPEN).click()
    cdp = pg.context.new_cdp_session(pg)
    cdp.send("Input.imeSetComposition", {"text": "tuihuo", "selectionStart": 6, "selectionEnd": 6})
    pg.wait_for_timeout(600)  # while the IME composes, nothing runs
    assert pg.locator("#hb-search-status").inner_text() == ""
    assert search_for(pg, "退货", ime=True)[0][0].endswith("sop/returns-exchanges.html")
    pg.locator("#handbook-search-input").fill("")
    pg.evaluate("""() => {  // a paste from the context menu: an input event, no key
      const box = document.getElementById('handbook-search-input');
      box.value = '老年';
      box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
    }""")
    pg.wait_for_function("""() => [...document.querySelectorAll('.hb-search__result > a')]
      .some(a => a.getAttribute('href').endsWith('sop/elderly-customers.html'))""", timeout=15000)
    context.close()


def test_a_query_with_no_match_says_so(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = phone_context(browser)
    pg = context.new_page()
    pg.goto(base_url + "en/index.html")
    assert search_for(pg, "zzqxj") == []
    assert "Nothing found for “zzqxj”" in pg.locator("#hb-search-status").inner_text()
    context.close()
