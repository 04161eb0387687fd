"""Reads of the investigation: the staff who may be the second visitor, and the
visits, checks, appraisals and opinions of a case."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from assistance.cases.models import Case
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)
from communities.models import Role
from communities.selectors import role_holders


def second_visitors(case: Case, actor: Any, *, district: bool = False) -> QuerySet:
    """The community's coordinators and the street's officers (and, for a
    district visit, the district's supervisors), except the recorder."""
    people = role_holders(
        roles=[Role.AID_COORDINATOR], community=case.community
    ) | role_holders(roles=[Role.AID_OFFICER], region=case.community.street_id)
    if district:
        people = people | role_holders(
            roles=[Role.AID_SUPERVISOR], region=case.community.street.parent_id
        )
    return people.exclude(pk=actor.pk).distinct().order_by("display_name", "pk")


def visits_of(case: Case) -> list[HomeVisit]:
    return list(
        HomeVisit.objects.filter(case=case).select_related("staff_1", "staff_2")
    )


def checks_of(case: Case) -> list[FinancialCheck]:
    return list(FinancialCheck.objects.filter(case=case).select_related("recorded_by"))


def appraisals_of(case: Case) -> list[Appraisal]:
    return list(Appraisal.objects.filter(case=case))


def opinions_of(case: Case) -> list[ReviewOpinion]:
    return list(ReviewOpinion.objects.filter(case=case).select_related("officer"))
