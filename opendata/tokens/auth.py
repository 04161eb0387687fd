"""`Authorization: Bearer <token>`: the officer's API token (DRF authentication)
and a rate limit per token."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.throttling import SimpleRateThrottle

from opendata.tokens.selectors import token_for

# Write last_used_at at most this often (seconds) to spare a write per call.
TOUCH_EVERY = 60


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give one token after Bearer."))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid.")
            ) from None
        token = token_for(raw)
        if token is None or not token.owner.is_active:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid or has been revoked.")
            )
        now = timezone.now()
        if (
            token.last_used_at is None
            or (now - token.last_used_at).total_seconds() > TOUCH_EVERY
        ):
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.owner, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "opendata.tokens.auth.TokenAuthentication"
    name = "officerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}


class PerTokenThrottle(SimpleRateThrottle):
    """`OPENDATA_TOKEN_RATE` calls per token (settings; default 120/min)."""

    scope = "officer_token"

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
