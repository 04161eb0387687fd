"""The site search page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from communities import wording
from communities.cache import cache_public_page
from communities.views import render_community
from governance.search import index as search_index
from governance.search.forms import SearchForm

SEARCH_RESULTS_PER_PAGE = 20


@cache_public_page
def search(request: HttpRequest) -> HttpResponse:
    """Public: notices, disclosures and charters containing the words, any substring.

    A GET form (no CSRF token), so anonymous results are cached like other public
    pages and retired whenever anything is published. A fixed number of queries.
    """
    form = SearchForm(request.GET or None)
    query, problem, page = "", "", None
    community = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        community = form.cleaned_data["community"]
        if not query:
            problem = _("Type a word or part of a sentence to search for.")
        elif len(query) < search_index.MIN_QUERY_LENGTH:
            problem = _("Type at least two characters: one is too short to search for.")
        else:
            page = _results(form, query, request.GET.get("page"))
    elif form.is_bound:
        problem = _("Please correct the search form below.")
    context = {"form": form, "query": query, "problem": problem, "page_obj": page}
    template = "governance/search.html"
    if community is None:
        return render(request, template, context)
    return render_community(request, community, template, context, nav_key="search")


def _results(form: SearchForm, query: str, page_number: str | None) -> Page:
    """One page of matching entries, with highlighted titles and snippets."""
    entries = search_index.search(
        query,
        community=form.cleaned_data["community"],
        kind=form.cleaned_data["kind"],
        category=form.cleaned_data["category"],
    )
    page = Paginator(entries, SEARCH_RESULTS_PER_PAGE).get_page(page_number)
    for entry in page:
        entry.title_html = search_index.highlight(entry.title, query)
        entry.snippet_html = search_index.snippet(entry.text, query)
        entry.kind_label = wording.label_for(
            search_index.kind_label(entry.kind), entry.community
        )
        entry.category_label = search_index.category_label(entry.kind, entry.category)
    return page
