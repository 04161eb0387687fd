"""The Wagtail admin's document and image forms, with the platform's upload checks.

Named by the settings WAGTAILDOCS_DOCUMENT_FORM_BASE and
WAGTAILIMAGES_IMAGE_FORM_BASE (as `communities.uploads.CheckedDocumentForm` and
`...CheckedImageForm`). Wagtail's form modules import its models, so this module is
loaded on first use by `communities.uploads.__getattr__`, never by a models module.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from communities.uploads.fields import (
    document_max_bytes,
    image_max_bytes,
    reencode_image,
)
from communities.uploads.validation import (
    ADMIN_IMAGE_MAX_SIDE,
    DOCUMENT_KINDS,
    validate_upload,
)


class CheckedDocumentField(WagtailDocumentField):
    """Wagtail's document field, plus the platform's content checks."""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            validate_upload(data, kinds=DOCUMENT_KINDS, max_bytes=document_max_bytes())
        return super().to_python(data)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, after the platform's checks (so programs and SVG
    get our message), returning the re-encoded copy."""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            validate_upload(data, kinds={"image"}, max_bytes=image_max_bytes())
        return super().to_python(data)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return reencode_image(value, max_side=ADMIN_IMAGE_MAX_SIDE)
        return value


def swap_field(form: forms.BaseForm, field_class: type) -> None:
    field = form.fields.get("file")
    if field is None or isinstance(field, field_class):
        return
    form.fields["file"] = field_class(
        label=field.label, required=field.required, widget=field.widget
    )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form; the file is checked by `validate_upload`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        swap_field(self, CheckedDocumentField)

    def add_error(self, field: str | None, error: Any) -> None:
        # Document.clean() checks the extension of whatever file the instance
        # holds: after a refused upload that is no file at all, and its
        # "File extension '' is not allowed" would only blur our message.
        if (
            field is None
            and isinstance(error, ValidationError)
            and hasattr(error, "error_dict")
            and "file" in error.error_dict
            and "file" in (self._errors or {})
        ):
            rest = {k: v for k, v in error.error_dict.items() if k != "file"}
            if not rest:
                return
            error = ValidationError(rest)
        super().add_error(field, error)


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form; the file is checked and re-encoded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        swap_field(self, CheckedImageField)
