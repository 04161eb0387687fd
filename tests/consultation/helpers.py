"""Helpers shared by the consultation tests only."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings


def state_rows(name: str) -> list[list[str]]:
    """The rows of a by-state table of docs/permissions.md (between
    `<!-- NAME:start -->` and `<!-- NAME:end -->`), header and rule included;
    the role tables are read with `tests.support.permissions.doc_table`."""
    text = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    block = re.search(
        rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", text, re.DOTALL
    )
    assert block, f"docs/permissions.md lacks the {name} table"
    lines = [
        line for line in block.group(1).strip().splitlines() if line.startswith("|")
    ]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
