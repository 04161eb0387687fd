"""A resident's request and "my certificates"; the committee's queue, a request's
page with its evidence (served through a permission-checked view, never a media
URL), one URL each to issue and to refuse, and the print-ready certificate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.pagination import page_of
from communities.views import (
    CommunityView,
    community_or_404,
    refusal,
    render_community,
)
from governance.certificates import selectors, services
from governance.certificates.forms import CertificateRequestForm, RefuseForm
from governance.certificates.models import CertificateEvidence, CertificateRequest
from governance.certificates.views.public import certificate_context

NAV_MINE = "my-certificates"
NAV_QUEUE = "certificate-queue"


class RequestView(CommunityView):
    permission_required = "governance.request_certificate"
    nav_key = NAV_MINE

    def form(self, data: Any = None, files: Any = None) -> CertificateRequestForm:
        user = self.request.user
        return CertificateRequestForm(
            data,
            files,
            types=list(selectors.types_for(self.community)),
            initial={"person_name": user.real_name or user.display_name},
        )

    def page(self, form: CertificateRequestForm, status: int = 200) -> HttpResponse:
        return self.render(
            "governance/certificates/request.html", {"form": form}, status=status
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.page(self.form())

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                created = services.request_certificate(
                    actor=request.user,
                    community=self.community,
                    certificate_type=form.cleaned_data["choice"],
                    person_name=form.cleaned_data["person_name"],
                    purpose=form.cleaned_data["purpose"],
                    files=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent. The committee answers by %(date)s.")
                    % {"date": created.due_on.isoformat()},
                )
                return redirect(services.request_url(created))
        return self.page(form, status=400)


class MineView(CommunityView):
    """The person's own requests in this community and their states."""

    nav_key = NAV_MINE

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        rows = list(selectors.requests_of(request.user, self.community))
        may_request = request.user.has_perm(
            "governance.request_certificate", self.community
        )
        return self.render(
            "governance/certificates/mine.html",
            {"rows": rows, "may_request": may_request},
        )


@login_required
def my_all(request: HttpRequest) -> HttpResponse:
    """/my/certificates/: the person's requests in every community."""
    rows = list(selectors.requests_of_person(request.user))
    return render(request, "governance/certificates/my_all.html", {"rows": rows})


class QueueView(CommunityView):
    permission_required = "governance.handle_certificates"
    nav_key = NAV_QUEUE

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "governance/certificates/queue.html",
            {
                "rows": page_of(request, selectors.queue(self.community)),
                "today": timezone.localdate(),
            },
        )


def _request(
    request: HttpRequest, slug: str, pk: int, perm: str
) -> tuple[CertificateRequest | None, HttpResponse | None]:
    community = community_or_404(slug)
    row = selectors.request_in(community, pk)
    if row is None:
        raise Http404
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, row):
        return None, refusal(request, perm, row)
    return row, None


def detail_page(
    request: HttpRequest, row: CertificateRequest, refuse_form=None, status=200
) -> HttpResponse:
    user = request.user
    context = {
        "row": row,
        "today": timezone.localdate(),
        "may_handle": user.has_perm("governance.issue_certificate", row),
        "may_see_evidence": user.has_perm("governance.view_certificate_evidence", row),
        "may_print": user.has_perm("governance.print_certificate", row),
        "refuse_form": refuse_form or RefuseForm(),
    }
    if context["may_see_evidence"]:
        context["evidence"] = list(row.evidence.all())
    nav = NAV_QUEUE if context["may_see_evidence"] else NAV_MINE
    return render_community(
        request,
        row.community,
        "governance/certificates/detail.html",
        context,
        nav_key=nav,
        status=status,
    )


@never_cache
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row, refused = _request(request, slug, pk, "governance.view_certificate_request")
    return refused or detail_page(request, row)


@never_cache
def evidence(request: HttpRequest, slug: str, pk: int, file_pk: int) -> HttpResponse:
    """One evidence file, as a download from the private storage."""
    row, refused = _request(request, slug, pk, "governance.view_certificate_evidence")
    if refused:
        return refused
    item = get_object_or_404(CertificateEvidence, request=row, pk=file_pk)
    name = item.original_name or item.file.name.rsplit("/", 1)[-1]
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def issue(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row, refused = _request(request, slug, pk, "governance.issue_certificate")
    if refused:
        return refused
    try:
        services.issue_certificate(actor=request.user, request=row)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The certificate is issued."))
    return redirect(services.request_url(row))


@require_POST
def refuse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row, refused = _request(request, slug, pk, "governance.refuse_certificate")
    if refused:
        return refused
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.refuse_certificate(
                actor=request.user, request=row, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("The request is refused; the resident is told why.")
            )
            return redirect(services.request_url(row))
    return detail_page(request, row, refuse_form=form, status=400)


@never_cache
def print_certificate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The print-ready certificate (a standalone page)."""
    row, refused = _request(request, slug, pk, "governance.print_certificate")
    if refused:
        return refused
    context = certificate_context(request, row, masked=False)
    context["back_url"] = services.request_url(row)
    response = render(request, "governance/certificates/document.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
