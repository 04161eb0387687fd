"""Small files of every kind the upload checks meet, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def build_pdf(catalog=b"", *extra, header=b"%PDF-1.7\n"):
    """A PDF with a correct cross-reference table: a catalog (plus `catalog`, raw
    dictionary entries), one empty page, and `extra` objects numbered from 4."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R" + catalog + b">>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<<>>>>",
        *extra,
    ]
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


PDF = build_pdf()

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 56
SHELL = b"#!/bin/sh\nrm -rf ~\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n'
)
TEXT = "居民会议纪要\n第一项：低保标准。\n".encode()
CSV = "项目,金额\n收入,1200.00\n支出,300.50\n".encode()
GBK_TEXT = "居民会议纪要".encode("gbk")


def image_bytes(fmt="PNG", size=(40, 30), mode="RGB", color=(200, 30, 30), **save):
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def gps_exif(orientation=None):
    """EXIF with a camera make and a GPS position (Beijing), optionally an orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (39.0, 54.0, 27.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (116.0, 23.0, 30.0)
    return exif


def jpeg_with_gps(size=(60, 20), orientation=None):
    return image_bytes(
        "JPEG", size=size, exif=gps_exif(orientation).tobytes(), quality=90
    )


def zip_bytes(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _content_types(main):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Override PartName="/x" '
        f'ContentType="{main}"/></Types>'
    ).encode()


OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = zip_bytes(
    {
        "[Content_Types].xml": _content_types(
            OOXML + "wordprocessingml.document.main+xml"
        ),
        "word/document.xml": b"<w:document/>",
    }
)
XLSX = zip_bytes(
    {
        "[Content_Types].xml": _content_types(OOXML + "spreadsheetml.sheet.main+xml"),
        "xl/workbook.xml": b"<workbook/>",
    }
)
PPTX = zip_bytes(
    {
        "[Content_Types].xml": _content_types(
            OOXML + "presentationml.presentation.main+xml"
        ),
        "ppt/presentation.xml": b"<p:presentation/>",
    }
)
# Says it is a Word document, but has no word/ folder.
DOCX_WITHOUT_WORD_FOLDER = zip_bytes(
    {
        "[Content_Types].xml": _content_types(
            OOXML + "wordprocessingml.document.main+xml"
        ),
        "xl/workbook.xml": b"<workbook/>",
    }
)
DOCM = zip_bytes(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
        "word/document.xml": b"<w:document/>",
        "word/vbaProject.bin": b"\x00" * 16,
    }
)
ODT = zip_bytes(
    {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content/>",
    }
)
ODS = zip_bytes(
    {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<office:document-content/>",
    }
)
ODP = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.presentation"})
PLAIN_ZIP = zip_bytes({"readme.txt": b"hello", "setup.exe": EXE})
JAR = zip_bytes({"META-INF/MANIFEST.MF": b"Main-Class: Evil\n"})


def ole2(*stream_names):
    """A compound-file stub: the OLE2 signature and directory names in UTF-16."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return header + names + b"\x00" * 64


DOC = ole2("Root Entry", "WordDocument", "1Table")
XLS = ole2("Root Entry", "Workbook")
MSI = ole2("Root Entry", "\u4840\u3f3f")  # an installer: no office stream
DOC_WITH_MACROS = ole2("Root Entry", "WordDocument", "Macros", "_VBA_PROJECT")
ENCRYPTED_DOCX = ole2("Root Entry", "EncryptionInfo", "EncryptedPackage")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
