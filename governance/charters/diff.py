"""Comparing two versions of a charter clause by clause.

Clauses are matched by their `key`, which a revision copies from the version it
starts from, so a clause keeps its identity when clauses before it are added or
removed. Within a changed clause the difference is shown word by word: Latin words
and numbers are one token each, every Chinese character is one token (Chinese has
no spaces between words). Every token is escaped before it is wrapped in <ins> or
<del>, so clause text can never inject markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
SAME = "same"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def word_diff(old: str, new: str) -> SafeString:
    """HTML of `new` with insertions in <ins> and deletions in <del>, all escaped."""
    a, b = tokens(old), tokens(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


@dataclass
class ClauseChange:
    status: str  # added, removed, changed, same
    old: object | None  # CharterClause
    new: object | None
    html: SafeString | str = ""

    @property
    def number(self) -> int:
        return (self.new or self.old).number


def _text(clause) -> str:
    return f"{clause.heading}\n{clause.text}" if clause.heading else clause.text


def compare(old_version, new_version) -> list[ClauseChange]:
    """Every clause of either version with what happened to it, in reading order:
    the new version's clauses, with removed ones placed after their predecessor."""
    old = list(old_version.clauses.all())
    new = list(new_version.clauses.all())
    old_by_key = {c.key: c for c in old}
    new_keys = {c.key for c in new}
    changes: list[ClauseChange] = []
    for clause in new:
        before = old_by_key.get(clause.key)
        if before is None:
            changes.append(ClauseChange(ADDED, None, clause, escape(_text(clause))))
        elif _text(before) != _text(clause):
            changes.append(
                ClauseChange(
                    CHANGED, before, clause, word_diff(_text(before), _text(clause))
                )
            )
        else:
            changes.append(ClauseChange(SAME, before, clause, escape(_text(clause))))
    # Removed clauses go right after the clause that preceded them in the old text.
    for index, clause in enumerate(old):
        if clause.key in new_keys:
            continue
        removed = ClauseChange(REMOVED, clause, None, escape(_text(clause)))
        position = 0
        for earlier in reversed(old[:index]):
            spot = next(
                (
                    i
                    for i, c in enumerate(changes)
                    if c.old is earlier
                    or (c.new is not None and c.new.key == earlier.key)
                ),
                None,
            )
            if spot is not None:
                position = spot + 1
                break
        changes.insert(position, removed)
    return changes


def summary(changes: list[ClauseChange]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, SAME: 0}
    for change in changes:
        counts[change.status] += 1
    return counts
