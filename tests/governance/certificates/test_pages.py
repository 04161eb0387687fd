"""The certificate pages: the public list, the resident's request and "my
certificates", the committee's queue, request page, evidence, issue and refuse,
the print-ready certificate and the public verification."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Role
from governance.certificates import services
from governance.certificates.models import CertificateEvidence, CertificateRequest
from tests.factories import MembershipFactory
from tests.governance.certificates.conftest import type_fields
from tests.support.actors import grant_role
from tests.uploads.samples import HTML, PDF

pytestmark = pytest.mark.django_db


def _zh(zh_client, user):
    user.preferred_language = "zh-hans"
    user.save(update_fields=["preferred_language"])
    zh_client.force_login(user)
    return zh_client


def test_the_public_list_shows_the_allowed_and_the_forbidden(
    client, community, cert_type
):
    url = reverse("governance:certificates", args=[community.slug])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "居住证明",
        "《居住证暂行条例》",
        "身份证、租房合同",
        "3 working days",
    ):
        assert text in html
    assert "Certificate of no criminal record" in html
    assert "the public security organ" in html
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_public_list_is_in_chinese_with_the_village_wording(
    zh_client, community, cert_type
):
    community.kind = "village"
    community.save(update_fields=["kind"])
    html = zh_client.get(
        reverse("governance:certificates", args=[community.slug])
    ).content.decode()
    assert "村民委员会不出具以下证明" in html
    assert "无犯罪记录证明" in html


def _request_url(community):
    return reverse("governance:certificate-request", args=[community.slug])


def test_a_resident_requests_with_several_evidence_files(
    client, community, resident, cert_type
):
    client.force_login(resident)
    assert client.get(_request_url(community)).status_code == 200
    response = client.post(
        _request_url(community),
        {
            "choice": str(cert_type.pk),
            "person_name": "张三明",
            "purpose": "申领居住证",
            "evidence": [
                SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf"),
                SimpleUploadedFile("lease.pdf", PDF, content_type="application/pdf"),
            ],
        },
    )
    row = CertificateRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == services.request_url(row)
    assert row.applicant == resident and row.status == "submitted"
    assert CertificateEvidence.objects.filter(request=row).count() == 2
    mine = client.get(reverse("governance:my-certificates", args=[community.slug]))
    assert "居住证明" in mine.content.decode()


def test_a_forbidden_choice_is_refused_in_chinese_naming_the_authority(
    zh_client, community, resident, cert_type
):
    client = _zh(zh_client, resident)
    form = client.get(_request_url(community)).content.decode()
    assert 'value="forbidden:kinship"' in form
    response = client.post(
        _request_url(community),
        {"choice": "forbidden:kinship", "person_name": "张三明", "purpose": "办事"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "亲属关系证明" in html and "公证机构" in html
    assert not CertificateRequest.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choice": "999999999999999999999", "person_name": "x", "purpose": "y"},
        {"choice": "forbidden:nothing", "person_name": "x", "purpose": "y"},
        {"choice": "abc", "person_name": "x", "purpose": "y"},
        {"choice": "CT", "person_name": "", "purpose": "y"},
        {"choice": "CT", "person_name": "x", "purpose": "y" * 400},
    ],
)
def test_bad_requests_are_refused_with_nothing_saved(
    client, community, resident, cert_type, data
):
    client.force_login(resident)
    if data.get("choice") == "CT":
        data = {**data, "choice": str(cert_type.pk)}
    response = client.post(_request_url(community), data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not CertificateRequest.objects.exists()


def test_a_dangerous_file_is_refused_and_nothing_saved(
    client, community, resident, cert_type
):
    client.force_login(resident)
    response = client.post(
        _request_url(community),
        {
            "choice": str(cert_type.pk),
            "person_name": "张三明",
            "purpose": "申领居住证",
            "evidence": [
                SimpleUploadedFile("ok.pdf", PDF),
                SimpleUploadedFile("x.pdf", HTML),
            ],
        },
    )
    assert response.status_code == 400
    assert not CertificateRequest.objects.exists()
    assert not CertificateEvidence.objects.exists()


def test_only_verified_residents_may_request(client, community, cert_type):
    outsider = MembershipFactory(
        community=community, household__community=community, status="pending"
    ).user
    client.force_login(outsider)
    assert client.get(_request_url(community)).status_code == 403
    assert client.post(_request_url(community), {}).status_code == 403


def _detail(row):
    return services.request_url(row)


def _with_evidence(make_request):
    return make_request(files=[SimpleUploadedFile("lease.pdf", PDF)])


def test_the_committee_sees_the_evidence_and_the_applicant_does_not(
    client, make_request, committee, resident
):
    row = _with_evidence(make_request)
    item = row.evidence.get()
    evidence_url = reverse(
        "governance:certificate-evidence", args=[row.community.slug, row.pk, item.pk]
    )
    client.force_login(committee)
    page = client.get(_detail(row)).content.decode()
    assert evidence_url in page
    download = client.get(evidence_url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    client.force_login(resident)
    assert evidence_url not in client.get(_detail(row)).content.decode()
    assert client.get(evidence_url).status_code == 403
    client.logout()
    assert client.get(evidence_url).status_code == 302


def test_another_resident_cannot_open_a_request(client, make_request, community):
    row = make_request()
    other = MembershipFactory(
        community=community, household__community=community, status="verified"
    ).user
    client.force_login(other)
    assert client.get(_detail(row)).status_code == 403


def test_garbage_ids_give_404(client, committee, community, make_request):
    client.force_login(committee)
    row = make_request()
    base = f"/{community.slug}/certificates/requests/"
    assert client.get(f"{base}99999999/").status_code == 404
    assert client.get(f"{base}999999999999999999999999/").status_code == 404
    assert client.get(f"{base}{row.pk}/evidence/424242/").status_code == 404
    other = grant_role(Role.COMMITTEE, community=type(community).objects.create(
        street=community.street, name="别的社区", slug="other-c", kind="community"))  # fmt: skip
    client.force_login(other)
    assert client.get(f"/other-c/certificates/requests/{row.pk}/").status_code == 404


def test_the_committee_issues_and_the_resident_prints(
    client, make_request, committee, resident
):
    row = make_request()
    client.force_login(committee)
    issue = reverse("governance:certificate-issue", args=[row.community.slug, row.pk])
    assert client.post(issue).status_code == 302
    row.refresh_from_db()
    assert row.status == "issued"
    assert client.post(issue).status_code == 403  # handled once
    client.force_login(resident)
    page = client.get(
        reverse("governance:certificate-print", args=[row.community.slug, row.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "张三明" in html and row.serial in html
    assert "data:image/svg+xml;base64," in html
    assert f"/certificates/verify/{row.serial}/" in html
    assert "no-store" in page["Cache-Control"]


def test_the_print_page_waits_for_the_certificate(client, make_request, resident):
    row = make_request()
    client.force_login(resident)
    url = reverse("governance:certificate-print", args=[row.community.slug, row.pk])
    assert client.get(url).status_code == 403


def test_a_refusal_without_a_reason_is_refused_in_chinese(
    zh_client, make_request, committee
):
    row = make_request()
    client = _zh(zh_client, committee)
    url = reverse("governance:certificate-refuse", args=[row.community.slug, row.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "请填写不予出具的理由" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "submitted"
    assert client.post(url, {"reason": "不在本辖区"}).status_code == 302
    row.refresh_from_db()
    assert row.status == "refused"


def test_the_queue_highlights_overdue_requests_in_fixed_queries(
    client, make_request, committee, community
):
    url = reverse("governance:certificate-queue", args=[community.slug])
    late = make_request()
    CertificateRequest.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    client.force_login(committee)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    assert "overdue" in html
    for _ in range(5):
        make_request()
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(second) == len(first)


def test_verification_shows_the_certificate_masked(client, make_request, committee):
    row = services.issue_certificate(actor=committee, request=make_request())
    response = client.get(
        reverse("governance:certificate-verify-serial", args=[row.serial])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "张*明" in html and "张三明" not in html
    assert row.issuer in html and row.serial in html
    assert response["Cache-Control"] == "private, no-store"
    typed = client.get(
        reverse("governance:certificate-verify"), {"serial": row.serial.lower()}
    )
    assert typed.status_code == 200


def test_any_wrong_serial_gets_the_same_not_found(client, make_request, committee):
    row = make_request()  # submitted: no certificate yet
    answers = []
    for serial in ("ZM-AAAA-BBBB-CCCC-DDDD", "nonsense", "x" * 200):
        response = client.get(
            reverse("governance:certificate-verify"), {"serial": serial}
        )
        main = response.content.decode().split("<main", 1)[1]
        answers.append((response.status_code, main.split("</form>", 1)[1]))
    assert {status for status, _ in answers} == {404}
    assert len({body for _, body in answers}) == 1
    assert row.serial is None


def test_verification_is_rate_limited_per_address(client, settings):
    from django.core.cache import cache

    from communities import verification

    # Redis keeps counters between tests: start this address from zero.
    cache.delete("governance:certificate-verify:127.0.0.1")
    url = reverse("governance:certificate-verify")
    for _ in range(verification.VERIFY_LIMIT):
        assert client.get(url, {"serial": "ZM-X"}).status_code == 404
    limited = client.get(url, {"serial": "ZM-X"})
    assert limited.status_code == 429
    assert client.get(url).status_code == 200  # the empty form is not counted


def test_the_public_list_costs_the_same_for_more_types(
    client, community, cert_type, district, district_officer
):
    url = reverse("governance:certificates", args=[community.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url, {"n": 1})  # another address: not served from the cache
    for n in range(4):
        services.create_type(
            actor=district_officer, district=district, **type_fields(name=f"证明{n}")
        )
    with CaptureQueriesContext(connection) as second:
        client.get(url, {"n": 2})
    assert len(second) == len(first) <= 6


def test_my_certificates_gathers_every_community_and_is_linked_from_my_page(
    client, make_request, resident
):
    make_request(purpose="申领居住证")
    client.force_login(resident)
    mine = reverse("governance:my-all-certificates")
    assert mine in client.get(reverse("communities:my-communities")).content.decode()
    html = client.get(mine).content.decode()
    assert "居住证明" in html
    client.logout()
    assert client.get(mine).status_code == 302
