"""Adjusting, confirming and correcting service records; totals; the CSV export."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import RoleGrantFactory, UserFactory
from tests.support.actors import give_totp
from tests.volunteers.records.helpers import coordinator_of, place, served, team_shift
from volunteers.profiles import crypto
from volunteers.records import selectors, services
from volunteers.records.models import ImmutableRecordError, ServiceRecord
from volunteers.shifts import services as shift_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    """A pending record of 2.5 hours on a shift that has ended."""
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(hours=5))
    signup = place(shift)
    with time_machine.travel(shift.starts_at, tick=False):
        shift_services.check_in(
            actor=coordinator_of(shift), signup=signup, via="roster"
        )
    with time_machine.travel(
        shift.starts_at + datetime.timedelta(minutes=150), tick=False
    ):
        return services.check_out(actor=signup.volunteer, signup=signup)


def test_the_coordinator_adjusts_pending_hours_with_a_reason(pending):
    coordinator = coordinator_of(pending.signup.shift)
    with pytest.raises(ValidationError, match="reason"):
        services.adjust_record(
            actor=coordinator, service_record=pending, hours=Decimal(2), reason=" "
        )
    services.adjust_record(
        actor=coordinator,
        service_record=pending,
        hours=Decimal(2),
        reason="Left for 30 minutes to fetch supplies",
    )
    pending.refresh_from_db()
    assert pending.hours == Decimal("2.00")
    assert pending.measured_hours == Decimal("2.50")
    assert AuditEvent.objects.filter(action="volunteers.record_adjusted").exists()


@pytest.mark.parametrize("hours", ["-1", "24.5"])
def test_hours_outside_0_to_24_are_refused(pending, hours):
    with pytest.raises(ValidationError):
        services.adjust_record(
            actor=coordinator_of(pending.signup.shift),
            service_record=pending,
            hours=Decimal(hours),
            reason="typo",
        )


def test_a_confirmed_record_is_immutable(pending):
    coordinator = coordinator_of(pending.signup.shift)
    services.confirm_record(actor=coordinator, service_record=pending)
    record = ServiceRecord.objects.get(pk=pending.pk)
    assert record.is_confirmed and record.confirmed_by == coordinator
    with pytest.raises(ValidationError, match="confirmed"):
        services.adjust_record(
            actor=coordinator, service_record=record, hours=Decimal(1), reason="x"
        )
    with pytest.raises(ValidationError, match="already confirmed"):
        services.confirm_record(actor=coordinator, service_record=record)
    record.hours = Decimal("9.00")
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        ServiceRecord.objects.filter(pk=record.pk).update(hours=Decimal(9))
    with pytest.raises(ImmutableRecordError):
        ServiceRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(ImmutableRecordError):
        record.delete()
    assert ServiceRecord.objects.get(pk=record.pk).hours == Decimal("2.50")


def test_a_correction_is_a_new_version_that_totals_count_instead(pending):
    coordinator = coordinator_of(pending.signup.shift)
    services.confirm_record(actor=coordinator, service_record=pending)
    with pytest.raises(ValidationError, match="reason"):
        services.correct_record(
            actor=coordinator, service_record=pending, hours=Decimal(3), reason=""
        )
    new = services.correct_record(
        actor=coordinator,
        service_record=pending,
        hours=Decimal(3),
        reason="Stayed to tidy up, confirmed by the centre",
    )
    assert (new.version, new.supersedes_id, new.status) == (2, pending.pk, "confirmed")
    old = ServiceRecord.objects.get(pk=pending.pk)
    assert old.hours == Decimal("2.50")  # never changed
    assert old.is_confirmed
    assert list(ServiceRecord.objects.current()) == [new]
    assert selectors.volunteer_totals(pending.volunteer)["all_time"] == Decimal("3.00")
    with pytest.raises(ValidationError, match="already been corrected"):
        services.correct_record(
            actor=coordinator, service_record=old, hours=Decimal(1), reason="again"
        )
    event = AuditEvent.objects.get(action="volunteers.record_corrected")
    assert event.data["reason"].startswith("Stayed")


def test_a_pending_record_is_not_corrected_but_adjusted(pending):
    with pytest.raises(ValidationError, match="not confirmed"):
        services.correct_record(
            actor=coordinator_of(pending.signup.shift),
            service_record=pending,
            hours=Decimal(1),
            reason="x",
        )


def test_the_database_refuses_a_correction_without_a_reason(pending):
    services.confirm_record(actor=UserFactory(), service_record=pending)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRecord.objects.create(
            signup=pending.signup,
            volunteer=pending.volunteer,
            community=pending.community,
            served_on=pending.served_on,
            version=2,
            supersedes=pending,
            started_at=pending.started_at,
            ended_at=pending.ended_at,
            measured_hours=1,
            hours=1,
        )


def test_confirm_and_correct_pages(client, pending):
    shift = pending.signup.shift
    slug = shift.activity.community.slug
    client.force_login(coordinator_of(shift))
    page = client.get(reverse("volunteers:shift-roster", args=[slug, shift.pk]))
    assert "Confirm 2.50 hours for" in page.text
    bad = client.post(
        reverse("volunteers:record-adjust", args=[slug, pending.pk]),
        {f"r{pending.pk}-hours": "30", f"r{pending.pk}-reason": ""},
        follow=True,
    )
    assert "Hours:" in bad.text and "Reason:" in bad.text
    assert ServiceRecord.objects.get(pk=pending.pk).hours == Decimal("2.50")
    client.post(reverse("volunteers:record-confirm", args=[slug, pending.pk]))
    assert ServiceRecord.objects.get(pk=pending.pk).is_confirmed
    url = reverse("volunteers:record-correct", args=[slug, pending.pk])
    refused = client.post(url, {"hours": "2", "reason": ""})
    assert refused.status_code == 400
    assert ServiceRecord.objects.count() == 1
    done = client.post(url, {"hours": "2", "reason": "Double-counted break"})
    assert done.status_code == 302
    assert ServiceRecord.objects.current().get().hours == Decimal("2.00")


def test_others_cannot_confirm(client, pending):
    slug = pending.community.slug
    client.force_login(pending.volunteer)
    response = client.post(
        reverse("volunteers:record-confirm", args=[slug, pending.pk])
    )
    assert response.status_code == 403
    assert not ServiceRecord.objects.get(pk=pending.pk).is_confirmed


def test_totals_per_volunteer_team_and_community():
    today = timezone.localdate()
    this_year = timezone.now() - datetime.timedelta(days=1)
    if this_year.year != today.year:  # 1 January: stay within the year
        this_year = timezone.now() - datetime.timedelta(hours=6)
    last_year = this_year.replace(year=this_year.year - 1)
    shift = team_shift(starts_at=this_year)
    community = shift.activity.community
    team = shift.activity.team
    old_shift = team_shift(team=team, starts_at=last_year)
    other_team_shift = team_shift(community=community, starts_at=this_year)
    person = served(shift, hours="2.00").volunteer
    served(old_shift, person, hours="4.00")
    other = served(other_team_shift, hours="1.50")
    corrected = services.correct_record(
        actor=UserFactory(), service_record=other, hours=Decimal("1.00"), reason="x"
    )
    assert corrected.version == 2
    # A pending record counts for nothing.
    pending_shift = team_shift(
        team=team, starts_at=this_year - datetime.timedelta(hours=4)
    )
    ServiceRecord.objects.create(
        signup=place(pending_shift, person),
        volunteer=person,
        community=community,
        team=team,
        served_on=today,
        started_at=pending_shift.starts_at,
        ended_at=pending_shift.ends_at,
        measured_hours=5,
        hours=5,
    )
    assert selectors.volunteer_totals(person) == {
        "all_time": Decimal("6.00"),
        "this_year": Decimal("2.00"),
    }
    totals = selectors.community_totals(community)
    assert totals["all_time"] == Decimal("7.00")
    assert totals["this_year"] == Decimal("3.00")
    assert totals["volunteers"] == 2
    by_team = {t.pk: (t.this_year, t.all_time) for t in totals["teams"]}
    assert by_team[team.pk] == (Decimal("2.00"), Decimal("6.00"))
    assert by_team[other_team_shift.activity.team_id] == (
        Decimal("1.00"),
        Decimal("1.00"),
    )


@pytest.fixture
def committee_member():
    def make(community):
        grant = RoleGrantFactory(role="committee", community=community)
        return give_totp(grant.user)

    return make


def test_the_csv_export_masks_people_and_never_holds_id_numbers(
    client, committee_member
):
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(days=1))
    named = served(shift, id_number_encrypted=crypto.encrypt("110101199001011234"))
    named.volunteer.display_name = ""
    named.volunteer.real_name = "王小明"
    named.volunteer.save()
    tricky = served(shift, hours="1.00")
    tricky.volunteer.display_name = "=HYPERLINK(1)"
    tricky.volunteer.save()
    community = shift.activity.community
    client.force_login(committee_member(community))
    response = client.get(reverse("volunteers:records-export", args=[community.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Record"
    names = {row[5] for row in rows[1:]}
    assert "王*明" in names
    assert "'=HYPERLINK(1)" in names
    assert "王小明" not in text
    assert "1234" not in text.replace(str(named.pk), "")
    assert AuditEvent.objects.filter(action="volunteers.records_exported").exists()


def test_residents_cannot_see_or_export_the_records(client):
    shift = team_shift()
    record = served(shift)
    client.force_login(record.volunteer)
    slug = shift.activity.community.slug
    assert client.get(reverse("volunteers:records", args=[slug])).status_code == 403
    assert (
        client.get(reverse("volunteers:records-export", args=[slug])).status_code == 403
    )


def test_the_records_page_query_count_does_not_grow(
    client, committee_member, django_assert_max_num_queries
):
    shift = team_shift(
        starts_at=timezone.now() - datetime.timedelta(days=1), capacity=50
    )
    for _ in range(12):
        served(shift)
    community = shift.activity.community
    client.force_login(committee_member(community))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("volunteers:records", args=[community.slug]))
    assert page.status_code == 200
    assert "24.00" in page.text


def test_the_totals_export_has_one_masked_row_per_volunteer(client, committee_member):
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(days=1))
    first = served(shift, hours="2.00")
    first.volunteer.display_name = ""
    first.volunteer.real_name = "王小明"
    first.volunteer.save()
    served(
        team_shift(
            team=shift.activity.team,
            starts_at=shift.starts_at - datetime.timedelta(hours=5),
        ),
        first.volunteer,
        hours="1.00",
    )
    served(shift, hours="4.00")
    community = shift.activity.community
    client.force_login(committee_member(community))
    response = client.get(
        reverse("volunteers:records-export", args=[community.slug]), {"kind": "totals"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Volunteer", "This year", "All time"]
    by_name = {row[0]: row[2] for row in rows[1:]}
    assert len(by_name) == 2
    assert Decimal(by_name["王*明"]) == Decimal("3.00")
    assert "service-totals" in response["Content-Disposition"]
