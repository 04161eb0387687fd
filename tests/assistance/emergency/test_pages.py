"""The emergency aid pages: the grant form (with the report page's query), the
lists, one aid (its read logged), the paperwork completed through the 代办
application pages, the work list, the case-page panel and the district's
emergency periods."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import Case, CaseRead, State
from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from tests.assistance.applications.conftest import page_data, with_documents

pytestmark = pytest.mark.django_db


def _new(community, **query):
    return reverse("assistance:advance-aid-new", args=[community.slug]), query


def _post(home, **overrides):
    return {
        "household": str(home.pk),
        "beneficiary_name": "张三明",
        "household_size": "2",
        "cause": "illness",
        "amount": "1800",
        "note": "突发脑梗住院。",
        **overrides,
    }


def test_the_report_pages_query_prefills_the_form(
    signed_in, coordinator, community, household, applicant, standard
):
    url, query = _new(
        community, report="42", reported_at="2026-12-01T08:30:00+08:00",
        household=str(household.pk),
    )  # fmt: skip
    html = signed_in(coordinator).get(url, query).content.decode()
    assert 'name="source_report" value="42"' in html
    assert 'value="2026-12-01T08:30"' in html
    assert f'<option value="{household.pk}" selected>' in html
    assert "up to 1000.00 yuan per household member" in html
    assert 'name="household_size" value="1"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"report": "x", "reported_at": "2026-13-45T99:00", "household": "abc"},
        {"report": str(2**70), "reported_at": "yesterday", "household": str(2**70)},
        {"report": "-3", "reported_at": "", "household": "0"},
    ],
)
def test_malformed_query_params_are_ignored(
    signed_in, coordinator, community, standard, query
):
    url, _query = _new(community)
    response = signed_in(coordinator).get(url, query)
    assert response.status_code == 200
    assert 'name="source_report" value=' not in response.content.decode()


def test_bad_input_gets_a_clear_error_and_saves_nothing(
    signed_in, coordinator, community, household, standard
):
    url, _q = _new(community)
    client = signed_in(coordinator)
    for data, message in (
        (_post(household, amount="2500"), "above your limit of 2000.00 yuan"),
        (_post(household, amount="abc"), "Enter a number."),
        (_post(household, household="999999999999999999999"), "Select a valid choice"),
        (_post(household, reported_at="2099-01-01T00:00"), "must come before the help"),
        (_post(household, granted_at="2026-02-30T10:00"), "Enter a valid date/time."),
        (_post(household, source_report=str(2**70)), "less than or equal to"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), message
    assert not AdvanceAid.objects.exists() and not Case.objects.exists()


def test_grant_then_complete_the_paperwork_on_time(
    signed_in, coordinator, community, household, standard
):
    client = signed_in(coordinator)
    url, _q = _new(community)
    response = client.post(url, _post(household, source_report="7"))
    aid = AdvanceAid.objects.get()
    assert response.url == reverse(
        "assistance:advance-aid", args=[community.slug, aid.pk]
    )
    assert aid.source_report == 7
    page = client.get(response.url).content.decode()
    edit = reverse("assistance:application-edit", args=[aid.case.tracking_number])
    assert edit in page and "突发脑梗住院" in page
    assert CaseRead.objects.filter(case=aid.case, what="advance aid").exists()
    assert client.get(edit).status_code == 200
    submit = reverse("assistance:application-submit", args=[aid.case.tracking_number])
    data = with_documents(page_data(
        kind="temporary", temporary_cause="emergency", applicant_name="张三明",
        commitment_name="张三明"))  # fmt: skip
    assert client.post(submit, data).status_code == 302
    aid.refresh_from_db()
    assert aid.case.state == State.SUBMITTED and aid.paperwork_status == "on_time"
    listed = client.get(
        reverse("assistance:advance-aid-list", args=[community.slug]),
        {"paperwork": "on_time"},
    ).content.decode()
    assert "张*明" in listed and "张三明" not in listed


def test_overdue_paperwork_shows_on_the_list_the_work_list_and_the_case_page(
    signed_in, grant, coordinator, officer, community
):
    aid = grant()
    AdvanceAid.objects.filter(pk=aid.pk).update(
        paperwork_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = signed_in(coordinator)
    listed = client.get(
        reverse("assistance:advance-aid-list", args=[community.slug]),
        {"paperwork": "overdue", "year": "abc", "page": "x"},
    )
    assert listed.status_code == 200 and "Overdue" in listed.content.decode()
    work = client.get(reverse("assistance:work", args=[community.slug])).content
    assert aid.case.tracking_number in work.decode()
    assert b"Overdue" in work
    # The case page (the filer reads the draft) shows the aid's panel.
    case_page = client.get(reverse("assistance:case", args=[aid.case.tracking_number]))
    assert "先行救助 given before this application" in case_page.content.decode()


def test_others_cannot_grant_or_read(signed_in, grant, resident, community, household):
    aid = grant()
    client = signed_in(resident)
    assert client.get(_new(community)[0]).status_code == 403
    detail = reverse("assistance:advance-aid", args=[community.slug, aid.pk])
    assert client.get(detail).status_code == 403
    too_big = reverse("assistance:advance-aid", args=[community.slug, 2**70])
    assert client.get(too_big).status_code == 404


def test_the_household_reads_its_aid_unlogged(signed_in, grant, applicant, community):
    aid = grant()
    detail = reverse("assistance:advance-aid", args=[community.slug, aid.pk])
    assert signed_in(applicant).get(detail).status_code == 200
    assert not CaseRead.objects.filter(case=aid.case).exists()


def test_the_supervisor_declares_and_ends_an_emergency(
    signed_in, supervisor, officer, district, street
):
    url = reverse("assistance:emergency-periods", args=[district.slug])
    declare = reverse("assistance:emergency-declare", args=[district.slug])
    client = signed_in(supervisor)
    today = timezone.localdate()
    bad = {"name": "暴雨", "starts_on": today.isoformat(), "ends_on": "2020-01-01"}
    response = client.post(declare, bad)
    assert response.status_code == 400
    assert "The end must not be before the start." in response.content.decode()
    assert client.post(declare, {**bad, "ends_on": "not a date"}).status_code == 400
    assert client.post(declare, {**bad, "streets": [str(2**70)]}).status_code == 400
    assert not EmergencyPeriod.objects.exists()
    good = {**bad, "ends_on": (today + datetime.timedelta(days=5)).isoformat(),
            "streets": [str(street.pk)]}  # fmt: skip
    assert client.post(declare, good).status_code == 302
    period = EmergencyPeriod.objects.get()
    end = reverse("assistance:emergency-end", args=[district.slug, period.pk])
    assert client.post(end, {"note": ""}).status_code == 400
    assert client.post(end, {"note": "雨停"}).status_code == 302
    assert "Ended early" in client.get(url).content.decode()
    missing = reverse("assistance:emergency-end", args=[district.slug, 2**70])
    assert client.post(missing, {"note": "x"}).status_code == 404
    # A street officer sees the page but may not declare.
    officer_client = signed_in(officer)
    assert officer_client.get(url).status_code == 200
    assert officer_client.post(declare, good).status_code == 403


def test_an_aid_under_emergency_rules_is_marked_on_the_list(
    signed_in, grant, supervisor, coordinator, district, community
):
    today = timezone.localdate()
    EmergencyPeriod.objects.create(
        district=district, name="疫情", starts_on=today, ends_on=today
    )
    aid = grant(amount=Decimal("5000"))
    assert aid.under_emergency_rules
    html = (
        signed_in(coordinator)
        .get(reverse("assistance:advance-aid-list", args=[community.slug]))
        .content.decode()
    )
    assert "emergency rules" in html and "疫情" in html
