"""Sections the consultation and meeting pages include: the discussion and the
chain from minutes to follow-up and ratings. The views compute what they show
(`deliberation.views.discussion`, `meeting_discussion`, `followup.selectors.chain`);
these tags only lay it out with the page's request and CSRF token.

Public pages are cached whole for anonymous visitors, so forms (and CSRF tokens)
are only rendered for signed-in people.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _page(context: Any) -> dict[str, Any]:
    request = context.get("request")
    return {
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("consultation/includes/discussion.html", takes_context=True)
def consultation_discussion(context: Any, discussion: dict[str, Any]) -> dict[str, Any]:
    return {**_page(context), **discussion}


@register.inclusion_tag(
    "consultation/includes/meeting_deliberation.html", takes_context=True
)
def meeting_deliberation(context: Any, deliberation: dict[str, Any]) -> dict[str, Any]:
    return {**_page(context), **deliberation}


@register.inclusion_tag("consultation/includes/chain.html", takes_context=True)
def consultation_chain(context: Any, chain: dict[str, Any]) -> dict[str, Any]:
    """Minutes → resolution → follow-up (owners, due dates) → ratings → closure."""
    return {
        "community": context.get("community"),
        "consultation": context.get("consultation"),
        **chain,
    }
