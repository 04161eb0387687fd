"""Applying: a resident starts an application for their household, a
coordinator or officer files one for a resident (代办), and the one-page form is
saved as a draft or submitted (resubmitted after a request for missing items)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assistance.applications import selectors, services
from assistance.applications.forms import CommunityChoiceForm, ProxyForm, StartForm
from assistance.applications.page import SECTIONS, ApplicationPage
from assistance.cases.models import Case, State
from communities.forms import add_validation_error
from communities.views import CommunityView, refusal, render_community

NAV = "assistance"
EDIT_PERM = "assistance.edit_application"
FORM_TEMPLATE = "assistance/applications/application_form.html"


class StartView(CommunityView):
    """A verified resident chooses the type and gets a draft for their household."""

    permission_required = "assistance.apply"
    nav_key = NAV
    template = "assistance/applications/start.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(self.template, self._context(StartForm()))

    def _context(self, form: StartForm) -> dict[str, Any]:
        drafts = selectors.cases_of(self.request.user).filter(
            community=self.community, state=State.DRAFT
        )
        return {"form": form, "drafts": drafts}

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = StartForm(request.POST)
        if form.is_valid():
            try:
                case = services.start_application(
                    user=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return redirect("assistance:application-edit", case.tracking_number)
        return self.render(self.template, self._context(form), status=400)


class ProxyView(CommunityView):
    """代办 at this service point: first the household's community (anywhere in
    the city), then the household, the account or the name, and the type."""

    permission_required = "assistance.file_for_resident"
    nav_key = NAV
    template = "assistance/applications/proxy.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._page(request.GET, None)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._page(request.POST, request.POST)

    def _page(self, query: Any, data: Any) -> HttpResponse:
        chooser = CommunityChoiceForm(query if "community" in query else None)
        if not chooser.is_bound or not chooser.is_valid():
            return self.render(self.template, {"chooser": chooser})
        home = chooser.cleaned_data["community"]
        form = ProxyForm(
            data,
            households=selectors.households_in(home),
            accounts=selectors.residents_in(home),
        )
        if data is not None and form.is_valid():
            case = self._start(form, home)
            if case is not None:
                return redirect("assistance:application-edit", case.tracking_number)
        context = {"chooser": chooser, "home": home, "form": form}
        return self.render(self.template, context, status=400 if data else 200)

    def _start(self, form: ProxyForm, home: Any) -> Case | None:
        data = dict(form.cleaned_data)
        try:
            return services.start_proxy_application(
                filer=self.request.user,
                community=home,
                service_point=self.community.name,
                household=selectors.household_by_id(home, data.pop("household")),
                applicant=selectors.user_by_id(data.pop("account")),
                **data,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return None


def editable_case(request: HttpRequest, tracking: str) -> Case:
    case = selectors.case_by_number(tracking)
    if case is None or not request.user.has_perm("assistance.view_case", case):
        raise Http404
    return case


def _form_page(
    request: HttpRequest, case: Case, page: ApplicationPage, status: int = 200
) -> HttpResponse:
    context = {"case": case, "sections": SECTIONS, **page.context()}
    if case.state == State.RETURNED:
        context["missing"] = getattr(case, "missing_items", None)
    context["attachments"] = list(case.attachments.only("kind", "original_name", "uploaded_at", "case_id"))  # fmt: skip
    return render_community(request, case.community, FORM_TEMPLATE, context, nav_key=NAV, status=status)  # fmt: skip


def _posted_page(
    request: HttpRequest, tracking: str, service: Any
) -> tuple[Case, ApplicationPage | None, HttpResponse | None]:
    """Check the permission, validate the posted page and call `service` with it;
    the response is None when it succeeded."""
    case = editable_case(request, tracking)
    if not request.user.has_perm(EDIT_PERM, case):
        return case, None, refusal(request, EDIT_PERM, case)
    page = ApplicationPage(case, request.POST, request.FILES)
    if page.is_valid():
        try:
            service(case=case, actor=request.user, data=page.application_data())
        except ValidationError as error:
            add_validation_error(page.form, error)
        else:
            return case, page, None
    return case, page, _form_page(request, case, page, status=400)


@login_required
def edit(request: HttpRequest, tracking: str) -> HttpResponse:
    """The one-page form; POST saves the draft (and may ask for more rows)."""
    if request.method != "POST":
        case = editable_case(request, tracking)
        if not request.user.has_perm(EDIT_PERM, case):
            return refusal(request, EDIT_PERM, case)
        page = ApplicationPage(case, more=request.GET.get("more", ""))
        return _form_page(request, case, page)
    case, _page, failed = _posted_page(request, tracking, services.save_application)
    if failed is not None:
        return failed
    more = request.POST.get("more", "")
    if more in SECTIONS:
        return redirect(f"{request.path}?more={more}#section-{more}")
    messages.success(request, _("Your draft is saved."))
    return redirect("assistance:my-case", case.tracking_number)


@login_required
@require_POST
def submit(request: HttpRequest, tracking: str) -> HttpResponse:
    """Save the form and submit it whole, or nothing."""
    case, _page, failed = _posted_page(request, tracking, services.submit_application)
    if failed is not None:
        return failed
    messages.success(
        request,
        _("Your application is submitted. Its tracking number is %(number)s.")
        % {"number": case.tracking_number},
    )
    return redirect("assistance:my-case", case.tracking_number)
