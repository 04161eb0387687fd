"""Pages of paired regions: the public index and region page, the district's list
(with adding a region) and the managers' page with its one-action POSTs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.oversight.views import RegionView
from pairing.contributions.selectors import contributions_to
from pairing.exchange import selectors as exchange_selectors
from pairing.regions import selectors, services
from pairing.regions.actions import form_action, paired_region_for
from pairing.regions.forms import LiaisonForm, PairedRegionForm, PairForm
from pairing.regions.models import Liaison, PairedCommunity, PairedRegion

MANAGE = "pairing.manage_paired_region"
NAV_KEY = "pairing"


def index(request: HttpRequest) -> HttpResponse:
    regions = list(selectors.all_regions())
    given = contributions_to([r.name for r in regions])
    for region in regions:
        region.given = given[region.name]
    return render(request, "pairing/index.html", {"regions": regions})


def region_page(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(
        PairedRegion.objects.select_related("district"), slug=slug
    )
    user = request.user
    context = {
        "region": region,
        "liaisons": selectors.active_liaisons(region),
        "pairs": selectors.pairs_of(region),
        "updates": exchange_selectors.public_updates(region),
        "exchanges": exchange_selectors.staff_exchanges(region),
        "given": contributions_to([region.name])[region.name],
        "may_manage": user.is_authenticated and user.has_perm(MANAGE, region),
        "may_exchange": user.is_authenticated
        and user.has_perm("pairing.view_internal", region),
    }
    return render(request, "pairing/region.html", context)


def agreement_document(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(PairedRegion, slug=slug)
    if not region.agreement_document:
        raise Http404
    return FileResponse(region.agreement_document.open("rb"), as_attachment=True)


class DistrictPairingView(RegionView):
    """A district's paired regions, and adding one."""

    permission_required = "pairing.add_paired_region"
    nav_key = NAV_KEY

    def page(self, form: PairedRegionForm, status: int = 200) -> HttpResponse:
        context = {"rows": selectors.regions_of_district(self.scope), "form": form}
        return self.render("pairing/district.html", context, status)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page(PairedRegionForm())

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = PairedRegionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                created = services.create_paired_region(
                    actor=request.user, district=self.scope, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The paired region is added."))
                return redirect("pairing:manage", created.slug)
        return self.page(form, status=400)


def _region_initial(region: PairedRegion) -> dict[str, Any]:
    return {name: getattr(region, name) for name in services.REGION_FIELDS}


def manage_page(
    request: HttpRequest, region: PairedRegion, status: int = 200, **forms: Any
) -> HttpResponse:
    forms.setdefault("edit", PairedRegionForm(initial=_region_initial(region)))
    forms.setdefault("pair", PairForm(district=region.district))
    forms.setdefault("liaison", LiaisonForm())
    context = {
        "region": region,
        "pairs": selectors.pairs_of(region),
        "liaisons": selectors.all_liaisons(region),
        **forms,
    }
    return render(request, "pairing/manage.html", context, status=status)


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    region, refused = paired_region_for(request, slug, MANAGE)
    return refused or manage_page(request, region)


edit = form_action(
    perm=MANAGE,
    form=lambda request, region: PairedRegionForm(request.POST, request.FILES),
    service=services.edit_paired_region,
    done=gettext_lazy("The paired region is saved."),
    page=manage_page,
    key="edit",
    redirect_to="pairing:manage",
)
add_pair = form_action(
    perm=MANAGE,
    form=lambda request, region: PairForm(request.POST, district=region.district),
    service=services.add_pair,
    done=gettext_lazy("The pair is added."),
    page=manage_page,
    key="pair",
    redirect_to="pairing:manage",
)
appoint_liaison = form_action(
    perm=MANAGE,
    form=lambda request, region: LiaisonForm(request.POST),
    service=services.appoint_liaison,
    done=gettext_lazy("The liaison officer is appointed."),
    page=manage_page,
    key="liaison",
    redirect_to="pairing:manage",
)


@require_POST
@login_required
def remove_pair(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    region, refused = paired_region_for(request, slug, MANAGE)
    if refused:
        return refused
    pair = get_object_or_404(PairedCommunity, pk=pk, paired_region=region)
    services.remove_pair(actor=request.user, pair=pair)
    messages.success(request, _("The pair is removed."))
    return redirect("pairing:manage", region.slug)


@require_POST
@login_required
def revoke_liaison(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    region, refused = paired_region_for(request, slug, MANAGE)
    if refused:
        return refused
    post = get_object_or_404(Liaison, pk=pk, paired_region=region)
    try:
        services.revoke_liaison(actor=request.user, liaison=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The liaison post is revoked."))
    return redirect("pairing:manage", region.slug)
