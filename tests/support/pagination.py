"""The check every paginated list passes (issue 16): with more rows than a page,
the page shows one page and the next page the rest; bad page numbers give the
nearest page, never an error; the query count does not grow with the rows; the
pager is a labelled `<nav>` with the current page marked and the filters kept."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities import pagination
from communities.cache import bump_generation

PER_PAGE = 3
BAD_PAGES = ["x", "0", "-1", "99", "1.5", "9" * 40, "", "%00"]


def _get(client, url: str):
    bump_generation()  # a public page is built, not served from the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(queries)


def _with(url: str, param: str, value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{param}={value}"


def assert_paginated(
    client,
    monkeypatch,
    url: str,
    add_rows: Callable[[int], object],
    *,
    key: str = "page_obj",
    param: str = "page",
    keep: str = "",
) -> None:
    """`url`'s list (the `key` page in the context, `?<param>=`) is paginated.

    `add_rows(n)` adds n more rows to the list; `keep` is a filter in `url`
    (`"status=open"`) that the page links must keep.
    """
    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)
    add_rows(PER_PAGE + 2)
    client.get(url)  # warm per-process caches
    first, first_queries = _get(client, url)
    page = first.context[key]
    count = page.paginator.count
    assert count > PER_PAGE, "add_rows must add the rows it is asked for"
    assert len(page.object_list) == PER_PAGE
    html = first.content.decode()
    assert 'class="pages"' in html and 'aria-current="page"' in html
    assert f"{param}=2" in html
    if keep:
        assert keep in html.split('class="pages"', 1)[1].split("</nav>", 1)[0]
    second, second_queries = _get(client, _with(url, param, "2"))
    assert second.context[key].number == 2
    assert len(second.context[key].object_list) == min(PER_PAGE, count - PER_PAGE)
    last = page.paginator.num_pages
    for bad in BAD_PAGES:
        number = _get(client, _with(url, param, bad))[0].context[key].number
        assert number in (1, last), (bad, number)
    # Three pages more rows: no more queries for a (full) page than before.
    add_rows(PER_PAGE * 3)
    most = max(first_queries, second_queries)
    assert _get(client, url)[1] <= first_queries
    assert _get(client, _with(url, param, "2"))[1] <= most
