"""A looser Content Security Policy for the admin only.

Wagtail's admin still renders some inline scripts (date pickers, inline panels), which
the site-wide policy blocks. The admin gets 'unsafe-inline' scripts; everything else
keeps the strict policy with nonces.
"""

from django.conf import settings
from django.utils.csp import CSP

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def admin_policy() -> dict:
    policy = dict(settings.SECURE_CSP)
    policy["script-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]
    return policy


class AdminContentSecurityPolicyMiddleware:
    """Sits after ContentSecurityPolicyMiddleware, so its response hook runs first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = admin_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_config = self.policy
        return response
