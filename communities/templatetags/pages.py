"""`{% page_query page_obj number %}`: the current query string with the page's
parameter (`page`, or the `param` that `communities.pagination.page_of` set) set to
`number`, every other parameter (the list's filters) kept."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, page_obj, number: int) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query[getattr(page_obj, "param", "page")] = str(number)
    return "?" + query.urlencode()
