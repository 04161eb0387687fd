"""Telling the household the outcome of a periodic review: the decision, the
new amount from which month, and the reasons."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from assistance.cases.models import Case
from assistance.cases.notify import my_case_url
from assistance.decisions.amounts import money
from notifications.services import notify

KIND_REVIEW_OUTCOME = "assistance.review_outcome"


def tell_household(case: Case, review: Any) -> Any:
    """Notify the applicant's account (if any) of the review's outcome."""
    if case.applicant_id is None:
        return []
    if review.outcome == "stop":
        title = _("Your assistance is stopped")
        body = _("From %(month)s. Reasons: %(reasons)s")
    else:
        title = _("Your assistance was reviewed: %(outcome)s") % {
            "outcome": review.get_outcome_display()
        }
        body = _("%(amount)s yuan per month from %(month)s. Reasons: %(reasons)s")
    body = body % {
        "amount": money(case.monthly_amount or 0),
        "month": f"{review.from_month:%Y-%m}",
        "reasons": review.reasons,
    }
    return notify(
        recipients=case.applicant,
        kind=KIND_REVIEW_OUTCOME,
        title=title,
        body=body,
        url=my_case_url(case),
    )
