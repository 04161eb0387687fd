"""Notices leave the public list the day after their period ends: cached
public pages are retired just after midnight (daily)."""

from __future__ import annotations

from django.tasks import task

from communities.cache import bump_generation


@task
def retire_ended_notices() -> None:
    bump_generation()
