"""Confirming, refusing, appeals and the district's exceptions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assistance.cases.models import Case, Kind, State
from assistance.decisions import selectors, services
from assistance.decisions.models import Appeal, DistrictException, Refusal
from assistance.investigation.models import HomeVisit
from assistance.publicity import services as publicity
from assistance.publicity.models import Publicity
from assistance.standards.selectors import settings_for
from assistance.standards.workdays import add_working_days
from notifications.models import Notification
from tests.factories import UserFactory

TODAY = timezone.localdate()
MONTH = TODAY.replace(day=1)
DAY = datetime.timedelta(days=1)


def published(case, officer, *, ended=True, **kwargs):
    notice = publicity.start_publicity(
        case=case, actor=officer, start_month=MONTH, **kwargs
    )
    if ended:
        Publicity.objects.filter(pk=notice.pk).update(
            starts_on=TODAY - 8 * DAY, ends_on=TODAY - DAY
        )
    case.refresh_from_db()
    return notice


def confirm(case, officer, **kwargs):
    return services.confirm_case(case=case, actor=officer, start_month=MONTH, **kwargs)


def test_confirm_after_the_notice_sets_the_amount_and_tells(make_case, officer):
    case = make_case()
    published(case, officer)
    confirm(case, officer)
    case.refresh_from_db()
    assert case.state == State.CONFIRMED
    assert case.monthly_amount == Decimal("1350.00")
    assert case.amount_calculation.startswith("850.00 × 3 − 1,200.00 = 1,350.00")
    assert case.start_month == MONTH
    assert case.decided_at is not None
    assert Notification.objects.filter(
        recipient=case.applicant, body__contains="1,350.00"
    ).exists()


def test_confirm_before_the_notice_ends_is_refused(make_case, officer):
    case = make_case()
    notice = published(case, officer, ended=False)
    with pytest.raises(ValidationError):
        confirm(case, officer)
    Publicity.objects.filter(pk=notice.pk).update(ends_on=TODAY)  # last day
    with pytest.raises(ValidationError):
        confirm(case, officer)
    case.refresh_from_db()
    assert case.state == State.PUBLICITY and case.monthly_amount is None


def test_a_pending_objection_blocks_confirmation(make_case, officer):
    case = make_case()
    notice = published(case, officer, ended=False)
    objection = publicity.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    Publicity.objects.filter(pk=notice.pk).update(
        starts_on=TODAY - 8 * DAY, ends_on=TODAY - DAY
    )
    with pytest.raises(ValidationError) as error:
        confirm(case, officer)
    assert "objection" in str(error.value)
    publicity.dismiss_objection(
        objection=objection, actor=officer, note="经核实该房产已于多年前出售"
    )
    confirm(case, officer)


@pytest.mark.parametrize(
    "state", [State.ACCEPTED, State.INVESTIGATED, State.REVIEWED, State.REFUSED]
)
def test_states_cannot_be_skipped(make_case, officer, state):
    case = make_case(state=state)
    with pytest.raises(PermissionDenied):
        confirm(case, officer)
    case.refresh_from_db()
    assert case.state == state


def test_relative_needs_a_district_visit(make_case, officer, supervisor, coordinator):
    case = make_case(relative_registered=True, relative_note="主任的侄子")
    published(case, officer)
    with pytest.raises(ValidationError) as error:
        confirm(case, officer)
    assert "district-level home visit" in str(error.value)
    HomeVisit.objects.create(
        case=case,
        visited_on=TODAY,
        staff_1=officer,
        staff_2=coordinator,
        findings="street visit",
    )
    with pytest.raises(ValidationError):
        confirm(case, officer)
    visit = HomeVisit.objects.create(
        case=case,
        visited_on=TODAY,
        staff_1=supervisor,
        staff_2=officer,
        findings="district visit",
        by_district=True,
        staff_1_signed_at=timezone.now(),
    )
    with pytest.raises(ValidationError):  # not signed by both yet
        confirm(case, officer)
    visit.staff_2_signed_at = timezone.now()
    visit.save()
    confirm(case, officer)


def _earlier_temporary(make_case, household, **kwargs):
    return make_case(
        kind=Kind.TEMPORARY,
        state=State.CONFIRMED,
        household=household,
        decided_at=timezone.now(),
        members=1,
        incomes=(),
        **kwargs,
    )


def test_repeat_temporary_is_blocked_without_the_exception(
    make_case, officer, supervisor, household
):
    _earlier_temporary(make_case, household)
    case = make_case(kind=Kind.TEMPORARY, household=household, members=1, incomes=())
    assert selectors.earlier_temporary(case).exists()
    published(case, officer, amount=Decimal("1000"))
    with pytest.raises(ValidationError) as error:
        confirm(case, officer, amount=Decimal("1000"))
    assert "same cause" in str(error.value)
    services.grant_exception(
        case=case,
        actor=supervisor,
        kind=DistrictException.Kind.REPEAT_TEMPORARY,
        reason="家中再次突发重病，确需救助",
    )
    confirm(case, officer, amount=Decimal("1000"))


def test_repeat_rule_counts_only_the_same_cause_and_year(make_case, officer, household):
    _earlier_temporary(make_case, household, cause="expense")
    _earlier_temporary(make_case, household).__class__.objects.filter(
        temporary_cause="emergency"
    ).update(decided_at=timezone.now() - datetime.timedelta(days=400))
    case = make_case(kind=Kind.TEMPORARY, household=household, members=1, incomes=())
    assert not selectors.repeat_blocked(case)


def test_repeat_rule_matches_the_applicant_without_a_household(make_case):
    _earlier_temporary(make_case, None)
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    assert selectors.repeat_blocked(case)


def test_temporary_above_the_limit_needs_the_exception(make_case, officer, supervisor):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    published(case, officer, amount=Decimal("2000"))
    # normal limit 850 × 3 = 2550, maximum 850 × 6 = 5100
    with pytest.raises(ValidationError):
        confirm(case, officer, amount=Decimal("3000"))
    services.grant_exception(
        case=case,
        actor=supervisor,
        kind=DistrictException.Kind.ABOVE_LIMIT,
        reason="医疗费用巨大，超出常规限额",
    )
    with pytest.raises(ValidationError):
        confirm(case, officer, amount=Decimal("5100.01"))
    confirm(case, officer, amount=Decimal("3000"))
    case.refresh_from_db()
    assert case.monthly_amount == Decimal("3000.00")


def test_only_a_supervisor_grants_exceptions_once_with_a_reason(
    make_case, officer, supervisor
):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    kind = DistrictException.Kind.ABOVE_LIMIT
    with pytest.raises(PermissionDenied):
        services.grant_exception(case=case, actor=officer, kind=kind, reason="x" * 20)
    with pytest.raises(ValidationError):
        services.grant_exception(case=case, actor=supervisor, kind=kind, reason="短")
    with pytest.raises(ValidationError):
        services.grant_exception(
            case=case, actor=supervisor, kind="admin_read", reason="x" * 20
        )
    services.grant_exception(case=case, actor=supervisor, kind=kind, reason="x" * 20)
    with pytest.raises(ValidationError):
        services.grant_exception(
            case=case, actor=supervisor, kind=kind, reason="y" * 20
        )
    assert DistrictException.objects.count() == 1
    assert case.events.filter(action="exception_above_limit").exists()


def test_refusal_needs_a_category_and_reasons(make_case, officer):
    case = make_case()
    for category, reasons in [
        ("", "收入超过低保标准很多"),
        ("income", "短"),
        ("bogus", "收入超过低保标准很多"),
    ]:
        with pytest.raises(ValidationError):
            services.refuse_case(
                case=case, actor=officer, category=category, reasons=reasons
            )
    assert not Refusal.objects.exists()
    case.refresh_from_db()
    assert case.state == State.REVIEWED


def test_refusal_records_the_notice_deadline_and_tells_at_once(
    make_case, officer, district
):
    case = make_case()
    notice = published(case, officer, ended=False)
    refusal = services.refuse_case(
        case=case,
        actor=officer,
        category="income",
        reasons="家庭人均收入高于当地低保标准",
    )
    case.refresh_from_db()
    notice.refresh_from_db()
    assert case.state == State.REFUSED
    assert notice.withdrawn_at is not None  # the notice comes down
    days = settings_for(district).refusal_notice_working_days
    assert refusal.notice_due == add_working_days(district.pk, TODAY, days)
    assert refusal.notified_at is not None
    assert Notification.objects.filter(
        recipient=case.applicant, body__contains="家庭人均收入"
    ).exists()


def _appealed(make_case, officer):
    case = make_case()
    services.refuse_case(
        case=case,
        actor=officer,
        category="income",
        reasons="家庭人均收入高于当地低保标准",
    )
    Appeal.objects.create(case=case, reason="收入计算有误", filed_by=case.applicant)
    Case.objects.filter(pk=case.pk).update(state=State.APPEALED)
    case.refresh_from_db()
    return case


def test_appeal_upheld_sends_the_case_back(make_case, officer, supervisor):
    case = _appealed(make_case, officer)
    with pytest.raises(PermissionDenied):
        services.decide_appeal(case=case, actor=officer, uphold=True, answer="x" * 20)
    with pytest.raises(ValidationError):
        services.decide_appeal(case=case, actor=supervisor, uphold=True, answer="短")
    appeal = services.decide_appeal(
        case=case, actor=supervisor, uphold=True, answer="收入计算确有错误，重新调查"
    )
    case.refresh_from_db()
    assert appeal.outcome == Appeal.Outcome.UPHELD
    assert case.state == State.ACCEPTED
    assert Notification.objects.filter(
        recipient=case.applicant, body__contains="重新调查"
    ).exists()


def test_appeal_dismissed_is_final_and_once(make_case, officer, supervisor):
    case = _appealed(make_case, officer)
    services.decide_appeal(
        case=case,
        actor=supervisor,
        uphold=False,
        answer="经复核，原决定认定事实清楚正确",
    )
    case.refresh_from_db()
    assert case.state == State.REFUSED
    assert not case.applicant.has_perm("assistance.appeal", case)
    with pytest.raises((PermissionDenied, ValidationError)):
        services.decide_appeal(
            case=case, actor=supervisor, uphold=True, answer="再决定一次试试看"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(case=case, reason="再申诉一次")


def test_confirmation_due_and_overdue(make_case, officer, district):
    late, fresh, objected = make_case(), make_case(), make_case()
    for case in (late, fresh, objected):
        published(case, officer)
    long_ago = {"starts_on": TODAY - 40 * DAY, "ends_on": TODAY - 30 * DAY}
    Publicity.objects.filter(case=late).update(**long_ago)
    notice = Publicity.objects.get(case=objected)
    Publicity.objects.filter(pk=notice.pk).update(**long_ago)
    publicity.PublicityObjection.objects.create(publicity=notice, text="有异议的内容")
    days = settings_for(district).confirm_after_publicity_working_days
    assert selectors.confirmation_due(fresh) == add_working_days(
        district.pk, TODAY - DAY, days
    )
    overdue = selectors.confirmation_overdue(Case.objects.all())
    assert list(overdue) == [late]


def test_a_dismissal_after_the_end_restarts_the_confirmation_clock(
    make_case, officer, district
):
    case = make_case()
    notice = published(case, officer, ended=False)
    objection = publicity.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    Publicity.objects.filter(pk=notice.pk).update(
        starts_on=TODAY - 20 * DAY, ends_on=TODAY - 14 * DAY
    )
    publicity.dismiss_objection(
        objection=objection, actor=officer, note="经核实该房产已于多年前出售"
    )
    days = settings_for(district).confirm_after_publicity_working_days
    assert selectors.confirmation_due(case) == add_working_days(
        district.pk, TODAY, days
    )
