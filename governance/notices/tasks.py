"""Scheduled notices go live, and expired ones leave (every minute)."""

from __future__ import annotations

from django.core.management import call_command
from django.tasks import task


@task
def publish_scheduled_pages() -> None:
    """Every minute: Wagtail publishes pages whose go-live time came and unpublishes
    expired ones. Its signals announce notices, update the site search and retire
    cached public pages."""
    call_command("publish_scheduled", verbosity=0)
