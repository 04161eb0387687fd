"""What accounts registers when Django starts: its personal-data collectors and
the deploy check of the field encryption keys, and the Site row that follows
settings (accounts.site)."""

from __future__ import annotations

from django.core import checks
from django.db.models.signals import post_migrate

from accounts import collectors
from accounts.checks import check_field_encryption_keys
from accounts.personal_data import register_collector
from accounts.site import sync_site_after_migrate


def register() -> None:
    """Called from AccountsConfig.ready()."""
    register_collector("account", collectors.collect_user)
    register_collector("email_addresses", collectors.collect_email_addresses)
    register_collector("login_methods", collectors.collect_login_methods)
    checks.register(check_field_encryption_keys, checks.Tags.security, deploy=True)
    post_migrate.connect(sync_site_after_migrate, dispatch_uid="accounts.sync_site")
