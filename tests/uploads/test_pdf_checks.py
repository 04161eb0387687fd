"""A PDF is read with pypdf: one that does not parse, or that carries scripts,
automatic actions or embedded files, is refused with a translated reason."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from communities.uploads import MB, validate_upload
from tests.uploads.samples import PDF, build_pdf, upload


def refusal(content, name="notice.pdf"):
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, content), kinds={"pdf"}, max_bytes=5 * MB)
    return caught.value


def test_a_plain_pdf_is_accepted():
    info = validate_upload(upload("notice.pdf", PDF), kinds={"pdf"}, max_bytes=MB)
    assert (info.kind, info.format) == ("pdf", "pdf")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\nfunction steal(){app.alert(document.cookie)}\nsteal();\n",
        b"%PDF-1.7\n#!/bin/sh\nrm -rf ~\n",
        b"%PDF-1.4 fake",
        PDF[: len(PDF) // 2],
    ],
    ids=["javascript", "shell", "header-only", "truncated"],
)
def test_pdf_magic_bytes_followed_by_something_else_are_refused(content):
    assert refusal(content).code == "damaged"


def test_a_pdf_header_followed_by_a_web_page_is_refused_even_if_a_pdf_follows():
    content = b"%PDF-1.4\n<script>alert(document.cookie)</script>\n" + PDF
    assert refusal(content).code == "pdf_active_content"


@pytest.mark.parametrize(
    ("catalog", "extra"),
    [
        (b"/OpenAction 4 0 R", [b"<</S/JavaScript/JS(app.alert(1))>>"]),
        (b"/Names<</JavaScript 4 0 R>>", [b"<</Names[(a) 5 0 R]>>", b"<</JS(x)>>"]),
        (b"/Names<</J#61vaScript 4 0 R>>", [b"<</Names[(a) 5 0 R]>>", b"<</JS(x)>>"]),
        (b"/OpenAction 4 0 R", [b"<</S/Launch/F(cmd.exe)>>"]),
        (b"/OpenAction[3 0 R/Fit]", []),
        (b"/AA<</WC 4 0 R>>", [b"<</S/URI/URI(https://example.org)>>"]),
        (b"/Names<</EmbeddedFiles 4 0 R>>", [b"<</Names[(a.exe) 5 0 R]>>", b"<<>>"]),
        (b"", [b"<</Type/EmbeddedFile/Length 0>>stream\n\nendstream"]),
        (b"/AcroForm<</Fields[]/XFA 4 0 R>>", [b"<</Length 0>>stream\n\nendstream"]),
        (b"", [b"<</Type/Annot/Subtype/RichMedia>>"]),
        (b"", [b"<</S/Launch/F(calc.exe)>>"]),  # an object nothing points to
    ],
    ids=[
        "openaction-javascript",
        "names-javascript",
        "escaped-name",
        "launch",
        "openaction-view",
        "additional-actions",
        "embedded-files",
        "embedded-file-stream",
        "xfa",
        "richmedia",
        "unreferenced-launch",
    ],
)
def test_a_pdf_with_active_content_is_refused(catalog, extra):
    error = refusal(build_pdf(catalog, *extra))
    assert error.code == "pdf_active_content"
    assert "scripts, automatic actions or embedded files" in error.messages[0]


def test_the_refusal_is_translated():
    with translation.override("zh-hans"):
        error = refusal(build_pdf(b"/OpenAction 4 0 R", b"<</S/JavaScript/JS(x)>>"))
    assert "脚本" in error.messages[0]


def test_a_link_to_a_web_address_is_not_active_content():
    annotation = b"<</Type/Annot/Subtype/Link/A<</S/URI/URI(https://example.org)>>>>"
    content = build_pdf(b"", annotation)
    info = validate_upload(upload("notice.pdf", content), kinds={"pdf"}, max_bytes=MB)
    assert info.format == "pdf"
