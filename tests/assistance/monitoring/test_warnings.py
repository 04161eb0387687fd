"""Early warnings (返贫预警): the daily job opens one warning per case and
reason (income fell, expenses rose, an elderly person living alone without a
visit), runs twice without adding anything, and the coordinator's action
closes a warning (audited)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assistance.cases.models import HouseholdMember
from assistance.investigation.models import HomeVisit
from assistance.monitoring import services
from assistance.monitoring.models import EarlyWarning
from assistance.monitoring.warnings import age_of, compute_warnings
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_income_drop_and_expense_rise_warn_once(recipient, coordinator):
    item = recipient.incomes.get()
    services.record_review(
        case=recipient,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="配偶失业，住院花费大。",
        changes=services.Changes(
            incomes={item.pk: Decimal("100")}, expenses=Decimal("20000")
        ),
    )
    assert compute_warnings() == 2
    reasons = set(EarlyWarning.objects.values_list("reason", flat=True))
    assert reasons == {"income_drop", "expense_rise"}
    assert "75%" in EarlyWarning.objects.get(reason="income_drop").detail
    assert compute_warnings() == 0
    assert EarlyWarning.objects.count() == 2


def test_a_small_change_does_not_warn(recipient, coordinator):
    item = recipient.incomes.get()
    services.record_review(
        case=recipient,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="情况基本不变。",
        changes=services.Changes(incomes={item.pk: Decimal("350")}),
    )
    assert compute_warnings() == 0


def test_an_elderly_person_living_alone_without_a_visit(make_case, coordinator):
    case = make_case("confirmed", kind="tekun")
    member = case.members.get()
    member.birth_year = timezone.localdate().year - 80
    member.save()
    long_ago = timezone.now() - datetime.timedelta(days=90)
    type(case).objects.filter(pk=case.pk).update(decided_at=long_ago)
    assert compute_warnings() == 1
    warning = EarlyWarning.objects.get(reason="alone_no_visit")
    assert compute_warnings() == 0  # one open warning per case and reason
    services.act_on_warning(
        warning=warning,
        actor=coordinator,
        action="visited",
        note="上门探访，身体尚可。",
    )
    warning.refresh_from_db()
    assert warning.closed_at and warning.closed_by == coordinator
    assert AuditEvent.objects.filter(action="assistance.warning_closed").exists()
    assert compute_warnings() == 0  # just visited


def test_a_recent_home_visit_means_no_warning(make_case, coordinator, officer):
    case = make_case("confirmed", kind="tekun")
    HouseholdMember.objects.filter(case=case).update(id_number="110101194501012345")
    type(case).objects.filter(pk=case.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=90)
    )
    HomeVisit.objects.create(
        case=case,
        visited_on=timezone.localdate() - datetime.timedelta(days=3),
        staff_1=coordinator,
        staff_2=officer,
        findings="探访",
    )
    assert compute_warnings() == 0


def test_age_from_the_id_number_or_the_year_of_birth():
    today = datetime.date(2026, 6, 1)
    person = HouseholdMember(id_number="110101196606021234", birth_year=1950)
    assert age_of(person, today) == 59  # the ID number wins; birthday tomorrow
    assert age_of(HouseholdMember(id_number="", birth_year=1950), today) == 76
    assert age_of(HouseholdMember(id_number="bad"), today) is None


def test_acting_on_a_warning_needs_the_coordinator_and_an_answer(
    recipient, coordinator, officer
):
    warning = services.open_warning(recipient, "stopped", detail="测试")
    assert services.open_warning(recipient, "stopped") is None
    with pytest.raises(PermissionDenied):
        services.act_on_warning(
            warning=warning, actor=officer, action="visited", note="已经探访。"
        )
    for action, note in (("shrug", "已经探访。"), ("visited", "")):
        with pytest.raises(ValidationError):
            services.act_on_warning(
                warning=warning, actor=coordinator, action=action, note=note
            )
    warning.refresh_from_db()
    assert warning.is_open


def test_the_texts_of_anonymised_cases_are_blanked(recipient, coordinator):
    item = recipient.incomes.get()
    review = services.record_review(
        case=recipient,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="配偶失业，收入下降。",
        changes=services.Changes(incomes={item.pk: Decimal("100")}),
    )
    type(recipient).objects.filter(pk=recipient.pk).update(anonymised_at=timezone.now())
    compute_warnings()
    review.refresh_from_db()
    assert review.findings == "" and review.income_after == 100
    assert EarlyWarning.objects.get(reason="income_drop").detail == ""
