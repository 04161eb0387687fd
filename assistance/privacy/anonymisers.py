"""What each concern blanks when a case's retention period ends: a concern that
keeps personal text about a case registers a function of the case ids, run in
the same transaction as `assistance.privacy.services.anonymise_cases`:

    anonymisers.register(lambda case_ids: Review.objects.filter(
        case_id__in=case_ids).update(findings="", history=""))
"""

from __future__ import annotations

from collections.abc import Callable

_ANONYMISERS: list[Callable[[list[int]], None]] = []


def register(anonymise: Callable[[list[int]], None]) -> None:
    if anonymise not in _ANONYMISERS:
        _ANONYMISERS.append(anonymise)


def run(case_ids: list[int]) -> None:
    for anonymise in _ANONYMISERS:
        anonymise(case_ids)
