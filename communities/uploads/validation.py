"""What an uploaded file *is*, decided from its content: `validate_upload`.

Magic bytes and structure decide the format, never the name, and the name must
then agree. Programs, scripts, web pages and SVG images are refused outright.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from communities.uploads.pdf import check_pdf

MB = 1024 * 1024
KINDS = frozenset({"pdf", "image", "office", "text"})
# What the Wagtail document library accepts (images go to the image library).
DOCUMENT_KINDS = frozenset({"pdf", "office", "text"})
DEFAULT_DOCUMENT_MAX_BYTES = 20 * MB
DEFAULT_IMAGE_MAX_BYTES = 10 * MB
# Originals in the Wagtail image library are kept large enough for any rendition.
ADMIN_IMAGE_MAX_SIDE = 4000
JPEG_QUALITY = 85

# format -> (kind, content type, extensions that may name it; the first is canonical)
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pdf": ("pdf", "application/pdf", ("pdf",)),
    "jpeg": ("image", "image/jpeg", ("jpg", "jpeg")),
    "png": ("image", "image/png", ("png",)),
    "gif": ("image", "image/gif", ("gif",)),
    "webp": ("image", "image/webp", ("webp",)),
    "docx": (
        "office",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    "xlsx": (
        "office",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
    ),
    "pptx": (
        "office",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
    ),
    "doc": ("office", "application/msword", ("doc",)),
    "xls": ("office", "application/vnd.ms-excel", ("xls",)),
    "ppt": ("office", "application/vnd.ms-powerpoint", ("ppt",)),
    "odt": ("office", "application/vnd.oasis.opendocument.text", ("odt",)),
    "ods": ("office", "application/vnd.oasis.opendocument.spreadsheet", ("ods",)),
    "txt": ("text", "text/plain", ("txt",)),
    "csv": ("text", "text/csv", ("csv",)),
}

FORMAT_LABELS = {
    "pdf": _("a PDF document"),
    "jpeg": _("a JPEG image"),
    "png": _("a PNG image"),
    "gif": _("a GIF image"),
    "webp": _("a WebP image"),
    "docx": _("a Word document (.docx)"),
    "xlsx": _("an Excel workbook (.xlsx)"),
    "pptx": _("a PowerPoint presentation (.pptx)"),
    "doc": _("a Word 97-2003 document (.doc)"),
    "xls": _("an Excel 97-2003 workbook (.xls)"),
    "ppt": _("a PowerPoint 97-2003 presentation (.ppt)"),
    "odt": _("an OpenDocument text (.odt)"),
    "ods": _("an OpenDocument spreadsheet (.ods)"),
    "text": _("a plain text file"),
    "txt": _("a plain text file"),
    "csv": _("a CSV table"),
}

KIND_LABELS = {
    "pdf": _("PDF"),
    "image": _("images (JPEG, PNG, WebP, GIF)"),
    "office": _("office documents (Word, Excel, PowerPoint, OpenDocument)"),
    "text": _("plain text (TXT, CSV)"),
}

_IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACHO_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_HTML_MARKERS = (
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<script",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<style",
    "<a ",
    "<img",
    "<div",
    "<table",
    "<p>",
    "<title",
)
# OOXML: the main part's content type, and the folder it lives in.
_OOXML_PARTS = {
    "docx": (b"wordprocessingml.document.main+xml", "word/"),
    "xlsx": (b"spreadsheetml.sheet.main+xml", "xl/"),
    "pptx": (b"presentationml.presentation.main+xml", "ppt/"),
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_ZIP_MEMBER_LIMIT = 1 * MB


@dataclass(frozen=True)
class UploadInfo:
    """What `validate_upload` found: the file's real type, by content."""

    kind: str  # "pdf", "image", "office" or "text"
    format: str  # a key of FORMATS, e.g. "png", "docx", "csv"
    content_type: str
    extension: str  # the extension the file's name carries (lower case, no dot)
    size: int
    width: int | None = None
    height: int | None = None


def format_megabytes(num_bytes: int) -> str:
    """Megabytes for messages: "20" for a whole number, else one decimal ("2.5")."""
    value = num_bytes / MB
    if value == int(value):
        return str(int(value))
    return f"{max(value, 0.1):.1f}"


def accepted_text(kinds: Iterable[str]) -> str:
    """The accepted kinds as one readable, translated list."""
    order = ["pdf", "image", "office", "text"]
    return ", ".join(str(KIND_LABELS[kind]) for kind in order if kind in kinds)


def accept_attribute(kinds: Iterable[str]) -> str:
    """A value for <input type="file" accept="...">: the extensions of `kinds`."""
    extensions = [
        f".{extension}"
        for kind, _content_type, names in FORMATS.values()
        if kind in kinds
        for extension in names
    ]
    return ",".join(dict.fromkeys(extensions))


def _refuse(message: str, code: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message, code=code)


def _read_bytes(file: IO[bytes] | Any, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of the file, from its start; the position is reset."""
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if hasattr(file, "seek"):
        file.seek(0)
    return data or b""


def _extension(file: Any) -> str:
    name = os.path.basename(getattr(file, "name", "") or "")
    return os.path.splitext(name)[1].lower().lstrip(".")


def _refuse_dangerous(data: bytes) -> None:
    """Refuse programs, scripts, web pages and SVG, naming what the file is."""
    program = None
    if data.startswith(b"MZ"):
        program = _("a Windows program (.exe)")
    elif data.startswith(b"\x7fELF"):
        program = _("a Linux program")
    elif data[:4] in _MACHO_MAGICS:
        program = _("a macOS program")
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#!"):
        program = _("a script")
    if program is not None:
        raise _refuse(
            gettext("This file is %(what)s. Programs and scripts cannot be uploaded."),
            "executable",
            what=program,
        )
    if _binary_format(data) is not None:
        return
    head = data[: 64 * 1024].decode("utf-8", errors="ignore").lower()
    if "<svg" in head:
        raise _refuse(
            gettext(
                "This file is an SVG image. SVG images can contain scripts, so they "
                "cannot be uploaded; please upload a PNG or JPEG instead."
            ),
            "svg",
        )
    start = head.lstrip("\ufeff \t\r\n")[:1024]
    if start.startswith("<") and any(marker in start for marker in _HTML_MARKERS):
        raise _refuse(
            gettext(
                "This file is a web page (HTML). Web pages can run scripts, so they "
                "cannot be uploaded; please save it as a PDF instead."
            ),
            "html",
        )


def _binary_format(data: bytes) -> str | None:
    """The binary container the magic bytes announce: a format, "ole2", "zip" or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(_OLE2_MAGIC):
        return "ole2"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _ole2_format(data: bytes) -> str:
    """Tell a legacy Word/Excel/PowerPoint file by its streams' names (UTF-16)."""

    def has_stream(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has_stream("EncryptedPackage"):
        raise _refuse(
            gettext(
                "This office file is protected by a password. Remove the password "
                "and upload it again."
            ),
            "encrypted",
        )
    if has_stream("_VBA_PROJECT"):
        raise _refuse_macros()
    if has_stream("WordDocument"):
        return "doc"
    if has_stream("Workbook") or has_stream("Book"):
        return "xls"
    if has_stream("PowerPoint Document"):
        return "ppt"
    # Other compound files (installers, .msg mail, ...) are not accepted.
    raise _unrecognised()


def _refuse_macros() -> ValidationError:
    return _refuse(
        gettext(
            "This office file contains macros, which can run programs. Save it "
            "without macros (for example as .docx or .xlsx) and upload it again."
        ),
        "macros",
    )


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        content = member.read(_ZIP_MEMBER_LIMIT + 1)
    if len(content) > _ZIP_MEMBER_LIMIT:
        raise _damaged()
    return content


def _zip_format(data: bytes) -> str:
    """Tell OOXML (docx/xlsx/pptx) and OpenDocument (odt/ods) from other ZIP files.

    Only the small marker members are decompressed (and bounded), so a ZIP bomb
    is never expanded.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            lowered = [name.lower() for name in names]
            if "[Content_Types].xml" in names:
                content_types = _read_member(archive, "[Content_Types].xml")
                if b"macroenabled" in content_types.lower() or any(
                    name.endswith("vbaproject.bin") for name in lowered
                ):
                    raise _refuse_macros()
                for fmt, (marker, folder) in _OOXML_PARTS.items():
                    if marker in content_types and any(
                        name.startswith(folder) for name in names
                    ):
                        return fmt
                raise _unrecognised()
            if "mimetype" in names:
                mimetype = _read_member(archive, "mimetype").strip()
                if mimetype not in _ODF_MIMETYPES:
                    raise _unrecognised()
                if any(name.startswith(("basic/", "scripts/")) for name in lowered):
                    raise _refuse_macros()
                return _ODF_MIMETYPES[mimetype]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        RuntimeError,  # encrypted members
        NotImplementedError,  # unknown compression
        zlib.error,
        EOFError,
        OSError,
    ):
        raise _damaged() from None
    raise _refuse(
        gettext(
            "This file is a ZIP archive. Archives cannot be uploaded; please upload "
            "the documents inside it one by one."
        ),
        "archive",
    )


def _damaged() -> ValidationError:
    return _refuse(
        gettext("This file is damaged or incomplete and cannot be read."), "damaged"
    )


def _unrecognised() -> ValidationError:
    return _refuse(
        gettext("The type of this file could not be recognised from its content."),
        "unrecognised",
    )


def _text_format(data: bytes) -> str:
    """Plain UTF-8 text without NUL bytes, or refuse."""
    if b"\x00" in data:
        raise _unrecognised()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(
            gettext(
                "This text file is not in UTF-8. Save it with UTF-8 encoding "
                "and upload it again."
            ),
            "encoding",
        ) from None
    return "text"


def _open_image(data: bytes) -> Image.Image:
    """Open with Pillow, treating Pillow's decompression-bomb warning as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def _check_image(data: bytes, fmt: str) -> tuple[int, int]:
    """Verify the image, then decode it fully; refuse bombs and damaged files."""
    try:
        with _open_image(data) as image:
            if _IMAGE_FORMATS.get(image.format or "") != fmt:
                raise _damaged()
            image.verify()
        with (
            warnings.catch_warnings(),
            _open_image(data) as image,
        ):
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            width, height = image.size
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            gettext(
                "This image has too many pixels (the limit is %(limit)s million). "
                "Please make it smaller and upload it again."
            ),
            "too_many_pixels",
            limit=round((Image.MAX_IMAGE_PIXELS or 0) / 1_000_000, 1),
        ) from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _damaged() from None
    return width, height


def validate_upload(file: Any, *, kinds: Iterable[str], max_bytes: int) -> UploadInfo:
    """Check an uploaded file by its content and return what it is.

    Refuses (with a translated ValidationError naming the problem): files over
    `max_bytes`; programs, scripts, HTML and SVG; kinds not in `kinds`; content
    that is not a well-formed PDF, image, office or UTF-8 text file; a PDF with
    active content (scripts, automatic actions, embedded files); and a name
    whose extension disagrees with the content.
    """
    kinds = frozenset(kinds)
    if not kinds or not kinds <= KINDS:
        raise ValueError(f"Unknown upload kinds: {sorted(kinds - KINDS)}")
    size = getattr(file, "size", None)
    too_large = gettext(
        "This file is %(size)s MB; files can be at most %(limit)s MB. "
        "Please upload a smaller file."
    )
    if size is not None and size > max_bytes:
        raise _refuse(
            too_large,
            "too_large",
            size=format_megabytes(size),
            limit=format_megabytes(max_bytes),
        )
    data = _read_bytes(file, max_bytes)
    if len(data) > max_bytes:
        raise _refuse(
            too_large,
            "too_large",
            size=format_megabytes(max(size or 0, len(data))),
            limit=format_megabytes(max_bytes),
        )
    if not data:
        raise _refuse(gettext("This file is empty."), "empty")

    _refuse_dangerous(data)
    fmt = _binary_format(data)
    if fmt == "ole2":
        fmt = _ole2_format(data)
    elif fmt == "zip":
        fmt = _zip_format(data)
    elif fmt is None:
        fmt = _text_format(data)

    kind = "text" if fmt == "text" else FORMATS[fmt][0]
    if kind not in kinds:
        raise _refuse(
            gettext(
                "This file is %(actual)s, which is not accepted here. "
                "Accepted: %(accepted)s."
            ),
            "kind_not_accepted",
            actual=FORMAT_LABELS[fmt],
            accepted=accepted_text(kinds),
        )

    extension = _extension(file)
    if fmt == "text":
        allowed = ("txt", "csv")
        if extension in allowed:
            fmt = extension
    else:
        allowed = FORMATS[fmt][2]
    if extension not in allowed:
        if not extension:
            message = gettext(
                "The file name has no extension, but the file is %(actual)s. "
                "Name it with .%(expected)s at the end and upload it again."
            )
        else:
            message = gettext(
                "The file name ends in .%(extension)s, but the file is %(actual)s. "
                "Name it with .%(expected)s at the end, or choose the right file."
            )
        raise _refuse(
            message,
            "extension_mismatch",
            extension=extension,
            actual=FORMAT_LABELS[fmt],
            expected=allowed[0],
        )

    width = height = None
    if kind == "image":
        width, height = _check_image(data, fmt)
    elif fmt == "pdf":
        check_pdf(data)
    return UploadInfo(
        kind=kind,
        format=fmt,
        content_type=FORMATS[fmt][1],
        extension=extension,
        size=len(data),
        width=width,
        height=height,
    )
