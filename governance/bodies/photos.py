"""Portrait photos for the "who serves us" page: read with Pillow, never trusted as sent.

A photo is opened by content (the name and declared type mean nothing), turned
upright, shrunk to at most 600 pixels a side and re-encoded as JPEG. Re-encoding
from pixels drops EXIF (GPS position, camera serial), ICC and every other chunk.
"""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDE = 600
# Refuse decompression bombs well before Pillow's own (warning-only) threshold.
MAX_PHOTO_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

NOT_AN_IMAGE = _(
    "This file is not a photo we can read. Upload a JPEG, PNG or WebP image."
)


def normalise_photo(upload) -> ContentFile:
    """Return the upload as a clean JPEG of at most 600×600, or raise ValidationError."""
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            {"photo": _("The photo is larger than 10 MB. Choose a smaller one.")}
        )
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise ValidationError({"photo": NOT_AN_IMAGE})
        if width * height > MAX_PHOTO_PIXELS:
            raise ValidationError({"photo": _("The photo has too many pixels.")})
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
            clean = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            clean.paste(rgba, mask=rgba.getchannel("A"))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError({"photo": NOT_AN_IMAGE}) from error
    except Image.DecompressionBombError as error:
        raise ValidationError({"photo": _("The photo has too many pixels.")}) from error
    out = io.BytesIO()
    # A new image built from pixels carries no EXIF, XMP or ICC data.
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
