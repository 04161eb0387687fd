"""The case page's panel of service-type assistance: the case's referrals (with
their status, visits and outcome) and the help asked of the charity and
volunteers apps, and for those who may refer, the forms to refer the case, post
an anonymous need and ask for a visiting activity."""

from __future__ import annotations

from typing import Any

from assistance.cases.panels import Panel
from assistance.handling.pages import kept_form
from assistance.referrals import selectors
from assistance.referrals.forms import NeedForm, VolunteerVisitForm, refer_form


def referrals_context(request: Any, case: Any) -> dict[str, Any] | None:
    user = request.user
    if not user.has_perm("assistance.view_case", case):
        return None
    context: dict[str, Any] = {
        "referrals": selectors.case_referrals(case),
        "links": selectors.case_links(case),
    }
    if user.has_perm("assistance.refer_case", case):
        context.update(
            refer_form=kept_form(request, "refer") or refer_form(case),
            need_form=kept_form(request, "need") or NeedForm(),
            visit_form=kept_form(request, "volunteer-visit") or VolunteerVisitForm(),
        )
    return context


PANEL = Panel(
    key="referrals",
    template="assistance/referrals/_panel.html",
    context=referrals_context,
    order=80,
)
