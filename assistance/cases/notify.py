"""Telling the applicant about each step of their case (in-app, and by e-mail
or digest as they chose). Only the state and what they must do; never a detail
of the investigation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from assistance.cases.models import Case
from notifications.services import notify

KIND_CASE_STEP = "assistance.case_step"


def my_case_url(case: Case) -> str:
    return reverse("assistance:my-case", args=[case.tracking_number])


def tell_applicant(case: Case, title: str, body: str = "") -> Any:
    """Notify the applicant's account, if the case has one."""
    if case.applicant_id is None:
        return []
    return notify(
        recipients=case.applicant,
        kind=KIND_CASE_STEP,
        title=title,
        body=body,
        url=my_case_url(case),
    )
