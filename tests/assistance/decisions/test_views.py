"""The step pages: permission, bad input (400, nothing saved), success, and the
case-page panels (objector identity for officers only)."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from assistance.cases import panels
from assistance.cases.models import Case, CaseRead, Kind, State
from assistance.decisions import services
from assistance.decisions.models import Appeal, DistrictException, Refusal
from assistance.publicity import services as publicity
from assistance.publicity.models import Publicity, PublicityObjection
from tests.factories import UserFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(name, case, *extra):
    return reverse(f"assistance:{name}", args=[case.community.slug, case.pk, *extra])


def test_start_page_logs_the_read_and_starts(client, make_case, officer):
    case = make_case()
    client.force_login(officer)
    assert client.get(url("publicity-start", case)).status_code == 200
    assert CaseRead.objects.filter(case=case, reader=officer).exists()
    response = client.post(
        url("publicity-start", case), {"start_month": f"{TODAY:%Y-%m}"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.PUBLICITY


@pytest.mark.parametrize(
    "month", ["", "garbage", "2026-13", "1999-01", "2100-01", "2026-01-01x"]
)
def test_start_refuses_bad_months(client, make_case, officer, month):
    case = make_case()
    client.force_login(officer)
    response = client.post(url("publicity-start", case), {"start_month": month})
    assert response.status_code == 400
    assert not Publicity.objects.exists()


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "1e99", "99999"])
def test_start_refuses_bad_temporary_amounts(client, make_case, officer, amount):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    client.force_login(officer)
    response = client.post(
        url("publicity-start", case),
        {"start_month": f"{TODAY:%Y-%m}", "amount": amount},
    )
    assert response.status_code == 400
    assert not Publicity.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "supervisor", "applicant"])
def test_others_may_not_take_the_officers_steps(client, make_case, request, who):
    case = make_case()
    client.force_login(request.getfixturevalue(who))
    for name in ("publicity-start", "case-refuse"):
        assert client.get(url(name, case)).status_code == 403
        assert client.post(url(name, case), {}).status_code == 403
    assert not Publicity.objects.exists() and not Refusal.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, make_case):
    case = make_case()
    assert client.get(url("case-confirm", case)).status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"category": "income"},
        {"category": "income", "reasons": "太短"},
        {"category": "nonsense", "reasons": "家庭人均收入高于当地低保标准"},
        {"category": "", "reasons": "家庭人均收入高于当地低保标准"},
    ],
)
def test_refuse_page_bad_input(client, make_case, officer, data):
    case = make_case()
    client.force_login(officer)
    response = client.post(url("case-refuse", case), data)
    assert response.status_code == 400
    assert not Refusal.objects.exists()


def test_refuse_page_refuses(client, make_case, officer):
    case = make_case()
    client.force_login(officer)
    response = client.post(
        url("case-refuse", case),
        {
            "category": "income",
            "reasons": "家庭人均收入高于当地低保标准",
            "next": "//evil.example/",
        },
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert Refusal.objects.count() == 1


def test_confirm_page_shows_the_blocker(client, make_case, officer):
    case = make_case()
    publicity.start_publicity(
        case=case, actor=officer, start_month=TODAY.replace(day=1)
    )
    client.force_login(officer)
    response = client.post(url("case-confirm", case), {"start_month": f"{TODAY:%Y-%m}"})
    assert response.status_code == 400
    assert "public notice runs until" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.PUBLICITY


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "admin_read", "reason": "x" * 20},
        {"kind": "repeat", "reason": "短"},
    ],
)
def test_exception_page_bad_input(client, make_case, supervisor, data):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    client.force_login(supervisor)
    assert client.post(url("exception-grant", case), data).status_code == 400
    assert not DistrictException.objects.exists()


def test_objection_pages_bad_input_and_ids(client, make_case, officer):
    case = make_case()
    notice = publicity.start_publicity(
        case=case, actor=officer, start_month=TODAY.replace(day=1)
    )
    objection = publicity.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    client.force_login(officer)
    assert (
        client.post(
            url("objection-dismiss", case, objection.pk), {"note": "短"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url("objection-dismiss", case, 999999), {"note": "x" * 20}
        ).status_code
        == 404
    )
    other = make_case()
    assert client.post(
        url("objection-uphold", other, objection.pk), {"note": "x" * 20}
    ).status_code in (403, 404)
    objection.refresh_from_db()
    assert objection.outcome == PublicityObjection.Outcome.PENDING
    assert (
        client.get(
            f"/{case.community.slug}/assistance/publicity/99999999999999999999/objection/"
        ).status_code
        == 404
    )


def _panels(user, case):
    request = RequestFactory().get("/case/")
    request.user = user
    shown = panels.rendered_for(request, case)
    html = "".join(
        render_to_string(panel.template, {"case": case, **context}, request=request)
        for panel, context in shown
    )
    return {panel.key for panel, _ in shown}, html


def test_panels_show_the_objector_only_to_officers(
    make_case, officer, supervisor, coordinator
):
    case = make_case()
    notice = publicity.start_publicity(
        case=case, actor=officer, start_month=TODAY.replace(day=1)
    )
    publicity.file_objection(
        publicity=notice,
        user=UserFactory(),
        name="王五",
        phone="13700001111",
        text="他家有两套房和一辆车",
    )
    keys, html = _panels(officer, case)
    assert {"publicity", "decision"} <= keys
    assert "13700001111" in html
    keys, html = _panels(supervisor, case)
    assert "13700001111" in html
    keys, html = _panels(coordinator, case)
    assert "13700001111" not in html and "decision" not in keys
    keys, html = _panels(case.applicant, case)
    assert not keys & {"publicity", "decision"}


def test_decision_panel_warns_of_a_repeat_and_flags_overdue(
    make_case, officer, household
):
    make_case(
        kind=Kind.TEMPORARY,
        state=State.CONFIRMED,
        household=household,
        decided_at=timezone.now(),
        members=1,
        incomes=(),
    )
    case = make_case(kind=Kind.TEMPORARY, household=household, members=1, incomes=())
    notice = publicity.start_publicity(
        case=case, actor=officer, start_month=TODAY.replace(day=1), amount=1000
    )
    Publicity.objects.filter(pk=notice.pk).update(
        starts_on=TODAY - 60 * DAY, ends_on=TODAY - 50 * DAY
    )
    _keys, html = _panels(officer, case)
    assert "same cause this year" in html
    assert "Overdue." in html


def _appealed_case(make_case, officer):
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


@pytest.mark.parametrize("data", [{}, {"answer": "短"}, {"answer": "x" * 4001}])
@pytest.mark.parametrize("name", ["appeal-uphold", "appeal-dismiss"])
def test_appeal_pages_bad_input(client, make_case, officer, supervisor, data, name):
    case = _appealed_case(make_case, officer)
    client.force_login(supervisor)
    assert client.post(url(name, case), data).status_code == 400
    case.refresh_from_db()
    assert case.state == State.APPEALED
    assert case.appeal.outcome == "pending"


def test_appeal_dismissed_through_the_page(client, make_case, officer, supervisor):
    case = _appealed_case(make_case, officer)
    client.force_login(officer)
    assert (
        client.post(url("appeal-dismiss", case), {"answer": "x" * 20}).status_code
        == 403
    )
    client.force_login(supervisor)
    response = client.post(
        url("appeal-dismiss", case), {"answer": "经复核，原决定认定事实清楚"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REFUSED and case.appeal.outcome == "dismissed"


def test_exception_granted_through_the_page(client, make_case, supervisor):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    client.force_login(supervisor)
    response = client.post(
        url("exception-grant", case),
        {"kind": "above_limit", "reason": "医疗费用巨大超出常规限额"},
    )
    assert response.status_code == 302
    assert DistrictException.objects.get().granted_by == supervisor
