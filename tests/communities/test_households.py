"""The committee's households page: who represents each household, and appointing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from communities.models import Household, Membership, Role
from tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    RoleGrantFactory,
    UserFactory,
)
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def committee(heping):
    return give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)


@pytest.fixture
def household(heping):
    return Household.objects.create(community=heping, building="7", room="701")


def _member(household, name, status=Membership.Status.VERIFIED, **extra):
    return MembershipFactory(
        user=UserFactory(display_name=name),
        community=household.community,
        household=household,
        status=status,
        **extra,
    )


@pytest.fixture
def wang(household):
    return _member(household, "王阿姨")


@pytest.fixture
def li(household):
    return _member(household, "李师傅")


def _url(household):
    return f"/heping/households/{household.pk}/representative/"


def _appoint(client, household, membership_pk):
    return client.post(_url(household), {f"h{household.pk}-membership": membership_pk})


def _representatives(household):
    return set(
        Membership.objects.filter(
            household=household, is_representative=True
        ).values_list("pk", flat=True)
    )


def test_the_committee_sees_households_residents_and_the_representative(
    client, committee, household, wang, li
):
    li.is_representative = True
    li.save(update_fields=["is_representative"])
    client.force_login(committee)
    response = client.get("/heping/households/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Building 7 Room 701" in html
    assert "王阿姨" in html
    assert "Representative: <strong>李师傅</strong>" in html
    (row,) = response.context["households"]
    assert row[1] == li


def test_a_household_without_a_representative_says_so(
    client, committee, household, wang
):
    client.force_login(committee)
    assert "none yet" in client.get("/heping/households/").content.decode()


def test_households_with_only_pending_requests_are_not_listed(
    client, committee, heping, household
):
    _member(household, "申请人", status=Membership.Status.PENDING)
    client.force_login(committee)
    response = client.get("/heping/households/")
    assert response.context["households"] == []
    assert "No household has a verified resident yet." in response.content.decode()


def test_each_household_form_has_its_own_label(client, committee, household, wang):
    client.force_login(committee)
    html = client.get("/heping/households/").content.decode()
    field_id = f"id_h{household.pk}-membership"
    assert f'<label for="{field_id}">Representative of Building 7 Room 701' in html
    assert f'id="{field_id}"' in html


def test_the_committee_appoints_a_representative(client, committee, household, wang):
    client.force_login(committee)
    response = _appoint(client, household, wang.pk)
    assert response.status_code == 302
    assert response["Location"] == "/heping/households/"
    assert _representatives(household) == {wang.pk}
    event = AuditEvent.objects.get(action="membership.set_representative")
    assert event.actor == committee


def test_appointing_another_resident_moves_the_role(
    client, committee, household, wang, li
):
    client.force_login(committee)
    _appoint(client, household, wang.pk)
    _appoint(client, household, li.pk)
    assert _representatives(household) == {li.pk}


def test_appointing_keeps_the_page_the_committee_was_on(
    client, committee, household, wang
):
    client.force_login(committee)
    response = client.post(
        _url(household) + "?page=2", {f"h{household.pk}-membership": wang.pk}
    )
    assert response["Location"] == "/heping/households/?page=2"


def _assert_refused(response, message, household, before):
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert message in html
    assert _representatives(household) == before
    assert not AuditEvent.objects.filter(
        action="membership.set_representative"
    ).exists()


def test_a_membership_from_another_community_is_refused_and_nothing_changes(
    client, committee, household, wang, make_community
):
    elsewhere = make_community(name="别处社区", slug="elsewhere")
    stranger = MembershipFactory(
        community=elsewhere, household=HouseholdFactory(community=elsewhere)
    )
    client.force_login(committee)
    response = _appoint(client, household, stranger.pk)
    _assert_refused(response, "Choose a resident of this household.", household, set())
    stranger.refresh_from_db()
    assert stranger.is_representative is False


def test_a_resident_of_another_household_is_refused(
    client, committee, heping, household, wang
):
    neighbour = _member(
        Household.objects.create(community=heping, building="7", room="702"), "邻居"
    )
    client.force_login(committee)
    response = _appoint(client, household, neighbour.pk)
    _assert_refused(response, "Choose a resident of this household.", household, set())


def test_a_pending_member_is_refused_and_the_representative_stays(
    client, committee, household, wang
):
    wang.is_representative = True
    wang.save(update_fields=["is_representative"])
    applicant = _member(household, "申请人", status=Membership.Status.PENDING)
    client.force_login(committee)
    response = _appoint(client, household, applicant.pk)
    _assert_refused(
        response,
        "Only a verified resident can represent a household.",
        household,
        {wang.pk},
    )


@pytest.mark.parametrize("value", ["", "not-a-number"], ids=["empty", "garbage"])
def test_missing_or_malformed_choice_is_refused(
    client, committee, household, wang, value
):
    client.force_login(committee)
    response = _appoint(client, household, value)
    assert response.status_code == 200
    # The bound form is shown again, with its error.
    assert response.context["households"][0][2].errors["membership"]
    assert _representatives(household) == set()


def test_a_household_of_another_community_is_404(
    client, committee, wang, make_community
):
    elsewhere = make_community(name="别处社区", slug="elsewhere")
    other = HouseholdFactory(community=elsewhere)
    member = MembershipFactory(community=elsewhere, household=other)
    client.force_login(committee)
    response = client.post(
        f"/heping/households/{other.pk}/representative/",
        {f"h{other.pk}-membership": member.pk},
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.is_representative is False


def test_a_resident_is_refused_the_page_and_appointing(client, household, wang):
    client.force_login(wang.user)
    assert client.get("/heping/households/").status_code == 403
    assert _appoint(client, household, wang.pk).status_code == 403
    assert _representatives(household) == set()


def test_a_committee_member_without_totp_is_told_to_set_it_up(client, heping):
    member = RoleGrantFactory(role=Role.COMMITTEE, community=heping).user
    client.force_login(member)
    response = client.get("/heping/households/")
    assert response.status_code == 403
    assert response.templates[0].name == "communities/mfa_required.html"


def test_the_households_page_refuses_get_on_the_appoint_url(
    client, committee, household
):
    client.force_login(committee)
    assert client.get(_url(household)).status_code == 405


def test_the_committee_reaches_the_households_page_from_the_community_home(
    client, committee, heping
):
    client.force_login(committee)
    assert 'href="/heping/households/"' in client.get("/desk/").content.decode()


def test_residents_do_not_see_the_households_link(client, heping, wang):
    client.force_login(wang.user)
    assert 'href="/heping/households/"' not in client.get("/heping/").content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_households_page_queries_do_not_grow_with_households_or_residents(
    client, committee, heping, household, wang
):
    client.force_login(committee)
    client.get("/heping/households/")
    small = _count_queries(client, "/heping/households/")
    for room in range(30):
        other = Household.objects.create(community=heping, building="9", room=str(room))
        _member(other, f"居民{room}a", is_representative=True)
        _member(other, f"居民{room}b")
    large = _count_queries(client, "/heping/households/")
    assert small == large
    assert large <= 12
