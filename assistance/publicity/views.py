"""公示 pages: the community's public list (anonymous, cached, whitelisted fields
only), the objection form for one notice (anyone; private; rate-limited), and
the officers' steps: start the notice, uphold or dismiss an objection."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance.cases.models import Case
from assistance.decisions.forms import next_month
from assistance.decisions.steps import CaseStepView
from assistance.publicity import selectors, services
from assistance.publicity.forms import (
    ObjectionForm,
    ObjectionNoteForm,
    StartPublicityForm,
)
from assistance.publicity.models import Publicity, PublicityObjection
from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.pagination import page_of
from communities.views import CommunityView, community_or_404, render_community

NAV = "assistance"  # the community's 社会救助 entry (assistance.applications)


@cache_public_page
def publicity_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    context = {"notices": page_of(request, selectors.showing_in(community))}
    return render_community(
        request, community, "assistance/publicity/list.html", context, nav_key=NAV
    )


class ObjectionView(CommunityView):
    """Object to one notice that is up: signed in, or with a name and phone."""

    public = True
    nav_key = NAV
    template = "assistance/publicity/objection.html"

    def notice(self, pk: int) -> Publicity:
        found = selectors.showing_in(self.community).filter(pk=pk).first()
        if found is None:
            raise Http404(_("This notice is no longer up."))
        return found

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        notice = self.notice(pk)
        return self.render(self.template, {"notice": notice, "form": ObjectionForm()})

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        notice = self.notice(pk)
        form = ObjectionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.file_objection(
                    publicity=notice,
                    user=request.user,
                    client_key=request.META.get("REMOTE_ADDR", ""),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_validation_error(form, error)
                if getattr(error, "code", "") == "rate_limited":
                    status = 429
            else:
                messages.success(
                    request,
                    _("Thank you. The street's officers will look into it."),
                )
                return redirect("assistance:publicity-list", slug=slug)
        context = {"notice": notice, "form": form}
        return self.render(self.template, context, status)


class StartPublicityView(CaseStepView):
    perm = "assistance.start_publicity"
    form_class = StartPublicityForm
    title = gettext_lazy("Start the public notice (公示)")
    done = gettext_lazy("The public notice is up in the community.")

    def initial(self, case: Case) -> dict[str, Any]:
        return {"start_month": next_month()}

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.start_publicity(
            case=case,
            actor=self.request.user,
            start_month=data["start_month"],
            amount=data.get("amount"),
        )


class ObjectionUpholdView(CaseStepView):
    perm = "assistance.handle_objection"
    form_class = ObjectionNoteForm
    title = gettext_lazy(
        "Uphold the objection: take the notice down, investigate again"
    )
    done = gettext_lazy("The notice is down; the case goes back for investigation.")

    def target(self, case: Case, **kwargs: Any) -> Any:
        return get_object_or_404(
            PublicityObjection.objects.select_related("publicity"),
            publicity__case=case,
            pk=kwargs["objection"],
        )

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.uphold_objection(
            objection=target, actor=self.request.user, note=data["note"]
        )


class ObjectionDismissView(ObjectionUpholdView):
    title = gettext_lazy("Dismiss the objection: the notice stands")
    done = gettext_lazy("The objection is dismissed.")

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.dismiss_objection(
            objection=target, actor=self.request.user, note=data["note"]
        )
