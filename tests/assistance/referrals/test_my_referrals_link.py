"""A social worker reaches their referrals from their own page; others see no link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.referrals import services
from assistance.referrals.models import Qualification
from tests.factories import UserFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


def test_a_social_worker_finds_their_referrals_from_their_page(
    signed_in, worker, resident
):
    link = reverse("assistance:my-referrals")
    page = reverse("communities:my-communities")
    assert link in signed_in(worker.user).get(page).content.decode()
    assert link not in signed_in(resident).get(page).content.decode()


def test_the_link_appears_on_the_next_visit_once_the_post_is_added(
    signed_in, org, officer
):
    """The "my communities" page keeps the person's posts in the cache
    (communities.membership.personal): adding the post must retire that copy."""
    person = give_totp(UserFactory())
    client = signed_in(person)
    link = reverse("assistance:my-referrals")
    page = reverse("communities:my-communities")
    assert link not in client.get(page).content.decode()

    services.add_worker(
        actor=officer,
        organisation=org,
        email=person.email,
        qualification=Qualification.SOCIAL_WORKER,
        certificate_number="SG002",
    )

    assert link in client.get(page).content.decode()
