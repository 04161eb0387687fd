"""Reads of votes: tallies, quorum, results and who may still vote."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    IntegerField,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from consultation.meetings.models import Participant
from consultation.votes.models import (
    Ballot,
    BallotChoice,
    Elector,
    Motion,
    Proxy,
)

# Two indexed reads in one query (an `OR` across the proxy join made PostgreSQL read
# every elector of the motion). Written as SQL because it runs on every ballot: the
# same union built with the ORM took 3.3 ms to compile and run on the bench machine,
# this 0.8 ms (docs/benchmarks.md, "Write paths trimmed").
_ELECTORS_SQL = """
    SELECT e.* FROM {elector} e LEFT JOIN {proxy} p ON p.elector_id = e.id
     WHERE e.motion_id = %s AND e.user_id = %s AND p.id IS NULL
    UNION
    SELECT e.* FROM {elector} e JOIN {proxy} p ON p.elector_id = e.id
     WHERE e.motion_id = %s AND p.holder_id = %s
"""


def electors_for(
    *, user: Any, motion: Motion, households: bool = True
) -> list[Elector]:
    """The electors this person may cast a ballot for: their own (without a proxy)
    and those whose recorded proxy they hold, by id; with `households`, each with
    its household (the pages show it; casting a ballot does not need it)."""
    if not getattr(user, "is_authenticated", False):
        return []
    sql = _ELECTORS_SQL.format(
        elector=Elector._meta.db_table, proxy=Proxy._meta.db_table
    )
    electors = sorted(
        Elector.objects.raw(sql, [motion.pk, user.pk, motion.pk, user.pk]),
        key=lambda e: e.pk,
    )
    if households:
        prefetch_related_objects(electors, "household")
    return electors


def _checked_in_user_ids(motion: Motion) -> set[int]:
    return set(
        Participant.objects.filter(
            meeting_id=motion.agenda_item.meeting_id,
            checked_in_at__isnull=False,
            user__isnull=False,
        ).values_list("user_id", flat=True)
    )


def _is_checked_in(motion: Motion, user: Any) -> bool:
    """Whether this person is checked in at the motion's meeting (one indexed
    look-up, instead of reading everyone checked in; one more for the agenda item
    when the caller has not read it with the motion)."""
    return Participant.objects.filter(
        meeting_id=motion.agenda_item.meeting_id,
        checked_in_at__isnull=False,
        user=user,
    ).exists()


def _count(queryset, field: str) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.values(field).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


# Every live push of a meeting reads the tally, so it is written as SQL: the same
# query built with the ORM's four subqueries took about 5 ms to compile and run on the
# bench machine (docs/benchmarks.md, "Write paths trimmed"). The motion's ballot
# counts are read once, not once per option.
_TALLY_SQL = """
    SELECT o.id, o.label, o.code,
           (SELECT COUNT(*) FROM consultation_ballotchoice c WHERE c.option_id = o.id),
           COALESCE((SELECT p.count FROM consultation_papercount p
                      WHERE p.option_id = o.id LIMIT 1), 0),
           totals.online, totals.paper
      FROM consultation_option o
     CROSS JOIN (
           SELECT (SELECT COUNT(*) FROM consultation_ballot b
                    WHERE b.motion_id = %s) AS online,
                  COALESCE((SELECT t.ballots FROM consultation_papertally t
                             WHERE t.motion_id = %s), 0) AS paper
     ) totals
     WHERE o.motion_id = %s
     ORDER BY o.position
"""
_TALLY_COLUMNS = (
    "pk",
    "label",
    "code",
    "online",
    "paper",
    "online_ballots",
    "paper_ballots",
)


def tally(motion: Motion) -> dict[str, Any]:
    """Raw counts of a motion, in one query: per option online + paper, and turnout."""
    with connection.cursor() as cursor:
        cursor.execute(_TALLY_SQL, [motion.pk, motion.pk, motion.pk])
        rows = [
            dict(zip(_TALLY_COLUMNS, row, strict=True)) for row in cursor.fetchall()
        ]
    online = rows[0]["online_ballots"] if rows else 0
    paper = rows[0]["paper_ballots"] if rows else 0
    return {
        "online": online,
        "paper": paper,
        "turnout": online + paper,
        "options": [
            {
                "id": r["pk"],
                "label": r["label"],
                "code": r["code"],
                "online": r["online"],
                "paper": r["paper"],
                "count": r["online"] + r["paper"],
            }
            for r in rows
        ],
    }


def quorum_met(motion: Motion, turnout: int) -> bool:
    """More than the quorum share of the electorate took part.

    In household mode the share must be reached (≥), rounded to the setting's three
    decimals, so the default 0.667 means two thirds of households.
    """
    electorate = motion.electorate_size
    if electorate <= 0 or motion.quorum_fraction is None:
        return False
    fraction = Decimal(motion.quorum_fraction)
    if motion.household_mode:
        share = (Decimal(turnout) / Decimal(electorate)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP
        )
        return share >= fraction
    return Decimal(turnout) > fraction * electorate


def compute_result(motion: Motion) -> dict[str, Any]:
    """The result with its numbers: electorate, turnout, counts, valid, passed."""
    counts = tally(motion)
    turnout = counts["turnout"]
    majority = Decimal(motion.majority_fraction or Decimal("0.5"))
    valid = quorum_met(motion, turnout)
    needed = majority * turnout  # an option needs MORE than this
    options = []
    for option in counts["options"]:
        adopted = valid and turnout > 0 and Decimal(option["count"]) > needed
        if motion.method == Motion.Method.YES_NO and option["code"] != "for":
            adopted = False
        options.append({**option, "adopted": adopted})
    passed = any(o["adopted"] for o in options)
    result: dict[str, Any] = {
        "electorate": motion.electorate_size,
        "turnout": turnout,
        "online": counts["online"],
        "paper": counts["paper"],
        "quorum": str(motion.quorum_fraction) if motion.quorum_fraction else "",
        "majority": str(majority),
        "household_mode": motion.household_mode,
        "valid": valid,
        "passed": passed,
        "options": options,
    }
    if motion.method == Motion.Method.YES_NO:
        by_code = {o["code"]: o["count"] for o in options}
        result["for"] = by_code.get("for", 0)
        result["against"] = by_code.get("against", 0)
        result["abstain"] = by_code.get("abstain", 0)
    return result


def results_visible(motion: Motion) -> bool:
    """Results show once closed; while open only for an open (not secret) ballot that
    does not hide them. A secret ballot's running tally would tell someone watching
    the count while a person votes how that person voted."""
    return motion.status == Motion.Status.CLOSED or (
        motion.status == Motion.Status.OPEN
        and not motion.hide_results
        and not motion.is_secret
    )


def result_for_display(motion: Motion) -> dict[str, Any] | None:
    if not results_visible(motion):
        return None
    if motion.status == Motion.Status.CLOSED and motion.result is not None:
        return motion.result
    return compute_result(motion)


# ---------------------------------------------------------------------------
# The community home and "mine" (communities.home blocks; one query each)
# ---------------------------------------------------------------------------
def open_motions(community: Any, limit: int) -> list[Motion]:
    """Motions of the community open for voting now, newest first."""
    return list(
        Motion.objects.filter(community=community, status=Motion.Status.OPEN).order_by(
            "-opened_at", "-pk"
        )[:limit]
    )


def motions_awaiting(user: Any, community: Any, limit: int) -> list[Motion]:
    """Open motions this person may still vote on: an elector of theirs (their
    own without a proxy, or one whose proxy they hold) has no ballot yet."""
    electors = (
        Elector.objects.filter(
            motion__community=community, motion__status=Motion.Status.OPEN
        )
        .filter(Q(user=user, proxy__isnull=True) | Q(proxy__holder=user))
        .filter(ballots__isnull=True)
    )
    return list(
        Motion.objects.filter(pk__in=electors.values("motion_id")).order_by(
            "-opened_at", "-pk"
        )[:limit]
    )


def my_open_ballots(user: Any, limit: int) -> list[Ballot]:
    """Ballots this person cast on open (not secret) motions, with their choices.

    Secret motions are left out entirely: their choices are stored without a
    link to the ballot, and this list never even names them."""
    return list(
        Ballot.objects.filter(cast_by=user, motion__is_secret=False)
        .select_related("motion__community")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=BallotChoice.objects.filter(
                    motion__is_secret=False
                ).select_related("option"),
            )
        )
        .order_by("-cast_at", "-pk")[:limit]
    )
