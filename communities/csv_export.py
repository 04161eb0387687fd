"""CSV files the site writes, safe to open in a spreadsheet: `csv_response`,
`safe_writer`, `safe_cell`.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some
programs, a tab or carriage return before one) as a formula, so a donor named
`=HYPERLINK(...)` could make a reader's spreadsheet fetch a web address. Such a
cell is written with a single quote in front (the OWASP rule), which makes it text.
Numbers given as numbers (int, Decimal, float) are left alone, so a negative amount
stays a number; the same value typed by a person arrives as text and is prefixed.
Every CSV the site produces goes through this module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should see it: numbers as they are, text that
    would start a formula prefixed with a single quote."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """A `csv.writer` whose every cell passes through `safe_cell`."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(stream: Any, **options: Any) -> SafeWriter:
    """A formula-safe CSV writer on `stream` (a response or any text stream)."""
    return SafeWriter(stream, **options)


def csv_response(filename: str) -> HttpResponse:
    """An empty CSV download named `filename`, starting with the UTF-8 byte order
    mark so spreadsheet programs read Chinese text correctly. Write rows to it
    with `safe_writer(response)`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response
