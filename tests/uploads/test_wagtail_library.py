"""The Wagtail image and document libraries use the platform's upload checks,
and documents are served as downloads."""

import io

import pytest
from django.test import override_settings
from PIL import ExifTags, Image
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from tests.uploads import samples
from tests.uploads.samples import upload

pytestmark = pytest.mark.django_db

WAGTAIL_FORMS = override_settings(
    WAGTAILDOCS_DOCUMENT_FORM_BASE="communities.uploads.CheckedDocumentForm",
    WAGTAILIMAGES_IMAGE_FORM_BASE="communities.uploads.CheckedImageForm",
)
# The lines the lead puts in config/settings/base.py: documents always stream
# through Django (never a redirect to storage), always as attachments.
DOWNLOAD_SETTINGS = override_settings(
    WAGTAILDOCS_SERVE_METHOD="serve_view", WAGTAILDOCS_INLINE_CONTENT_TYPES=[]
)


@pytest.fixture
def editor(user_factory):
    return user_factory(is_staff=True, is_superuser=True)


def document_form(user, name, content):
    Document = get_document_model()
    form_class = get_document_form(Document)
    return form_class(
        {"title": "Notice", "collection": Collection.get_first_root_node().pk},
        {"file": upload(name, content)},
        user=user,
    )


def image_form(user, name, content):
    form_class = get_image_form(get_image_model())
    return form_class(
        {"title": "Photo", "collection": Collection.get_first_root_node().pk},
        {"file": upload(name, content)},
        user=user,
    )


@WAGTAIL_FORMS
def test_a_program_renamed_pdf_is_refused_by_the_document_form_and_nothing_saved(
    editor,
):
    form = document_form(editor, "notice.pdf", samples.EXE)

    assert not form.is_valid()
    assert form.errors["file"] == [
        "This file is a Windows program (.exe). Programs and scripts cannot be "
        "uploaded."
    ]
    assert not get_document_model().objects.exists()


@WAGTAIL_FORMS
def test_a_png_named_pdf_is_refused_by_the_document_form(editor):
    form = document_form(editor, "notice.pdf", samples.image_bytes("PNG"))

    assert not form.is_valid()
    # Images belong in the image library, where they are re-encoded.
    assert form.errors["file"] == [
        "This file is a PNG image, which is not accepted here. Accepted: PDF, "
        "office documents (Word, Excel, PowerPoint, OpenDocument), plain text "
        "(TXT, CSV)."
    ]
    assert not get_document_model().objects.exists()


@WAGTAIL_FORMS
def test_an_html_page_is_refused_by_the_document_form(editor):
    form = document_form(editor, "notice.txt", samples.HTML)

    assert not form.is_valid()
    assert "web page (HTML)" in form.errors["file"][0]


@WAGTAIL_FORMS
@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024 * 1024)
def test_the_document_form_gives_the_size_limit_in_megabytes(editor):
    form = document_form(editor, "big.pdf", samples.PDF + b"%" * (2 * 1024 * 1024))

    assert not form.is_valid()
    assert form.errors["file"] == [
        "This file is 2.0 MB; files can be at most 1 MB. Please upload a smaller file."
    ]


@WAGTAIL_FORMS
def test_a_real_pdf_is_saved_by_the_document_form(editor):
    form = document_form(editor, "notice.pdf", samples.PDF)

    assert form.is_valid(), form.errors
    document = form.save()
    assert document.file_extension == "pdf"
    document.file.open("rb")
    assert document.file.read() == samples.PDF


@WAGTAIL_FORMS
def test_the_image_form_stores_a_reencoded_copy_without_gps(editor):
    form = image_form(editor, "street.jpg", samples.jpeg_with_gps(orientation=6))

    assert form.is_valid(), form.errors
    image = form.save()
    image.file.open("rb")
    stored = Image.open(io.BytesIO(image.file.read()))
    assert stored.format == "JPEG"
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(stored.getexif()) == 0
    # Orientation applied: 60 x 20 stored sideways becomes 20 x 60.
    assert (image.width, image.height) == (20, 60)


@WAGTAIL_FORMS
def test_the_image_form_refuses_svg_with_the_platform_message_and_saves_nothing(
    editor,
):
    form = image_form(editor, "logo.png", samples.SVG)

    assert not form.is_valid()
    assert "SVG images can contain scripts" in form.errors["file"][0]
    assert not get_image_model().objects.exists()


@WAGTAIL_FORMS
def test_the_image_form_refuses_a_program_named_jpg(editor):
    form = image_form(editor, "photo.jpg", samples.EXE)

    assert not form.is_valid()
    assert "Windows program" in form.errors["file"][0]
    assert not get_image_model().objects.exists()


@WAGTAIL_FORMS
def test_editing_a_document_title_without_a_new_file_still_works(editor):
    form = document_form(editor, "notice.pdf", samples.PDF)
    assert form.is_valid(), form.errors
    document = form.save()
    form_class = get_document_form(get_document_model())

    edit = form_class(
        {"title": "Renamed", "collection": document.collection_id},
        {},
        instance=document,
        user=editor,
    )

    assert edit.is_valid(), edit.errors
    assert edit.save().title == "Renamed"


STATIC_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def served(client, name, content):
    document = get_document_model().objects.create(
        title="Notice", file=upload(name, content)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    return response


@pytest.fixture
def disk_storage(tmp_path):
    """Files on disk, as on a single server: Wagtail serves them with sendfile."""
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
        "staticfiles": STATIC_STORAGE,
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def object_storage():
    """Files without local paths, as on S3: Wagtail streams them itself."""
    storages = {
        "default": {"BACKEND": "tests.uploads.storage.PathlessStorage"},
        "staticfiles": STATIC_STORAGE,
    }
    with override_settings(STORAGES=storages):
        yield


@DOWNLOAD_SETTINGS
@pytest.mark.usefixtures("object_storage")
def test_a_pdf_from_object_storage_is_served_as_a_download_not_inline(client):
    response = served(client, "notice.pdf", samples.PDF)

    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename=notice.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == samples.PDF


@DOWNLOAD_SETTINGS
@pytest.mark.usefixtures("disk_storage")
def test_a_pdf_from_disk_is_served_as_a_download_not_inline(client):
    response = served(client, "notice.pdf", samples.PDF)

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == samples.PDF


@DOWNLOAD_SETTINGS
@pytest.mark.usefixtures("object_storage")
def test_a_spreadsheet_is_served_as_a_download_too(client):
    response = served(client, "budget.xlsx", samples.XLSX)

    assert response["Content-Disposition"].startswith("attachment;")


@WAGTAIL_FORMS
def test_the_upload_pages_still_find_wagtails_limits_and_messages(editor):
    # The multiple-upload pages read these from the unbound form's file field.
    image_field = get_image_form(get_image_model())(user=editor).fields["file"]
    document_field = get_document_form(get_document_model())(user=editor).fields["file"]

    assert image_field.max_upload_size == 10 * 1024 * 1024
    assert "invalid_image_extension" in image_field.error_messages
    assert "file_too_large_unknown_size" in document_field.error_messages
    assert "data-w-sync-target-value" in image_field.widget.attrs
