"""What accounts itself contributes to the personal-data export.

Only facts about the person: no password hash, no TOTP secret, no recovery codes,
no social tokens.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def collect_user(user) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "real_name": user.real_name,
        "phone": user.phone,
        "phone_verified": user.phone_verified,
        "preferred_language": user.preferred_language,
        "large_text": user.large_text,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_active": user.is_active,
    }


def collect_email_addresses(user) -> list[dict[str, Any]]:
    return [
        {
            "email": address.email,
            "verified": address.verified,
            "primary": address.primary,
        }
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def collect_login_methods(user) -> dict[str, Any]:
    """How the person can sign in: a summary, never the secrets themselves."""
    return {
        "has_password": user.has_usable_password(),
        "phone_sign_in": bool(user.phone and user.phone_verified),
        "two_factor": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "social_accounts": [
            {
                "provider": account.provider,
                "date_joined": _iso(account.date_joined),
                "last_login": _iso(account.last_login),
            }
            for account in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
    }
