"""Officers' pages: a street's or district's overview, their officers, the platform."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from communities import services
from communities.models import Community, Membership, Role, RoleGrant
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def town(district):
    return StreetFactory(parent=district, name="西湖镇", slug="xihu", kind="town")


@pytest.fixture
def taohua(make_community, town):
    return make_community(
        name="桃花村", slug="taohua", kind="village", street_region=town
    )


def _officer(role, region=None, totp=True):
    user = RoleGrantFactory(role=role, community=None, region=region).user
    return give_totp(user) if totp else user


@pytest.fixture
def street_officer(heping):
    return _officer(Role.STREET_OFFICER, heping.street)


@pytest.fixture
def district_officer(district):
    return _officer(Role.DISTRICT_OFFICER, district)


@pytest.fixture
def platform_admin(db):
    return _officer(Role.PLATFORM_ADMIN)


def _requests(community, *, pending=0, verified=0):
    for _ in range(pending):
        MembershipFactory(
            community=community,
            household__community=community,
            status=Membership.Status.PENDING,
        )
    for _ in range(verified):
        MembershipFactory(community=community, household__community=community)


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


# --- overview ----------------------------------------------------------------


def test_a_street_officer_sees_the_streets_communities_with_waiting_requests(
    client, street_officer, heping, make_community
):
    quiet = make_community(name="安静社区", slug="anjing")
    _requests(heping, pending=2, verified=3)
    client.force_login(street_officer)
    response = client.get(f"/regions/{heping.street.slug}/")
    assert response.status_code == 200
    (section,) = response.context["sections"]
    counts = {
        c.slug: (c.pending_count, c.resident_count) for c in section["communities"]
    }
    assert counts == {"heping": (2, 3), quiet.slug: (0, 0)}
    assert response.context["pending_total"] == 2
    html = response.content.decode()
    assert f"<h1>{heping.street.name}</h1>" in html
    assert 'href="/heping/"' in html and "<strong>2</strong>" in html


def test_a_district_officer_sees_every_street_and_its_communities(
    client, district_officer, district, heping, taohua
):
    empty_street = StreetFactory(parent=district, name="空街道")
    _requests(taohua, pending=1)
    client.force_login(district_officer)
    response = client.get(f"/regions/{district.slug}/")
    assert response.status_code == 200
    sections = {s["street"].name: s for s in response.context["sections"]}
    assert set(sections) == {heping.street.name, "西湖镇", "空街道"}
    assert [c.pending_count for c in sections["西湖镇"]["communities"]] == [1]
    assert sections["空街道"]["communities"] == []
    assert all(s["may_grant"] for s in sections.values())
    hrefs = _hrefs(response.content.decode())
    assert {
        f"/regions/{heping.street.slug}/",
        "/regions/xihu/roles/",
        f"/regions/{empty_street.slug}/",
        "/heping/",
        "/taohua/",
    } <= hrefs


def test_the_overview_asks_anonymous_visitors_to_sign_in(client, heping):
    response = client.get(f"/regions/{heping.street.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["resident", "committee member", "other street"])
def test_the_overview_is_refused_to_people_who_do_not_oversee_the_street(
    client, heping, district, who
):
    user = {
        "resident": lambda: (
            MembershipFactory(community=heping, household__community=heping).user
        ),
        "committee member": lambda: give_totp(
            RoleGrantFactory(role=Role.COMMITTEE, community=heping).user
        ),
        "other street": lambda: _officer(
            Role.STREET_OFFICER, StreetFactory(parent=district)
        ),
    }[who]()
    client.force_login(user)
    assert client.get(f"/regions/{heping.street.slug}/").status_code == 403


def test_a_street_officer_is_refused_the_district_overview(
    client, street_officer, district
):
    client.force_login(street_officer)
    assert client.get(f"/regions/{district.slug}/").status_code == 403


def test_an_officer_without_totp_is_told_to_set_it_up(client, heping):
    client.force_login(_officer(Role.STREET_OFFICER, heping.street, totp=False))
    response = client.get(f"/regions/{heping.street.slug}/")
    assert response.status_code == 403
    assert response.templates[0].name == "communities/mfa_required.html"


def test_an_unknown_region_is_404(client, platform_admin):
    client.force_login(platform_admin)
    assert client.get("/regions/nowhere/").status_code == 404


FOUNDATION_REGION_KEYS = {"district", "overview", "dashboard", "roles", "platform"}


def test_region_navigation_links_district_overview_and_officers(
    client, district_officer, heping, district
):
    client.force_login(district_officer)
    response = client.get(f"/regions/{heping.street.slug}/")
    keys = [item["key"] for item in response.context["region_nav"]]
    # Apps add their entries (escalated objections, charity ...) between these.
    assert [k for k in keys if k in FOUNDATION_REGION_KEYS] == [
        "district",
        "overview",
        "dashboard",
        "roles",
    ]
    assert {"escalated-objections", "charity-overdue", "charity-totals"} <= set(keys)
    html = response.content.decode()
    assert f'href="/regions/{district.slug}/"' in html
    assert f'href="/regions/{heping.street.slug}/roles/"' in html


def test_a_street_officer_sees_no_officers_link_on_their_street(
    client, street_officer, heping
):
    client.force_login(street_officer)
    response = client.get(f"/regions/{heping.street.slug}/")
    keys = [item["key"] for item in response.context["region_nav"]]
    assert [k for k in keys if k in FOUNDATION_REGION_KEYS] == ["overview", "dashboard"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("level", ["street", "district"])
def test_overview_queries_do_not_grow_with_communities_streets_or_requests(
    client, district_officer, district, heping, level
):
    url = f"/regions/{heping.street.slug if level == 'street' else district.slug}/"
    client.force_login(district_officer)
    client.get(url)
    small = _count_queries(client, url)
    for _ in range(5):
        street = StreetFactory(parent=district)
        for _ in range(4):
            _requests(CommunityFactory(street=street), pending=2, verified=1)
    for _ in range(40):
        _requests(CommunityFactory(street=heping.street), pending=1)
    large = _count_queries(client, url)
    assert small == large
    # One page of communities (issue 16): the count, the page's ids, their figures,
    # and the requests waiting over the whole region.
    assert large <= 13


# --- officers of a street or district ----------------------------------------


def test_a_district_officer_may_grant_street_officers_only(
    client, district_officer, heping
):
    client.force_login(district_officer)
    form = client.get(f"/regions/{heping.street.slug}/roles/").context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        Role.STREET_OFFICER,
        Role.AID_OFFICER,  # and the street's assistance officers (社会救助)
    ]


def test_a_district_officer_grants_a_street_officer(client, district_officer, heping):
    person = UserFactory(email="officer@example.org")
    client.force_login(district_officer)
    response = client.post(
        f"/regions/{heping.street.slug}/roles/",
        {
            "email": "officer@example.org",
            "role": Role.STREET_OFFICER,
            "starts_on": TODAY,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/regions/{heping.street.slug}/roles/"
    grant = RoleGrant.objects.active().get(user=person)
    assert (grant.role, grant.region, grant.community) == (
        Role.STREET_OFFICER,
        heping.street,
        None,
    )
    assert AuditEvent.objects.filter(action="role.grant", actor=district_officer)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "nobody@example.org", "role": "street_officer"}, "email"),
        ({"email": "officer@example.org", "role": "district_officer"}, "role"),
        ({"email": "officer@example.org", "role": "committee"}, "role"),
        (
            {
                "email": "officer@example.org",
                "role": "street_officer",
                "ends_on": "2000-01-01",
            },
            "ends_on",
        ),
        (
            {"email": "officer@example.org", "role": "street_officer", "starts_on": ""},
            "starts_on",
        ),
    ],
    ids=[
        "unknown person",
        "district officer not grantable",
        "community role",
        "ends before start",
        "no start",
    ],
)
def test_a_bad_officer_grant_shows_the_error_and_saves_nothing(
    client, district_officer, heping, data, field
):
    UserFactory(email="officer@example.org")
    client.force_login(district_officer)
    response = client.post(
        f"/regions/{heping.street.slug}/roles/", {"starts_on": TODAY, **data}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="errorlist' in response.content.decode()
    assert RoleGrant.objects.count() == 1  # the district officer's own


def test_the_street_roles_page_lists_and_revokes_its_officers(
    client, district_officer, heping
):
    grant = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=heping.street
    )
    client.force_login(district_officer)
    html = client.get(f"/regions/{heping.street.slug}/roles/").content.decode()
    assert grant.user.public_name in html
    revoke = f"/regions/{heping.street.slug}/roles/{grant.pk}/revoke/"
    assert f'action="{revoke}"' in html
    response = client.post(revoke)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == district_officer


def test_revoking_twice_says_it_is_already_revoked(client, district_officer, heping):
    grant = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=heping.street
    )
    client.force_login(district_officer)
    client.post(f"/regions/{heping.street.slug}/roles/{grant.pk}/revoke/")
    response = client.post(
        f"/regions/{heping.street.slug}/roles/{grant.pk}/revoke/", follow=True
    )
    assert "already been revoked" in response.content.decode()


def test_a_grant_of_another_region_cannot_be_revoked_through_this_one(
    client, district_officer, heping, town
):
    grant = RoleGrantFactory(role=Role.STREET_OFFICER, community=None, region=town)
    client.force_login(district_officer)
    response = client.post(f"/regions/{heping.street.slug}/roles/{grant.pk}/revoke/")
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_a_street_officer_may_not_manage_street_officers(
    client, street_officer, heping
):
    colleague = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=heping.street
    )
    client.force_login(street_officer)
    assert client.get(f"/regions/{heping.street.slug}/roles/").status_code == 403
    revoke = f"/regions/{heping.street.slug}/roles/{colleague.pk}/revoke/"
    assert client.post(revoke).status_code == 403
    colleague.refresh_from_db()
    assert colleague.revoked_at is None


def test_a_district_officer_is_refused_another_districts_street(
    client, district_officer, other_district
):
    far = StreetFactory(parent=other_district)
    client.force_login(district_officer)
    assert client.get(f"/regions/{far.slug}/roles/").status_code == 403
    assert client.get(f"/regions/{far.slug}/").status_code == 403


def test_a_district_officer_may_not_grant_district_officers(
    client, district_officer, district
):
    client.force_login(district_officer)
    # Only the district's assistance supervisors are theirs to grant there.
    form = client.get(f"/regions/{district.slug}/roles/").context["form"]
    assert [v for v, _label in form.fields["role"].choices] == [Role.AID_SUPERVISOR]
    person = UserFactory(email="district@example.org")
    response = client.post(
        f"/regions/{district.slug}/roles/",
        {
            "email": "district@example.org",
            "role": Role.DISTRICT_OFFICER,
            "starts_on": TODAY,
        },
    )
    assert response.context["form"].errors["role"]
    assert not RoleGrant.objects.filter(user=person)


def test_a_platform_admin_grants_a_district_officer(client, platform_admin, district):
    person = UserFactory(email="district@example.org")
    client.force_login(platform_admin)
    form = client.get(f"/regions/{district.slug}/roles/").context["form"]
    assert [v for v, _label in form.fields["role"].choices] == [
        Role.DISTRICT_OFFICER,
        Role.AID_SUPERVISOR,
    ]
    client.post(
        f"/regions/{district.slug}/roles/",
        {
            "email": "district@example.org",
            "role": Role.DISTRICT_OFFICER,
            "starts_on": TODAY,
        },
    )
    assert RoleGrant.objects.active().filter(
        user=person, role=Role.DISTRICT_OFFICER, region=district
    )


def test_a_new_street_officer_can_open_their_street_at_once(
    client, district_officer, heping
):
    person = give_totp(UserFactory(email="new@example.org"))
    client.force_login(district_officer)
    client.post(
        f"/regions/{heping.street.slug}/roles/",
        {"email": "new@example.org", "role": Role.STREET_OFFICER, "starts_on": TODAY},
    )
    client.force_login(person)
    assert client.get(f"/regions/{heping.street.slug}/").status_code == 200


def test_a_revoked_street_officer_loses_the_overview(client, district_officer, heping):
    grant = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=heping.street
    )
    give_totp(grant.user)
    services.revoke_role(actor=district_officer, grant=grant)
    client.force_login(grant.user)
    assert client.get(f"/regions/{heping.street.slug}/").status_code == 403


def test_officer_pages_keep_a_constant_number_of_queries(
    client, district_officer, heping
):
    url = f"/regions/{heping.street.slug}/roles/"
    client.force_login(district_officer)
    client.get(url)
    small = _count_queries(client, url)
    for _ in range(20):
        RoleGrantFactory(role=Role.STREET_OFFICER, community=None, region=heping.street)
    large = _count_queries(client, url)
    assert small == large
    assert large <= 10


# --- platform ------------------------------------------------------------------


def test_a_platform_admin_grants_and_revokes_platform_admins(
    client, platform_admin, district
):
    person = UserFactory(email="admin2@example.org")
    client.force_login(platform_admin)
    response = client.get("/platform/roles/")
    assert [v for v, _label in response.context["form"].fields["role"].choices] == [
        Role.PLATFORM_ADMIN
    ]
    assert f'href="/regions/{district.slug}/roles/"' in response.content.decode()
    client.post(
        "/platform/roles/",
        {
            "email": "admin2@example.org",
            "role": Role.PLATFORM_ADMIN,
            "starts_on": TODAY,
        },
    )
    grant = RoleGrant.objects.active().get(user=person)
    assert (grant.role, grant.region, grant.community) == (
        Role.PLATFORM_ADMIN,
        None,
        None,
    )
    client.post(f"/platform/roles/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_a_bad_platform_grant_shows_the_error_and_saves_nothing(client, platform_admin):
    client.force_login(platform_admin)
    response = client.post(
        "/platform/roles/",
        {
            "email": "nobody@example.org",
            "role": Role.PLATFORM_ADMIN,
            "starts_on": TODAY,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "There is no account with this address."
    ]
    assert RoleGrant.objects.count() == 1


def test_the_platform_revoke_url_only_takes_platform_grants(
    client, platform_admin, heping
):
    grant = RoleGrantFactory(role=Role.COMMITTEE, community=heping)
    client.force_login(platform_admin)
    assert client.post(f"/platform/roles/{grant.pk}/revoke/").status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_a_superuser_with_totp_opens_the_platform_page(client, db):
    client.force_login(give_totp(UserFactory(is_superuser=True, is_staff=True)))
    assert client.get("/platform/roles/").status_code == 200


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.STREET_OFFICER])
def test_officers_are_refused_the_platform_page(client, heping, role):
    region = heping.street if role == Role.STREET_OFFICER else heping.street.parent
    client.force_login(_officer(role, region))
    assert client.get("/platform/roles/").status_code == 403


def test_a_platform_admin_without_totp_is_told_to_set_it_up(client, db):
    client.force_login(_officer(Role.PLATFORM_ADMIN, totp=False))
    response = client.get("/platform/roles/")
    assert response.status_code == 403
    assert response.templates[0].name == "communities/mfa_required.html"


def test_the_platform_page_asks_anonymous_visitors_to_sign_in(client, db):
    assert client.get("/platform/roles/").status_code == 302


# --- reachable from the portal -------------------------------------------------


def test_officers_find_their_regions_on_the_portal_home_page(
    client, street_officer, district_officer, platform_admin, heping, district
):
    client.force_login(street_officer)
    hrefs = _hrefs(client.get("/").content.decode())
    assert f"/regions/{heping.street.slug}/" in hrefs
    assert f"/regions/{district.slug}/" not in hrefs
    client.force_login(district_officer)
    assert f"/regions/{district.slug}/" in _hrefs(client.get("/").content.decode())
    client.force_login(platform_admin)
    hrefs = _hrefs(client.get("/").content.decode())
    assert {"/platform/roles/", f"/regions/{district.slug}/"} <= hrefs


@pytest.mark.parametrize("who", ["anonymous", "resident", "officer without TOTP"])
def test_others_see_no_oversight_on_the_portal(client, heping, who):
    if who == "resident":
        client.force_login(
            MembershipFactory(community=heping, household__community=heping).user
        )
    elif who == "officer without TOTP":
        client.force_login(_officer(Role.STREET_OFFICER, heping.street, totp=False))
    html = client.get("/").content.decode()
    assert 'id="oversight-heading"' not in html
    assert "/regions/" not in html


def test_a_district_officer_reaches_street_officers_by_following_links(
    client, district_officer, heping, district
):
    client.force_login(district_officer)
    portal = client.get("/").content.decode()
    district_url = f"/regions/{district.slug}/"
    assert district_url in _hrefs(portal)
    overview = client.get(district_url).content.decode()
    roles_url = f"/regions/{heping.street.slug}/roles/"
    assert roles_url in _hrefs(overview)
    assert client.get(roles_url).status_code == 200


def test_a_platform_admin_reaches_district_officers_by_following_links(
    client, platform_admin, district
):
    client.force_login(platform_admin)
    assert "/platform/roles/" in _hrefs(client.get("/").content.decode())
    platform = client.get("/platform/roles/").content.decode()
    assert f"/regions/{district.slug}/roles/" in _hrefs(platform)


@pytest.mark.parametrize("who", ["district officer", "platform admin"])
def test_signed_in_portal_queries_do_not_grow_for_officers(
    client, district_officer, platform_admin, district, heping, who
):
    user = district_officer if who == "district officer" else platform_admin
    # Both hold a region grant from the start: the data grows, not its shape.
    RoleGrantFactory(
        user=user, role=Role.STREET_OFFICER, community=None, region=heping.street
    )
    client.force_login(user)
    client.get("/")
    small = _count_queries(client, "/")
    for n in range(3):
        street = StreetFactory(parent=district)
        RoleGrantFactory(
            user=user, role=Role.STREET_OFFICER, community=None, region=street
        )
        StreetFactory(parent=RegionFactory(slug=f"more-{n}", name=f"更多{n}区"))
        for _ in range(5):
            CommunityFactory(street=street)
    large = _count_queries(client, "/")
    assert small == large
    assert large <= 14  # +1: the person's liaison posts (pairing's personal links)


def test_my_communities_links_officer_grants_to_their_pages(
    client, street_officer, heping
):
    RoleGrantFactory(user=street_officer, role=Role.PLATFORM_ADMIN, community=None)
    client.force_login(street_officer)
    hrefs = _hrefs(client.get("/my/communities/").content.decode())
    assert f"/regions/{heping.street.slug}/" in hrefs
    assert "/platform/roles/" in hrefs


def test_my_communities_links_an_officer_grant_even_without_totp(client, heping):
    officer = _officer(Role.DISTRICT_OFFICER, heping.street.parent, totp=False)
    client.force_login(officer)
    html = client.get("/my/communities/").content.decode()
    assert f'href="/regions/{heping.street.parent.slug}/"' in html


# --- URL space -------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["regions", "platform", "my"])
def test_a_community_may_not_take_a_slug_the_platform_uses(street, portal, slug):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_community(street=street, name="x", slug=slug, kind="community")
    assert not Community.objects.filter(slug=slug).exists()
