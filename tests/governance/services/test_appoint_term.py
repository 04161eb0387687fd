"""Appointing people to bodies: every rule of the supervision committee and of chairs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from governance.bodies import services
from governance.models import Position, Term
from tests.factories import UserFactory
from tests.governance.conftest import DAY, TODAY
from tests.support.governance import pass_review

pytestmark = pytest.mark.django_db


def appoint(actor, body, position=Position.MEMBER, person=None, **kwargs):
    person = person or UserFactory()
    if body.is_two_committees:
        pass_review(body.community, person)
    return services.appoint_term(
        actor=actor,
        body=body,
        person=person,
        position=position,
        starts_on=kwargs.pop("starts_on", TODAY - 10 * DAY),
        **kwargs,
    )


def fill_supervision(actor, body, members):
    appoint(actor, body, Position.CHAIR)
    for _ in range(members - 1):
        appoint(actor, body)


def test_a_committee_member_appoints_someone_and_it_is_audited(
    committee_member, bodies
):
    term = appoint(committee_member, bodies["committee"], Position.CHAIR)
    assert Term.objects.current().filter(pk=term.pk).exists()
    event = AuditEvent.objects.get(action="governance.term.appoint")
    assert event.actor == committee_member
    assert event.target_id == str(term.pk)


def test_a_resident_may_not_appoint_anyone(resident, bodies):
    with pytest.raises(PermissionDenied):
        appoint(resident, bodies["committee"])
    assert not Term.objects.exists()


def test_the_supervision_committee_takes_five_members(admin_user, bodies):
    fill_supervision(admin_user, bodies["supervision"], 5)
    assert Term.objects.filter(body=bodies["supervision"]).count() == 5


def test_a_sixth_supervision_member_is_refused_with_the_reason(admin_user, bodies):
    fill_supervision(admin_user, bodies["supervision"], 5)
    with pytest.raises(ValidationError) as error:
        appoint(admin_user, bodies["supervision"])
    assert "already has 5 members" in " ".join(error.value.messages)
    assert Term.objects.filter(body=bodies["supervision"]).count() == 5


def test_after_a_term_ends_a_new_member_may_join_a_full_committee(admin_user, bodies):
    fill_supervision(admin_user, bodies["supervision"], 5)
    leaving = Term.objects.filter(
        body=bodies["supervision"], position=Position.MEMBER
    ).first()
    services.end_term(actor=admin_user, term=leaving, ends_on=TODAY - DAY)
    appoint(admin_user, bodies["supervision"], starts_on=TODAY)
    assert Term.objects.current().filter(body=bodies["supervision"]).count() == 5


def test_a_second_supervision_chair_is_refused(admin_user, bodies):
    appoint(admin_user, bodies["supervision"], Position.CHAIR)
    with pytest.raises(ValidationError) as error:
        appoint(admin_user, bodies["supervision"], Position.CHAIR)
    assert "already has a chair" in " ".join(error.value.messages)
    assert error.value.error_dict.keys() == {"position"}


def test_a_second_chair_is_refused_in_any_body(admin_user, bodies):
    appoint(admin_user, bodies["committee"], Position.CHAIR)
    with pytest.raises(ValidationError):
        appoint(admin_user, bodies["committee"], Position.CHAIR)


def test_a_chair_whose_term_ended_can_be_succeeded(admin_user, bodies):
    first = appoint(admin_user, bodies["supervision"], Position.CHAIR)
    services.end_term(actor=admin_user, term=first, ends_on=TODAY - DAY)
    appoint(admin_user, bodies["supervision"], Position.CHAIR, starts_on=TODAY)
    assert Term.objects.current().get(
        body=bodies["supervision"], position=Position.CHAIR
    )


@pytest.mark.parametrize("two_committees", ["committee", "party"])
def test_a_member_of_the_two_committees_is_refused_on_the_supervision_committee(
    admin_user, bodies, two_committees
):
    person = UserFactory(display_name="李四")
    position = Position.SECRETARY if two_committees == "party" else Position.MEMBER
    appoint(admin_user, bodies[two_committees], position, person=person)
    with pytest.raises(ValidationError) as error:
        appoint(admin_user, bodies["supervision"], person=person)
    message = " ".join(error.value.messages)
    assert "李四 sits on the" in message
    assert "cannot serve on it" in message
    assert not Term.objects.filter(body=bodies["supervision"]).exists()


@pytest.mark.parametrize("two_committees", ["committee", "party"])
def test_a_supervision_member_is_refused_on_the_two_committees(
    admin_user, bodies, two_committees
):
    person = UserFactory()
    appoint(admin_user, bodies["supervision"], person=person)
    with pytest.raises(ValidationError) as error:
        appoint(admin_user, bodies[two_committees], person=person)
    assert "sits on the supervision committee" in " ".join(error.value.messages)


def test_a_former_committee_member_may_join_the_supervision_committee(
    admin_user, bodies
):
    person = UserFactory()
    old = appoint(
        admin_user,
        bodies["committee"],
        person=person,
        starts_on=TODAY - 400 * DAY,
        ends_on=TODAY - 30 * DAY,
    )
    assert old.ends_on < TODAY
    appoint(admin_user, bodies["supervision"], person=person, starts_on=TODAY)


def test_a_sub_committee_member_may_sit_on_the_supervision_committee(
    admin_user, bodies
):
    person = UserFactory()
    appoint(admin_user, bodies["mediation"], person=person)
    appoint(admin_user, bodies["supervision"], person=person)
    assert Term.objects.filter(person=person).count() == 2


def test_the_same_person_cannot_hold_two_offices_in_one_body(admin_user, bodies):
    person = UserFactory()
    appoint(admin_user, bodies["committee"], Position.CHAIR, person=person)
    with pytest.raises(ValidationError):
        appoint(admin_user, bodies["committee"], Position.MEMBER, person=person)


def test_the_party_committee_has_a_secretary_not_a_chair(admin_user, bodies):
    with pytest.raises(ValidationError) as error:
        appoint(admin_user, bodies["party"], Position.CHAIR)
    assert "secretary" in " ".join(error.value.messages)


def test_a_committee_has_no_secretary(admin_user, bodies):
    with pytest.raises(ValidationError):
        appoint(admin_user, bodies["committee"], Position.SECRETARY)


def test_a_term_cannot_end_before_it_starts(admin_user, bodies):
    with pytest.raises(ValidationError) as error:
        appoint(
            admin_user,
            bodies["committee"],
            starts_on=TODAY,
            ends_on=TODAY - DAY,
        )
    assert error.value.error_dict.keys() == {"ends_on"}


def test_a_refused_appointment_writes_no_audit_row(admin_user, bodies):
    appoint(admin_user, bodies["committee"], Position.CHAIR)
    with pytest.raises(ValidationError):
        appoint(admin_user, bodies["committee"], Position.CHAIR)
    assert AuditEvent.objects.filter(action="governance.term.appoint").count() == 1


def test_a_committee_member_of_another_community_may_not_appoint(
    make_community, bodies
):
    from communities.models import Role
    from tests.factories import RoleGrantFactory
    from tests.support.actors import give_totp

    other = make_community()
    outsider = give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=other).user)
    with pytest.raises(PermissionDenied):
        appoint(outsider, bodies["committee"])
