"""Reads for the joint qualification review and the 两委 leadership figures
(一肩挑, 交叉任职): a fixed number of queries at any size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from communities.models import Community, Region
from governance.bodies.models import Body, Position, Term
from governance.vetting.models import (
    DEFAULT_ONE_SHOULDER_TARGET,
    ReviewCandidate,
    ReviewDepartment,
    ReviewException,
    ReviewGround,
    ReviewResult,
    ReviewRound,
    VettingSettings,
)

PENDING, PASSED, FAILED = "pending", "passed", "failed"


def district_of(community: Community) -> Region:
    return community.street.parent


def settings_for(district: Region) -> VettingSettings:
    """The district's settings, or the defaults (unsaved) until it changes them."""
    found = VettingSettings.objects.filter(district=district).first()
    return found or VettingSettings(district=district)


def departments(district: Region, *, active_only: bool = False) -> QuerySet:
    qs = ReviewDepartment.objects.filter(district=district)
    return qs.filter(is_active=True) if active_only else qs


def grounds(district: Region, *, active_only: bool = False) -> QuerySet:
    qs = ReviewGround.objects.filter(district=district)
    return qs.filter(is_active=True) if active_only else qs


def rounds_in(region: Region) -> QuerySet:
    """The rounds of the region's communities, newest first (one query)."""
    return (
        ReviewRound.objects.filter(community__in=Community.objects.in_region(region))
        .select_related("community", "opened_by")
        .order_by("-opened_at", "-pk")
    )


def exceptions_in(district: Region) -> QuerySet:
    return ReviewException.objects.filter(
        community__street__parent=district
    ).select_related("community", "person", "granted_by")


@dataclass
class CandidateRow:
    candidate: ReviewCandidate
    cells: list[ReviewResult | None] = field(default_factory=list)

    @property
    def failures(self) -> list[ReviewResult]:
        return [cell for cell in self.cells if cell is not None and not cell.passed]

    @property
    def status(self) -> str:
        if self.failures:
            return FAILED
        if all(cell is not None for cell in self.cells) and self.cells:
            return PASSED
        return PENDING


def grid(review: ReviewRound) -> tuple[list[ReviewDepartment], list[CandidateRow]]:
    """The round's departments and a row per candidate with a cell per department
    (None while the department has not answered). Three queries."""
    depts = list(review.departments.order_by("order", "pk"))
    candidates = list(review.candidates.select_related("person"))
    results = ReviewResult.objects.filter(candidate__review=review).select_related(
        "ground", "recorded_by"
    )
    by_cell = {(r.candidate_id, r.department_id): r for r in results}
    rows = [
        CandidateRow(
            candidate=candidate,
            cells=[by_cell.get((candidate.pk, d.pk)) for d in depts],
        )
        for candidate in candidates
    ]
    return depts, rows


def missing_results(review: ReviewRound) -> int:
    """How many candidate × department cells of the round have no result yet."""
    departments_count = review.departments.count()
    candidates = review.candidates.count()
    recorded = ReviewResult.objects.filter(
        candidate__review=review, department__in=review.departments.all()
    ).count()
    return departments_count * candidates - recorded


def has_passed_review(
    *, community: Community, person: Any, on: datetime.date | None = None
) -> bool:
    """Whether the person passed a current review round of the community: a closed
    round, closed within the district's validity, where every department of the
    round passed them."""
    on = on or timezone.localdate()
    validity = settings_for(district_of(community)).validity_days
    cutoff = on - datetime.timedelta(days=validity)
    candidacies = ReviewCandidate.objects.filter(
        person=person,
        review__community=community,
        review__closed_on__gte=cutoff,
        review__closed_on__lte=on,
    ).select_related("review")
    for candidacy in candidacies:
        wanted = set(candidacy.review.departments.values_list("pk", flat=True))
        passed = set(
            candidacy.results.filter(passed=True).values_list(
                "department_id", flat=True
            )
        )
        failed = candidacy.results.filter(passed=False).exists()
        if wanted and not failed and wanted <= passed:
            return True
    return False


def has_exception(*, community: Community, person: Any) -> bool:
    return ReviewException.objects.filter(community=community, person=person).exists()


def may_hold_two_committee_term(*, community: Community, person: Any) -> bool:
    """Passed a current review of the community, or excepted by the district."""
    return has_exception(community=community, person=person) or has_passed_review(
        community=community, person=person
    )


# ---------------------------------------------------------------------------
# 一肩挑 and 交叉任职
# ---------------------------------------------------------------------------
@dataclass
class Leadership:
    """The 两委 of one community on a day.

    `one_shoulder` is True when the Party secretary chairs the committee, False
    when two people hold the seats, None while either seat is empty.
    `cross_share` is the percentage of 两委 members on both bodies (None without
    members).
    """

    one_shoulder: bool | None
    members: int
    on_both: int

    @property
    def cross_share(self) -> int | None:
        if not self.members:
            return None
        return round(100 * self.on_both / self.members)


def leadership_from(terms: Iterable[tuple[str, int, str]]) -> Leadership:
    """From (body kind, person id, position) of the 两委 terms in force."""
    secretary = chair = None
    seats: dict[str, set[int]] = defaultdict(set)
    for kind, person, position in terms:
        if kind not in (Body.Kind.COMMITTEE, Body.Kind.PARTY):
            continue
        seats[kind].add(person)
        if kind == Body.Kind.PARTY and position == Position.SECRETARY:
            secretary = person
        if kind == Body.Kind.COMMITTEE and position == Position.CHAIR:
            chair = person
    committee, party = seats[Body.Kind.COMMITTEE], seats[Body.Kind.PARTY]
    one_shoulder = None if secretary is None or chair is None else secretary == chair
    return Leadership(
        one_shoulder=one_shoulder,
        members=len(committee | party),
        on_both=len(committee & party),
    )


def leadership_of_rosters(rosters: Iterable[Any]) -> Leadership:
    """The figures of one community from its rosters (no query)."""
    return leadership_from(
        (roster.body.kind, term.person_id, term.position)
        for roster in rosters
        for term in roster.terms
    )


def leadership(
    community_ids: Iterable[int], *, on: datetime.date | None = None
) -> dict[int, Leadership]:
    """{community id: Leadership} for many communities, in one query."""
    ids = list(community_ids)
    rows: dict[int, list[tuple[str, int, str]]] = {pk: [] for pk in ids}
    terms = (
        Term.objects.current(on)
        .filter(
            body__community_id__in=ids,
            body__kind__in=[Body.Kind.COMMITTEE, Body.Kind.PARTY],
            body__is_active=True,
        )
        .values_list("body__community_id", "body__kind", "person_id", "position")
    )
    for community_id, kind, person, position in terms:
        rows[community_id].append((kind, person, position))
    return {pk: leadership_from(found) for pk, found in rows.items()}


def one_shoulder_targets(district_ids: Iterable[int]) -> dict[int, int]:
    """{district id: 一肩挑 target percent}, the default where none is set (one query)."""
    ids = set(district_ids)
    found = dict(
        VettingSettings.objects.filter(district_id__in=ids).values_list(
            "district_id", "one_shoulder_target"
        )
    )
    return {pk: found.get(pk, DEFAULT_ONE_SHOULDER_TARGET) for pk in ids}
