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


def test_the_committee_menu_has_no_staff_tools_and_the_desk_lists_them(client):
    grant = RoleGrantFactory(role=Role.COMMITTEE)
    give_totp(grant.user)
    items = navigation.items_for(
        request=_request(grant.user), community=grant.community
    )
    keys = {i["key"] for i in items}
    staff = {key for key, item in navigation._ITEMS.items() if item.staff}
    assert not staff & keys
    assert {"home", "notices", "membership"} <= keys
    tools = navigation.staff_items_for(grant.user, grant.community)
    assert {"verification", "roles", "settings", "audit"} <= {t["key"] for t in tools}
    # The desk page shows them under the committee's work, and the community
    # page's menu does not.
    client.force_login(grant.user)
    desk = client.get("/desk/").content.decode()
    tools_html = desk[desk.index('class="desk-tools"') :]
    for key in ("verification", "roles", "settings", "audit"):
        url = navigation._ITEMS[key].url(grant.community)
        assert f'href="{url}"' in tools_html
    roles = navigation._ITEMS["roles"].url(grant.community)
    page = client.get(roles).content.decode()
    menu = page[page.index('class="community-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert navigation._ITEMS["verification"].url(grant.community) not in menu
    assert navigation._ITEMS["audit"].url(grant.community) not in menu


def test_every_entry_behind_a_staff_permission_is_marked_staff():
    """The public menu's entries are visible to any resident; an entry a resident
    cannot see is a staff tool and must be registered `staff=True`."""
    from tests.factories import MembershipFactory

    membership = MembershipFactory(status="verified")
    community = membership.community
    resident = membership.user
    hidden = {
        key
        for key, item in navigation._ITEMS.items()
        if not item.visible(resident, community) and key != "join"
    }
    assert hidden
    assert all(navigation._ITEMS[key].staff for key in hidden), hidden


def test_a_resident_has_no_desk_and_the_same_menu(client):
    from tests.factories import MembershipFactory

    membership = MembershipFactory(status="verified")
    client.force_login(membership.user)
    assert client.get("/desk/").status_code == 403
    keys = {
        i["key"]
        for i in navigation.items_for(
            request=_request(membership.user), community=membership.community
        )
    }
    assert {"home", "notices", "membership"} <= keys


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
