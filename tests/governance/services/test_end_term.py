"""Ending terms of office."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from governance.bodies import services
from governance.models import Position, Term
from tests.governance.conftest import DAY, TODAY
from tests.support.governance import reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(admin_user, bodies):
    return services.appoint_term(
        actor=admin_user,
        body=bodies["committee"],
        person=reviewed(bodies["committee"].community),
        position=Position.MEMBER,
        starts_on=TODAY - 100 * DAY,
    )


def test_ending_a_term_sets_the_last_day_and_is_audited(committee_member, term):
    services.end_term(actor=committee_member, term=term, ends_on=TODAY - DAY)
    term.refresh_from_db()
    assert term.ends_on == TODAY - DAY
    assert not Term.objects.current().filter(pk=term.pk).exists()
    assert AuditEvent.objects.filter(
        action="governance.term.end", actor=committee_member
    ).exists()


def test_a_term_ended_today_still_counts_today(admin_user, term):
    services.end_term(actor=admin_user, term=term)
    assert Term.objects.current().filter(pk=term.pk).exists()
    assert not Term.objects.current(TODAY + DAY).filter(pk=term.pk).exists()


def test_an_ended_term_cannot_be_ended_again(admin_user, term):
    services.end_term(actor=admin_user, term=term, ends_on=TODAY - DAY)
    with pytest.raises(ValidationError):
        services.end_term(actor=admin_user, term=term)


def test_a_term_cannot_end_before_it_started(admin_user, term):
    with pytest.raises(ValidationError):
        services.end_term(actor=admin_user, term=term, ends_on=TODAY - 200 * DAY)
    term.refresh_from_db()
    assert term.ends_on is None


def test_a_resident_cannot_end_a_term(resident, term):
    with pytest.raises(PermissionDenied):
        services.end_term(actor=resident, term=term)
