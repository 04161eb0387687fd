"""Reads of topics: a community's consultations and open suggestions, one
consultation's page, the chain of its steps, the overdue count.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, Exists, OuterRef, Prefetch, Value
from django.urls import reverse

from communities.models import Community, Membership
from consultation.meetings.models import Meeting
from consultation.topics.models import (
    CHAIN,
    Consultation,
    ConsultationEvent,
    State,
    Suggestion,
    Support,
)

# ---------------------------------------------------------------------------
# A support
# ---------------------------------------------------------------------------
# Read after every support. Written as SQL, like the sign-up's counts
# (volunteers/shifts/selectors.py): two ORM counts cost two queries and about
# 1 ms of the request to build (docs/benchmarks.md, "A worker's garbage
# collection, supports and comments").
_SUPPORT_COUNTS_SQL = """
    SELECT
      (SELECT COUNT(*) FROM {support} WHERE suggestion_id = %(suggestion)s),
      (SELECT COUNT(*) FROM {membership}
        WHERE community_id = %(community)s AND status = %(verified)s AND is_adult)
"""


def support_counts(suggestion: Suggestion) -> tuple[int, int]:
    """(the suggestion's supporters, its community's verified adult residents) in
    one query; the second is what the petition threshold is a share of."""
    with connection.cursor() as cursor:
        cursor.execute(*support_counts_query(suggestion))
        supporters, adults = cursor.fetchone()
    return supporters, adults


def support_counts_query(suggestion: Suggestion) -> tuple[str, dict[str, Any]]:
    """The SQL of `support_counts` and its parameters."""
    sql = _SUPPORT_COUNTS_SQL.format(
        support=Support._meta.db_table, membership=Membership._meta.db_table
    )
    params = {
        "suggestion": suggestion.pk,
        "community": suggestion.community_id,
        "verified": Membership.Status.VERIFIED.value,
    }
    return sql, params


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def consultations_of(community: Community, state: str | None = None):
    queryset = Consultation.objects.filter(community=community).select_related(
        "suggestion"
    )
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-state_changed_at", "-pk")


def open_suggestions_of(community: Community):
    return (
        Suggestion.objects.filter(community=community, status=Suggestion.Status.OPEN)
        .annotate(support_count=Count("supports"))
        .select_related("author")
        .order_by("-support_count", "-created_at")
    )


def consultation_page(community: Community, pk: int) -> Consultation:
    return (
        Consultation.objects.filter(community=community, pk=pk)
        .select_related("community", "suggestion", "proposed_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ConsultationEvent.objects.select_related("actor"),
            ),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.annotate(
                    participant_count=Count("participants")
                ).order_by("starts_at"),
            ),
        )
        .get()
    )


def overdue_count(community: Community) -> int:
    return Consultation.objects.filter(community=community).decision_overdue().count()


def chain_steps(consultation: Consultation) -> list[dict[str, Any]]:
    """The chain's steps with when each was reached (for the page's progress list)."""
    reached = {e.to_state: e for e in consultation.events.all()}
    return [
        {
            "state": state,
            "label": State(state).label,
            "event": reached.get(state),
            "current": consultation.state == state,
        }
        for state in (*_chain_for(consultation),)
    ]


def _chain_for(consultation: Consultation) -> tuple[str, ...]:

    if consultation.state == State.DECLINED:
        return (State.PROPOSED, State.DECLINED)
    return CHAIN


def search_document(consultation: Consultation) -> dict[str, Any] | None:
    """What the site search shows of a consultation (every one is public; a
    declined proposal is not worth finding)."""
    if consultation.state == State.DECLINED:
        return None
    return {
        "community": consultation.community,
        "title": consultation.title,
        "text": " ".join(
            (consultation.description, consultation.opinion, consultation.feedback)
        ),
        "url": reverse(
            "consultation:detail",
            args=[consultation.community.slug, consultation.pk],
        ),
        "published_at": consultation.created_at,
    }


# ---------------------------------------------------------------------------
# The community home and "mine" (communities.home blocks; one query each)
# ---------------------------------------------------------------------------
# The steps in which a consultation gathers residents' opinions: from its
# acceptance until the meeting is held.
COLLECTING = (State.ACCEPTED, State.PARTICIPANTS_SET, State.NOTICE_PUBLISHED)


def collecting_opinions(community: Community, limit: int) -> list[Consultation]:
    """The community's consultations now collecting opinions, latest step first."""
    return list(
        Consultation.objects.filter(community=community, state__in=COLLECTING)
        .select_related("community")
        .order_by("-state_changed_at", "-pk")[:limit]
    )


def my_suggestions(user: Any, limit: int) -> list[Suggestion]:
    """Suggestions this person made, newest first, with their support count."""
    return list(
        Suggestion.objects.filter(author=user)
        .select_related("community")
        .annotate(support_count=Count("supports"))
        .order_by("-created_at", "-pk")[:limit]
    )


def suggestion_page(user: Any):
    """Suggestions with their supporters counted in SQL (`support_count`) and
    whether this person is one (`supported`), not their supports read."""
    supported = (
        Exists(Support.objects.filter(suggestion=OuterRef("pk"), user_id=user.pk))
        if getattr(user, "is_authenticated", False)
        else Value(False, output_field=BooleanField())
    )
    return Suggestion.objects.select_related("author").annotate(
        support_count=Count("supports"), supported=supported
    )


def my_supports(user: Any, limit: int) -> list[Support]:
    """Suggestions of others this person supports, newest support first."""
    return list(
        Support.objects.filter(user=user)
        .exclude(suggestion__author=user)
        .select_related("suggestion__community")
        .order_by("-created_at", "-pk")[:limit]
    )
