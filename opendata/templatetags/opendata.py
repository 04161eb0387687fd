"""`{% api_url "notices" community=community params=request.GET as url %}`: the
API list with the same filters as the page, ending in `?...&` ready for
`format=json` or `format=csv`."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()

# Page filters the API understands under the same name.
PASSED = ("since", "until", "state", "status", "category")


@register.simple_tag
def api_url(endpoint: str, community=None, params=None) -> str:
    query = []
    if community is not None:
        query.append(("community", community.slug))
    if params is not None:
        query.extend((name, params.get(name)) for name in PASSED if params.get(name))
    base = reverse(f"opendata:{endpoint}-list")
    return f"{base}?{urlencode(query)}&" if query else f"{base}?"
