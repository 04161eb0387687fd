"""Uploading through the Wagtail admin's own pages meets the same checks."""

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.support.actors import give_totp
from tests.uploads import samples
from tests.uploads.samples import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checked_wagtail_forms(settings):
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "communities.uploads.CheckedDocumentForm"
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "communities.uploads.CheckedImageForm"


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(give_totp(user_factory(is_staff=True, is_superuser=True)))
    return client


def test_the_add_document_page_refuses_a_program_renamed_pdf(admin_client):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Notice",
            "collection": Collection.get_first_root_node().pk,
            "file": upload("notice.pdf", samples.EXE),
        },
    )

    assert response.status_code == 200
    assert "This file is a Windows program (.exe)." in response.content.decode()
    assert not get_document_model().objects.exists()


def test_the_multiple_document_uploader_refuses_a_program_renamed_pdf(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("notice.pdf", samples.EXE)},
    )

    assert response.json()["success"] is False
    assert "Windows program" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_the_multiple_image_uploader_refuses_svg(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload("logo.png", samples.SVG)},
    )

    assert response.json()["success"] is False
    assert "SVG images can contain scripts" in response.json()["error_message"]
    assert not get_image_model().objects.exists()


def test_the_multiple_image_uploader_stores_a_photo_without_gps(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload("street.jpg", samples.jpeg_with_gps())},
    )

    assert response.json()["success"] is True
    image = get_image_model().objects.get()
    image.file.open("rb")
    assert b"SecretCam" not in image.file.read()
