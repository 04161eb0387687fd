"""The district supervisor's standards pages: who may open them, recording a
standard, the settings form, the working-day overrides; bad input saves nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistance.standards.models import AssistanceSettings, Standard, WorkdayOverride
from audit.models import AuditEvent
from communities.models import Role
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def url(place, tail=""):
    return f"/regions/{place['district'].slug}/assistance/{tail}"


def settings_data(**changes):
    data = {
        "special_hardship_ratio": "1.3",
        "low_income_ratio": "1.5",
        "temporary_limit_months": "3",
        "temporary_limit_max_months": "6",
        "publicity_days": "7",
        "decision_working_days": "25",
        "extended_working_days": "40",
        "temporary_working_days": "15",
        "confirm_after_publicity_working_days": "10",
        "refusal_notice_working_days": "3",
        "appraisal_attendance": "0.667",
        "appraisal_agreement": "0.667",
        "spot_check_share": "0.3",
        "retention_years": "5",
        "complaint_hotline": "12345",
        # part 2: emergency aid, reports, reviews, warnings
        "advance_aid_limit_months": "1",
        "advance_paperwork_working_days": "5",
        "emergency_response_hours": "24",
        "emergency_period_limit_months": "3",
        "emergency_period_paperwork_working_days": "10",
        "report_urgent_hours": "24",
        "report_working_days": "3",
        "review_months_minimum_living": "12",
        "review_months_able_to_work": "6",
        "review_months_special_hardship": "12",
        "warning_income_drop_share": "0.3",
        "warning_expense_rise_share": "0.5",
        "warning_no_visit_days": "30",
    }
    return data | changes


def counts():
    return (
        Standard.objects.count(),
        WorkdayOverride.objects.count(),
        AuditEvent.objects.count(),
    )


def test_only_the_district_supervisor_opens_the_page(client, place, supervisor, user):
    page = url(place, "standards/")
    assert client.get(page).status_code == 302  # sign in first
    client.force_login(user)
    assert client.get(page).status_code == 403
    client.force_login(grant_role(Role.AID_OFFICER, region=place["street"]))
    assert client.get(page).status_code == 403
    client.force_login(
        grant_role(Role.AID_SUPERVISOR, region=place["district"], totp=False)
    )
    assert client.get(page).status_code == 403
    client.force_login(supervisor)
    response = client.get(page)
    assert response.status_code == 200
    assert "Record a new standard" in response.content.decode()
    # The street page is not a district: no standards there.
    assert (
        client.get(f"/regions/{place['street'].slug}/assistance/standards/").status_code
        == 403
    )


def test_recording_a_standard_copies_the_ratios_and_is_audited(
    client, place, supervisor
):
    AssistanceSettings.objects.create(
        district=place["district"], special_hardship_ratio=Decimal("1.4")
    )
    client.force_login(supervisor)
    response = client.post(
        url(place, "standards/record/"),
        {"area": "urban", "monthly_amount": "1250", "effective_from": "2026-07-01"},
    )
    assert response.status_code == 302
    standard = Standard.objects.get()
    assert standard.special_hardship_ratio == Decimal("1.4")
    assert standard.low_income_ratio == Decimal("1.5")
    assert standard.recorded_by == supervisor
    assert standard.special_hardship_amount == Decimal("1750.00")
    assert AuditEvent.objects.filter(action="assistance.standard_recorded").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"area": "urban", "monthly_amount": "-5", "effective_from": "2026-07-01"},
            "greater than or equal to 1",
        ),
        (
            {"area": "urban", "monthly_amount": "abc", "effective_from": "2026-07-01"},
            "Enter a number",
        ),
        (
            {"area": "urban", "monthly_amount": "1000", "effective_from": "2026-13-45"},
            "Enter a valid date",
        ),
        (
            {"area": "urban", "monthly_amount": "1000", "effective_from": "yesterday"},
            "Enter a valid date",
        ),
        (
            {"area": "space", "monthly_amount": "1000", "effective_from": "2026-07-01"},
            "Select a valid choice",
        ),
        (
            {
                "area": "urban",
                "monthly_amount": "1" * 30,
                "effective_from": "2026-07-01",
            },
            "digits",
        ),
        ({}, "This field is required"),
        (
            {"area": "urban", "monthly_amount": "1000", "effective_from": "0202-07-01"},
            "Enter a date from 2000",
        ),
        (
            {"area": "urban", "monthly_amount": "1000", "effective_from": "2206-07-01"},
            "two years from today",
        ),
    ],
)
def test_bad_standards_are_refused_with_nothing_saved(
    client, place, supervisor, data, message
):
    client.force_login(supervisor)
    before = counts()
    response = client.post(url(place, "standards/record/"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_a_second_standard_on_the_same_day_is_refused(client, place, supervisor):
    Standard.objects.create(
        district=place["district"],
        area="urban",
        monthly_amount=1000,
        effective_from="2026-07-01",
    )
    client.force_login(supervisor)
    before = counts()
    response = client.post(
        url(place, "standards/record/"),
        {"area": "urban", "monthly_amount": "1100", "effective_from": "2026-07-01"},
    )
    assert response.status_code == 400
    assert "already starts on that day" in response.content.decode()
    assert counts() == before


def test_settings_are_saved_and_audited(client, place, supervisor):
    client.force_login(supervisor)
    response = client.post(url(place, "settings/"), settings_data(publicity_days="10"))
    assert response.status_code == 302
    assert (
        AssistanceSettings.objects.get(district=place["district"]).publicity_days == 10
    )
    event = AuditEvent.objects.get(action="assistance.settings_changed")
    assert event.data == {"publicity_days": "10"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"publicity_days": "2"}, "greater than or equal to 3"),
        ({"temporary_limit_months": "7"}, "less than or equal to 6"),
        ({"temporary_limit_max_months": "7"}, "less than or equal to 6"),
        (
            {"temporary_limit_months": "5", "temporary_limit_max_months": "4"},
            "must not be below",
        ),
        ({"extended_working_days": "20"}, "must not be shorter"),
        (
            {"decision_working_days": "0", "extended_working_days": "0"},
            "at least one working day",
        ),
        ({"special_hardship_ratio": "-1"}, "greater than or equal to 1"),
        ({"spot_check_share": "1.5"}, "less than or equal to 1"),
        ({"retention_years": "x"}, "Enter a whole number"),
        ({"advance_aid_limit_months": "7"}, "less than or equal to 6"),
        ({"report_urgent_hours": "0"}, "greater than or equal to 1"),
        ({"review_months_able_to_work": "40"}, "less than or equal to 36"),
        ({"warning_no_visit_days": ""}, "This field is required"),
    ],
)
def test_bad_settings_are_refused_with_nothing_saved(
    client, place, supervisor, changes, message
):
    client.force_login(supervisor)
    response = client.post(url(place, "settings/"), settings_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    stored = AssistanceSettings.objects.get(district=place["district"])
    assert stored.publicity_days == 7 and stored.temporary_limit_months == 3
    assert not AuditEvent.objects.filter(action="assistance.settings_changed").exists()


def test_overrides_are_added_and_removed_with_audit(client, place, supervisor):
    client.force_login(supervisor)
    response = client.post(
        url(place, "workdays/add/"),
        {"date": "2027-10-04", "is_workday": "", "note": "区级假日"},
    )
    assert response.status_code == 302
    override = WorkdayOverride.objects.get()
    assert override.is_workday is False
    page = client.get(url(place, "standards/")).content.decode()
    assert "2027-10-04" in page and "holiday" in page
    assert client.post(url(place, f"workdays/{override.pk}/remove/")).status_code == 302
    assert not WorkdayOverride.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "assistance.workday_override_added",
        "assistance.workday_override_removed",
    } <= actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2027-02-30"}, "Enter a valid date"),
        ({"date": "<script>"}, "Enter a valid date"),
        ({"date": ""}, "This field is required"),
        ({"date": "1999-10-01"}, "Enter a date from 2000"),
        ({"date": "2027-10-04", "note": "x" * 101}, "at most 100 characters"),
    ],
)
def test_bad_overrides_are_refused(client, place, supervisor, data, message):
    client.force_login(supervisor)
    before = counts()
    response = client.post(url(place, "workdays/add/"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_a_duplicate_override_date_is_refused(client, place, supervisor):
    WorkdayOverride.objects.create(
        district=place["district"], date="2027-10-04", is_workday=False
    )
    client.force_login(supervisor)
    before = counts()
    response = client.post(
        url(place, "workdays/add/"), {"date": "2027-10-04", "is_workday": "on"}
    )
    assert response.status_code == 400
    assert "already has an override" in response.content.decode()
    assert counts() == before


def test_another_districts_override_cannot_be_removed(client, place, supervisor):
    from tests.factories import RegionFactory

    other = RegionFactory(slug="other", name="他区")
    override = WorkdayOverride.objects.create(
        district=other, date="2027-10-04", is_workday=False
    )
    client.force_login(supervisor)
    assert client.post(url(place, f"workdays/{override.pk}/remove/")).status_code == 404
    assert WorkdayOverride.objects.filter(pk=override.pk).exists()


def test_the_region_navigation_links_the_page(client, place, supervisor):
    client.force_login(supervisor)
    html = client.get(url(place, "dashboard/")).content.decode()
    assert url(place, "standards/") in html
    assert url(place, "spot-checks/") in html


def test_manage_page_queries_do_not_grow(
    client, place, supervisor, django_assert_max_num_queries
):
    Standard.objects.create(
        district=place["district"],
        area="urban",
        monthly_amount=1000,
        effective_from="2026-01-01",
    )
    client.force_login(supervisor)
    page = url(place, "standards/")
    client.get(page)
    with django_assert_max_num_queries(25) as first:
        client.get(page)
    for month in range(2, 12):
        for area in ("urban", "rural"):
            Standard.objects.create(
                district=place["district"],
                area=area,
                monthly_amount=1000 + month,
                effective_from=f"2025-{month:02d}-01",
            )
        WorkdayOverride.objects.create(
            district=place["district"], date=f"2027-{month:02d}-03", is_workday=False
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(page)
    assert response.content.decode().count("2027-") >= 10
