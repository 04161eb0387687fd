"""The django.contrib.sites row follows settings: allauth's e-mails ("您好，来自…")
and every absolute link name the site's own name and address, never the
framework's default "example.com"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS


def sync_site(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> Site:
    """Create or update the current Site from SITE_NAME and SITE_DOMAIN."""
    site, _created = Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.SITE_NAME, "domain": settings.SITE_DOMAIN},
    )
    Site.objects.clear_cache()
    return site


def sync_site_after_migrate(
    sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    """post_migrate receiver: only once the sites app's table exists."""
    if getattr(sender, "label", None) != "sites":
        return
    sync_site(using=using)
