"""The "my communities" page from the person's cached summary (communities.membership.personal).

A repeat visit reads none of the person's memberships, grants or posts again; every
change to them, to the names shown, the day and the language shows on the very next
visit.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.membership import services as membership_services
from communities.membership.privacy import anonymise
from communities.models import Membership, Role
from communities.regions import services as region_services
from communities.roles import services as role_services
from tests.factories import (
    CommunityFactory,
    HouseholdFactory,
    MembershipFactory,
    RoleGrantFactory,
    UserFactory,
)
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db

PAGE = "/my/communities/"
PERSONAL_TABLES = (
    "communities_rolegrant",
    "communities_membership",
    "pairing_liaison",
    "assistance_socialworker",
)


@pytest.fixture
def community():
    return CommunityFactory(name="和平社区")


@pytest.fixture
def resident(community):
    membership = MembershipFactory(
        community=community,
        household=HouseholdFactory(community=community),
        status=Membership.Status.VERIFIED,
    )
    return membership.user


def _page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeat_visit_reads_nothing_of_the_person_again(client, resident):
    RoleGrantFactory(user=resident, role=Role.COMMITTEE)
    client.force_login(resident)
    first = _page(client)

    with CaptureQueriesContext(connection) as queries:
        again = _page(client)

    read = [q["sql"] for q in queries if any(t in q["sql"] for t in PERSONAL_TABLES)]
    assert read == []
    assert again == first


def test_a_grant_made_or_revoked_shows_on_the_next_visit(client, resident, community):
    officer = give_totp(UserFactory(is_superuser=True))
    client.force_login(resident)
    assert reverse("communities:desk") not in _page(client)

    grant = role_services.grant_role(
        actor=officer,
        user=resident,
        role=Role.COMMITTEE,
        community=community,
        starts_on=timezone.localdate(),
    )
    page = _page(client)
    assert reverse("communities:desk") in page  # the header's work-desk link

    role_services.revoke_role(actor=officer, grant=grant)
    assert reverse("communities:desk") not in _page(client)


def test_a_verified_membership_and_a_renamed_community_show_at_once(client, community):
    person = UserFactory()
    client.force_login(person)
    membership = MembershipFactory(
        user=person, community=community, status=Membership.Status.PENDING
    )
    page = _page(client)
    assert "和平社区" in page and "status-pending" in page

    membership_services.verify_membership(
        actor=give_totp(UserFactory(is_superuser=True)), membership=membership
    )
    assert "status-verified" in _page(client)

    region_services.update_community(
        actor=None, community=community, name="新和平社区", description=""
    )
    assert "新和平社区" in _page(client)


def test_a_grant_that_ends_today_is_gone_tomorrow(client, resident, community):
    today = timezone.localdate()
    RoleGrantFactory(
        user=resident,
        role=Role.COMMITTEE,
        community=community,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today,
    )
    client.force_login(resident)
    assert reverse("communities:desk") in _page(client)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert reverse("communities:desk") not in _page(client)


def test_the_page_follows_the_language(client, resident):
    client.force_login(resident)
    resident.preferred_language = "en"
    resident.save(update_fields=["preferred_language"])
    assert "Residency" in _page(client)

    resident.preferred_language = "zh-hans"
    resident.save(update_fields=["preferred_language"])
    assert "Residency" not in _page(client)


def test_an_erased_accounts_grants_leave_the_copy(client, resident, community):
    RoleGrantFactory(user=resident, role=Role.COMMITTEE, community=community)
    client.force_login(resident)
    assert reverse("communities:desk") in _page(client)

    anonymise(resident)  # the grants end in one bulk update, without signals

    assert reverse("communities:desk") not in _page(client)
