"""Line-by-line differences between two published versions of a disclosure."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape

from governance.disclosures.models import (
    DisclosureVersion,
)


@dataclass(frozen=True)
class DiffRow:
    tag: str  # "equal", "insert", "delete"
    text: str


def diff_versions(a: DisclosureVersion, b: DisclosureVersion) -> list[DiffRow]:
    """Line-by-line differences between two versions' text (escaped for display)."""
    rows = []
    for line in difflib.ndiff(a.text.splitlines(), b.text.splitlines()):
        code, text = line[:2], escape(line[2:])
        if code == "  ":
            rows.append(DiffRow("equal", text))
        elif code == "- ":
            rows.append(DiffRow("delete", text))
        elif code == "+ ":
            rows.append(DiffRow("insert", text))
    return rows
