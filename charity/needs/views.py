"""Need pages: the community's needs, one need with its pledges, pledging goods
and cancelling such a pledge, and the managers' posting, delivery confirmation and closing (one view each)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from charity.needs import selectors, services
from charity.needs.forms import NeedForm, NeedPledgeForm
from charity.needs.models import Need, NeedPledge
from charity.needs.rules import is_open_need
from charity.projects.views import NAV, submitted
from communities.cache import cache_public_page
from communities.models import Community
from communities.pagination import page_of
from communities.views import CommunityView, community_or_404, render_community


def _need(community: Community, pk: int) -> Need:
    """One need of the community with its coverage (404 if there is none)."""
    need = get_object_or_404(
        selectors.with_coverage(Need.objects.filter(community=community)), pk=pk
    )
    need.community = community
    return selectors.covered([need])[0]


@cache_public_page
def need_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    needs = page_of(request, selectors.community_needs_query(community))
    needs.object_list = selectors.covered(list(needs.object_list))
    context = {
        "needs": needs,
        "may_manage": request.user.has_perm("charity.manage_needs", community),
    }
    return render_community(
        request, community, "charity/need_list.html", context, nav_key=NAV
    )


@cache_public_page
def need_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    need = _need(community, pk)
    user = request.user
    context = {
        "need": need,
        "pledges": page_of(
            request,
            need.pledges.exclude(status=NeedPledge.Status.CANCELLED)
            .select_related("donor")
            .order_by("created_at", "pk"),
        ),
        "may_pledge": user.has_perm("charity.pledge_need", need),
        "sign_in_to_pledge": not user.is_authenticated and is_open_need(user, need),
        "may_manage": user.has_perm("charity.manage_needs", community),
    }
    return render_community(
        request, community, "charity/need_detail.html", context, nav_key=NAV
    )


class NeedPledgeView(CommunityView):
    """A signed-in person pledges goods against an open need."""

    nav_key = NAV
    template = "charity/need_pledge.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        need = self._need(pk)
        form = NeedPledgeForm(initial={"donor_name": request.user.display_name})
        return self.render(self.template, {"need": need, "form": form})

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        need = self._need(pk)
        form = NeedPledgeForm(request.POST)
        save = partial(services.pledge_to_need, user=request.user, need=need)
        done = _("Thank you. A manager confirms your pledge when the goods arrive.")
        if submitted(request, form, save, done):
            return redirect("charity:need", slug=slug, pk=pk)
        return self.render(self.template, {"need": need, "form": form}, 400)

    def _need(self, pk: int) -> Need:
        need = _need(self.community, pk)
        if not self.request.user.has_perm("charity.pledge_need", need):
            raise Http404
        return need


class NeedPledgeCancelView(CommunityView):
    """The donor cancels a pledge of goods: GET asks for confirmation, POST cancels.
    Someone else's pledge is not found; one delivered meanwhile leads back to the
    need with the reason."""

    nav_key = NAV
    template = "charity/need_pledge_cancel.html"

    def get(
        self, request: HttpRequest, slug: str, pk: int, pledge: int
    ) -> HttpResponse:
        found = self._pledge(pk, pledge)
        if not request.user.has_perm("charity.cancel_need_pledge", found):
            messages.error(request, _("Only goods not yet delivered can be cancelled."))
            return redirect("charity:need", slug=slug, pk=pk)
        return self.render(self.template, {"pledge": found, "need": found.need})

    def post(
        self, request: HttpRequest, slug: str, pk: int, pledge: int
    ) -> HttpResponse:
        try:
            services.cancel_need_pledge(
                user=request.user, pledge=self._pledge(pk, pledge)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your pledge of goods is cancelled."))
        return redirect("charity:need", slug=slug, pk=pk)

    def _pledge(self, pk: int, pledge: int) -> NeedPledge:
        return get_object_or_404(
            NeedPledge.objects.select_related("need"),
            pk=pledge,
            need_id=pk,
            need__community=self.community,
            donor=self.request.user,
        )


class NeedManageView(CommunityView):
    """Post a need."""

    permission_required = "charity.manage_needs"
    nav_key = NAV
    template = "charity/need_form.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(self.template, {"form": NeedForm()})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = NeedForm(request.POST)
        save = partial(services.post_need, actor=request.user, community=self.community)
        need = submitted(request, form, save, _("The need is posted."))
        if need is not None:
            return redirect("charity:need", slug=slug, pk=need.pk)
        return self.render(self.template, {"form": form}, 400)


class NeedActionView(CommunityView):
    """A manager's action on one need (`act`); a refusal is shown as a message on
    the need's page, where every action leads back."""

    permission_required = "charity.manage_needs"
    http_method_names = ["post"]

    def post(
        self, request: HttpRequest, slug: str, pk: int, **kwargs: int
    ) -> HttpResponse:
        need = get_object_or_404(Need, pk=pk, community=self.community)
        try:
            self.act(need, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("charity:need", slug=slug, pk=pk)

    def act(self, need: Need, **kwargs: int) -> None:
        raise NotImplementedError


class NeedDeliverView(NeedActionView):
    """Confirm that one pledge of goods was delivered."""

    def act(self, need: Need, pledge: int) -> None:
        found = get_object_or_404(NeedPledge, pk=pledge, need=need)
        services.confirm_delivery(actor=self.request.user, pledge=found)
        messages.success(self.request, _("The delivery is confirmed."))


class NeedCloseView(NeedActionView):
    def act(self, need: Need) -> None:
        services.close_need(actor=self.request.user, need=need)
        messages.success(self.request, _("The need is closed."))
