"""A community's committee lists are paginated (issue 16): the verification queue
and the households, one page at a time, in the same queries at every size."""

from __future__ import annotations

import pytest

from communities.models import Household, Membership, Role
from tests.factories import MembershipFactory, RoleGrantFactory, UserFactory
from tests.support.actors import give_totp
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def committee(client, heping):
    user = give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)
    client.force_login(user)
    return user


def _residents(community, status):
    def add(n):
        for _ in range(n):
            household = Household.objects.create(
                community=community, building="1", room=str(Household.objects.count())
            )
            MembershipFactory(
                user=UserFactory(),
                community=community,
                household=household,
                status=status,
            )

    return add


def test_the_verification_queue_is_paginated(client, monkeypatch, heping, committee):
    assert_paginated(
        client,
        monkeypatch,
        "/heping/verification/",
        _residents(heping, Membership.Status.PENDING),
    )


def test_verifying_on_a_later_page_comes_back_to_it(
    client, monkeypatch, heping, committee
):
    _residents(heping, Membership.Status.PENDING)(3)
    pending = Membership.objects.filter(community=heping).last()
    response = client.post(f"/heping/verification/{pending.pk}/verify/?page=2")
    assert response["Location"] == "/heping/verification/?page=2"


def test_the_households_are_paginated(client, monkeypatch, heping, committee):
    assert_paginated(
        client,
        monkeypatch,
        "/heping/households/",
        _residents(heping, Membership.Status.VERIFIED),
    )
