"""Finding coercive penalties in a clause (罚款, 拘留, 没收, 取消…待遇 …).

A convention may not fine, detain, confiscate or otherwise coerce residents; a clause
whose text matches one of the patterns in `data/charter_penalty_terms.json` is flagged,
and the committee must revise it or acknowledge it (with a note) before submitting the
charter for review. The list is data: edit the JSON file, not this module.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

TERMS_FILE = Path(__file__).parent / "data" / "charter_penalty_terms.json"


@functools.cache
def patterns() -> tuple[re.Pattern[str], ...]:
    data = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    return tuple(re.compile(pattern) for pattern in data["patterns"])


def find_penalties(text: str) -> list[str]:
    """The penalty wording found in a text, in order of appearance, each once."""
    spans: list[tuple[int, int]] = []
    for pattern in patterns():
        for match in pattern.finditer(text or ""):
            spans.append((match.start(), match.end()))
    # A match inside a longer one (取消…分红 within 取消…分红待遇) is the same finding.
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not any(s <= start and end <= e for s, e in kept):
            kept.append((start, end))
    seen: list[str] = []
    for start, end in kept:
        if text[start:end] not in seen:
            seen.append(text[start:end])
    return seen
