"""The case page's actions through their forms: permission, the happy path,
and bad input on every form (a clear error, status 400, nothing saved)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import Case, CaseEvent, MissingItemsRequest
from assistance.cases.workflow import transition
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(name, case, *args):
    return reverse(f"assistance:{name}", args=[case.tracking_number, *args])


def state_of(case):
    return Case.objects.get(pk=case.pk).state


def test_acceptance_through_the_page(
    signed_in, make_case, coordinator, committee_member
):
    case = make_case()
    body = signed_in(coordinator).get(url("case", case)).content.decode()
    assert url("case-accept", case) in body
    assert signed_in(committee_member).post(url("case-accept", case)).status_code == 403
    assert state_of(case) == "submitted"
    response = signed_in(coordinator).post(url("case-accept", case))
    assert response.status_code == 302
    assert state_of(case) == "accepted"
    # Accepting twice: the button is gone and a replayed post is refused.
    assert signed_in(coordinator).post(url("case-accept", case)).status_code == 403
    assert signed_in(coordinator).get(url("case-accept", case)).status_code == 405


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"free_lines": "   \n  "},
        {"standard": ["nonsense"]},
        {"free_lines": "x" * 5000},
        {"free_lines": "\n".join(f"item {n}" for n in range(30))},
    ],
)
def test_bad_requests_for_missing_items(signed_in, make_case, coordinator, data):
    case = make_case()
    response = signed_in(coordinator).post(url("case-missing-items", case), data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not MissingItemsRequest.objects.exists()
    assert state_of(case) == "submitted"


def test_missing_items_through_the_page_once(
    signed_in, make_case, coordinator, applicant
):
    case = make_case()
    client = signed_in(coordinator)
    response = client.post(
        url("case-missing-items", case),
        {"standard": ["hukou", "income"], "free_lines": "租房合同", "note": "请补齐"},
    )
    assert response.status_code == 302
    assert state_of(case) == "returned"
    request = MissingItemsRequest.objects.get()
    assert len(request.items) == 3 and "租房合同" in request.items

    transition(case, "resubmit", actor=applicant)
    body = client.get(url("case", case)).content.decode()
    assert "already asked for" in body
    response = client.post(url("case-missing-items", case), {"free_lines": "又一项"})
    assert response.status_code == 400
    assert "asked for once" in response.content.decode()
    assert MissingItemsRequest.objects.count() == 1
    assert state_of(case) == "submitted"


def test_extension_through_the_page(signed_in, make_case, officer, coordinator):
    case = make_case("accepted", accepted_days_ago=2)
    assert (
        signed_in(coordinator)
        .post(url("case-extend", case), {"reason": "x" * 20})
        .status_code
        == 403
    )
    client = signed_in(officer)
    response = client.post(url("case-extend", case), {"reason": "太短"})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).extension_reason == ""
    response = client.post(
        url("case-extend", case), {"reason": "核对报告尚未返回，申请延期"}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).extension_reason
    assert (
        url("case-extend", case) not in client.get(url("case", case)).content.decode()
    )


def test_the_investigation_through_the_page(
    signed_in, make_case, coordinator, officer, applicant
):
    case = make_case("accepted", accepted_days_ago=3)
    client = signed_in(coordinator)
    body = client.get(url("case", case)).content.decode()
    visit_form = body.split(f'action="{url("case-visit", case)}"')[1].split("</form>")[
        0
    ]
    assert f'<option value="{officer.pk}">' in visit_form  # the second visitor
    assert f'<option value="{coordinator.pk}">' not in visit_form  # not the recorder
    response = client.post(
        url("case-visit", case),
        {
            "second": officer.pk,
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
    )
    assert response.status_code == 302
    row = HomeVisit.objects.get()
    assert (row.staff_1, row.staff_2) == (coordinator, officer)
    # The second visitor sees the sign button; the recorder does not.
    sign = url("case-visit-sign", case, row.pk)
    assert sign not in client.get(url("case", case)).content.decode()
    officer_client = signed_in(officer)
    assert sign in officer_client.get(url("case", case)).content.decode()
    assert officer_client.post(sign).status_code == 302
    response = officer_client.post(
        url("case-check", case),
        {
            "reference": "HD-2026-77",
            "result": "within",
            "checked_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert state_of(case) == "investigated"

    response = officer_client.post(
        url("case-appraisal", case),
        {"held_on": TODAY.isoformat(), "panel_size": 9, "attended": 7, "agreed": 6},
    )
    assert response.status_code == 302
    assert state_of(case) == "appraised"
    response = officer_client.post(
        url("case-review", case),
        {"recommends_approval": "yes", "opinion": "情况属实，同意上报公示"},
    )
    assert response.status_code == 302
    assert state_of(case) == "reviewed"
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    for step in ("visit", "sign_visit", "check", "investigate", "appraise", "review"):
        assert step in actions


def test_a_stranger_cannot_sign(
    signed_in, make_case, coordinator, officer, second_coordinator
):
    case = make_case("accepted", accepted_days_ago=3)
    signed_in(coordinator).post(
        url("case-visit", case),
        {
            "second": officer.pk,
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
    )
    row = HomeVisit.objects.get()
    response = signed_in(second_coordinator).post(url("case-visit-sign", case, row.pk))
    assert response.status_code == 400
    assert "Only the second visitor" in response.content.decode()
    assert HomeVisit.objects.get().staff_2_signed_at is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "second": "self",
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
        {
            "second": "999999999999",
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
        {
            "second": "abc",
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
        {
            "second": "officer",
            "visited_on": (TODAY + DAY).isoformat(),
            "findings": "家中两人，无劳动收入",
        },
        {
            "second": "officer",
            "visited_on": (TODAY - 30 * DAY).isoformat(),
            "findings": "家中两人，无劳动收入",
        },
        {
            "second": "officer",
            "visited_on": "2026-02-30",
            "findings": "家中两人，无劳动收入",
        },
        {"second": "officer", "visited_on": TODAY.isoformat(), "findings": ""},
        {
            "second": "committee",
            "visited_on": TODAY.isoformat(),
            "findings": "家中两人，无劳动收入",
        },
    ],
)
def test_bad_visits(signed_in, make_case, coordinator, officer, committee_member, data):
    case = make_case("accepted", accepted_days_ago=3)
    people = {
        "self": coordinator.pk,
        "officer": officer.pk,
        "committee": committee_member.pk,
    }
    data = {k: people.get(v, v) if k == "second" else v for k, v in data.items()}
    response = signed_in(coordinator).post(url("case-visit", case), data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not HomeVisit.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reference": "", "result": "within", "checked_on": TODAY.isoformat()},
        {"reference": "R1", "result": "bogus", "checked_on": TODAY.isoformat()},
        {
            "reference": "R1",
            "result": "within",
            "checked_on": (TODAY + DAY).isoformat(),
        },
        {"reference": "R" * 61, "result": "within", "checked_on": TODAY.isoformat()},
        {"reference": "R1", "result": "within", "checked_on": "yesterday"},
    ],
)
def test_bad_checks(signed_in, make_case, coordinator, data):
    case = make_case("accepted", accepted_days_ago=3)
    response = signed_in(coordinator).post(url("case-check", case), data)
    assert response.status_code == 400
    assert not FinancialCheck.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"held_on": TODAY.isoformat(), "panel_size": -1, "attended": 0, "agreed": 0},
        {"held_on": TODAY.isoformat(), "panel_size": 5, "attended": 6, "agreed": 1},
        {"held_on": TODAY.isoformat(), "panel_size": 5, "attended": 5, "agreed": 6},
        {
            "held_on": TODAY.isoformat(),
            "panel_size": "many",
            "attended": 5,
            "agreed": 5,
        },
        {"held_on": TODAY.isoformat(), "panel_size": 2**40, "attended": 5, "agreed": 5},
        {
            "held_on": (TODAY + DAY).isoformat(),
            "panel_size": 5,
            "attended": 5,
            "agreed": 5,
        },
    ],
)
def test_bad_appraisals(signed_in, make_case, coordinator, data):
    case = make_case("investigated", accepted_days_ago=3)
    response = signed_in(coordinator).post(url("case-appraisal", case), data)
    assert response.status_code == 400
    assert not Appraisal.objects.exists()
    assert state_of(case) == "investigated"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"recommends_approval": "perhaps", "opinion": "情况属实，同意上报公示"},
        {"recommends_approval": "yes", "opinion": "  "},
        {"recommends_approval": "no", "opinion": "x" * 6000},
    ],
)
def test_bad_reviews(signed_in, make_case, officer, data):
    case = make_case("investigated", accepted_days_ago=3)
    response = signed_in(officer).post(url("case-review", case), data)
    assert response.status_code == 400
    assert not ReviewOpinion.objects.exists()
    assert state_of(case) == "investigated"


def test_only_street_officers_review(signed_in, make_case, coordinator, other_officer):
    case = make_case("investigated", accepted_days_ago=3)
    data = {"recommends_approval": "yes", "opinion": "情况属实，同意上报公示"}
    for person in (coordinator, other_officer):
        assert signed_in(person).post(url("case-review", case), data).status_code == 403
    assert not ReviewOpinion.objects.exists()


def test_a_committee_member_records_nothing(
    signed_in, make_case, committee_member, officer
):
    case = make_case("accepted", accepted_days_ago=3)
    client = signed_in(committee_member)
    assert (
        client.post(
            url("case-visit", case),
            {
                "second": officer.pk,
                "visited_on": TODAY.isoformat(),
                "findings": "家中两人，无劳动收入",
            },
        ).status_code
        == 403
    )
    assert (
        client.post(
            url("case-check", case),
            {"reference": "R1", "result": "within", "checked_on": TODAY.isoformat()},
        ).status_code
        == 403
    )
    assert not HomeVisit.objects.exists() and not FinancialCheck.objects.exists()
