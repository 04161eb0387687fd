"""Follow-up actions from the case page (add an item, mark one done) and the
community's list of follow-up items."""

from __future__ import annotations

from functools import partial

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from assistance.followup import selectors, services
from assistance.followup.forms import DoneForm, ItemForm
from assistance.followup.models import FollowUpItem
from assistance.handling import pages
from assistance.handling.selectors import case_by_tracking
from communities.views import CommunityView

PERM = "assistance.manage_follow_up"

add_item = pages.case_action(
    perm=PERM,
    key="follow-up-add",
    form=lambda request, case: ItemForm(request.POST, case=case, prefix="follow"),
    service=services.add_item,
    done=_("The follow-up item is added and its owner told."),
)


@require_POST
def done(request: HttpRequest, tracking: str, pk: str) -> HttpResponse:
    case = case_by_tracking(tracking)
    item = get_object_or_404(FollowUpItem, case=case, pk=pk)
    return pages.act(
        request,
        case,
        perm=PERM,
        key=f"follow-done-{pk}",
        form=DoneForm(request.POST, prefix=f"done-{pk}"),
        save=partial(services.complete_item, item=item, actor=request.user),
        done=_("The follow-up item is marked done."),
    )


class FollowUpListView(CommunityView):
    permission_required = "assistance.list_cases"
    nav_key = pages.NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        show = request.GET.get("show", "open")
        show = show if show in selectors.SHOWS else "open"
        rows = selectors.community_list(self.community, show)
        page = Paginator(rows, 30).get_page(request.GET.get("page"))
        return self.render(
            "assistance/followup/list.html",
            {"show": show, "shows": selectors.SHOWS, "page_obj": page},
        )
