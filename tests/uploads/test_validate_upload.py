"""validate_upload decides a file's type by its content and refuses dangerous files."""

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from communities.uploads import KINDS, MB, validate_upload
from tests.uploads import samples
from tests.uploads.samples import upload

ALL = KINDS


def refusal(file, *, kinds=ALL, max_bytes=5 * MB):
    with pytest.raises(ValidationError) as caught:
        validate_upload(file, kinds=kinds, max_bytes=max_bytes)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "kind", "fmt"),
    [
        ("report.pdf", samples.PDF, "pdf", "pdf"),
        ("photo.jpg", samples.image_bytes("JPEG"), "image", "jpeg"),
        ("photo.JPEG", samples.image_bytes("JPEG"), "image", "jpeg"),
        ("chart.png", samples.image_bytes("PNG"), "image", "png"),
        ("chart.webp", samples.image_bytes("WEBP"), "image", "webp"),
        ("logo.gif", samples.image_bytes("GIF"), "image", "gif"),
        ("minutes.docx", samples.DOCX, "office", "docx"),
        ("budget.xlsx", samples.XLSX, "office", "xlsx"),
        ("slides.pptx", samples.PPTX, "office", "pptx"),
        ("minutes.doc", samples.DOC, "office", "doc"),
        ("budget.xls", samples.XLS, "office", "xls"),
        ("minutes.odt", samples.ODT, "office", "odt"),
        ("budget.ods", samples.ODS, "office", "ods"),
        ("notes.txt", samples.TEXT, "text", "txt"),
        ("accounts.csv", samples.CSV, "text", "csv"),
    ],
)
def test_each_accepted_format_is_recognised_by_its_content(name, content, kind, fmt):
    info = validate_upload(upload(name, content), kinds=ALL, max_bytes=5 * MB)

    assert (info.kind, info.format) == (kind, fmt)
    assert info.size == len(content)
    assert info.extension == name.rsplit(".", 1)[1].lower()


def test_an_image_reports_its_pixel_size_and_content_type():
    info = validate_upload(
        upload("a.png", samples.image_bytes("PNG", size=(40, 30))),
        kinds={"image"},
        max_bytes=MB,
    )

    assert (info.width, info.height, info.content_type) == (40, 30, "image/png")


def test_the_file_can_be_read_again_from_the_start_after_the_check():
    file = upload("report.pdf", samples.PDF)

    validate_upload(file, kinds={"pdf"}, max_bytes=MB)

    assert file.read() == samples.PDF


def test_a_png_named_pdf_is_refused_because_the_name_disagrees_with_the_content():
    error = refusal(upload("report.pdf", samples.image_bytes("PNG")))

    assert error.code == "extension_mismatch"
    assert "ends in .pdf, but the file is a PNG image" in error.messages[0]
    assert ".png" in error.messages[0]


def test_a_jpeg_named_png_is_refused():
    error = refusal(upload("photo.png", samples.image_bytes("JPEG")))

    assert error.code == "extension_mismatch"
    assert "a JPEG image" in error.messages[0]


def test_a_docx_named_xlsx_is_refused():
    error = refusal(upload("budget.xlsx", samples.DOCX))

    assert error.code == "extension_mismatch"
    assert "a Word document (.docx)" in error.messages[0]


def test_a_file_without_an_extension_is_refused_with_the_extension_it_needs():
    error = refusal(upload("report", samples.PDF))

    assert error.code == "extension_mismatch"
    assert "has no extension" in error.messages[0]
    assert ".pdf" in error.messages[0]


def test_a_windows_program_renamed_pdf_is_refused_as_a_program():
    error = refusal(upload("notice.pdf", samples.EXE))

    assert error.code == "executable"
    assert error.messages == [
        "This file is a Windows program (.exe). Programs and scripts cannot be "
        "uploaded."
    ]


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (samples.ELF, "a Linux program"),
        (samples.MACHO, "a macOS program"),
        (samples.SHELL, "a script"),
    ],
)
def test_programs_and_scripts_are_refused_whatever_their_name(content, what):
    error = refusal(upload("minutes.txt", content))

    assert error.code == "executable"
    assert f"This file is {what}." in error.messages[0]


@pytest.mark.parametrize("name", ["page.html", "page.txt", "page.pdf"])
def test_a_web_page_is_refused_whatever_its_name(name):
    error = refusal(upload(name, samples.HTML))

    assert error.code == "html"
    assert "web page (HTML)" in error.messages[0]


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo.txt"])
def test_an_svg_image_is_refused_whatever_its_name(name):
    error = refusal(upload(name, samples.SVG))

    assert error.code == "svg"
    assert "SVG images can contain scripts" in error.messages[0]


def test_an_svg_without_an_xml_declaration_is_refused_too():
    content = b'  <svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'

    assert refusal(upload("a.txt", content)).code == "svg"


def test_a_file_over_the_limit_is_refused_with_the_limit_in_megabytes():
    content = samples.PDF + b"%" * (MB + MB // 2)

    error = refusal(upload("big.pdf", content), max_bytes=MB)

    assert error.code == "too_large"
    assert "at most 1 MB" in error.messages[0]
    assert "This file is 1.5 MB" in error.messages[0]


def test_a_file_exactly_at_the_limit_is_accepted():
    content = samples.PDF.ljust(2048, b"%")

    info = validate_upload(upload("a.pdf", content), kinds={"pdf"}, max_bytes=2048)

    assert info.size == 2048


def test_a_file_that_understates_its_size_is_still_measured():
    file = upload("big.pdf", samples.PDF + b"%" * 4096)
    file.size = 10

    assert refusal(file, max_bytes=1024).code == "too_large"


def test_an_empty_file_is_refused():
    assert refusal(upload("a.pdf", b"")).messages == ["This file is empty."]


def test_a_kind_not_asked_for_is_refused_and_the_accepted_kinds_are_named():
    error = refusal(upload("photo.png", samples.image_bytes("PNG")), kinds={"pdf"})

    assert error.code == "kind_not_accepted"
    assert error.messages == [
        "This file is a PNG image, which is not accepted here. Accepted: PDF."
    ]


def test_office_files_are_refused_where_only_images_are_accepted():
    error = refusal(upload("a.docx", samples.DOCX), kinds={"image"})

    assert error.code == "kind_not_accepted"
    assert "images (JPEG, PNG, WebP, GIF)" in error.messages[0]


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="svg"):
        validate_upload(upload("a.pdf", samples.PDF), kinds={"svg"}, max_bytes=MB)


def test_a_docx_without_its_word_folder_is_not_recognised():
    assert refusal(upload("a.docx", samples.DOCX_WITHOUT_WORD_FOLDER)).code == (
        "unrecognised"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.docm", samples.DOCM),
        ("a.docx", samples.DOCM),
        ("a.doc", samples.DOC_WITH_MACROS),
    ],
)
def test_office_files_with_macros_are_refused(name, content):
    error = refusal(upload(name, content))

    assert error.code == "macros"
    assert "contains macros" in error.messages[0]


def test_a_password_protected_office_file_is_refused_with_the_reason():
    error = refusal(upload("a.docx", samples.ENCRYPTED_DOCX))

    assert error.code == "encrypted"
    assert "protected by a password" in error.messages[0]


def test_an_installer_in_a_compound_file_named_doc_is_not_recognised():
    assert refusal(upload("setup.doc", samples.MSI)).code == "unrecognised"


def test_an_opendocument_presentation_is_not_recognised():
    assert refusal(upload("a.odt", samples.ODP)).code == "unrecognised"


@pytest.mark.parametrize("content", [samples.PLAIN_ZIP, samples.JAR])
def test_zip_archives_are_refused_even_when_named_docx(content):
    error = refusal(upload("minutes.docx", content))

    assert error.code == "archive"
    assert "ZIP archive" in error.messages[0]


def test_a_truncated_zip_is_refused_as_damaged():
    assert refusal(upload("a.docx", samples.DOCX[:40])).code == "damaged"


def test_a_text_file_with_nul_bytes_is_not_recognised():
    assert refusal(upload("a.txt", b"abc\x00def")).code == "unrecognised"


def test_a_text_file_not_in_utf8_is_refused_with_advice():
    error = refusal(upload("a.csv", samples.GBK_TEXT))

    assert error.code == "encoding"
    assert "not in UTF-8" in error.messages[0]


def test_a_truncated_png_is_refused_as_damaged():
    content = samples.image_bytes("PNG", size=(200, 200))

    assert refusal(upload("a.png", content[: len(content) // 2])).code == "damaged"


def test_a_png_signature_followed_by_garbage_is_refused_as_damaged():
    content = b"\x89PNG\r\n\x1a\n" + b"garbage" * 20

    assert refusal(upload("a.png", content)).code == "damaged"


def test_an_image_over_pillows_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    # 40 x 30 = 1200 pixels: over the limit, under twice the limit (a warning).
    content = samples.image_bytes("PNG", size=(40, 30))

    error = refusal(upload("a.png", content))

    assert error.code == "too_many_pixels"
    assert "too many pixels" in error.messages[0]


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    # 2,000 x 2,000 pixels of one colour compress to a few kilobytes.
    content = samples.image_bytes("PNG", size=(2000, 2000))

    assert refusal(upload("a.png", content)).code == "too_many_pixels"
