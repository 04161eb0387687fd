"""When a case's retention period ends, the part-2 concerns blank their personal
text too (each registers with assistance.privacy.anonymisers); amounts, dates,
states and outcomes stay."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assistance.followup.models import FollowUpItem
from assistance.instalments.models import Instalment
from assistance.privacy.services import anonymise_cases
from assistance.referrals.models import ReferralVisit

pytestmark = pytest.mark.django_db


def test_anonymising_a_case_blanks_its_instalments_follow_up_and_referrals(
    referral, coordinator, worker
):
    case = referral.case
    day = datetime.date(2026, 12, 1)
    instalment = Instalment.objects.create(
        case=case,
        position=1,
        due_on=day,
        amount=Decimal("500"),
        condition="仍在住院",
        check_note="看过住院证明",
        scheduled_by=coordinator,
    )
    item = FollowUpItem.objects.create(
        case=case,
        kind="other",
        what="联系张三明的女儿",
        owner=coordinator,
        due_on=day,
        created_by=coordinator,
    )
    visit = ReferralVisit.objects.create(
        referral=referral,
        visited_on=day,
        minutes=30,
        notes="心理疏导",
        worker=worker.user,
    )
    anonymise_cases(case_ids=[case.pk])
    for row in (instalment, item, referral, visit):
        row.refresh_from_db()
    assert (instalment.condition, instalment.check_note) == ("", "")
    assert instalment.amount == Decimal("500")
    assert item.what == "" and item.due_on == day
    assert referral.note == "" and referral.service
    assert visit.notes == "" and visit.minutes == 30
