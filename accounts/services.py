"""Writes about the person: profile, language, personal-data export and deletion."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts import personal_data
from accounts.models import User
from audit.services import record

EXPORT_FORMAT_VERSION = 1


def set_preferred_language(*, user: User, language: str) -> User:
    """Remember the person's language for the site and keep Wagtail's admin in step."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValueError(f"Unknown language {language!r}")
    with transaction.atomic():
        if user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        _sync_wagtail_language(user=user)
    return user


def _sync_wagtail_language(*, user: User) -> None:
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != user.preferred_language:
        profile.preferred_language = user.preferred_language
        profile.save(update_fields=["preferred_language"])


def update_profile(
    *,
    user: User,
    display_name: str,
    real_name: str,
    preferred_language: str,
    large_text: bool,
) -> User:
    """Save the person's own profile fields (validated by the profile form)."""
    with transaction.atomic():
        user.display_name = display_name.strip()
        user.real_name = real_name.strip()
        user.large_text = large_text
        user.save(update_fields=["display_name", "real_name", "large_text"])
        set_preferred_language(user=user, language=preferred_language)
    return user


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything Gongzhi holds about the person, section by registered collector.

    Collectors are registered by each app (see `accounts.personal_data`); none of
    them returns secrets such as password hashes or TOTP secrets.
    """
    sections: dict[str, Any] = {}
    for name, collect in sorted(personal_data.collectors().items()):
        sections[name] = collect(user)
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "site": settings.SITE_NAME,
        "data": sections,
    }


def delete_account(*, user: User) -> User:
    """Anonymise the person and remove their ways of signing in, in one transaction.

    The row stays so public records (votes, minutes, disclosures' objections) keep
    their author, shown as "former resident" (`User.public_name`). Each app's
    registered anonymiser removes or blanks what it holds. The caller logs the
    person out of the current request.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_anonymised:
            return user
        user.email = f"deleted-{user.pk}@invalid.local"
        user.display_name = ""
        user.real_name = ""
        user.phone = None
        user.phone_verified = False
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.is_anonymised = True
        user.set_unusable_password()
        user.save(
            update_fields=[
                "email",
                "display_name",
                "real_name",
                "phone",
                "phone_verified",
                "is_active",
                "is_staff",
                "is_superuser",
                "is_anonymised",
                "password",
            ]
        )
        user.groups.clear()
        user.user_permissions.clear()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        # Wagtail's profile may hold an avatar photo.
        UserProfile.objects.filter(user=user).delete()
        for anonymise in personal_data.anonymisers():
            anonymise(user)
        _delete_sessions(user=user)
        record(actor=user, action="account.deleted", target=user)
    return user


def _delete_sessions(*, user: User) -> None:
    """Remove the person's stored sessions (the database engines, with or without
    a copy in the cache).

    Sessions are not indexed by user, so this reads the live ones; deletion is rare.
    The unusable password also invalidates any session this misses, because the
    session's auth hash no longer matches.
    """
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
        "config.sessions",
    ):
        return
    user_id = str(user.pk)
    doomed = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == user_id
    ]
    # Through the engine, so that a copy in the cache (config.sessions) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in doomed:
        store().delete(session_key)
