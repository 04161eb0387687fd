"""Photos re-encoded without metadata, and the form and model fields that check
uploads with `validate_upload`."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.functional import lazy
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

from communities.uploads.validation import (  # the package's own helpers
    DEFAULT_DOCUMENT_MAX_BYTES,
    DEFAULT_IMAGE_MAX_BYTES,
    JPEG_QUALITY,
    KINDS,
    MB,
    _binary_format,
    _damaged,
    _open_image,
    _read_bytes,
    _refuse,
    accept_attribute,
    accepted_text,
    format_megabytes,
    validate_upload,
)


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return True
    return "transparency" in image.info


def reencode_image(file: Any, *, max_side: int | None = None) -> ContentFile:
    """A clean copy of an image: orientation applied, metadata gone, size bounded.

    EXIF (GPS position, camera, time), XMP, comments and text chunks are dropped;
    only the pixels (and the colour profile, which colours need) are kept. The copy
    is PNG when the source is PNG or GIF or has transparency, JPEG otherwise; only
    the first frame of an animation is kept. Validate with `validate_upload` first.
    """
    data = _read_bytes(file, getattr(file, "size", None) or 200 * MB)
    try:
        with _open_image(data) as source:
            source_format = source.format
            icc_profile = source.info.get("icc_profile")
            source.seek(0)
            image = ImageOps.exif_transpose(source)
            as_png = source_format in ("PNG", "GIF") or _has_transparency(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            gettext("This image has too many pixels."), "too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _damaged() from None

    if max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    options: dict[str, Any] = {"optimize": True}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if as_png:
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if _has_transparency(image) else "RGB")
        extension, pil_format = "png", "PNG"
    else:
        if image.mode != "RGB":
            image = image.convert("RGB")
        extension, pil_format = "jpg", "JPEG"
        options["quality"] = JPEG_QUALITY
    # Nothing from the source's info (exif, xmp, comment, text) reaches the copy.
    image.info = {}
    output = io.BytesIO()
    image.save(output, pil_format, **options)
    stem = os.path.splitext(os.path.basename(getattr(file, "name", "") or ""))[0]
    return ContentFile(output.getvalue(), name=f"{stem or 'image'}.{extension}")


def stored_copy(file: Any, *, max_side: int | None = None) -> Any:
    """What to store for an accepted upload: an image is re-encoded by
    `reencode_image`, so metadata and anything hidden after the pixels (an HTML
    page appended to a PNG, say) never reach storage; other files are stored as
    they are. A file that is not a fresh upload (already stored, or already a
    re-encoded copy) is returned unchanged, so nothing is re-encoded twice."""
    if not isinstance(file, UploadedFile):
        return file
    fmt = _binary_format(_read_bytes(file, 16))
    if fmt in ("jpeg", "png", "gif", "webp"):
        return reencode_image(file, max_side=max_side)
    return file


class UploadValidator:
    """A form or model field validator running `validate_upload`.

    A model field's file that is already stored was checked when it was uploaded,
    so re-validating a saved instance does not read it back from storage.
    """

    def __init__(self, *, kinds: Iterable[str], max_bytes: int) -> None:
        self.kinds = tuple(sorted(frozenset(kinds)))
        if not self.kinds or not set(self.kinds) <= KINDS:
            raise ValueError(f"Unknown upload kinds: {self.kinds}")
        self.max_bytes = max_bytes

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, FieldFile) and getattr(value, "_committed", False):
            return
        validate_upload(value, kinds=self.kinds, max_bytes=self.max_bytes)

    def deconstruct(self) -> tuple[str, tuple[()], dict[str, Any]]:
        """Sorted kinds, so migrations are written the same way on every run."""
        return (
            "communities.uploads.UploadValidator",
            (),
            {"kinds": self.kinds, "max_bytes": self.max_bytes},
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_bytes))


def _help_text(kinds: frozenset[str], max_bytes: int) -> str:
    return gettext("Accepted: %(accepted)s. At most %(limit)s MB.") % {
        "accepted": accepted_text(kinds),
        "limit": format_megabytes(max_bytes),
    }


# Evaluated when rendered, so a form class declared at import time still speaks the
# language of each request.
_upload_help_text = lazy(_help_text, str)


class UploadField(forms.FileField):
    """A file field accepting only `kinds`, checked by content, up to `max_bytes`.

    Where images are accepted, the cleaned value of an image is its re-encoded
    copy (`stored_copy`, bounded to `max_side` pixels if set); documents come
    back as uploaded.
    """

    max_side: int | None = None

    def __init__(self, *, kinds: Iterable[str], max_bytes: int, **kwargs: Any) -> None:
        kinds = frozenset(kinds)
        kwargs.setdefault("help_text", _upload_help_text(kinds, max_bytes))
        super().__init__(**kwargs)
        self.kinds = kinds
        self.max_bytes = max_bytes
        self.validators.append(UploadValidator(kinds=kinds, max_bytes=max_bytes))
        self.widget.attrs.setdefault("accept", accept_attribute(kinds))

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if "image" in self.kinds:
            return stored_copy(value, max_side=self.max_side)
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Several files in one input, each checked like any other upload (a list)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ImageUploadField(UploadField):
    """An image field whose cleaned value is the re-encoded, metadata-free copy."""

    def __init__(
        self, *, max_bytes: int, max_side: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(kinds={"image"}, max_bytes=max_bytes, **kwargs)
        self.max_side = max_side


def document_max_bytes() -> int:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or (
        DEFAULT_DOCUMENT_MAX_BYTES
    )


def image_max_bytes() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None) or (
        DEFAULT_IMAGE_MAX_BYTES
    )
