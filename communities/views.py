"""The one base for pages in a community's space (a foundation module every app's
views import): `CommunityView`, `community_or_404`, `render_community`, `refusal`,
`local_next`.

Views stay thin: resolve the community, check the permission through the rules
table, validate the form, call the service, then redirect or render. A signed-in
person who is refused gets a 403; if only two-factor authentication is missing,
the 403 page says so and links to its setup. The communities' own pages are in
their concerns (`membership`, `roles`, `regions`, `oversight`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from communities import navigation
from communities.models import (
    Community,
)
from communities.rules import refused_for_missing_mfa


def refusal(request: HttpRequest, perm: str, obj: Any) -> HttpResponse:
    """403 for a signed-in person; explains when only TOTP is missing."""
    if refused_for_missing_mfa(request.user, perm, obj):
        return render(
            request,
            "communities/mfa_required.html",
            {"mfa_setup_url": settings.MFA_SETUP_URL},
            status=403,
        )
    raise PermissionDenied


def community_or_404(slug: str) -> Community:
    """The community of a `/<slug>/...` URL, with its street, or 404."""
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def local_next(request: HttpRequest, fallback: str) -> str:
    """Where a form's `next` value leads when it is a path on this site (anything
    else, such as a URL name, another host or a scheme, gives `fallback`)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def render_community(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    *,
    nav_key: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render a page inside a community's space, with its navigation."""
    context = {
        "community": community,
        "community_nav": navigation.items_for(
            request=request, community=community, current=nav_key
        ),
        **context,
    }
    return render(request, template, context, status=status)


class CommunityView(View):
    """The one base for pages under `/<slug>/`.

    Resolves the community; when `permission_required` is set, requires sign-in
    and that permission on the community (403 otherwise, explaining missing TOTP).
    `public = True` with no permission serves everyone.
    """

    permission_required: str = ""
    public: bool = False
    nav_key: str | None = None
    community: Community

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.community = community_or_404(kwargs["slug"])
        if self.public and not self.permission_required:
            return super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.permission_required and not request.user.has_perm(
            self.permission_required, self.community
        ):
            return self.refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        return refusal(request, self.permission_required, self.community)

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        return render_community(
            self.request,
            self.community,
            template,
            context,
            nav_key=self.nav_key,
            status=status,
        )
