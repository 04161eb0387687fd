"""A 两委 term needs a passed review (or the district's exception) and carries the
committee role: granted with the appointment, ended with the term."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from audit.models import AuditEvent
from communities.models import Role, RoleGrant
from communities.roles.services import grant_role
from governance.bodies import services
from governance.models import Position, Term
from governance.vetting import services as vetting
from notifications.models import Notification
from tests.factories import UserFactory
from tests.support.governance import pass_review, reviewed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def appoint(actor, body, person, position=Position.MEMBER, **kwargs):
    return services.appoint_term(
        actor=actor,
        body=body,
        person=person,
        position=position,
        starts_on=kwargs.pop("starts_on", TODAY - DAY),
        **kwargs,
    )


@pytest.mark.parametrize("kind", ["committee", "party"])
def test_a_two_committee_term_without_a_passed_review_is_refused_in_chinese(
    kind, committee_member, bodies
):
    person = UserFactory(display_name="未审查")
    position = Position.SECRETARY if kind == "party" else Position.CHAIR
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        appoint(committee_member, bodies[kind], person, position)
    assert "未审查未通过本社区现行有效的任职资格联审" in " ".join(error.value.messages)
    assert not Term.objects.exists()
    assert not RoleGrant.objects.filter(user=person).exists()


@pytest.mark.parametrize("kind", ["supervision", "mediation"])
def test_supervision_and_sub_committees_need_no_review(kind, committee_member, bodies):
    term = appoint(committee_member, bodies[kind], UserFactory(), Position.CHAIR)
    assert term.role_grant is None
    assert not RoleGrant.objects.filter(user=term.person).exists()


def test_a_review_older_than_the_validity_does_not_count(committee_member, bodies):
    person = UserFactory()
    pass_review(bodies["committee"].community, person, closed_on=TODAY - 366 * DAY)
    with pytest.raises(ValidationError):
        appoint(committee_member, bodies["committee"], person)


def test_a_review_of_another_community_does_not_count(
    committee_member, bodies, make_community
):
    person = reviewed(make_community())
    with pytest.raises(ValidationError):
        appoint(committee_member, bodies["committee"], person)


def test_the_districts_exception_lets_the_person_serve(
    committee_member, district_officer, bodies, community
):
    officer = district_officer
    person = UserFactory()
    vetting.grant_exception(
        actor=officer, community=community, person=person, reason="上级选派"
    )
    assert appoint(committee_member, bodies["committee"], person).pk


def test_the_appointment_grants_the_committee_role_for_the_terms_dates(
    committee_member, bodies, community
):
    person = reviewed(community)
    term = appoint(
        committee_member,
        bodies["committee"],
        person,
        starts_on=TODAY - 10 * DAY,
        ends_on=TODAY + 100 * DAY,
    )
    grant = term.role_grant
    assert (grant.user, grant.role, grant.community) == (
        person,
        Role.COMMITTEE,
        community,
    )
    assert (grant.starts_on, grant.ends_on) == (TODAY - 10 * DAY, TODAY + 100 * DAY)
    assert grant.granted_by == committee_member
    assert AuditEvent.objects.filter(
        action="role.grant_for_term", target_id=str(grant.pk)
    ).exists()
    assert Notification.objects.filter(recipient=person).exists()
    # Wagtail admin rights follow: the community's editors' group.
    assert person.groups.filter(pk=community.editors_group_id).exists()


def test_ending_the_term_ends_the_role(committee_member, bodies, community):
    person = reviewed(community)
    term = appoint(committee_member, bodies["committee"], person)
    services.end_term(actor=committee_member, term=term, ends_on=TODAY - DAY)
    grant = RoleGrant.objects.get(user=person)
    assert grant.ends_on == TODAY - DAY
    assert not RoleGrant.objects.active().filter(user=person).exists()
    assert not person.groups.filter(pk=community.editors_group_id).exists()
    assert AuditEvent.objects.filter(action="role.end_for_term").exists()


def test_ending_a_term_on_its_first_day_minus_one_revokes_the_role(
    committee_member, bodies, community
):
    person = reviewed(community)
    term = appoint(committee_member, bodies["committee"], person, starts_on=TODAY)
    # A shared grant that started before the term: ending the term before the
    # grant's start revokes the grant.
    RoleGrant.objects.filter(pk=term.role_grant_id).update(starts_on=TODAY + DAY)
    services.end_term(actor=committee_member, term=term, ends_on=TODAY)
    assert RoleGrant.objects.get(user=person).revoked_at is not None


def test_two_committee_terms_share_one_grant_ended_with_the_last(
    committee_member, bodies, community
):
    person = reviewed(community)
    committee_term = appoint(
        committee_member, bodies["committee"], person, ends_on=TODAY + 10 * DAY
    )
    party_term = appoint(committee_member, bodies["party"], person)
    assert party_term.role_grant_id == committee_term.role_grant_id
    grant = RoleGrant.objects.get(user=person)
    assert grant.ends_on is None  # the party term has no end yet
    services.end_term(actor=committee_member, term=party_term, ends_on=TODAY + 5 * DAY)
    grant.refresh_from_db()
    assert grant.ends_on == TODAY + 10 * DAY  # the committee term runs longer
    services.end_term(actor=committee_member, term=committee_term, ends_on=TODAY)
    grant.refresh_from_db()
    assert grant.ends_on == TODAY + 5 * DAY
    assert RoleGrant.objects.filter(user=person).count() == 1


def test_a_committee_grant_given_by_hand_is_left_alone(
    committee_member, street_officer, bodies, community
):
    person = reviewed(community)
    manual = grant_role(
        actor=street_officer,
        user=person,
        role=Role.COMMITTEE,
        community=community,
        starts_on=TODAY - 30 * DAY,
    )
    term = appoint(committee_member, bodies["committee"], person)
    assert term.role_grant is None
    services.end_term(actor=committee_member, term=term, ends_on=TODAY)
    manual.refresh_from_db()
    assert manual.ends_on is None and manual.revoked_at is None
    assert RoleGrant.objects.filter(user=person).count() == 1


def test_a_street_officer_appoints_and_ends_two_committee_terms(
    street_officer, bodies, community
):
    person = reviewed(community)
    term = appoint(street_officer, bodies["committee"], person, Position.CHAIR)
    assert RoleGrant.objects.active().filter(user=person).exists()
    services.end_term(actor=street_officer, term=term, ends_on=TODAY - DAY)
    assert not RoleGrant.objects.active().filter(user=person).exists()


def test_a_refused_appointment_grants_nothing(committee_member, bodies, community):
    person = reviewed(community)
    appoint(committee_member, bodies["committee"], reviewed(community), Position.CHAIR)
    with pytest.raises(ValidationError):
        appoint(committee_member, bodies["committee"], person, Position.CHAIR)
    assert not RoleGrant.objects.filter(user=person).exists()
