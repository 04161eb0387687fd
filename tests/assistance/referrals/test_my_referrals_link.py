"""A social worker reaches their referrals from their own page; others see no link."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_social_worker_finds_their_referrals_from_their_page(
    signed_in, worker, resident
):
    link = reverse("assistance:my-referrals")
    page = reverse("communities:my-communities")
    assert link in signed_in(worker.user).get(page).content.decode()
    assert link not in signed_in(resident).get(page).content.decode()
