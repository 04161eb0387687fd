"""Account pages outside allauth: profile, interface preferences."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from communities.cache import LARGE_TEXT_COOKIE


def _safe_next(request) -> str:
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return target


def set_language(request, code: str):
    """Switch the interface language; it sticks for a signed-in person.

    A link rather than a POST form, so anonymous pages carry no CSRF token and can
    be cached; switching language changes nothing but the interface.
    """
    if code not in {c for c, _n in settings.LANGUAGES}:
        raise Http404
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    if request.user.is_authenticated and request.user.preferred_language != code:
        request.user.preferred_language = code
        request.user.save(update_fields=["preferred_language"])
    return response


def set_text_size(request, size: str):
    """Switch large-text mode on or off (remembered for the person, or in a cookie)."""
    if size not in ("large", "normal"):
        raise Http404
    large = size == "large"
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        LARGE_TEXT_COOKIE,
        "1" if large else "0",
        max_age=365 * 24 * 3600,
        samesite="Lax",
    )
    if request.user.is_authenticated and request.user.large_text != large:
        request.user.large_text = large
        request.user.save(update_fields=["large_text"])
    return response


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"profile_user": request.user})
