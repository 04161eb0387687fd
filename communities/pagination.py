"""One page of a list (issue 16: every list is paginated at city scale).

`page_of(request, rows)` is `Paginator.get_page` on `?page=`: a bad number
(letters, 0, negative, past the end, huge) gives the nearest valid page, never an
error. A page with two lists gives the second its own parameter (`param=`); the
shared pager `communities/includes/pages.html` keeps every other parameter (the
list's filters) in its links.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def page_of(
    request: HttpRequest, rows: Any, per_page: int | None = None, param: str = "page"
) -> Page:
    """The page of `rows` that `?<param>=` asks for (the nearest valid one),
    `PER_PAGE` rows unless told."""
    page = Paginator(rows, per_page or PER_PAGE).get_page(request.GET.get(param))
    page.param = param
    return page
