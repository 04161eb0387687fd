"""Granting and revoking roles: a community's roles page, the officers of a
street/town or district, and the platform admins. One grants page and one revoke
action serve the three scopes; `can_grant` decides for both."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from communities.oversight.views import OfficerView, RegionView
from communities.regions.models import Region
from communities.regions.selectors import districts
from communities.roles import selectors, services
from communities.roles.forms import GrantRoleForm
from communities.roles.models import Role, RoleGrant
from communities.roles.rules import Scope, can_grant, grantable_roles
from communities.views import CommunityView


class GrantsPageMixin:
    """Lists the grants of a scope (with whether each may be revoked) and grants
    new ones with GrantRoleForm."""

    template = "communities/officer_roles.html"
    request: HttpRequest

    def grant_scope(self) -> Scope:
        raise NotImplementedError

    def grants(self):
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def form(self, data=None) -> GrantRoleForm:
        roles = grantable_roles(granter=self.request.user, scope=self.grant_scope())
        return GrantRoleForm(data, roles=roles)

    def context(self, form: GrantRoleForm) -> dict[str, Any]:
        scope = self.grant_scope()
        grants = [
            (grant, can_grant(self.request.user, grant.role, scope))
            for grant in self.grants()
        ]
        return {"grants": grants, "form": form}

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.render(self.template, self.context(self.form()))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            scope = self.grant_scope()
            try:
                services.grant_role(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                    community=scope if not isinstance(scope, Region) else None,
                    region=scope if isinstance(scope, Region) else None,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The role has been granted."))
                return redirect(self.success_url())
        return self.render(self.template, self.context(form))


class RevokeMixin:
    """POST only: revoke one grant of the scope; `can_grant` decides, as for granting."""

    http_method_names = ["post"]
    request: HttpRequest

    def grant_of_scope(self, pk: int) -> RoleGrant:
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        grant = self.grant_of_scope(pk)
        try:
            services.revoke_role(actor=request.user, grant=grant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role has been revoked."))
        return redirect(self.success_url())


class RolesView(GrantsPageMixin, CommunityView):
    """A community's committee, supervision, coordinators and charity managers."""

    permission_required = "communities.grant_role"
    nav_key = "roles"
    template = "communities/roles.html"

    def grant_scope(self) -> Scope:
        return self.community

    def grants(self):
        return selectors.community_grants(self.community)

    def success_url(self) -> str:
        return reverse("communities:roles", args=[self.community.slug])


class RevokeRoleView(RevokeMixin, CommunityView):
    permission_required = "communities.grant_role"

    def grant_of_scope(self, pk: int) -> RoleGrant:
        return get_object_or_404(RoleGrant, pk=pk, community=self.community)

    def success_url(self) -> str:
        return reverse("communities:roles", args=[self.community.slug])


class RegionRolesView(GrantsPageMixin, RegionView):
    """Street officers of a street (granted by its district officers and platform
    admins); district officers of a district (granted by platform admins)."""

    permission_required = "communities.grant_region_role"
    nav_key = "roles"

    def grant_scope(self) -> Scope:
        return self.scope

    def grants(self):
        return selectors.region_grants(self.scope)

    def success_url(self) -> str:
        return reverse("communities:region-roles", args=[self.scope.slug])


class RegionRevokeRoleView(RevokeMixin, RegionView):
    permission_required = "communities.grant_region_role"

    def grant_of_scope(self, pk: int) -> RoleGrant:
        return get_object_or_404(RoleGrant, pk=pk, region=self.scope)

    def success_url(self) -> str:
        return reverse("communities:region-roles", args=[self.scope.slug])


class PlatformRolesView(GrantsPageMixin, OfficerView):
    """Platform admins, granted and revoked by platform admins; and the districts."""

    permission_required = "communities.grant_platform_role"
    nav_key = "platform"
    template = "communities/platform_roles.html"

    def grant_scope(self) -> Scope:
        return None

    def grants(self):
        return selectors.platform_grants()

    def success_url(self) -> str:
        return reverse("communities:platform-roles")

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        context = {"districts": districts(), **context}
        return super().render(template, context, status)


class PlatformRevokeRoleView(RevokeMixin, OfficerView):
    permission_required = "communities.grant_platform_role"

    def grant_of_scope(self, pk: int) -> RoleGrant:
        return get_object_or_404(RoleGrant, pk=pk, role=Role.PLATFORM_ADMIN)

    def success_url(self) -> str:
        return reverse("communities:platform-roles")
