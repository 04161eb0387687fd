"""The public status query, the community's assistance page, the poster and the
navigation entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.applications.views.public import STATUS_LIMIT
from communities.models import Role
from tests.assistance.applications.conftest import page_data, with_documents
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db
STATUS = reverse("assistance:status")


@pytest.fixture
def case(client, draft):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    assert client.post(url, with_documents(page_data())).status_code == 302
    client.logout()
    draft.refresh_from_db()
    return draft


def test_status_shows_state_and_dates_only(client, case):
    response = client.post(
        STATUS,
        {"tracking_number": case.tracking_number.lower(), "phone": "138 0013 8000"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "submitted" in body and case.tracking_number in body
    for secret in (
        "张三明",
        "李四",
        "失业",
        "6222020200112233445",
        "13800138000",
        "200000",
        "800",
    ):
        assert secret not in body, secret
    assert response["Cache-Control"] == "private, no-store"


def test_wrong_number_and_wrong_phone_get_the_same_answer(client, case):
    wrong_phone = client.post(
        STATUS, {"tracking_number": case.tracking_number, "phone": "13900000000"}
    )
    wrong_number = client.post(
        STATUS, {"tracking_number": "JZ-2026-AAAAAA", "phone": "13800138000"}
    )
    assert wrong_phone.status_code == wrong_number.status_code == 404
    strip = lambda r: r.content.decode().replace("csrfmiddlewaretoken", "")  # noqa: E731
    assert "No application matches" in strip(wrong_phone)
    assert strip(wrong_phone).split("<main")[1].split("</main>")[0].count(
        "value="
    ) == strip(wrong_number).split("<main")[1].split("</main>")[0].count("value=")


def test_drafts_are_never_found(client, draft):
    response = client.post(
        STATUS, {"tracking_number": draft.tracking_number, "phone": "13800138000"}
    )
    assert response.status_code == 404


def test_status_is_rate_limited(client, case):
    for _ in range(STATUS_LIMIT):
        client.post(
            STATUS, {"tracking_number": "JZ-2026-AAAAAA", "phone": "13800138000"}
        )
    response = client.post(
        STATUS, {"tracking_number": case.tracking_number, "phone": "13800138000"}
    )
    assert response.status_code == 429
    assert "Too many look-ups" in response.content.decode()
    assert (
        case.tracking_number
        not in response.content.decode().split("<main")[1].split("value=")[0]
    )


def test_bad_status_input(client):
    response = client.post(STATUS, {"tracking_number": "", "phone": "abc"})
    assert response.status_code == 400
    assert "phone number" in response.content.decode()


def test_community_page_and_navigation(client, resident, community):
    url = reverse("assistance:community", args=[community.slug])
    anonymous = client.get(url).content.decode()
    assert url in anonymous  # the navigation entry
    assert reverse("assistance:apply", args=[community.slug]) not in anonymous
    assert reverse("assistance:status") in anonymous
    assert reverse("assistance:poster", args=[community.slug]) in anonymous
    client.force_login(resident)
    body = client.get(url).content.decode()
    assert reverse("assistance:apply", args=[community.slug]) in body
    assert reverse("assistance:my-cases") in body
    assert (
        reverse("assistance:my-cases")
        in client.get(reverse("communities:my-communities")).content.decode()
    )


def test_poster_has_qr_codes_and_hotline(client, community):
    response = client.get(reverse("assistance:poster", args=[community.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("data:image/svg+xml;base64,") == 2
    assert community.name in body and "12345" in body and "@page" in body


def test_coordinator_sees_proxy_link(client, community):
    coordinator = grant_role(Role.AID_COORDINATOR, community=community)
    client.force_login(coordinator)
    body = client.get(
        reverse("assistance:community", args=[community.slug])
    ).content.decode()
    assert reverse("assistance:file-for-resident", args=[community.slug]) in body
