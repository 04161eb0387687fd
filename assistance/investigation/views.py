"""Investigation actions posted from the case page's panels (one per URL):
record a home visit, sign it as the second visitor, record the financial check,
the 民主评议 and the street's review opinion."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assistance.cases.rules import is_case_supervisor
from assistance.handling import selectors as desk
from assistance.handling.pages import act, case_action, posted
from assistance.investigation import selectors, services
from assistance.investigation.forms import (
    AppraisalForm,
    CheckForm,
    ReviewForm,
    SignForm,
    VisitForm,
)
from assistance.investigation.models import HomeVisit


def visit_form(request: HttpRequest, case, data=None) -> VisitForm:
    district = bool(is_case_supervisor(request.user, case))
    people = selectors.second_visitors(case, request.user, district=district)
    return VisitForm(data, candidates=people, district=district)


visit = case_action(
    perm="assistance.record_visit",
    key="visit",
    form=lambda request, case: visit_form(request, case, request.POST),
    service=services.record_visit,
    done=gettext_lazy(
        "The home visit is recorded; the second visitor is asked to sign."
    ),
)


@require_POST
def sign(request: HttpRequest, tracking: str, pk: int) -> HttpResponse:
    case = desk.case_by_tracking(tracking)
    row = get_object_or_404(HomeVisit, case=case, pk=pk)
    return act(
        request,
        case,
        perm="assistance.view_case",
        key="sign",
        form=SignForm(request.POST),
        save=partial(services.sign_visit, visit=row, actor=request.user),
        done=_("You have signed the home visit record."),
    )


check = case_action(
    perm="assistance.record_check",
    key="check",
    form=posted(CheckForm),
    service=services.record_check,
    done=gettext_lazy("The financial check is recorded."),
)


appraisal = case_action(
    perm="assistance.record_appraisal",
    key="appraisal",
    form=posted(AppraisalForm),
    service=services.record_appraisal,
    done=gettext_lazy("The community appraisal is recorded."),
)


review = case_action(
    perm="assistance.review_case",
    key="review",
    form=posted(ReviewForm),
    service=services.record_review,
    done=gettext_lazy("The street's review opinion is recorded."),
)
