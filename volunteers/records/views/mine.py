"""The volunteer's own hours page: totals, records, certificates, the time bank
and showing or hiding oneself on the leaderboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.views import community_or_404, refusal
from volunteers.profiles.selectors import profile_of
from volunteers.records import selectors, services
from volunteers.records.forms import CertificateRequestForm, TransferForm
from volunteers.shifts.views import flash_errors


def _time_bank(request: HttpRequest, form_for: dict[int, TransferForm] | None = None):
    accounts = []
    for account in selectors.time_bank_accounts(request.user):
        recipients = selectors.senior_family_members(request.user, account.community)
        form = (form_for or {}).get(account.community_id) or TransferForm(
            recipients=recipients, prefix=f"t{account.community_id}"
        )
        accounts.append({"account": account, "form": form, "recipients": recipients})
    return accounts


def my_hours_page(
    request: HttpRequest,
    certificate_form: CertificateRequestForm,
    transfer_forms: dict[int, TransferForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The hours page, with the forms as given (blank, or with their errors)."""
    return render(
        request,
        "volunteers/records/my_hours.html",
        {
            "profile": profile_of(request.user),
            "totals": selectors.volunteer_totals(request.user),
            "records": selectors.my_records(request.user)[:100],
            "certificates": selectors.my_certificates(request.user),
            "certificate_form": certificate_form,
            "time_bank": _time_bank(request, transfer_forms),
        },
        status=status,
    )


@login_required
def my_hours(request: HttpRequest) -> HttpResponse:
    return my_hours_page(request, CertificateRequestForm())


@login_required
@require_POST
def time_bank_transfer(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    if not request.user.has_perm("volunteers.use_time_bank", community):
        return refusal(request, "volunteers.use_time_bank", community)
    recipients = selectors.senior_family_members(request.user, community)
    form = TransferForm(request.POST, recipients=recipients, prefix=f"t{community.pk}")
    if form.is_valid():
        try:
            services.transfer_credits(
                sender=request.user,
                recipient=form.cleaned_data["recipient"],
                community=community,
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The credits have been transferred."))
            return redirect("volunteers:my-hours")
    return my_hours_page(
        request,
        CertificateRequestForm(),
        transfer_forms={community.pk: form},
        status=400,
    )


def _set_leaderboard(request: HttpRequest, *, show: bool, done: str) -> HttpResponse:
    try:
        services.set_leaderboard_opt_in(user=request.user, show=show)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("volunteers:my-hours")


@login_required
@require_POST
def leaderboard_opt_in(request: HttpRequest) -> HttpResponse:
    done = _("You are shown on the leaderboard.")
    return _set_leaderboard(request, show=True, done=done)


@login_required
@require_POST
def leaderboard_opt_out(request: HttpRequest) -> HttpResponse:
    done = _("You are no longer shown on the leaderboard.")
    return _set_leaderboard(request, show=False, done=done)
