"""The private storage of case attachments: files on disk with no URL at all.

`FileSystemStorage(base_url=None)` still answers `url()` with MEDIA_URL, so the
private storage refuses instead: an attachment is served only by a view that
checks who may read it and logs the read (assistance.cases.access)."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise ValueError("This file is not accessible via a URL.")
