"""The second sign-in step (the TOTP or recovery code), limited per source address
and account together.

allauth counts wrong codes per account alone (`mfa-auth-user-<id>`, 5 per 5 minutes
by default), so someone who has only a staff member's password could type five
wrong codes and keep that staff member out for as long as they liked. Here the
count is kept per (address, account): wrong codes from one address stop only that
address. The other parts of allauth's `login_failed` limit still apply (at most 10
failed attempts a minute from one address, whatever the account).

Recovery: the limit expires by itself (the `login_failed` window, 5 minutes by
default: `ACCOUNT_RATE_LIMITS["login_failed"]`), a right code clears it for that
address, and the account holder signing in from another address is not affected.
Named by the setting MFA_FORMS["authenticate"].
"""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context, ratelimit
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def attempts_key(request: HttpRequest, user) -> str:
    """The rate-limit key of wrong codes for `user` from this request's address."""
    address = get_account_adapter().get_client_ip(request)
    source = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"mfa-auth-user-{user.pk}-from-{source}"


class SourceBoundAuthenticateForm(AuthenticateForm):
    """allauth's code form, counting wrong codes per (address, account)."""

    def clean_code(self) -> str:
        request = context.request
        key = attempts_key(request, self.user)
        if not ratelimit.consume(request, action="login_failed", key=key):
            raise get_account_adapter().validation_error("too_many_login_attempts")
        code = self.cleaned_data["code"]
        main_auth: Authenticator | None = None
        # As allauth's form: WebAuthn cannot check typed codes; failures are
        # reported to the TOTP authenticator when there is one.
        for auth in Authenticator.objects.filter(user=self.user).exclude(
            type=Authenticator.Type.WEBAUTHN
        ):
            if not main_auth or auth.type == Authenticator.Type.TOTP:
                main_auth = auth
            if auth.wrap().validate_code(code):
                auth.user = self.user
                self.authenticator = auth
                ratelimit.clear(request, action="login_failed", key=key)
                return code
        if main_auth:
            self._emit_authentication_failed(main_auth)
            if code_already_used(main_auth, code):
                raise ValidationError(
                    _(
                        "This code has already been used. Wait for your "
                        "authenticator app to show the next code (a new one every "
                        "%(seconds)s seconds) and enter that one."
                    )
                    % {"seconds": mfa_settings.TOTP_PERIOD},
                    code="code_already_used",
                )
        raise get_adapter().validation_error("incorrect_code")


def code_already_used(auth: Authenticator, code: str) -> bool:
    """True when `code` is a TOTP code this account has just used to sign in.

    allauth accepts each code once (it marks it in the cache for the whole
    tolerance window) and then reports it as merely "incorrect"; a person who
    typed the code still on screen deserves to know to wait for the next one.
    """
    if auth.type != Authenticator.Type.TOTP:
        return False
    # allauth's own marker key (tests/accounts/test_totp_reuse.py pins it).
    return cache.get(auth.wrap()._get_used_cache_key(code)) is not None
