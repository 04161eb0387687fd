"""Community pages outside the CMS: joining, verification, households, roles,
settings, audit; and the officers' pages of streets, districts and the platform.

Views stay thin: resolve the community, check the permission through the rules
table, validate the form, call the service, then redirect or render. A signed-in
person who is refused gets a 403; if only two-factor authentication is missing,
the 403 page says so and links to its setup.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from audit.models import AuditEvent
from communities import navigation, selectors, services
from communities.forms import (
    CommunitySettingsForm,
    GrantRoleForm,
    JoinForm,
    RejectForm,
    RepresentativeForm,
)
from communities.models import (
    Community,
    CommunitySettings,
    Membership,
    Region,
    Role,
    RoleGrant,
)
from communities.rules import has_open_membership, refused_for_missing_mfa


def refusal(request: HttpRequest, perm: str, obj: Any) -> HttpResponse:
    """403 for a signed-in person; explains when only TOTP is missing."""
    if refused_for_missing_mfa(request.user, perm, obj):
        return render(
            request,
            "communities/mfa_required.html",
            {"mfa_setup_url": settings.MFA_SETUP_URL},
            status=403,
        )
    raise PermissionDenied


def community_or_404(slug: str) -> Community:
    """The community of a `/<slug>/...` URL, with its street, or 404."""
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def render_community(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    *,
    nav_key: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render a page inside a community's space, with its navigation."""
    context = {
        "community": community,
        "community_nav": navigation.items_for(
            request=request, community=community, current=nav_key
        ),
        **context,
    }
    return render(request, template, context, status=status)


class CommunityView(View):
    """The one base for pages under `/<slug>/`.

    Resolves the community; when `permission_required` is set, requires sign-in
    and that permission on the community (403 otherwise, explaining missing TOTP).
    `public = True` with no permission serves everyone.
    """

    permission_required: str = ""
    public: bool = False
    nav_key: str | None = None
    community: Community

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.community = community_or_404(kwargs["slug"])
        if self.public and not self.permission_required:
            return super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.permission_required and not request.user.has_perm(
            self.permission_required, self.community
        ):
            return self.refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        return refusal(request, self.permission_required, self.community)

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        return render_community(
            self.request,
            self.community,
            template,
            context,
            nav_key=self.nav_key,
            status=status,
        )


@login_required
def my_communities(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communities/my_communities.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "grants": selectors.active_grants_of(request.user),
        },
    )


class JoinView(CommunityView):
    permission_required = "communities.join_community"
    nav_key = "join"
    template = "communities/join.html"

    def refuse(self, request: HttpRequest) -> HttpResponse:
        if has_open_membership(request.user, self.community):
            messages.info(
                request, _("You have already asked to join, or you are a resident.")
            )
            return redirect("communities:my-communities")
        return super().refuse(request)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = JoinForm(
            community=self.community, initial={"real_name": request.user.real_name}
        )
        return self.render(self.template, {"form": form})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = JoinForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                services.request_membership(
                    user=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your request has been sent. The committee will verify it."),
                )
                return redirect("communities:my-communities")
        return self.render(self.template, {"form": form})


class VerificationQueueView(CommunityView):
    permission_required = "communities.view_membership_queue"
    nav_key = "verification"
    template = "communities/verification_queue.html"

    def get(
        self, request: HttpRequest, slug: str, forms: dict | None = None
    ) -> HttpResponse:
        forms = forms or {}
        pending = [
            (
                membership,
                forms.get(membership.pk) or RejectForm(prefix=f"m{membership.pk}"),
            )
            for membership in selectors.pending_requests(self.community)
        ]
        return self.render(self.template, {"pending": pending})


class MembershipDecisionView(VerificationQueueView):
    """POST only: verify or reject one pending request (a bad reason re-shows the queue)."""

    permission_required = "communities.verify_membership"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int, action: str):
        membership = get_object_or_404(Membership, pk=pk, community=self.community)
        queue = reverse("communities:verification", args=[slug])
        try:
            if action == "verify":
                services.verify_membership(actor=request.user, membership=membership)
                messages.success(
                    request,
                    _("%(name)s is now a verified resident.")
                    % {"name": membership.user.public_name},
                )
            else:
                form = RejectForm(request.POST, prefix=f"m{membership.pk}")
                if not form.is_valid():
                    return self.get(request, slug, forms={membership.pk: form})
                services.reject_membership(
                    actor=request.user,
                    membership=membership,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The request was rejected."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(queue)


class HouseholdsView(CommunityView):
    """The committee's list of households: residents and the current representative."""

    permission_required = "communities.view_membership_queue"
    nav_key = "households"
    template = "communities/households.html"
    per_page = 50

    def get(
        self, request: HttpRequest, slug: str, forms: dict | None = None
    ) -> HttpResponse:
        forms = forms or {}
        page = Paginator(
            selectors.households_with_residents(self.community), self.per_page
        ).get_page(request.GET.get("page"))
        may_appoint = request.user.has_perm(
            "communities.verify_membership", self.community
        )
        households = [
            (
                household,
                next((m for m in household.residents if m.is_representative), None),
                (forms.get(household.pk) or RepresentativeForm(household=household))
                if may_appoint
                else None,
            )
            for household in page
        ]
        return self.render(self.template, {"households": households, "page_obj": page})


class HouseholdRepresentativeView(HouseholdsView):
    """POST only: appoint one household's representative (bad input re-shows the list)."""

    permission_required = "communities.verify_membership"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        household = get_object_or_404(
            selectors.households_with_residents(self.community), pk=pk
        )
        form = RepresentativeForm(request.POST, household=household)
        if form.is_valid():
            membership = form.cleaned_data["membership"]
            try:
                services.set_household_representative(
                    actor=request.user, membership=membership
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s now represents the household %(household)s.")
                    % {"name": membership.user.public_name, "household": household},
                )
                url = reverse("communities:households", args=[slug])
                page = request.GET.get("page")
                return redirect(f"{url}?{urlencode({'page': page})}" if page else url)
        return self.get(request, slug, forms={household.pk: form})


class RolesView(CommunityView):
    permission_required = "communities.grant_role"
    nav_key = "roles"
    template = "communities/roles.html"

    def _form(self, data=None) -> GrantRoleForm:
        roles = services.grantable_roles(
            granter=self.request.user, scope=self.community
        )
        return GrantRoleForm(data, roles=roles)

    def _page(self, form: GrantRoleForm, status: int = 200) -> HttpResponse:
        grants = [
            (
                grant,
                services.can_grant(self.request.user, grant.role, self.community),
            )
            for grant in selectors.community_grants(self.community)
        ]
        return self.render(self.template, {"grants": grants, "form": form}, status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.grant_role(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                    community=self.community,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The role has been granted."))
                return redirect("communities:roles", slug=slug)
        return self._page(form)


class RevokeRoleView(CommunityView):
    permission_required = "communities.grant_role"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        grant = get_object_or_404(RoleGrant, pk=pk, community=self.community)
        try:
            services.revoke_role(actor=request.user, grant=grant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role has been revoked."))
        return redirect("communities:roles", slug=slug)


class CommunitySettingsView(CommunityView):
    permission_required = "communities.change_communitysettings"
    nav_key = "settings"
    template = "communities/settings.html"

    def _instance(self) -> CommunitySettings:
        instance, _created = CommunitySettings.objects.get_or_create(
            community=self.community
        )
        return instance

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = CommunitySettingsForm(instance=self._instance())
        return self.render(self.template, {"form": form})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = CommunitySettingsForm(request.POST, instance=self._instance())
        if form.is_valid():
            values = {
                name: form.cleaned_data[name]
                for name in form.fields
                if name in form.cleaned_data
            }
            try:
                services.update_community_settings(
                    actor=request.user, community=self.community, **values
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The settings have been saved."))
                return redirect("communities:settings", slug=slug)
        return self.render(self.template, {"form": form})


class AuditLogView(CommunityView):
    permission_required = "communities.view_audit_log"
    nav_key = "audit"
    template = "communities/audit_log.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        events = AuditEvent.objects.filter(community=self.community).select_related(
            "actor"
        )
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        return self.render(self.template, {"page_obj": page})


class CommunityDashboardView(CommunityView):
    """The community's oversight figures (communities.oversight), for its committee,
    its supervision committee and the officers above it."""

    permission_required = "communities.view_dashboard"
    nav_key = "dashboard"
    template = "communities/dashboard.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        from communities import dashboards

        sections = dashboards.community_sections(self.community, request.user)
        return self.render(
            self.template,
            {
                "sections": sections,
                "chart": dashboards.timeliness_chart(sections, self.community),
            },
        )


# ---------------------------------------------------------------------------
# Officers: streets, towns and districts, and the platform
# ---------------------------------------------------------------------------
class OfficerView(View):
    """Signed-in pages outside a community; `permission_required` on `scope`.

    The scope is a region (street/town or district) resolved from the URL, or the
    platform (None).
    """

    permission_required: str = ""
    nav_key: str | None = None
    scope: Region | None = None

    def resolve(self, **kwargs: Any) -> Region | None:
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.scope = self.resolve(**kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(self.permission_required, self.scope):
            return refusal(request, self.permission_required, self.scope)
        return super().dispatch(request, *args, **kwargs)

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        context = {
            "region": self.scope,
            "region_nav": navigation.region_items_for(
                request=self.request, region=self.scope, current=self.nav_key
            ),
            **context,
        }
        return render(self.request, template, context, status=status)


class RegionView(OfficerView):
    def resolve(self, **kwargs: Any) -> Region | None:
        return get_object_or_404(
            Region.objects.select_related("parent"), slug=kwargs["region_slug"]
        )


class RegionOverviewView(RegionView):
    """A street's communities, or a district's streets and communities, with the
    number of join requests waiting in each."""

    permission_required = "communities.view_region"
    nav_key = "overview"
    template = "communities/region.html"

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        region = self.scope
        communities = selectors.region_communities(region)
        user = request.user
        if region.is_district:
            by_street: dict[int, list[Community]] = {}
            for community in communities:
                by_street.setdefault(community.street_id, []).append(community)
            sections = [
                {
                    "street": street,
                    "communities": by_street.get(street.pk, []),
                    "may_grant": user.has_perm("communities.grant_region_role", street),
                }
                for street in selectors.district_streets(region)
            ]
        else:
            sections = [{"street": None, "communities": communities}]
        return self.render(
            self.template,
            {
                "sections": sections,
                "pending_total": sum(c.pending_count for c in communities),
                "community_count": len(communities),
            },
        )


class RegionDashboardView(RegionView):
    """Oversight figures over a street's or a district's communities, one row each,
    and the chart of disclosure timeliness (communities.dashboards)."""

    permission_required = "communities.view_region"
    nav_key = "dashboard"
    template = "communities/region_dashboard.html"

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        from communities import dashboards

        scope = Community.objects.in_region(self.scope)
        communities = list(
            scope.select_related("street")
            .only("pk", "name", "slug", "kind", "street__name", "street__slug")
            .order_by("street__name", "name")
        )
        sections = dashboards.region_sections(scope, communities, request.user)
        return self.render(
            self.template,
            {
                "sections": sections,
                "chart": dashboards.timeliness_chart(sections),
                "communities": communities,
            },
        )


class GrantsPageMixin:
    """Lists the officer grants of a scope and grants new ones (GrantRoleForm)."""

    template = "communities/officer_roles.html"
    request: HttpRequest
    scope: Region | None

    def grants(self):
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def _form(self, data=None) -> GrantRoleForm:
        roles = services.grantable_roles(granter=self.request.user, scope=self.scope)
        return GrantRoleForm(data, roles=roles)

    def _page(self, form: GrantRoleForm) -> HttpResponse:
        grants = [
            (grant, services.can_grant(self.request.user, grant.role, self.scope))
            for grant in self.grants()
        ]
        return self.render(self.template, {"grants": grants, "form": form})

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.grant_role(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                    region=self.scope,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The role has been granted."))
                return redirect(self.success_url())
        return self._page(form)


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


class RegionRolesView(GrantsPageMixin, RegionView):
    """Street officers of a street (granted by its district officers and platform
    admins); district officers of a district (granted by platform admins)."""

    permission_required = "communities.grant_region_role"
    nav_key = "roles"

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

    def grants(self):
        return selectors.platform_grants()

    def success_url(self) -> str:
        return reverse("communities:platform-roles")

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        context = {"districts": selectors.districts(), **context}
        return super().render(template, context, status)


class PlatformRevokeRoleView(RevokeMixin, OfficerView):
    permission_required = "communities.grant_platform_role"

    def grant_of_scope(self, pk: int) -> RoleGrant:
        return get_object_or_404(RoleGrant, pk=pk, role=Role.PLATFORM_ADMIN)

    def success_url(self) -> str:
        return reverse("communities:platform-roles")
