"""Account pages outside allauth: profile, interface preferences, data export, deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import personal_data, services
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.mfa import has_totp
from accounts.models import User
from accounts.preferences import LARGE_TEXT_COOKIE

YEAR = 365 * 24 * 3600


def _safe_next(request) -> str:
    target = request.GET.get("next") or "/"
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"  # only a path on this site (a bare word would be a URL name)
    return target


def _set_language_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=YEAR,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )


def _set_text_size_cookie(response: HttpResponse, large: bool) -> None:
    response.set_cookie(
        LARGE_TEXT_COOKIE, "1" if large else "0", max_age=YEAR, samesite="Lax"
    )


def set_language(request, code: str):
    """Switch the interface language; it sticks for a signed-in person.

    A link rather than a POST form, so anonymous pages carry no CSRF token and can
    be cached; switching language changes nothing but the interface.
    """
    if code not in {c for c, _n in settings.LANGUAGES}:
        raise Http404
    response = HttpResponseRedirect(_safe_next(request))
    _set_language_cookie(response, code)
    if request.user.is_authenticated:
        services.set_preferred_language(user=request.user, language=code)
    return response


def set_text_size(request, size: str):
    """Switch large-text mode on or off (remembered for the person, or in a cookie)."""
    if size not in ("large", "normal"):
        raise Http404
    large = size == "large"
    response = HttpResponseRedirect(_safe_next(request))
    _set_text_size_cookie(response, large)
    if request.user.is_authenticated and request.user.large_text != large:
        request.user.large_text = large
        request.user.save(update_fields=["large_text"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    if request.method == "POST":
        # Bind to a copy, so a refused form leaves the signed-in user untouched.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            data = form.cleaned_data
            services.update_profile(
                user=user,
                display_name=data["display_name"],
                real_name=data["real_name"],
                preferred_language=data["preferred_language"],
                large_text=data["large_text"],
            )
            with translation.override(user.preferred_language):
                messages.success(request, _("Your profile has been saved."))
            response = redirect("accounts:profile")
            _set_language_cookie(response, user.preferred_language)
            _set_text_size_cookie(response, user.large_text)
            return response
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {"profile_user": user, "form": form, "has_totp": has_totp(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_data(request):
    """Download everything Gongzhi holds about the signed-in person, as JSON."""
    data = services.export_personal_data(user=request.user)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="gongzhi-personal-data-{stamp}.json"'
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Confirm, then anonymise the account and sign the person out."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        request.session["account_deleted"] = True
        return redirect("accounts:deleted")
    kept = personal_data.kept_records(request.user)
    return render(request, "accounts/delete.html", {"form": form, "kept": kept})


def account_deleted(request):
    """The confirmation page, shown once right after deletion."""
    if not request.session.pop("account_deleted", False):
        return redirect("/")
    return render(request, "accounts/deleted.html")
