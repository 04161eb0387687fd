"""The work desk (工作台): the tasks waiting for the person's staff roles."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from communities.desk.selectors import desk_for
from communities.roles.rules import refused_for_missing_mfa
from communities.views import refusal

PERMISSION = "communities.view_desk"


class DeskView(View):
    """Staff see their groups of tasks; staff without TOTP are told to set it up;
    residents without a staff role get a friendly page (403)."""

    template = "communities/desk.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_perm(PERMISSION):
            if refused_for_missing_mfa(user, PERMISSION):
                return refusal(request, PERMISSION, None)
            return render(request, "communities/desk_none.html", {}, status=403)
        return render(request, self.template, {"groups": desk_for(user)})
