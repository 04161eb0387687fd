"""The grant pages offer and accept the assistance roles (can_grant decides):
district officers grant district supervisors, supervisors grant street
assistance officers, street (assistance) officers grant coordinators. Every
grant is audited, and counts only once the person sets up TOTP."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from communities.models import Role, RoleGrant
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)
from tests.factories import UserFactory
from tests.support.actors import ACTORS, give_totp

TODAY = timezone.localdate().isoformat()


def _choices(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [value for value, _label in response.context["form"].fields["role"].choices]


def _grant(client, url, role, email="new@example.org"):
    person = UserFactory(email=email)
    response = client.post(url, {"email": email, "role": role, "starts_on": TODAY})
    assert response.status_code == 302, response.content.decode()[:2000]
    return person


def test_a_district_officer_grants_a_district_assistance_supervisor(
    client, community, district
):
    granter = ACTORS["district officer"](community)
    client.force_login(granter)
    url = f"/regions/{district.slug}/roles/"
    assert Role.AID_SUPERVISOR in _choices(client, url)
    person = _grant(client, url, Role.AID_SUPERVISOR)
    grant = RoleGrant.objects.active().get(user=person)
    assert (grant.role, grant.region, grant.community) == (
        Role.AID_SUPERVISOR,
        district,
        None,
    )
    assert AuditEvent.objects.filter(action="role.grant", actor=granter).exists()
    # Two-factor authentication first: the grant does not count without TOTP.
    assert not is_aid_supervisor_for(person, community)
    give_totp(person)
    assert is_aid_supervisor_for(person, community)


def test_a_district_supervisor_grants_street_assistance_officers_only(
    client, community, street
):
    granter = ACTORS["district assistance supervisor"](community)
    client.force_login(granter)
    url = f"/regions/{street.slug}/roles/"
    assert _choices(client, url) == [Role.AID_OFFICER]
    person = _grant(client, url, Role.AID_OFFICER)
    assert RoleGrant.objects.active().get(user=person).region == street
    assert AuditEvent.objects.filter(action="role.grant", actor=granter).exists()
    assert not is_aid_officer_for(person, community)
    assert is_aid_officer_for(give_totp(person), community)


@pytest.mark.parametrize("granter", ["street assistance officer", "street officer"])
def test_the_street_grants_assistance_coordinators_on_the_community_roles_page(
    client, community, granter
):
    user = ACTORS[granter](community)
    client.force_login(user)
    url = f"/{community.slug}/roles/"
    assert Role.AID_COORDINATOR in _choices(client, url)
    person = _grant(client, url, Role.AID_COORDINATOR)
    grant = RoleGrant.objects.active().get(user=person)
    assert (grant.role, grant.community) == (Role.AID_COORDINATOR, community)
    assert AuditEvent.objects.filter(action="role.grant", actor=user).exists()
    assert not is_aid_coordinator(person, community)
    assert is_aid_coordinator(give_totp(person), community)


def test_a_street_assistance_officer_offers_only_coordinators(client, community):
    client.force_login(ACTORS["street assistance officer"](community))
    assert _choices(client, f"/{community.slug}/roles/") == [Role.AID_COORDINATOR]


@pytest.mark.parametrize(
    ("who", "role"),
    [
        ("street assistance officer", Role.COMMITTEE),
        ("district assistance supervisor", Role.STREET_OFFICER),
        ("assistance coordinator", Role.AID_COORDINATOR),
    ],
)
def test_a_role_the_granter_may_not_give_is_refused_and_nothing_is_saved(
    client, community, who, role
):
    client.force_login(ACTORS[who](community))
    UserFactory(email="new@example.org")
    before = RoleGrant.objects.count()
    url = (
        f"/regions/{community.street.slug}/roles/"
        if role == Role.STREET_OFFICER
        else f"/{community.slug}/roles/"
    )
    response = client.post(
        url, {"email": "new@example.org", "role": role, "starts_on": TODAY}
    )
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.context["form"].errors["role"]
    assert RoleGrant.objects.count() == before


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("street assistance officer", "street"),
        ("street assistance officer", "district"),
        ("district assistance supervisor", "district"),
        ("assistance coordinator", "street"),
        ("street assistance officer of another street", "community"),
        ("assistance coordinator without TOTP", "community"),
    ],
)
def test_pages_where_the_person_grants_nothing_are_refused(
    client, community, who, where
):
    client.force_login(ACTORS[who](community))
    url = {
        "community": f"/{community.slug}/roles/",
        "street": f"/regions/{community.street.slug}/roles/",
        "district": f"/regions/{community.street.parent.slug}/roles/",
    }[where]
    assert client.get(url).status_code == 403
