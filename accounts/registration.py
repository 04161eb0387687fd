"""What accounts registers when Django starts: its personal-data collectors."""

from __future__ import annotations

from accounts import collectors
from accounts.personal_data import register_collector


def register() -> None:
    """Called from AccountsConfig.ready()."""
    register_collector("account", collectors.collect_user)
    register_collector("email_addresses", collectors.collect_email_addresses)
    register_collector("login_methods", collectors.collect_login_methods)
