"""Instalment actions from the case page (one URL each: set the schedule,
release, skip, stop) and the community's list of instalments."""

from __future__ import annotations

from functools import partial

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from assistance.handling import pages
from assistance.handling.selectors import case_by_tracking
from assistance.instalments import selectors, services
from assistance.instalments.forms import ReasonForm, ReleaseForm, ScheduleForm
from assistance.instalments.models import Instalment
from communities.views import CommunityView

RELEASE = "assistance.release_instalment"

set_schedule = pages.case_action(
    perm="assistance.set_instalments",
    key="instalments-schedule",
    form=lambda request, case: ScheduleForm(request.POST),
    service=services.set_schedule,
    done=_("The schedule of instalments is saved."),
)

stop = pages.case_action(
    perm=RELEASE,
    key="instalments-stop",
    form=lambda request, case: ReasonForm(request.POST, prefix="stop"),
    service=services.stop,
    done=_("The remaining instalments are stopped."),
)


def _on_instalment(request: HttpRequest, tracking: str, pk: str, *, step: str):
    case = case_by_tracking(tracking)
    instalment = get_object_or_404(Instalment, case=case, pk=pk)
    if step == "release":
        form, service, done = ReleaseForm, services.release, _("Instalment released.")
    else:
        form, service, done = ReasonForm, services.skip, _("Instalment skipped.")
    return pages.act(
        request,
        case,
        perm=RELEASE,
        key=f"{step}-{pk}",
        form=form(request.POST, prefix=f"{step}-{pk}"),
        save=partial(service, instalment=instalment, actor=request.user),
        done=done,
    )


@require_POST
def release(request: HttpRequest, tracking: str, pk: str) -> HttpResponse:
    return _on_instalment(request, tracking, pk, step="release")


@require_POST
def skip(request: HttpRequest, tracking: str, pk: str) -> HttpResponse:
    return _on_instalment(request, tracking, pk, step="skip")


class InstalmentListView(CommunityView):
    permission_required = "assistance.list_cases"
    nav_key = pages.NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        show = request.GET.get("show", "pending")
        show = show if show in selectors.SHOWS else "pending"
        rows = selectors.community_list(self.community, show)
        page = Paginator(rows, 30).get_page(request.GET.get("page"))
        return self.render(
            "assistance/instalments/list.html",
            {"show": show, "shows": selectors.SHOWS, "page_obj": page},
        )
