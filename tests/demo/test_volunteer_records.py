"""volunteers.demo_records.seed: confirmed hours, a pending record, a certificate; idempotent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import User
from communities.management.commands.seed_demo import ensure_user
from communities.models import Community
from volunteers.models import (
    Certificate,
    ServiceRecord,
    Shift,
    TimeBankAccount,
    TimeBankTransaction,
)
from volunteers.records import demo as demo_records
from volunteers.records import selectors as record_selectors

pytestmark = pytest.mark.django_db


def _seed():
    admin = User.objects.get(email="admin@demo.gongzhi.cn")
    communities = list(Community.objects.order_by("pk"))
    demo_records.seed(admin=admin, communities=communities, ensure_user=ensure_user)
    return communities[0]


@pytest.fixture
def seeded(seeded):
    return _seed()


def test_the_demo_has_confirmed_hours_a_pending_record_and_a_certificate(seeded):
    volunteer = User.objects.get(email="volunteer@demo.gongzhi.cn")
    assert record_selectors.volunteer_totals(volunteer)["all_time"] == Decimal("8.25")
    assert ServiceRecord.objects.filter(status="pending").count() == 1
    certificate = Certificate.objects.get(volunteer=volunteer)
    assert certificate.hours == Decimal("8.25")
    assert certificate.masked_name == "陈*远"
    assert certificate.masked_id_number == "1101**********1234"
    account = TimeBankAccount.objects.get(user=volunteer, community=seeded)
    assert account.balance == Decimal("8.25")
    assert record_selectors.leaderboard(seeded)[0]["volunteer_id"] == volunteer.pk


def test_seeding_twice_changes_nothing(seeded):
    counts = (
        Shift.objects.count(),
        ServiceRecord.objects.count(),
        Certificate.objects.count(),
        TimeBankTransaction.objects.count(),
    )
    _seed()
    assert (
        Shift.objects.count(),
        ServiceRecord.objects.count(),
        Certificate.objects.count(),
        TimeBankTransaction.objects.count(),
    ) == counts
