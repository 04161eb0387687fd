"""One POST action of a paired region, built from its permission, form and
service: resolve the region, check the permission, validate, call the service,
redirect; on an error show the page again with the form and its messages (400).
Used by the managers' actions and the exchange."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.views import refusal
from pairing.regions.models import PairedRegion


def paired_region_for(
    request: HttpRequest, slug: str, perm: str
) -> tuple[PairedRegion, HttpResponse | None]:
    """The paired region of the URL (404), and the refusal (403, explaining a
    missing TOTP) when this person may not `perm` it."""
    region = get_object_or_404(
        PairedRegion.objects.select_related("district"), slug=slug
    )
    if not request.user.has_perm(perm, region):
        return region, refusal(request, perm, region)
    return region, None


def form_action(
    *,
    perm: str,
    form: Callable[[HttpRequest, PairedRegion], Any],
    service: Callable[..., Any],
    done: Any,
    page: Callable[..., HttpResponse],
    key: str,
    redirect_to: str,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST view: `form(request, region)` is bound, `service(actor=,
    paired_region=, **cleaned_data)` runs, then back to `redirect_to`."""

    @require_POST
    @login_required
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        region, refused = paired_region_for(request, slug, perm)
        if refused:
            return refused
        bound = form(request, region)
        if bound.is_valid():
            try:
                service(actor=request.user, paired_region=region, **bound.cleaned_data)
            except ValidationError as error:
                add_validation_error(bound, error)
            else:
                messages.success(request, done)
                return redirect(redirect_to, region.slug)
        return page(request, region, status=400, **{key: bound})

    return view
