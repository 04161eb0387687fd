"""Privacy: the person's cases in their data export, account deletion keeps the
cases (unlinked, with the reason given), and the retention job."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts import services as account_services
from assistance.cases.models import (
    CaseEvent,
    CaseRead,
    ExpenseItem,
    HouseholdMember,
    IncomeItem,
    PropertyItem,
    State,
)
from assistance.privacy import services
from assistance.standards.models import AssistanceSettings
from notifications import scheduling
from tests.factories import UserFactory

from .conftest import make_case

pytestmark = pytest.mark.django_db


def full_case(community, applicant, **fields):
    case = make_case(
        community,
        applicant=applicant,
        applicant_phone="13800138000",
        reason="失业，无收入",
        bank_account="6222020200112233445",
        members=2,
        **fields,
    )
    member = case.members.first()
    member.health = "糖尿病"
    member.save()
    IncomeItem.objects.create(
        case=case, member=member, kind="wages", monthly_amount=Decimal("300")
    )
    PropertyItem.objects.create(
        case=case, kind="savings", description="存款", value=Decimal("2000")
    )
    ExpenseItem.objects.create(
        case=case, kind="medical", description="住院", amount=Decimal("5000")
    )
    CaseEvent.objects.create(
        case=case,
        action="submit",
        to_state="submitted",
        note="内部",
        public_note="已提交",
    )
    CaseRead.objects.create(case=case, reader=UserFactory(), capacity="coordinator")
    return case


def test_the_export_holds_the_persons_cases_decrypted(place, user):
    case = full_case(place["community"], user)
    as_member = make_case(place["village"])
    HouseholdMember.objects.filter(case=as_member).update(user=user)
    make_case(place["village"])  # someone else's
    data = account_services.export_personal_data(user=user)["data"]["assistance_cases"]
    assert [c["tracking_number"] for c in data] == [
        case.tracking_number,
        as_member.tracking_number,
    ]
    first = data[0]
    assert first["applicant_phone"] == "13800138000"
    assert first["bank_account"] == "6222020200112233445"
    assert first["members"][0]["id_number"] == "110101198001010000"
    assert first["members"][0]["health"] == "糖尿病"
    assert first["incomes"] == [{"kind": "wages", "monthly_amount": "300"}]
    assert first["property"][0]["description"] == "存款"
    assert first["expenses"][0]["amount"].startswith("5000")
    assert first["steps"][0]["note_for_you"] == "已提交"
    assert "内部" not in str(first)  # staff's internal notes are not the person's data
    assert first["reads_of_the_file"][0]["capacity"] == "coordinator"


def test_deleting_the_account_keeps_the_case_unlinked(client, place, user):
    case = full_case(place["community"], user, state=State.ACCEPTED)
    HouseholdMember.objects.filter(case=case).update(user=user)
    client.force_login(user)
    page = client.get("/accounts/delete/").content.decode()
    assert "records the law requires" in page
    account_services.delete_account(user=user)
    case.refresh_from_db()
    assert case.applicant is None
    assert case.state == State.ACCEPTED and case.applicant_name == "王小明"
    assert not HouseholdMember.objects.filter(user=user).exists()


def test_no_reason_shown_to_someone_without_cases(client, place, user):
    client.force_login(user)
    assert (
        "records the law requires"
        not in client.get("/accounts/delete/").content.decode()
    )


def closed(community, years_ago, **fields):
    closed_at = timezone.now() - datetime.timedelta(days=365 * years_ago + 2)
    return full_case(
        community,
        UserFactory(),
        state=State.CONFIRMED,
        closed_at=closed_at,
        monthly_amount=Decimal("900"),
        **fields,
    )


def test_retention_job_anonymises_old_cases_only(place):
    old = closed(place["community"], 6)
    recent = closed(place["community"], 4)
    still_open = full_case(place["community"], UserFactory(), state=State.PUBLICITY)
    assert services.anonymise_expired() == 1
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.applicant is None and old.applicant_name == ""
    assert old.applicant_phone == "" and old.reason == "" and old.bank_account == ""
    assert old.monthly_amount == Decimal("900") and old.state == State.CONFIRMED
    member = old.members.first()
    assert member.name == "" and member.id_number == "" and member.health == ""
    assert old.incomes.first().monthly_amount == Decimal("300")  # amounts stay
    assert old.properties.first().description == ""
    assert old.events.first().note == "" and old.events.first().public_note == ""
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.anonymised_at is None and kept.applicant_name == "王小明"
    # Idempotent.
    assert services.anonymise_expired() == 0


def test_retention_follows_the_district_setting(place):
    AssistanceSettings.objects.create(district=place["district"], retention_years=3)
    closed(place["community"], 4)
    assert services.anonymise_expired() == 1


def test_the_stored_values_are_blank_not_just_hidden(place):
    old = closed(place["community"], 6)
    services.anonymise_expired()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number FROM assistance_householdmember WHERE case_id = %s",
            [old.pk],
        )
        assert {row[0] for row in cursor.fetchall()} == {""}


def test_the_job_is_scheduled_daily():
    jobs = {job.name: job for job in scheduling.registered_jobs()}
    job = jobs["assistance.anonymise_expired_cases"]
    assert job.daily_at is not None
