"""Reads for the applicant's pages: "my applications", one case's page, the
public status query, and the rows that prefill a new application."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.masking import mask_name
from assistance.cases.access import phone_digest
from assistance.cases.deadlines import DEADLINE_STATES, working_days_left
from assistance.cases.models import Case, CaseEvent, Relationship, State
from assistance.decisions.models import Appeal
from communities.models import Community, Household, Membership


def cases_of(user: Any) -> QuerySet[Case]:
    """The cases of the person's households, their own, and those they filed (代办)."""
    households = Membership.objects.verified().filter(user=user).values("household_id")
    return (
        Case.objects.filter(
            Q(applicant=user)
            | Q(household_id__in=households)
            | Q(filed_by=user, filed_by_proxy=True)
        )
        .select_related("community")
        .only(
            "tracking_number",
            "community__name",
            "community__slug",
            "kind",
            "temporary_cause",
            "state",
            "created_at",
            "submitted_at",
            "decision_due",
            "filed_by_proxy",
            "applicant_name",
        )
        .order_by("-created_at", "-pk")
    )


def case_by_number(tracking_number: str) -> Case | None:
    return (
        Case.objects.select_related("community", "community__street", "household")
        .filter(tracking_number=(tracking_number or "").strip().upper())
        .first()
    )


def steps(case: Case) -> list[CaseEvent]:
    """The steps of the case after the draft, oldest first, for its household:
    each change of state, and each other step that carries a note meant for the
    applicant (internal steps such as a signature are left out)."""
    return list(
        case.events.exclude(to_state=State.DRAFT)
        .exclude(Q(from_state=F("to_state")) & Q(public_note=""))
        .only("action", "from_state", "to_state", "at", "public_note", "case_id")
    )


def status_lookup(tracking_number: str, phone: str) -> Case | None:
    """The case matching both the tracking number and the phone, or None (the
    same answer whichever of the two is wrong). Drafts are never found."""
    digest = phone_digest(phone)
    if not digest:
        return None
    return (
        Case.objects.exclude(state=State.DRAFT)
        .filter(
            tracking_number=(tracking_number or "").strip().upper(), phone_digest=digest
        )
        .only("tracking_number", "state", "submitted_at", "decision_due", "kind")
        .first()
    )


def state_changes(case: Case) -> list[dict[str, Any]]:
    """For the public status: each change of state and its date, nothing else."""
    labels = dict(State.choices)
    events = (
        case.events.exclude(to_state__in=("", State.DRAFT))
        .exclude(from_state=F("to_state"))
        .only("to_state", "at", "case_id")
    )
    return [{"state": labels[e.to_state], "on": e.at} for e in events]


def deadline_of(case: Case) -> dict[str, Any] | None:
    if case.state not in DEADLINE_STATES or case.decision_due is None:
        return None
    return {"due": case.decision_due, "left": working_days_left(case)}


CAPACITIES = {
    "coordinator": _("assistance coordinator"),
    "street officer": _("street assistance officer"),
    "district supervisor": _("district assistance supervisor"),
    "filer": _("staff who filed the application"),
    "platform admin": _("platform administrator, with a recorded reason"),
}


def reads_of(case: Case) -> list[dict[str, Any]]:
    """Who read the file: capacity, time and the reader's masked name."""
    return [
        {
            "capacity": CAPACITIES.get(read.capacity, read.capacity),
            "at": read.at,
            "reader": mask_name(
                (read.reader.real_name or read.reader.display_name)
                if read.reader
                else ""
            ),
        }
        for read in case.reads.select_related("reader").only(
            "capacity", "at", "reader__real_name", "reader__display_name", "case_id"
        )[:200]
    ]


def prefill_members(case: Case) -> list[dict[str, Any]]:
    """A new application's member rows: the verified members of the household,
    the applicant first as "self"."""
    if case.household_id is None:
        return []
    rows = []
    memberships = (
        Membership.objects.verified()
        .filter(household_id=case.household_id)
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        person = membership.user
        is_self = person.pk == case.applicant_id
        row = {
            "name": (person.real_name or person.display_name)[:60],
            "relationship": Relationship.SELF if is_self else "",
            "account": person.pk,
        }
        rows.insert(0, row) if is_self else rows.append(row)
    if case.applicant_id is None and case.applicant_name:
        rows.insert(0, {"name": case.applicant_name, "relationship": Relationship.SELF})
    return rows


def households_in(community: Community) -> list[tuple[int, str]]:
    return [
        (household.pk, household.label)
        for household in Household.objects.filter(community=community)[:2000]
    ]


def residents_in(community: Community) -> list[tuple[int, str]]:
    """Verified residents (for 代办), by masked name and household."""
    return [
        (
            membership.user_id,
            f"{mask_name(membership.user.real_name or membership.user.display_name)}"
            f" · {membership.household.label}",
        )
        for membership in Membership.objects.verified()
        .filter(community=community)
        .select_related("user", "household")[:2000]
    ]


def household_by_id(community: Community, pk: int | None) -> Household | None:
    if pk is None:
        return None
    return Household.objects.filter(community=community, pk=pk).first()


def user_by_id(pk: int | None) -> Any:
    if pk is None:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def appeal_of(case: Case) -> Any:
    return Appeal.objects.filter(case=case).first()
