"""Every place that accepts an image stores a re-encoded copy, so whatever was
hidden after the pixels (here an HTML page appended to a PNG) is not stored."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from charity.models import Expenditure, ReportAttachment
from charity.reports import services
from communities.models import Role
from communities.uploads import MB, UploadField, stored_copy
from tests.charity.factories import OrganisationFactory, PublicProjectFactory
from tests.factories import RoleGrantFactory, UserFactory
from tests.uploads.samples import PDF, image_bytes, upload

TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"
PNG_WITH_HTML = image_bytes("PNG") + TAIL
JPEG_WITH_HTML = image_bytes("JPEG") + TAIL


def _is_clean_image(data):
    assert b"<script" not in data and b"<html" not in data
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    return True


def test_the_tail_survives_the_content_checks_so_re_encoding_is_what_removes_it():
    # Pillow reads the image and ignores what follows it: the check alone passes it.
    field = UploadField(kinds={"image"}, max_bytes=MB)
    assert field.clean(upload("chart.png", PNG_WITH_HTML)) is not None


@pytest.mark.parametrize(
    "kinds", [{"image"}, {"pdf", "image"}, {"pdf", "image", "office"}]
)
@pytest.mark.parametrize(
    ("name", "content"), [("chart.png", PNG_WITH_HTML), ("photo.jpg", JPEG_WITH_HTML)]
)
def test_an_upload_field_taking_images_cleans_to_a_re_encoded_copy(
    kinds, name, content
):
    cleaned = UploadField(kinds=kinds, max_bytes=MB).clean(upload(name, content))
    cleaned.seek(0)
    assert _is_clean_image(cleaned.read())


def test_a_pdf_in_a_field_taking_images_is_kept_as_uploaded():
    cleaned = UploadField(kinds={"pdf", "image"}, max_bytes=MB).clean(
        upload("r.pdf", PDF)
    )
    cleaned.seek(0)
    assert cleaned.read() == PDF


def test_stored_copy_leaves_a_file_already_re_encoded_alone():
    copy = stored_copy(upload("chart.png", PNG_WITH_HTML))
    assert stored_copy(copy) is copy


@pytest.fixture
def managed_project(db):
    project = PublicProjectFactory(organisation=OrganisationFactory())
    manager = UserFactory(display_name="经理")
    RoleGrantFactory(
        user=manager, role=Role.CHARITY_MANAGER, community=project.community
    )
    project.organisation.managers.add(manager)
    return project, manager


@pytest.mark.django_db
def test_a_charity_receipt_is_stored_re_encoded(client, managed_project):
    project, manager = managed_project
    client.force_login(manager)
    response = client.post(
        reverse("charity:project-spend", args=[project.community.slug, project.pk]),
        {
            "spent_on": timezone.localdate().isoformat(),
            "amount": "40.00",
            "purpose": "购买大米",
            "payee": "某某粮油有限公司",
            "over_balance_reason": "先行垫付",
            "receipt": upload("receipt.png", PNG_WITH_HTML),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    receipt = Expenditure.objects.get(project=project).receipt
    assert _is_clean_image(receipt.read())


@pytest.mark.django_db
def test_a_charity_receipt_recorded_by_the_service_is_stored_re_encoded(
    managed_project,
):
    project, manager = managed_project
    expenditure = services.record_expenditure(
        actor=manager,
        project=project,
        spent_on=timezone.localdate() - datetime.timedelta(days=1),
        amount=Decimal("1.00"),
        purpose="文具",
        payee="某某文具有限公司",
        receipt=upload("receipt.png", PNG_WITH_HTML),
        over_balance_reason="先行垫付",
    )
    assert _is_clean_image(expenditure.receipt.read())


@pytest.mark.django_db
def test_a_charity_report_attachment_is_stored_re_encoded(client, managed_project):
    project, manager = managed_project
    client.force_login(manager)
    response = client.post(
        reverse("charity:report-new", args=[project.community.slug, project.pk]),
        {
            "due": "update",
            "title": "进展",
            "text": "内容",
            "attachments": [upload("photo.png", PNG_WITH_HTML)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = ReportAttachment.objects.get(report__project=project)
    assert _is_clean_image(attachment.file.read())
