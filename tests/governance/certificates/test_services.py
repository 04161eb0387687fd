"""The rules of certificates in the services: the national "must not issue" list,
safe templates, working-day due dates, issuing and refusing under a row lock,
notifications and audit rows."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import personal_data
from assistance.standards.workdays import add_working_days
from audit.models import AuditEvent
from governance.certificates import services
from governance.certificates.data import FORBIDDEN, forbidden_match
from governance.certificates.models import CertificateRequest, CertificateType
from notifications.models import Notification
from tests.governance.certificates.conftest import type_fields

pytestmark = pytest.mark.django_db


def test_the_national_list_has_the_twenty_items_each_with_an_authority():
    assert len(FORBIDDEN) == 20
    assert len({item.key for item in FORBIDDEN}) == 20
    assert all(str(item.authority) and item.words for item in FORBIDDEN)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("亲属关系证明", "kinship"),
        ("无犯罪记录证明", "criminal_record"),
        ("婚姻状况证明", "marital"),
        ("健在证明", "alive"),
        ("养犬证明", "dog"),
        ("Certificate of marital status", "marital"),
    ],
)
def test_a_forbidden_name_is_recognised(name, key):
    assert forbidden_match(name).key == key


@pytest.mark.parametrize(
    "name",
    [
        "居住证明（用于申领居住证）",
        "村民身份证明（用于宅基地事务）",
        "出租房屋情况证明",
    ],
)
def test_allowed_names_pass(name):
    assert forbidden_match(name) is None


def test_a_forbidden_type_cannot_be_created_and_the_error_names_the_authority(
    district, district_officer
):
    with pytest.raises(ValidationError) as raised:
        services.create_type(
            actor=district_officer,
            district=district,
            **type_fields(name="亲属关系证明"),
        )
    assert "notary" in str(raised.value.message_dict["name"])
    assert not CertificateType.objects.exists()
    assert not AuditEvent.objects.filter(
        action="governance.certificate_type_created"
    ).exists()


def test_a_type_cannot_be_renamed_into_a_forbidden_one(cert_type, district_officer):
    with pytest.raises(ValidationError) as raised:
        services.update_type(
            actor=district_officer,
            certificate_type=cert_type,
            **type_fields(name="无犯罪记录证明"),
        )
    assert "public security" in str(raised.value)
    cert_type.refresh_from_db()
    assert cert_type.name == "居住证明"


def test_a_type_belongs_to_a_district_not_a_street(street, district_officer):
    with pytest.raises(ValidationError):
        services.create_type(actor=district_officer, district=street, **type_fields())


def test_an_unknown_placeholder_is_refused(district, district_officer):
    with pytest.raises(ValidationError) as raised:
        services.create_type(
            actor=district_officer,
            district=district,
            **type_fields(template="{name.__class__} {applicant}"),
        )
    assert "{applicant}" in str(raised.value)


def test_rendering_is_plain_substitution_never_format():
    text = services.render_text(
        "{name} {0} {name.__class__} {{x}} {missing}", {"name": "张三"}
    )
    assert text == "张三 {0} {name.__class__} {{x}} {missing}"


def test_names_are_unique_in_a_district(cert_type, district, district_officer):
    with pytest.raises(ValidationError):
        services.create_type(actor=district_officer, district=district, **type_fields())


def test_changes_are_audited(cert_type, district_officer):
    services.update_type(
        actor=district_officer,
        certificate_type=cert_type,
        **type_fields(time_limit_days=5),
    )
    services.set_type_active(
        actor=district_officer, certificate_type=cert_type, active=False
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "governance.certificate_type_created",
        "governance.certificate_type_changed",
        "governance.certificate_type_deactivated",
    } <= actions


def test_the_due_date_counts_working_days(make_request, district, cert_type):
    row = make_request()
    today = timezone.localdate()
    assert row.due_on == add_working_days(district.pk, today, 3)
    assert row.due_on > today


def test_a_request_tells_the_committee_and_is_audited(make_request, committee):
    row = make_request()
    assert Notification.objects.filter(recipient=committee).exists()
    assert AuditEvent.objects.filter(
        action="governance.certificate_requested", target_id=str(row.pk)
    ).exists()


def test_an_inactive_type_or_another_districts_type_cannot_be_requested(
    make_request, cert_type, district_officer
):
    services.set_type_active(
        actor=district_officer, certificate_type=cert_type, active=False
    )
    cert_type.refresh_from_db()
    with pytest.raises(ValidationError):
        make_request(certificate_type=cert_type)
    assert not CertificateRequest.objects.exists()


def test_issuing_freezes_the_text_with_a_serial_and_tells_the_resident(
    make_request, committee, resident, community, cert_type, district_officer
):
    row = services.issue_certificate(actor=committee, request=make_request())
    assert row.status == "issued"
    assert row.serial.startswith("ZM-")
    assert row.issued_on == timezone.localdate()
    assert row.issuer == f"{community.name}居民委员会"
    assert "兹证明张三明居住在" in row.text
    assert row.serial in row.text and "{" not in row.text
    assert Notification.objects.filter(recipient=resident).exists()
    assert AuditEvent.objects.filter(action="governance.certificate_issued").exists()
    # A later change of the template leaves the issued text as it was.
    services.update_type(
        actor=district_officer,
        certificate_type=cert_type,
        **type_fields(template="新模板{name}"),
    )
    row.refresh_from_db()
    assert "兹证明张三明居住在" in row.text


def test_a_village_certificate_is_issued_by_the_villagers_committee(
    make_request, committee, community
):
    community.kind = "village"
    community.save(update_fields=["kind"])
    row = services.issue_certificate(actor=committee, request=make_request())
    assert row.issuer.endswith("村民委员会")


def test_a_request_is_handled_once(make_request, committee):
    row = make_request()
    services.issue_certificate(actor=committee, request=row)
    with pytest.raises(ValidationError):
        services.issue_certificate(actor=committee, request=row)
    with pytest.raises(ValidationError):
        services.refuse_certificate(actor=committee, request=row, reason="x")


def test_a_refusal_needs_a_reason(make_request, committee, resident):
    row = make_request()
    with pytest.raises(ValidationError):
        services.refuse_certificate(actor=committee, request=row, reason="  ")
    row.refresh_from_db()
    assert row.status == "submitted"
    services.refuse_certificate(actor=committee, request=row, reason="不在辖区")
    row.refresh_from_db()
    assert row.status == "refused" and row.refusal_reason == "不在辖区"
    assert Notification.objects.filter(recipient=resident, body="不在辖区").exists()


def test_serials_are_unique_and_random(make_request, committee):
    serials = {
        services.issue_certificate(actor=committee, request=make_request()).serial
        for _ in range(5)
    }
    assert len(serials) == 5


def test_the_committee_is_told_once_about_an_overdue_request(make_request, committee):
    row = make_request()
    CertificateRequest.objects.filter(pk=row.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    Notification.objects.all().delete()
    assert services.notify_overdue() == 1
    assert services.notify_overdue() == 0
    assert Notification.objects.filter(recipient=committee).count() == 1


def test_a_persons_requests_are_in_their_personal_data_export(make_request, resident):
    make_request(purpose="申领居住证")
    rows = personal_data.collectors()["certificate_requests"](resident)
    assert rows[0]["purpose"] == "申领居住证" and rows[0]["status"] == "submitted"
