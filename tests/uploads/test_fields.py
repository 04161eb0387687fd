"""Form fields and the validator other apps put on their own forms and models."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from PIL import Image
from wagtail.documents.models import Document

from communities.uploads import (
    MB,
    ImageUploadField,
    UploadField,
    UploadValidator,
    accept_attribute,
)
from tests.uploads import samples
from tests.uploads.samples import upload


class ReceiptForm(forms.Form):
    receipt = UploadField(kinds={"pdf", "image"}, max_bytes=2 * MB)


class PhotoForm(forms.Form):
    photo = ImageUploadField(max_bytes=2 * MB, max_side=100)


def test_an_upload_field_accepts_a_real_pdf():
    form = ReceiptForm(files={"receipt": upload("receipt.pdf", samples.PDF)})

    assert form.is_valid(), form.errors


def test_an_upload_field_refuses_a_program_named_pdf_with_a_clear_error():
    form = ReceiptForm(files={"receipt": upload("receipt.pdf", samples.EXE)})

    assert not form.is_valid()
    assert form.errors["receipt"] == [
        "This file is a Windows program (.exe). Programs and scripts cannot be "
        "uploaded."
    ]


def test_an_upload_field_tells_the_browser_which_files_to_offer():
    html = str(ReceiptForm()["receipt"])

    assert 'accept=".pdf,.jpg,.jpeg,.png,.gif,.webp"' in html
    assert "Accepted: PDF, images (JPEG, PNG, WebP, GIF). At most 2 MB." in str(
        ReceiptForm()["receipt"].help_text
    )


def test_accept_attribute_lists_office_and_text_extensions():
    value = accept_attribute({"office", "text"})

    assert value.split(",") == [
        ".docx",
        ".xlsx",
        ".pptx",
        ".doc",
        ".xls",
        ".ppt",
        ".odt",
        ".ods",
        ".txt",
        ".csv",
    ]


def test_an_image_upload_field_cleans_to_a_reencoded_copy_without_gps():
    form = PhotoForm(
        files={"photo": upload("me.jpg", samples.jpeg_with_gps(size=(400, 200)))}
    )

    assert form.is_valid(), form.errors
    photo = form.cleaned_data["photo"]
    photo.seek(0)
    image = Image.open(photo)
    assert image.size == (100, 50)
    assert len(image.getexif()) == 0


def test_an_image_upload_field_refuses_svg_with_a_clear_error():
    form = PhotoForm(files={"photo": upload("me.png", samples.SVG)})

    assert not form.is_valid()
    assert "SVG images can contain scripts" in form.errors["photo"][0]


def test_an_image_upload_field_refuses_a_pdf():
    form = PhotoForm(files={"photo": upload("me.pdf", samples.PDF)})

    assert not form.is_valid()
    assert form.errors["photo"] == [
        "This file is a PDF document, which is not accepted here. Accepted: "
        "images (JPEG, PNG, WebP, GIF)."
    ]


def test_validators_with_the_same_rules_are_equal_so_migrations_stay_quiet():
    first = UploadValidator(kinds={"pdf", "image"}, max_bytes=MB)
    second = UploadValidator(kinds=["image", "pdf"], max_bytes=MB)

    assert first == second
    assert first != UploadValidator(kinds={"pdf"}, max_bytes=MB)
    path, args, kwargs = first.deconstruct()
    assert path == "communities.uploads.UploadValidator"
    assert kwargs == {"kinds": ("image", "pdf"), "max_bytes": MB}


@pytest.mark.django_db
def test_the_validator_checks_a_new_file_on_a_model_field():
    validator = UploadValidator(kinds={"pdf"}, max_bytes=MB)
    document = Document(title="x", file=upload("x.pdf", samples.EXE))

    with pytest.raises(ValidationError) as caught:
        validator(document.file)

    assert caught.value.code == "executable"


@pytest.mark.django_db
def test_the_validator_does_not_reread_a_file_already_stored():
    validator = UploadValidator(kinds={"pdf"}, max_bytes=MB)
    # Stored earlier (checked then); the storage does not even hold it, so reading
    # it back would fail loudly.
    document = Document(title="x", file="documents/never-written.pdf")

    assert validator(document.file) is None
