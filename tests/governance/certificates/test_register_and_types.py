"""The register (台账) of a community and of a region, with its formula-safe CSV,
and the district's pages for its allowed list."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from communities.models import Role
from governance.certificates import services
from governance.certificates.models import CertificateRequest, CertificateType
from tests.governance.certificates.conftest import TEMPLATE
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def _csv(response) -> str:
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")  # fmt: skip


def test_the_community_register_exports_a_formula_safe_csv(
    client, make_request, committee, community
):
    make_request(purpose='=HYPERLINK("http://x")')
    services.issue_certificate(actor=committee, request=make_request())
    client.force_login(committee)
    url = reverse("governance:certificate-register-csv", args=[community.slug])
    text = _csv(client.get(url))
    assert "'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text
    issued = _csv(client.get(url, {"status": "issued"}))
    assert "HYPERLINK" not in issued and "ZM-" in issued


def test_the_register_filters_by_state_and_date_in_fixed_queries(
    client, make_request, committee, community
):
    url = reverse("governance:certificate-register", args=[community.slug])
    old = make_request(purpose="去年的申请")
    CertificateRequest.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=400)
    )
    services.refuse_certificate(
        actor=committee, request=make_request(purpose="被拒"), reason="不符合"
    )
    client.force_login(committee)
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    html = client.get(url, {"date_from": since}).content.decode()
    assert "被拒" in html and "去年的申请" not in html
    html = client.get(url, {"status": "refused"}).content.decode()
    assert "被拒" in html and "去年的申请" not in html
    assert client.get(url, {"date_from": "2026-99-99"}).status_code == 200
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _ in range(6):
        make_request()
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)


@pytest.mark.parametrize("role", [Role.SUPERVISION, Role.STREET_OFFICER])
def test_supervision_and_officers_read_the_register(
    client, community, make_request, role
):
    scope = (
        {"community": community}
        if role == Role.SUPERVISION
        else {"region": community.street}
    )
    client.force_login(grant_role(role, **scope))
    make_request(purpose="核对")
    url = reverse("governance:certificate-register", args=[community.slug])
    assert "核对" in client.get(url).content.decode()


def test_a_resident_cannot_read_the_register(client, community, resident):
    client.force_login(resident)
    url = reverse("governance:certificate-register", args=[community.slug])
    assert client.get(url).status_code == 403


def test_the_region_register_filters_by_community_and_exports(
    client, community, make_request, district
):
    make_request(purpose="本社区")
    officer = grant_role(Role.DISTRICT_OFFICER, region=district)
    client.force_login(officer)
    url = reverse("governance:region-certificates", args=[district.slug])
    html = client.get(url, {"community": community.slug}).content.decode()
    assert "本社区" in html
    assert "本社区" in _csv(
        client.get(reverse("governance:region-certificates-csv", args=[district.slug]))
    )
    street_officer = grant_role(Role.STREET_OFFICER, region=community.street)
    client.force_login(street_officer)
    assert client.get(url).status_code == 403
    own = reverse("governance:region-certificates", args=[community.street.slug])
    assert "本社区" in client.get(own).content.decode()


def _types_url(region):
    return reverse("governance:certificate-types", args=[region.slug])


FIELDS = {
    "name": "出租房屋情况证明",
    "legal_basis": "依据",
    "purpose": "用途",
    "procedure": "流程",
    "evidence": "材料",
    "template": TEMPLATE,
    "time_limit_days": "3",
    "order": "2",
}


def test_the_district_officer_adds_edits_and_deactivates_types(
    client, district, district_officer
):
    client.force_login(district_officer)
    assert client.get(_types_url(district)).status_code == 200
    assert client.post(_types_url(district), FIELDS).status_code == 302
    item = CertificateType.objects.get()
    edit = reverse("governance:certificate-type", args=[district.slug, item.pk])
    assert client.get(edit).status_code == 200
    changed = {**FIELDS, "time_limit_days": "5"}
    assert client.post(edit, changed).status_code == 302
    item.refresh_from_db()
    assert item.time_limit_days == 5
    off = reverse(
        "governance:certificate-type-deactivate", args=[district.slug, item.pk]
    )
    assert client.get(off).status_code == 405
    assert client.post(off).status_code == 302
    item.refresh_from_db()
    assert not item.is_active
    on = reverse("governance:certificate-type-activate", args=[district.slug, item.pk])
    client.post(on)
    item.refresh_from_db()
    assert item.is_active
    assert (
        AuditEvent.objects.filter(
            action__startswith="governance.certificate_type"
        ).count()
        == 4
    )


def test_a_forbidden_type_is_refused_in_chinese_and_nothing_saved(
    zh_client, district, district_officer
):
    district_officer.preferred_language = "zh-hans"
    district_officer.save(update_fields=["preferred_language"])
    zh_client.force_login(district_officer)
    response = zh_client.post(_types_url(district), {**FIELDS, "name": "婚姻状况证明"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "婚姻登记机关" in html and "民发〔2020〕20号" in html
    assert not CertificateType.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"time_limit_days": "99999999999999999999"},
        {"time_limit_days": "0"},
        {"order": "-1"},
        {"name": ""},
        {"template": "{name} {phone}"},
    ],
)
def test_bad_types_are_refused_with_nothing_saved(
    client, district, district_officer, bad
):
    client.force_login(district_officer)
    response = client.post(_types_url(district), {**FIELDS, **bad})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not CertificateType.objects.exists()


def test_only_the_district_keeps_the_list(client, community, district):
    street_officer = grant_role(Role.STREET_OFFICER, region=community.street)
    client.force_login(street_officer)
    assert client.get(_types_url(district)).status_code == 403
    assert client.get(_types_url(community.street)).status_code == 403
    assert client.post(_types_url(district), FIELDS).status_code == 403
    assert not CertificateType.objects.exists()


def test_a_type_of_another_district_is_404(client, cert_type, district_officer):
    from tests.support.actors import elsewhere

    other = elsewhere().street.parent
    officer = grant_role(Role.DISTRICT_OFFICER, region=other)
    client.force_login(officer)
    url = reverse("governance:certificate-type", args=[other.slug, cert_type.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(
            f"/regions/{other.slug}/certificates/types/9999999999999999999999/"
        ).status_code
        == 404
    )
