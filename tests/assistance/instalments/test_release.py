"""Releasing, skipping and stopping instalments: the condition is ticked and
noted, the household is told the amount, a reason is required to skip or stop,
nothing is released twice; the applicant sees the schedule on their page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.cases.models import Case, CaseEvent
from assistance.cases.workflow import transition
from assistance.instalments import services
from assistance.instalments.models import Instalment, InstalmentState
from audit.models import AuditEvent
from notifications.models import Notification
from tests.assistance.instalments.conftest import rows

pytestmark = pytest.mark.django_db


def _url(name, instalment):
    return reverse(name, args=[instalment.case.tracking_number, instalment.pk])


def test_the_coordinator_releases_the_first_instalment_and_the_household_is_told(
    signed_in, coordinator, scheduled, applicant, household_member
):
    first, second = scheduled
    prefix = f"release-{first.pk}"
    response = signed_in(coordinator).post(
        _url("assistance:instalment-release", first),
        {
            f"{prefix}-condition_checked": "on",
            f"{prefix}-check_note": "电话核实仍在住院",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == InstalmentState.RELEASED
    assert first.released_by == coordinator and first.released_at
    assert first.check_note == "电话核实仍在住院"
    second.refresh_from_db()
    assert second.state == InstalmentState.SCHEDULED
    event = CaseEvent.objects.get(action="release_instalment")
    assert "1,500.00" in event.public_note
    assert AuditEvent.objects.filter(action="assistance.instalment_released").exists()
    told = Notification.objects.filter(kind="assistance.instalment")
    assert set(told.values_list("recipient", flat=True)) == {
        applicant.pk,
        household_member.pk,
    }
    assert "1,500.00" in told.first().body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"check_note": "电话核实"}, "Tick to confirm the condition was checked."),
        ({"condition_checked": "on"}, "Write what was checked."),
    ],
)
def test_a_release_without_the_tick_or_the_note_is_refused_and_saves_nothing(
    signed_in, coordinator, scheduled, data, message
):
    first = scheduled[0]
    prefix = f"release-{first.pk}"
    events = CaseEvent.objects.count()
    response = signed_in(coordinator).post(
        _url("assistance:instalment-release", first),
        {f"{prefix}-{key}": value for key, value in data.items()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    first.refresh_from_db()
    assert first.state == InstalmentState.SCHEDULED
    assert CaseEvent.objects.count() == events


def test_an_instalment_is_released_once_and_not_before_its_week(scheduled, coordinator):
    first, second = scheduled
    services.release(
        instalment=first, actor=coordinator, condition_checked=True, check_note="已核实"
    )
    with pytest.raises(ValidationError) as again:
        services.release(
            instalment=first,
            actor=coordinator,
            condition_checked=True,
            check_note="已核实",
        )
    assert again.value.code == "not_scheduled"
    with pytest.raises(ValidationError) as early:
        services.release(
            instalment=second,
            actor=coordinator,
            condition_checked=True,
            check_note="已核实",
        )
    assert early.value.code == "not_due"
    assert Instalment.objects.filter(state=InstalmentState.RELEASED).count() == 1


def test_skipping_needs_a_reason_and_stopping_ends_the_rest(
    signed_in, coordinator, scheduled, staged_case
):
    first, second = scheduled
    client = signed_in(coordinator)
    response = client.post(_url("assistance:instalment-skip", first), {})
    assert response.status_code == 400
    assert "Give the reason." in response.content.decode()
    first.refresh_from_db()
    assert first.state == InstalmentState.SCHEDULED
    response = client.post(
        _url("assistance:instalment-skip", first),
        {f"skip-{first.pk}-reason": "本月已由医保报销"},
    )
    assert response.status_code == 302
    stop = reverse("assistance:instalments-stop", args=[staged_case.tracking_number])
    assert client.post(stop, {"stop-reason": ""}).status_code == 400
    assert client.post(stop, {"stop-reason": "已出院，无需继续"}).status_code == 302
    states = dict(Instalment.objects.values_list("position", "state"))
    assert states == {1: InstalmentState.SKIPPED, 2: InstalmentState.STOPPED}
    second.refresh_from_db()
    assert second.reason == "已出院，无需继续" and second.ended_by == coordinator


def test_the_schedule_shows_on_the_staff_page_and_the_applicants_page(
    signed_in, coordinator, applicant, scheduled, staged_case
):
    staff = signed_in(coordinator).get(
        reverse("assistance:case", args=[staged_case.tracking_number])
    )
    body = staff.content.decode()
    assert "Aid in stages (instalments)" in body and "Release instalment 1" in body
    mine = signed_in(applicant).get(
        reverse("assistance:my-case", args=[staged_case.tracking_number])
    )
    body = mine.content.decode()
    assert "Payments in instalments" in body and "仍在住院" in body


def test_a_temporary_schedule_that_no_longer_adds_up_blocks_the_release(
    make_case, officer, coordinator
):
    case = make_case("publicity", kind="temporary", monthly_amount=None)
    [row] = services.set_schedule(case=case, actor=officer, rows=rows((0, "900")))
    transition(case, "confirm", actor=officer)
    Case.objects.filter(pk=case.pk).update(monthly_amount=Decimal("1000.00"))
    row = Instalment.objects.select_related("case").get(pk=row.pk)
    assert row.case.state == "confirmed"
    with pytest.raises(ValidationError) as blocked:
        services.release(
            instalment=row,
            actor=coordinator,
            condition_checked=True,
            check_note="已核实",
        )
    assert blocked.value.code == "total"
