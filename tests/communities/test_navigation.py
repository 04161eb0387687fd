"""The community navigation registry other apps extend."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from communities import navigation
from communities.models import Role
from notifications import kinds
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_an_app_can_add_an_entry_in_order():
    community = CommunityFactory()
    item = navigation.register(
        navigation.NavItem("test-entry", "Test", lambda c: f"/{c.slug}/test/", order=5)
    )
    try:
        keys = [
            i["key"]
            for i in navigation.items_for(
                request=_request(AnonymousUser()), community=community
            )
        ]
        assert keys[:2] == ["home", item.key]
    finally:
        navigation._ITEMS.pop(item.key)


FOUNDATION_KEYS = {"home", "join", "membership", "verification", "households", "roles"}
STAFF_KEYS = {"verification", "households", "roles", "settings", "audit"}


def test_anonymous_visitors_see_home_and_join_and_no_staff_tools():
    community = CommunityFactory()
    items = navigation.items_for(request=_request(AnonymousUser()), community=community)
    keys = [i["key"] for i in items]
    # Apps add public items (notices, who serves us, ...); the foundation's are these.
    assert [k for k in keys if k in FOUNDATION_KEYS] == ["home", "join"]
    assert not STAFF_KEYS & set(keys)


def test_the_committee_sees_its_tools():
    grant = RoleGrantFactory(role=Role.COMMITTEE)
    give_totp(grant.user)
    items = navigation.items_for(
        request=_request(grant.user), community=grant.community
    )
    assert {"verification", "roles", "settings", "audit"} <= {i["key"] for i in items}


@pytest.mark.parametrize(
    "key",
    [
        "communities.membership_requested",
        "communities.membership_verified",
        "communities.membership_rejected",
        "communities.role_granted",
    ],
)
def test_notification_kinds_are_registered(key):
    assert kinds.get(key).key == key
