"""Setting a schedule of instalments: it adds up to the approved amount (临时救助)
or stays within the monthly amount, bad input saves nothing, and released
instalments survive a change."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.cases.models import CaseEvent
from assistance.instalments import services
from assistance.instalments.models import Instalment, InstalmentState
from audit.models import AuditEvent
from tests.assistance.instalments.conftest import day, posted_rows, rows

pytestmark = pytest.mark.django_db


def test_the_officer_schedules_two_instalments_from_the_case_page(
    signed_in, officer, staged_case
):
    url = reverse("assistance:instalments-schedule", args=[staged_case.tracking_number])
    response = signed_in(officer).post(
        url,
        posted_rows(
            (day(0).isoformat(), "1000", "仍在住院"),
            (day(30).isoformat(), "2000", "仍在住院"),
        ),
    )
    assert response.status_code == 302
    schedule = list(Instalment.objects.filter(case=staged_case))
    assert [(r.position, r.amount) for r in schedule] == [
        (1, Decimal("1000.00")),
        (2, Decimal("2000.00")),
    ]
    assert all(r.state == InstalmentState.SCHEDULED for r in schedule)
    assert CaseEvent.objects.filter(case=staged_case, action="set_instalments").exists()
    assert AuditEvent.objects.filter(action="assistance.set_instalments").exists()


@pytest.mark.parametrize(
    ("triples", "message"),
    [
        (
            [("2026-13-45", "3000", "x"), ("", "", "")],
            "Enter a valid date.",
        ),
        ([("{today}", "1000", "仍在住院")], "add up to 1,000.00 yuan"),
        (
            [("{today}", "3000", "")],
            "Fill in the due date, the amount and the condition",
        ),
        ([("", "", "")], "Enter at least one instalment."),
        ([("{today}", "-5", "仍在住院")], "greater than or equal to 0.01"),
    ],
)
def test_bad_schedules_get_a_clear_error_and_save_nothing(
    signed_in, officer, staged_case, triples, message
):
    url = reverse("assistance:instalments-schedule", args=[staged_case.tracking_number])
    filled = [(d.format(today=day(0).isoformat()), a, c) for d, a, c in triples]
    events = CaseEvent.objects.count()
    response = signed_in(officer).post(url, posted_rows(*filled))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Instalment.objects.exists()
    assert CaseEvent.objects.count() == events


def test_the_errors_are_translated(zh_client, settings, officer, staged_case):
    officer.preferred_language = settings.LANGUAGE_CODE
    officer.save()
    zh_client.force_login(officer)
    url = reverse("assistance:instalments-schedule", args=[staged_case.tracking_number])
    response = zh_client.post(
        url, posted_rows((day(0).isoformat(), "1000", "仍在住院"))
    )
    assert response.status_code == 400
    assert "分期金额合计" in response.content.decode()


def test_a_change_after_a_release_keeps_the_released_instalment(
    scheduled, staged_case, officer, coordinator
):
    first, _second = scheduled
    services.release(
        instalment=first,
        actor=coordinator,
        condition_checked=True,
        check_note="电话核实",
    )
    services.set_schedule(
        case=staged_case, actor=officer, rows=rows((10, "500"), (40, "1000"))
    )
    schedule = list(Instalment.objects.filter(case=staged_case).order_by("position"))
    assert [(r.position, r.state, r.amount) for r in schedule] == [
        (1, InstalmentState.RELEASED, Decimal("1500.00")),
        (2, InstalmentState.SCHEDULED, Decimal("500.00")),
        (3, InstalmentState.SCHEDULED, Decimal("1000.00")),
    ]
    assert schedule[0].released_by == coordinator
    with pytest.raises(ValidationError, match="add up to 2,500.00"):
        services.set_schedule(case=staged_case, actor=officer, rows=rows((10, "1000")))
    assert Instalment.objects.filter(case=staged_case).count() == 3


def test_monthly_aid_stays_within_the_monthly_amount_and_a_stopped_schedule_is_closed(
    make_case, officer, coordinator
):
    case = make_case("publicity", monthly_amount=Decimal("800.00"))
    with pytest.raises(ValidationError, match="more than 2 months of 800.00"):
        services.set_schedule(
            case=case, actor=officer, rows=rows((0, "800"), (30, "900"))
        )
    services.set_schedule(case=case, actor=officer, rows=rows((0, "800"), (30, "700")))
    assert Instalment.objects.filter(case=case).count() == 2


def test_a_stopped_schedule_cannot_be_set_again(
    scheduled, staged_case, officer, coordinator
):
    assert services.stop(case=staged_case, actor=coordinator, reason="已出院康复") == 2
    with pytest.raises(ValidationError, match="stopped"):
        services.set_schedule(case=staged_case, actor=officer, rows=rows((5, "3000")))
    assert set(Instalment.objects.values_list("state", flat=True)) == {
        InstalmentState.STOPPED
    }
