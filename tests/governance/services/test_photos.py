"""Photos are opened by content, resized, re-encoded and stripped of metadata."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from governance.bodies import services
from governance.bodies.photos import normalise_photo
from governance.models import Position, Term
from tests.governance.conftest import TODAY, image_bytes
from tests.support.governance import reviewed


def _upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_photo_is_shrunk_to_600_pixels_and_loses_its_exif():
    original = Image.open(io.BytesIO(image_bytes()))
    assert original.getexif()  # the test photo does carry EXIF
    clean = normalise_photo(_upload(image_bytes()))
    result = Image.open(io.BytesIO(clean.read()))
    assert result.format == "JPEG"
    assert max(result.size) == 600
    assert not result.getexif()
    assert "exif" not in result.info
    clean.seek(0)
    assert b"SpyCam" not in clean.read()


def test_png_and_webp_photos_are_accepted_and_become_jpeg():
    for fmt in ("PNG", "WEBP"):
        clean = normalise_photo(_upload(image_bytes(fmt, (300, 200), exif=False)))
        assert Image.open(io.BytesIO(clean.read())).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4 not a photo", "photo.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "photo.png"),
        (b"MZ\x90\x00 executable", "photo.jpeg"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(data, name):
    with pytest.raises(ValidationError) as error:
        normalise_photo(_upload(data, name))
    assert "not a photo we can read" in " ".join(error.value.messages)


@pytest.mark.django_db
def test_an_appointment_stores_the_clean_photo(admin_user, bodies):
    term = services.appoint_term(
        actor=admin_user,
        body=bodies["committee"],
        person=reviewed(bodies["committee"].community),
        position=Position.CHAIR,
        starts_on=TODAY,
        photo=_upload(image_bytes()),
    )
    term.photo.open("rb")
    stored = term.photo.read()
    assert b"SpyCam" not in stored
    assert b"secret-software" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert term.photo.name.endswith(".jpg")


@pytest.mark.django_db
def test_an_appointment_with_a_bad_photo_saves_nothing(admin_user, bodies):
    with pytest.raises(ValidationError) as error:
        services.appoint_term(
            actor=admin_user,
            body=bodies["committee"],
            person=reviewed(bodies["committee"].community),
            position=Position.CHAIR,
            starts_on=TODAY,
            photo=_upload(b"not an image"),
        )
    assert error.value.error_dict.keys() == {"photo"}
    assert not Term.objects.exists()
