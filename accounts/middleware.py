"""Per-person interface language, and the 2FA gate for staff rights."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation

from accounts.mfa import has_totp


class PreferredLanguageMiddleware:
    """A signed-in person sees the site, and the Wagtail admin, in their chosen language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            if language in self.codes:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequireStaffMFAMiddleware:
    """The Wagtail and Django admin open only to staff who have set up TOTP.

    Role predicates refuse staff rights without TOTP too (communities.rules); this
    gate covers the admin, whose own permission checks know nothing of 2FA.
    """

    PROTECTED_PREFIXES = ("/admin/", "/django-admin/")
    EXEMPT_PREFIXES = ("/admin/login/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(self.PROTECTED_PREFIXES) and not path.startswith(
            self.EXEMPT_PREFIXES
        ):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not has_totp(user):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{settings.MFA_SETUP_URL}?{query}")
        return self.get_response(request)
