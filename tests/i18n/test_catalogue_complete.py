"""The Simplified Chinese catalogue translates every message the code and templates use."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import trim_whitespace

from tests.i18n.catalogue import EN_PO, ZH_PO, header_fields, read_po

BASE_DIR = Path(settings.BASE_DIR)
# The same folders `makemessages --ignore` leaves out.
SKIPPED_DIRS = {".venv", ".uv", "var", "tests", "bench", "node_modules", ".git"}
GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdir]|%[sd]|<[^>]+>")
CJK = re.compile(r"[\u4e00-\u9fff]")

TRANSLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')([^%]*)%}"""
)
BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<args>.*?)%}(?P<body>.*?)"
    r"(?:{%\s*plural\s*%}.*?)?{%\s*endblocktrans(?:late)?\s*%}",
    re.DOTALL,
)
TEMPLATE_VAR = re.compile(r"{{\s*(\w+)\s*}}")


def _project_files(pattern: str) -> list[Path]:
    return [
        path
        for path in BASE_DIR.glob(pattern)
        if not SKIPPED_DIRS.intersection(path.relative_to(BASE_DIR).parts)
    ]


def _template_files() -> list[Path]:
    return [
        path
        for pattern in ("templates/**/*", "*/templates/**/*")
        for path in _project_files(pattern)
        if path.suffix in {".html", ".txt"}
    ]


def template_messages() -> set[str]:
    """Every literal of {% translate %} and every {% blocktranslate %} body."""
    found = set()
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        for literal, rest in TRANSLATE_TAG.findall(text):
            if "context" in rest.split():
                continue
            found.add(ast.literal_eval(literal))
        for match in BLOCK_TAG.finditer(text):
            args, body = match.group("args"), match.group("body")
            if re.search(r"\bcontext\b", args):
                continue
            if re.search(r"\btrimmed\b", args):
                body = trim_whitespace(body)
            body = body.replace("%", "%%")
            found.add(TEMPLATE_VAR.sub(r"%(\1)s", body))
    return found


def python_messages() -> set[str]:
    """Every literal passed to gettext (and friends) in the project's Python code."""
    found = set()
    for path in _project_files("**/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if (
                name in GETTEXT_FUNCTIONS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value
            ):
                found.add(first.value)
    return found


def test_the_chinese_catalogue_header_names_the_language_and_its_plural_rule():
    header, _entries = read_po(ZH_PO)
    fields = header_fields(header)
    assert fields["Language"] == "zh_Hans"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert "fuzzy" not in header.flags


def test_every_chinese_message_is_translated():
    _header, entries = read_po(ZH_PO)
    empty = [e.msgid for e in entries if not all(e.translations) or not e.msgstr]
    assert not empty, "Untranslated in zh_Hans:\n" + "\n".join(empty)


def test_no_chinese_message_is_fuzzy():
    _header, entries = read_po(ZH_PO)
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "Fuzzy in zh_Hans:\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_the_one_chinese_form():
    _header, entries = read_po(ZH_PO)
    plurals = [e for e in entries if e.msgid_plural is not None]
    assert plurals
    assert all(list(e.msgstr) == [0] for e in plurals)


def test_every_translation_is_chinese_and_keeps_the_placeholders_and_markup():
    _header, entries = read_po(ZH_PO)
    problems = []
    for entry in entries:
        # Chinese has one plural form, used for every count: it keeps the
        # placeholders of the English plural ("%(n)s pages", not "one page").
        source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
        wanted = sorted(PLACEHOLDER.findall(source))
        # A message of placeholders and punctuation only has no words to translate.
        wordless = not re.search(r"[A-Za-z]", PLACEHOLDER.sub("", entry.msgid))
        for text in entry.translations:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
            if not CJK.search(text) and not wordless:
                problems.append(f"not Chinese: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_every_template_message_is_in_the_chinese_catalogue():
    _header, entries = read_po(ZH_PO)
    known = {e.msgid for e in entries}
    found = template_messages()
    assert "Page not found" in found  # the scan itself works
    missing = sorted(found - known)
    assert not missing, (
        "Run `make messages`-style makemessages and translate:\n" + "\n".join(missing)
    )


def test_every_python_message_is_in_the_chinese_catalogue():
    _header, entries = read_po(ZH_PO)
    known = {e.msgid for e in entries}
    found = python_messages()
    assert "You are not allowed to do this." in found  # the scan itself works
    missing = sorted(found - known)
    assert not missing, "Missing from locale/zh_Hans:\n" + "\n".join(missing)


def test_the_english_catalogue_lists_the_same_messages_and_falls_back_to_them():
    _zh_header, zh_entries = read_po(ZH_PO)
    en_header, en_entries = read_po(EN_PO)
    fields = header_fields(en_header)
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert {e.msgid for e in en_entries} == {e.msgid for e in zh_entries}
    assert not [e.msgid for e in en_entries if "fuzzy" in e.flags]
