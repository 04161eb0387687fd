"""Case attachments live in a private storage that has no URL: they are served
only through views that check who may read them and log the read."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.module_loading import import_string

from assistance.cases.models import Attachment, private_storage
from assistance.cases.storage import PrivateFileSystemStorage
from config.settings import base


def test_a_private_storage_is_configured_apart_from_the_media_storage():
    assert "private" in settings.STORAGES
    assert settings.STORAGES["private"] is not settings.STORAGES["default"]
    assert storages["private"] is not storages["default"]


def test_the_base_settings_give_the_private_file_storage_no_url():
    if base.PRIVATE_STORAGE["BACKEND"].endswith("FileSystemStorage"):
        assert base.PRIVATE_STORAGE["BACKEND"] == (
            "assistance.cases.storage.PrivateFileSystemStorage"
        )
        assert base.PRIVATE_STORAGE["OPTIONS"]["base_url"] is None
        assert base.PRIVATE_STORAGE["OPTIONS"]["location"] != str(base.MEDIA_ROOT)
    else:  # S3: a private location with short-lived signed URLs only
        assert base.PRIVATE_STORAGE["OPTIONS"]["location"] == "private"


def test_a_storage_built_from_the_base_settings_cannot_make_a_url(tmp_path):
    options = {**base.PRIVATE_STORAGE.get("OPTIONS", {}), "location": str(tmp_path)}
    if not base.PRIVATE_STORAGE["BACKEND"].endswith("FileSystemStorage"):
        pytest.skip("S3 is configured in this environment")
    storage = import_string(base.PRIVATE_STORAGE["BACKEND"])(**options)
    name = storage.save("proof.pdf", ContentFile(b"%PDF-1.4"))
    with pytest.raises(ValueError, match="not accessible via a URL"):
        storage.url(name)


def test_attachments_are_stored_in_the_private_storage():
    field = Attachment._meta.get_field("file")
    assert field._storage_callable is private_storage
    assert type(field.storage) is type(storages["private"])


def test_the_private_storage_class_refuses_any_url(tmp_path):
    storage = PrivateFileSystemStorage(location=str(tmp_path), base_url="/media/")
    name = storage.save("id.jpg", ContentFile(b"x"))
    with pytest.raises(ValueError):
        storage.url(name)
    assert storage.open(name).read() == b"x"
