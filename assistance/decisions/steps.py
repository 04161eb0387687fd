"""The one shape of a staff step on a case (confirm, refuse, start the 公示…):
GET shows the step's form on its own page (a read of the case, logged), POST
checks the permission, validates, calls the service and goes back to the case
page (the `next` the panel posts) or shows the errors (400)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from assistance.cases.access import open_case
from assistance.cases.models import Case
from communities.forms import add_validation_error
from communities.views import CommunityView, local_next, refusal


# The staff case page (built by assistance.handling), tried in order.
def case_page_url(case: Case) -> str:
    """The staff case page (assistance.handling), where the step's panel sits."""
    return reverse("assistance:case", args=[case.tracking_number])


class CaseStepView(CommunityView):
    perm = ""
    form_class: Any = None
    template = "assistance/decisions/step.html"
    title: Any = ""
    done: Any = ""

    def get_case(self, pk: int) -> Case:
        return get_object_or_404(
            Case.objects.select_related("community__street"),
            community=self.community,
            pk=pk,
        )

    def target(self, case: Case, **kwargs: Any) -> Any:
        """The object the step acts on (the case, or an objection of it)."""
        return case

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def page(self, case: Case, target: Any, form: Any, status: int = 200):
        context = {"case": case, "target": target, "form": form, "title": self.title}
        context["next"] = local_next(self.request, case_page_url(case))
        return self.render(self.template, context, status)

    def get(self, request: HttpRequest, slug: str, pk: int, **kwargs: Any):
        case = self.get_case(pk)
        if not request.user.has_perm(self.perm, case):
            return refusal(request, self.perm, case)
        open_case(request.user, case, what=str(self.title), session=request.session)
        target = self.target(case, **kwargs)
        return self.page(case, target, self.form_class(initial=self.initial(case)))

    def initial(self, case: Case) -> dict[str, Any]:
        return {}

    def post(self, request: HttpRequest, slug: str, pk: int, **kwargs: Any):
        case = self.get_case(pk)
        if not request.user.has_perm(self.perm, case):
            return refusal(request, self.perm, case)
        target = self.target(case, **kwargs)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(case, target, form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, self.done)
                return redirect(local_next(request, case_page_url(case)))
        return self.page(case, target, form, status=400)
