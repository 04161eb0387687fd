"""PDF uploads, read with pypdf: `check_pdf` refuses a file that does not parse,
is locked by a password, carries web-page markup, or has active content.

Active content is anything a viewer runs or opens by itself: JavaScript, actions
on opening or on events (/OpenAction, /AA), launching programs, embedded files,
Flash/3D media and XFA forms. The first bytes alone (`%PDF-`) prove nothing: a
script behind them does not parse as a PDF and is refused.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# PDF names that make a viewer run or open something: scripts, actions on opening
# or on events, launching programs, files carried inside, Flash/3D media, XFA forms.
PDF_ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
    }
)
# Markup a browser would run if it ever took the file for a web page.
_PDF_MARKUP_MARKERS = (b"<script", b"<html", b"<iframe", b"<svg", b"<!doctype")
# A PDF with more objects than this is refused rather than walked.
_PDF_OBJECT_LIMIT = 200_000


def _pdf_active_names(reader: PdfReader) -> set[str]:
    """The active-content names anywhere in the document's objects (keys and values).

    Every object is visited: those reachable from the trailer and those listed in
    the cross-reference table, so an object no page links to is checked too.
    pypdf decodes `#xx` escapes in names, so `/J#61vaScript` is seen as `/JavaScript`.
    """
    found: set[str] = set()
    pending: list[Any] = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending += [IndirectObject(number, generation, reader) for number in numbers]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > _PDF_OBJECT_LIMIT:
                raise damaged()
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found.update(str(name) for name in item if name in PDF_ACTIVE_NAMES)
            pending += item.values()
        elif isinstance(item, ArrayObject):
            pending += item
        elif isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
            found.add(str(item))
    return found


def check_pdf(data: bytes) -> None:
    """Parse the PDF with pypdf; refuse it if it does not parse, is locked by a
    password, carries web-page markup, or has active content."""
    if any(marker in data[: 64 * 1024].lower() for marker in _PDF_MARKUP_MARKERS):
        raise _refuse_pdf_active()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse_pdf_encrypted()
        if "/Root" not in reader.trailer:
            raise damaged()
        len(reader.pages)  # the page tree must be readable
        found = _pdf_active_names(reader)
    except ValidationError:
        raise
    except FileNotDecryptedError:
        raise _refuse_pdf_encrypted() from None
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        OSError,
        zlib.error,
        EOFError,
    ):
        raise damaged() from None
    if found:
        raise _refuse_pdf_active()


def _refuse_pdf_active() -> ValidationError:
    return ValidationError(
        gettext(
            "This PDF contains scripts, automatic actions or embedded files, which "
            "can run when it is opened. Print it to a new PDF (or save it without "
            "them) and upload it again."
        ),
        code="pdf_active_content",
    )


def _refuse_pdf_encrypted() -> ValidationError:
    return ValidationError(
        gettext(
            "This PDF is protected by a password. Remove the password and upload "
            "it again."
        ),
        code="encrypted",
    )


def damaged() -> ValidationError:
    return ValidationError(
        gettext("This file is damaged or incomplete and cannot be read."),
        code="damaged",
    )
