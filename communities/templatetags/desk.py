"""`{% if user|has_desk %}`: whether the header shows the "工作台" link (any staff
role granted, TOTP or not: without it the desk explains how to set it up). Reads
the person's grants once per request (cached on the user)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from communities.desk.selectors import staff_scopes

register = template.Library()


# Set on the user by a page that already knows the answer from the person's cached
# summary ("my communities", communities.membership.personal), saving the query.
DESK_SHOWN = "_gz_has_desk"


@register.filter
def has_desk(user: Any) -> bool:
    shown = getattr(user, DESK_SHOWN, None)
    if shown is not None:
        return shown
    return bool(staff_scopes(user, counted=False))


@register.inclusion_tag("communities/includes/edit_link.html", takes_context=True)
def edit_link(context: dict[str, Any], page: Any) -> dict[str, Any]:
    """ "编辑" into the CMS editor, for signed-in people Wagtail lets edit the page.

    Only signed-in people get it, and their pages are never cached
    (communities.cache), so the anonymous page cache is unaffected."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated and page is not None
    if signed_in and page.permissions_for_user(user).can_edit():
        return {"edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
    return {"edit_url": ""}
