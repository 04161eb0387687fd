"""The staff desk: the case lists of a community and of a street or district,
the case page, a platform admin's reason for reading, revealing one ID number,
attachment downloads, the reads log, and the actions of acceptance, the request
for missing items and the deadline extension (one action per URL)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.crypto import mask_id_number
from assistance.cases import access
from assistance.cases.models import Attachment
from assistance.handling import pages, selectors, services
from assistance.handling.forms import (
    CaseFilterForm,
    ExtendForm,
    MissingItemsForm,
    ReasonForm,
    ReasonlessForm,
)
from communities.forms import add_validation_error
from communities.models import Community
from communities.oversight.views import RegionView
from communities.views import CommunityView, refusal, render_community

PAGE_SIZE = 20  # a phone screen or two; the filters narrow the rest


def _list_context(request: HttpRequest, cases, form: CaseFilterForm) -> dict:
    chosen = selectors.filtered(cases, **form.filters())
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page_obj": page,
        "rows": selectors.list_rows(page.object_list),
        "query": query.urlencode(),
    }


class CommunityCaseListView(CommunityView):
    permission_required = "assistance.list_cases"
    nav_key = pages.NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = CaseFilterForm(request.GET)
        cases = selectors.cases_of_community(self.community)
        context = _list_context(request, cases, form)
        return self.render("assistance/handling/case_list.html", context)


class RegionCaseListView(RegionView):
    permission_required = "assistance.list_cases"
    nav_key = pages.NAV_KEY

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        communities = list(
            Community.objects.in_region(self.scope).only("pk", "slug", "name")
        )
        form = CaseFilterForm(request.GET, communities=communities)
        cases = selectors.cases_of_region(self.scope)
        context = _list_context(request, cases, form)
        return self.render("assistance/handling/region_case_list.html", context)


@never_cache
def case_detail(request: HttpRequest, tracking: str) -> HttpResponse:
    return pages.case_page(request, selectors.case_by_tracking(tracking))


@never_cache
def case_reason(request: HttpRequest, tracking: str) -> HttpResponse:
    """A platform admin says why they need the file (recorded), then reads it."""
    case = selectors.case_by_tracking(tracking)
    if request.method != "POST":
        return pages.case_page(request, case)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            access.open_with_reason(
                request.user,
                case,
                reason=form.cleaned_data["reason"],
                session=request.session,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return redirect("assistance:case", case.tracking_number)
    return pages.reason_page(request, case, form, status=400)


@never_cache
@require_POST
def reveal_id_number(request: HttpRequest, tracking: str, member: int) -> HttpResponse:
    """One member's full ID number: a read of its own in the log."""
    case = selectors.case_by_tracking(tracking)
    person = selectors.member_of(case, member)
    try:
        access.open_case(request.user, case, what="id numbers", session=request.session)
    except PermissionDenied:
        return refusal(request, "assistance.view_case", case)
    context = {
        "case": case,
        "person": person,
        "masked": mask_id_number(person.id_number or ""),
    }
    return render_community(
        request, case.community, "assistance/handling/id_number.html", context
    )


@never_cache
def attachment(request: HttpRequest, tracking: str, pk: int) -> HttpResponse:
    """A case document, always as a download from the private storage, logged."""
    case = selectors.case_by_tracking(tracking)
    row = get_object_or_404(Attachment, case=case, pk=pk)
    try:
        access.open_case(
            request.user, case, what=f"attachment {row.pk}", session=request.session
        )
    except PermissionDenied:
        return refusal(request, "assistance.view_case", case)
    name = row.original_name or row.file.name.rsplit("/", 1)[-1]
    response = FileResponse(row.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def reads(request: HttpRequest, tracking: str) -> HttpResponse:
    """Who read the file, when and as what (the household and supervisors)."""
    case = selectors.case_by_tracking(tracking)
    if not request.user.has_perm("assistance.view_case_reads", case):
        return refusal(request, "assistance.view_case_reads", case)
    access.open_case(request.user, case, what="reads log", session=request.session)
    context = {"case": case, "reads": selectors.reads_of(case, limit=500)}
    return render(request, "assistance/handling/reads.html", context)


accept = pages.case_action(
    perm="assistance.accept_case",
    key="accept",
    form=pages.posted(ReasonlessForm),
    service=services.accept_case,
    done=gettext_lazy("The case is accepted; the applicant is told the decision date."),
)


missing_items = pages.case_action(
    perm="assistance.request_missing_items",
    key="missing",
    form=pages.posted(MissingItemsForm),
    service=services.request_missing_items,
    done=gettext_lazy("The applicant is asked for the missing items."),
)


extend = pages.case_action(
    perm="assistance.extend_deadline",
    key="extend",
    form=pages.posted(ExtendForm),
    service=services.extend_deadline,
    done=gettext_lazy("The deadline is extended."),
)
