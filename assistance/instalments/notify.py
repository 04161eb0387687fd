"""Telling the household about its instalments (the applicant's account and the
verified members of the household), with the amount released."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from assistance.cases.models import Case
from assistance.cases.notify import my_case_url
from communities.models import Membership
from notifications.services import notify

KIND_INSTALMENT = "assistance.instalment"


def household_accounts(case: Case) -> list[Any]:
    ids = set()
    if case.applicant_id:
        ids.add(case.applicant_id)
    if case.household_id:
        ids.update(
            Membership.objects.filter(
                household_id=case.household_id, status=Membership.Status.VERIFIED
            ).values_list("user_id", flat=True)
        )
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def tell_household(case: Case, title: str, body: str = "") -> Any:
    people = household_accounts(case)
    if not people:
        return []
    return notify(
        recipients=people,
        kind=KIND_INSTALMENT,
        title=title,
        body=body,
        url=my_case_url(case),
    )
