"""The officers' review pages: opening a round, the grid, recording results,
closing, the district's configuration; bad input gets a translated error and
saves nothing; results are never public; the list's queries are fixed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.vetting import services
from governance.vetting.models import (
    ReviewException,
    ReviewResult,
    ReviewRound,
    VettingSettings,
)
from tests.factories import StreetFactory, UserFactory
from tests.governance.vetting.conftest import pass_all

pytestmark = pytest.mark.django_db


def round_url(review, name="governance:review-round"):
    return reverse(name, args=[review.community.street.slug, review.pk])


def zh(zh_client, user):
    user.preferred_language = "zh-hans"
    user.save()
    zh_client.force_login(user)
    return zh_client


def test_the_street_officer_opens_a_round_through_the_pages(
    client, street_officer, community, resident, lists
):
    client.force_login(street_officer)
    url = reverse("governance:review-round-open", args=[community.street.slug])
    page = client.get(url, {"community": community.slug}).content.decode()
    assert resident.email in page  # verified residents are offered
    departments, grounds = lists
    response = client.post(
        f"{url}?community={community.slug}",
        {
            "purpose": "general_election",
            "departments": [d.pk for d in departments],
            "grounds": [g.pk for g in grounds],
            "people": [resident.pk],
            "emails": UserFactory(email="other@example.org").email,
        },
    )
    review = ReviewRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == round_url(review)
    assert review.candidates.count() == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"departments": []},
        {"departments": ["999999999999999999999"]},
        {"people": [], "emails": ""},
        {"emails": "nobody@example.org"},
        {"purpose": "coronation"},
        {"twice": True},
    ],
)
def test_bad_input_on_opening_is_refused_and_nothing_saved(
    zh_client, street_officer, community, resident, lists, bad
):
    client = zh(zh_client, street_officer)
    departments, grounds = lists
    data = {
        "purpose": "general_election",
        "departments": [d.pk for d in departments],
        "grounds": [g.pk for g in grounds],
        "people": [resident.pk],
        "emails": "",
    }
    if bad.pop("twice", False):
        data["emails"] = resident.email
    data |= bad
    url = reverse("governance:review-round-open", args=[community.street.slug])
    response = client.post(f"{url}?community={community.slug}", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist' in page
    assert any(
        text in page
        for text in (
            "至少选择一个审查部门",
            "请选择本区的审查部门",
            "请至少添加一名候选人",
            "没有使用该地址的账户",
            "有效的选项",
            "被列了两次",
        )
    ), page
    assert not ReviewRound.objects.exists()


def test_a_garbage_community_is_refused_without_an_error_page(client, street_officer):
    client.force_login(street_officer)
    url = reverse(
        "governance:review-round-open",
        args=[street_officer.role_grants.get().region.slug],
    )
    assert client.get(url, {"community": "no-such"}).status_code == 200
    assert client.post(f"{url}?community=no-such", {}).status_code == 400


def test_results_are_recorded_per_candidate_and_the_round_closes(
    client, street_officer, review
):
    client.force_login(street_officer)
    candidate = review.candidates.first()
    for department in review.departments.all():
        response = client.post(
            round_url(review, "governance:review-result"),
            {
                "prefix": f"c{candidate.pk}",
                f"c{candidate.pk}-candidate": candidate.pk,
                f"c{candidate.pk}-department": department.pk,
                f"c{candidate.pk}-outcome": "pass",
            },
        )
        assert response.status_code == 302
    assert ReviewResult.objects.filter(candidate=candidate, passed=True).count() == 3
    page = client.get(round_url(review)).content.decode()
    assert "passed" in page and "3 results are still missing" in page
    client.post(round_url(review, "governance:review-round-close"))
    review.refresh_from_db()
    assert review.is_open  # refused: results missing
    pass_all(street_officer, review)
    client.post(round_url(review, "governance:review-round-close"))
    review.refresh_from_db()
    assert not review.is_open


@pytest.mark.parametrize(
    "bad, text",
    [
        ({"outcome": "fail"}, "不通过须注明负面清单中的情形"),
        ({"department": "other"}, "该部门不参加本轮审查"),
        ({"department": "99999999999999999999999"}, "该部门不参加本轮审查"),
        ({"candidate": "12345678"}, "此人不是本轮的候选人"),
        ({"outcome": ""}, "请选择通过或不通过"),
        ({"ground": "abc"}, "该情形不在本轮的负面清单上"),
    ],
)
def test_a_bad_result_gets_a_chinese_error_and_saves_nothing(
    zh_client, street_officer, review, lists, bad, text
):
    client = zh(zh_client, street_officer)
    candidate = review.candidates.first()
    departments, _grounds = lists
    data = {
        "candidate": candidate.pk,
        "department": review.departments.first().pk,
        "outcome": "pass",
    } | bad
    if data["department"] == "other":
        data["department"] = departments[-1].pk
    prefix = f"c{candidate.pk}"
    response = client.post(
        round_url(review, "governance:review-result"),
        {"prefix": prefix, **{f"{prefix}-{k}": v for k, v in data.items()}},
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not ReviewResult.objects.exists()


def test_a_garbage_prefix_does_not_break_the_page(client, street_officer, review):
    client.force_login(street_officer)
    response = client.post(
        round_url(review, "governance:review-result"), {"prefix": "<script>"}
    )
    assert response.status_code == 400


def test_results_are_never_public(client, review, resident, committee_member):
    for who in (None, resident, committee_member):
        if who is not None:
            client.force_login(who)
        response = client.get(round_url(review))
        assert response.status_code in (302, 403)


def test_a_round_of_another_street_is_not_found(client, street_officer, review):
    other = StreetFactory(parent=review.community.street.parent)
    client.force_login(street_officer)
    url = reverse("governance:review-round", args=[other.slug, review.pk])
    assert client.get(url).status_code in (403, 404)


def test_the_rounds_list_costs_the_same_for_many_rounds(
    client, street_officer, community, lists, candidate_people
):
    client.force_login(street_officer)
    url = reverse("governance:review-rounds", args=[community.street.slug])
    departments, grounds = lists

    def add_rounds(n):
        for _ in range(n):
            services.open_round(
                actor=street_officer,
                community=community,
                purpose="appointment",
                departments=departments[:1],
                grounds=grounds[:1],
                people=[UserFactory()],
            )

    add_rounds(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_rounds(5)
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(six) == len(one)


def test_the_round_page_costs_the_same_for_more_candidates(
    client, street_officer, review
):
    client.force_login(street_officer)
    client.get(round_url(review))
    with CaptureQueriesContext(connection) as two:
        client.get(round_url(review))
    for _ in range(4):
        services.add_candidate(
            actor=street_officer, review=review, person=UserFactory()
        )
    with CaptureQueriesContext(connection) as six:
        assert client.get(round_url(review)).status_code == 200
    assert len(six) == len(two)


def test_the_district_officer_configures_the_review(
    zh_client, district_officer, district, lists
):
    client = zh(zh_client, district_officer)
    base = f"/regions/{district.slug}/vetting/"
    assert client.get(f"{base}settings/").status_code == 200
    response = client.post(
        f"{base}settings/save/", {"validity_days": "0", "one_shoulder_target": "100"}
    )
    assert response.status_code == 400
    assert "确保该值大于或等于" in response.content.decode()
    response = client.post(
        f"{base}settings/save/",
        {"validity_days": "99999999999999", "one_shoulder_target": "100"},
    )
    assert response.status_code == 400
    assert not VettingSettings.objects.exists()
    client.post(
        f"{base}settings/save/", {"validity_days": "200", "one_shoulder_target": "90"}
    )
    assert VettingSettings.objects.get().validity_days == 200
    response = client.post(f"{base}grounds/add/", {"ground-name": lists[1][0].name})
    assert response.status_code == 400
    assert "本区的清单中已有此项" in response.content.decode()
    client.post(f"{base}grounds/add/", {"ground-name": "新情形"})
    assert "新情形" in client.get(f"{base}settings/").content.decode()


def test_the_district_officer_records_an_exception_and_bad_input_is_refused(
    zh_client, district_officer, district, community
):
    client = zh(zh_client, district_officer)
    url = f"/regions/{district.slug}/vetting/exceptions/add/"
    person = UserFactory()
    response = client.post(
        url, {"community": community.slug, "email": person.email, "reason": ""}
    )
    assert response.status_code == 400
    assert "必需字段" in response.content.decode()
    response = client.post(
        url, {"community": "abc", "email": person.email, "reason": "选派"}
    )
    assert response.status_code == 400
    assert not ReviewException.objects.exists()
    client.post(
        url, {"community": community.slug, "email": person.email, "reason": "选派"}
    )
    assert ReviewException.objects.get().granted_by == district_officer


def test_the_street_officer_may_not_configure(client, street_officer, district):
    client.force_login(street_officer)
    assert client.get(f"/regions/{district.slug}/vetting/settings/").status_code == 403
