"""Time bank: credits from confirmed hours, corrections, and transfers to seniors."""

import contextlib
import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from tests.factories import HouseholdFactory, MembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerProfileFactory, years_ago
from tests.volunteers.records.helpers import place, team_shift
from volunteers.models import (
    ServiceRecord,
    TimeBankAccount,
    TimeBankTransaction,
)
from volunteers.records import selectors, services


def _enable(community, on=True):
    community.policy.time_bank_enabled = on
    community.policy.save()


def _resident(household, age=None, status=Membership.Status.VERIFIED):
    user = MembershipFactory(
        household=household, community=household.community, status=status
    ).user
    if age is not None:
        VolunteerProfileFactory(user=user, date_of_birth=years_ago(age))
    return user


def _pending(shift, volunteer, hours):
    signup = place(shift, volunteer)
    return ServiceRecord.objects.create(
        signup=signup,
        volunteer=volunteer,
        community=shift.activity.community,
        team=shift.activity.team,
        served_on=timezone.localdate(shift.starts_at),
        started_at=shift.starts_at,
        ended_at=shift.ends_at,
        measured_hours=Decimal(hours),
        hours=Decimal(hours),
    )


def _earn(volunteer, community, hours, days_ago=3):
    shift = team_shift(
        community=community,
        starts_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    record = _pending(shift, volunteer, hours)
    return services.confirm_record(actor=UserFactory(), service_record=record)


def _balance(user, community):
    account = TimeBankAccount.objects.filter(user=user, community=community).first()
    return account.balance if account else Decimal("0.00")


@pytest.fixture
def family(db):
    """A household with a 35-year-old volunteer and a 68-year-old parent."""
    household = HouseholdFactory()
    _enable(household.community)
    volunteer = _resident(household, age=35)
    parent = _resident(household, age=68)
    return household.community, household, volunteer, parent


@pytest.mark.django_db
def test_one_confirmed_hour_earns_one_credit_linked_to_its_record(family):
    community, _household, volunteer, _parent = family
    record = _earn(volunteer, community, "2.50")
    assert _balance(volunteer, community) == Decimal("2.50")
    move = TimeBankTransaction.objects.get()
    assert (move.kind, move.amount, move.service_record) == ("earned", 2.5, record)


@pytest.mark.django_db
def test_no_credits_while_the_time_bank_is_off(family):
    community, _household, volunteer, _parent = family
    _enable(community, on=False)
    _earn(volunteer, community, "2")
    assert not TimeBankTransaction.objects.exists()


@pytest.mark.django_db
def test_a_pending_record_earns_nothing(family):
    community, _household, volunteer, _parent = family
    shift = team_shift(community=community, starts_at=timezone.now())
    _pending(shift, volunteer, "3")
    assert _balance(volunteer, community) == 0


@pytest.mark.django_db
def test_corrections_adjust_the_credits(family):
    community, _household, volunteer, _parent = family
    record = _earn(volunteer, community, "2")
    up = services.correct_record(
        actor=UserFactory(), service_record=record, hours=Decimal(3), reason="late"
    )
    assert _balance(volunteer, community) == Decimal("3.00")
    services.correct_record(
        actor=UserFactory(), service_record=up, hours=Decimal("0.5"), reason="typo"
    )
    assert _balance(volunteer, community) == Decimal("0.50")
    corrections = TimeBankTransaction.objects.filter(kind="correction")
    assert sorted(c.amount for c in corrections) == [Decimal("-2.50"), Decimal("1.00")]
    assert all(c.service_record.version > 1 for c in corrections)


@pytest.mark.django_db
def test_a_downward_correction_never_takes_the_balance_below_zero(family):
    community, _household, volunteer, parent = family
    record = _earn(volunteer, community, "3")
    services.transfer_credits(
        sender=volunteer, recipient=parent, community=community, amount=Decimal(2)
    )
    services.correct_record(
        actor=UserFactory(), service_record=record, hours=Decimal(0), reason="no-show"
    )
    assert _balance(volunteer, community) == Decimal("0.00")
    assert _balance(parent, community) == Decimal("2.00")


@pytest.mark.django_db
def test_the_database_refuses_a_negative_balance(family):
    community, _household, volunteer, _parent = family
    _earn(volunteer, community, "1")
    account = TimeBankAccount.objects.get(user=volunteer)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeBankAccount.objects.filter(pk=account.pk).update(balance=Decimal("-0.01"))


@pytest.mark.django_db
def test_a_transfer_moves_credits_and_each_piece_names_its_record(family):
    community, _household, volunteer, parent = family
    older = _earn(volunteer, community, "1", days_ago=9)
    newer = _earn(volunteer, community, "2", days_ago=2)
    services.transfer_credits(
        sender=volunteer, recipient=parent, community=community, amount=Decimal("1.5")
    )
    assert _balance(volunteer, community) == Decimal("1.50")
    assert _balance(parent, community) == Decimal("1.50")
    incoming = TimeBankTransaction.objects.filter(kind="transfer_in").order_by("pk")
    assert [(m.service_record_id, m.amount) for m in incoming] == [
        (older.pk, Decimal("1.00")),
        (newer.pk, Decimal("0.50")),
    ]
    assert all(m.counterparty == volunteer for m in incoming)


@pytest.mark.django_db
def test_a_transfer_above_the_balance_is_refused(family):
    community, _household, volunteer, parent = family
    _earn(volunteer, community, "1")
    with pytest.raises(ValidationError, match="only 1.00 credits"):
        services.transfer_credits(
            sender=volunteer, recipient=parent, community=community, amount=Decimal(2)
        )
    assert _balance(volunteer, community) == Decimal("1.00")
    assert not TimeBankTransaction.objects.filter(kind="transfer_out").exists()


@pytest.mark.django_db
def test_transfers_need_the_time_bank(family):
    community, _household, volunteer, parent = family
    _earn(volunteer, community, "1")
    _enable(community, on=False)
    with pytest.raises(ValidationError, match="does not run a time bank"):
        services.transfer_credits(
            sender=volunteer, recipient=parent, community=community, amount=Decimal(1)
        )


# The community's rule: a family member aged 60 or over, i.e. another verified
# resident of the sender's household whose volunteer profile says 60 or older.
RECIPIENTS = {
    "same household, 60": (True, lambda h, o: _resident(h, age=60)),
    "same household, 68": (True, lambda h, o: _resident(h, age=68)),
    "same household, 59": (False, lambda h, o: _resident(h, age=59)),
    "same household, no birth date": (False, lambda h, o: _resident(h)),
    "same household, pending resident": (
        False,
        lambda h, o: _resident(h, age=70, status=Membership.Status.PENDING),
    ),
    "same household, left": (
        False,
        lambda h, o: _resident(h, age=70, status=Membership.Status.LEFT),
    ),
    "other household, 70": (False, lambda h, o: _resident(o, age=70)),
    "not a resident, 70": (
        False,
        lambda h, o: VolunteerProfileFactory(date_of_birth=years_ago(70)).user,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "case"), RECIPIENTS.items(), ids=list(RECIPIENTS))
def test_who_may_receive_credits(family, who, case):
    community, household, volunteer, _parent = family
    allowed, make = case
    other_household = HouseholdFactory(community=community)
    recipient = make(household, other_household)
    _earn(volunteer, community, "1")
    assert selectors.may_receive_credits(volunteer, recipient, community) is allowed
    if allowed:
        services.transfer_credits(
            sender=volunteer,
            recipient=recipient,
            community=community,
            amount=Decimal(1),
        )
        assert _balance(recipient, community) == Decimal("1.00")
    else:
        with pytest.raises(ValidationError, match="aged 60 or over"):
            services.transfer_credits(
                sender=volunteer,
                recipient=recipient,
                community=community,
                amount=Decimal(1),
            )
        assert _balance(volunteer, community) == Decimal("1.00")


@pytest.mark.django_db
def test_nobody_gives_credits_to_themselves(family):
    community, _household, volunteer, _parent = family
    VolunteerProfileFactory._meta.model.objects.filter(user=volunteer).update(
        date_of_birth=years_ago(70)
    )
    assert not selectors.may_receive_credits(volunteer, volunteer, community)


@pytest.mark.django_db
def test_the_transfer_form(client, family):
    community, _household, volunteer, parent = family
    _earn(volunteer, community, "2")
    client.force_login(volunteer)
    page = client.get(reverse("volunteers:my-hours"))
    assert "Balance: 2.00 credits" in page.text
    assert parent.public_name in page.text
    url = reverse("volunteers:time-bank-transfer", args=[community.slug])
    prefix = f"t{community.pk}"
    bad = client.post(url, {f"{prefix}-recipient": parent.pk, f"{prefix}-amount": "5"})
    assert bad.status_code == 400
    assert "You have only 2.00 credits." in bad.text
    assert _balance(parent, community) == 0
    stranger = client.post(
        url, {f"{prefix}-recipient": UserFactory().pk, f"{prefix}-amount": "1"}
    )
    assert stranger.status_code == 400
    assert _balance(parent, community) == 0
    done = client.post(url, {f"{prefix}-recipient": parent.pk, f"{prefix}-amount": "1"})
    assert done.status_code == 302
    assert _balance(parent, community) == Decimal("1.00")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_migrated_data")
@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRES,
    reason="needs PostgreSQL: row locks under real parallel connections",
)
def test_concurrent_transfers_never_overdraw():
    household = HouseholdFactory()
    community = household.community
    _enable(community)
    volunteer = _resident(household, age=35)
    parents = [_resident(household, age=70) for _ in range(2)]
    _earn(volunteer, community, "5")
    attempts = 20
    barrier = threading.Barrier(attempts)
    outcomes = []

    def give(index):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            services.transfer_credits(
                sender=volunteer,
                recipient=parents[index % 2],
                community=community,
                amount=Decimal(1),
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - any other error fails the test
            outcomes.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        list(pool.map(give, range(attempts)))
    assert sorted(map(str, outcomes)) == ["ok"] * 5 + ["refused"] * 15
    assert _balance(volunteer, community) == Decimal("0.00")
    assert sum(_balance(p, community) for p in parents) == Decimal("5.00")
    assert TimeBankTransaction.objects.filter(kind="transfer_out").count() == 5
