"""seed_demo refuses to run with DEBUG off (the demo data itself: tests/demo)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from communities.models import Community

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Community.objects.exists()
