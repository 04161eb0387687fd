"""The community's assistance page, the 直通车 poster and the public status
query (tracking number and phone, no sign-in, rate-limited per address)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from assistance.applications import selectors
from assistance.applications.forms import StatusQueryForm
from assistance.applications.views.apply import NAV
from assistance.standards.selectors import district_of, settings_for
from communities.qr import qr_data_uri
from communities.ratelimit import over_limit
from communities.views import CommunityView, community_or_404

STATUS_LIMIT = 20  # look-ups per address ...
STATUS_WINDOW = 600  # ... per ten minutes


class CommunityPage(CommunityView):
    """What anyone can do about social assistance in this community."""

    public = True
    nav_key = NAV

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = request.user
        context = {
            "may_apply": user.is_authenticated
            and user.has_perm("assistance.apply", self.community),
            "may_file": user.is_authenticated
            and user.has_perm("assistance.file_for_resident", self.community),
            "hotline": settings_for(district_of(self.community)).complaint_hotline,
        }
        return self.render("assistance/applications/community.html", context)


def poster(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable A4 poster with the 直通车 codes (a standalone page)."""
    community = community_or_404(slug)
    apply_url = request.build_absolute_uri(reverse("assistance:apply", args=[slug]))
    status_url = request.build_absolute_uri(reverse("assistance:status"))
    context = {
        "community": community,
        "apply_url": apply_url,
        "status_url": status_url,
        "apply_qr": qr_data_uri(apply_url),
        "status_qr": qr_data_uri(status_url),
        "hotline": settings_for(district_of(community)).complaint_hotline,
    }
    return render(request, "assistance/applications/poster.html", context)


def status(request: HttpRequest) -> HttpResponse:
    """Public: the state and the dates of the steps, never the content. A wrong
    number and a wrong phone get the same answer."""
    template = "assistance/applications/status.html"
    form = StatusQueryForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    status_code = 200
    if form.is_bound:
        if over_limit(
            request, scope="assistance:status", limit=STATUS_LIMIT, window=STATUS_WINDOW
        ):
            context["limited"] = True
            status_code = 429
        elif form.is_valid():
            case = selectors.status_lookup(
                form.cleaned_data["tracking_number"], form.cleaned_data["phone"]
            )
            context["searched"] = True
            # The phone number is not echoed back into the page.
            context["form"] = StatusQueryForm(initial=form.cleaned_data | {"phone": ""})
            if case is None:
                status_code = 404
            else:
                context["found"] = case
                context["changes"] = selectors.state_changes(case)
        else:
            status_code = 400
    response = render(request, template, context, status=status_code)
    response["Cache-Control"] = "private, no-store"
    return response
