"""`{% term "key" %}`: city or village wording for the page's community
(see communities.wording). `{% term "key" community=other %}` names another
community; `{% term "key" as label %}` stores the word for a blocktranslate."""

from __future__ import annotations

from typing import Any

from django import template

from communities import wording

register = template.Library()


@register.simple_tag(takes_context=True)
def term(context: template.Context, key: str, community: Any = None) -> str:
    if community is None:
        community = context.get("community")
    return str(wording.term(community, key))
