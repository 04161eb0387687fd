"""The permission-table harness: the tables in docs/permissions.md, read and checked.

Each app's permission test declares its columns and a row per actor, and checks
the whole table in one test: it builds its world and each row's person once and
`differing` asks every cell, naming each cell where the code disagrees (building
the world per cell made these tables thousands of slow tests). `doc_table` reads
the same table from the docs between `<!-- NAME-table:start -->` and
`<!-- NAME-table:end -->`, so a test fails when the code, the test and the
documentation disagree. `cells` (one pytest parameter per cell) remains for small
tables whose cells cannot share a world.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from django.conf import settings

YES = "✓"


def doc_table(name: str, columns: Sequence[str]) -> dict[str, tuple[bool, ...]]:
    """The `name` table of docs/permissions.md as {row: (allowed per column)}."""
    text = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    block = re.search(
        rf"<!-- {re.escape(name)}-table:start -->(.*?)<!-- {re.escape(name)}-table:end -->",
        text,
        re.DOTALL,
    )
    assert block, f"docs/permissions.md lacks the {name} table"
    rows = [line for line in block.group(1).strip().splitlines() if line.strip()]
    header = [cell.strip() for cell in rows[0].strip().strip("|").split("|")]
    assert tuple(header[1:]) == tuple(columns), (header[1:], columns)
    table = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        table[cells[0]] = tuple(cell == YES for cell in cells[1:])
    return table


def cells(table: Mapping[str, Sequence[bool]], columns: Sequence[str]) -> list:
    """One pytest parameter (who, column, expected) per cell of the table."""
    return [
        pytest.param(who, column, expected, id=f"{who} | {column}")
        for who, row in table.items()
        for column, expected in zip(columns, row, strict=True)
    ]


def differing(
    table: Mapping[str, Sequence[bool]],
    columns: Sequence[str],
    answer: Callable[[str, str], object],
) -> list[str]:
    """Every cell where `answer(who, column)` is not the table's value, by name.

    Use as `wrong = differing(...)` then `assert not wrong, "\\n".join(wrong)`, so
    one run reports every differing cell. An error while asking names its cell.
    """
    wrong = []
    for who, row in table.items():
        for column, expected in zip(columns, row, strict=True):
            try:
                got = answer(who, column)
            except Exception as error:
                error.add_note(f"while asking the cell {who} | {column}")
                raise
            if got is not expected:
                wrong.append(
                    f"{who} | {column}: table says {expected}, code says {got!r}"
                )
    return wrong
