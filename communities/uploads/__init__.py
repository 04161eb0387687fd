"""Upload checks shared by the whole platform (a foundation package: other apps
import these names from `communities.uploads`).

Every file a person uploads (governance attachments and photos, volunteers' consent
forms, charity receipts, Wagtail images and documents) goes through
`validate_upload` (`validation`), which decides what the file *is* from its
content, never from its name; a PDF is parsed with pypdf (`pdf`). Images are
re-encoded by `reencode_image` (`fields`), which drops EXIF, other metadata and
anything appended after the pixels; `stored_copy` does it wherever an image is
accepted (every `UploadField` that takes images does it when cleaning).

Forms use `UploadField` / `ImageUploadField` or `UploadValidator` (`fields`); the
Wagtail admin uses `CheckedDocumentForm` and `CheckedImageForm` (`wagtail_forms`)
through the settings WAGTAILDOCS_DOCUMENT_FORM_BASE and
WAGTAILIMAGES_IMAGE_FORM_BASE.
"""

from __future__ import annotations

import importlib

from communities.uploads.fields import (
    ImageUploadField,
    MultipleFileInput,
    MultipleUploadField,
    UploadField,
    UploadValidator,
    document_max_bytes,
    image_max_bytes,
    reencode_image,
    stored_copy,
)
from communities.uploads.validation import (
    ADMIN_IMAGE_MAX_SIDE,
    DEFAULT_DOCUMENT_MAX_BYTES,
    DEFAULT_IMAGE_MAX_BYTES,
    DOCUMENT_KINDS,
    FORMAT_LABELS,
    FORMATS,
    JPEG_QUALITY,
    KIND_LABELS,
    KINDS,
    MB,
    UploadInfo,
    accept_attribute,
    accepted_text,
    format_megabytes,
    validate_upload,
)

_WAGTAIL_FORMS = frozenset(
    {
        "CheckedDocumentField",
        "CheckedImageField",
        "CheckedDocumentForm",
        "CheckedImageForm",
    }
)


def __getattr__(name: str) -> type:
    """The Wagtail admin forms, loaded on first use: Wagtail's form modules import
    its models, and our apps' model modules import this package."""
    if name in _WAGTAIL_FORMS:
        return getattr(
            importlib.import_module("communities.uploads.wagtail_forms"), name
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ADMIN_IMAGE_MAX_SIDE",
    "DEFAULT_DOCUMENT_MAX_BYTES",
    "DEFAULT_IMAGE_MAX_BYTES",
    "DOCUMENT_KINDS",
    "FORMATS",
    "FORMAT_LABELS",
    "JPEG_QUALITY",
    "KINDS",
    "KIND_LABELS",
    "MB",
    "ImageUploadField",
    "MultipleFileInput",
    "MultipleUploadField",
    "UploadField",
    "UploadInfo",
    "UploadValidator",
    "accept_attribute",
    "accepted_text",
    "document_max_bytes",
    "format_megabytes",
    "image_max_bytes",
    "reencode_image",
    "stored_copy",
    "validate_upload",
]
