"""/api/v1/: the public API (cached like the pages), the officers' token API,
the OpenAPI document and its doc page; /api/tokens/: an officer's tokens."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from opendata import docs
from opendata.public import (
    assistance,
    charity,
    communities,
    consultation,
    governance,
    volunteers,
)
from opendata.public.base import cached_public
from opendata.tokens import api as officer_api
from opendata.tokens import views as token_views

app_name = "opendata"

PUBLIC = [
    ("communities", communities.CommunityViewSet, "slug", r"<slug:slug>"),
    ("notices", governance.NoticeViewSet, "pk", "<int:pk>"),
    ("disclosures", governance.DisclosureViewSet, "pk", "<int:pk>"),
    ("charters", governance.CharterViewSet, "pk", "<int:pk>"),
    ("consultations", consultation.ConsultationViewSet, "pk", "<int:pk>"),
    ("votes", consultation.VoteViewSet, "pk", "<int:pk>"),
    ("resolutions", consultation.ResolutionViewSet, "pk", "<int:pk>"),
    ("followups", consultation.FollowUpViewSet, "pk", "<int:pk>"),
    ("activities", volunteers.ActivityViewSet, "pk", "<int:pk>"),
    ("projects", charity.ProjectViewSet, "pk", "<int:pk>"),
    ("assistance/standards", assistance.StandardViewSet, "pk", "<int:pk>"),
    ("assistance/publicity", assistance.PublicityViewSet, "pk", "<int:pk>"),
]


def _name(prefix: str) -> str:
    return prefix.replace("/", "-")


urlpatterns = [
    path(
        "api/v1/schema/",
        cached_public(
            SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])
        ),
        name="schema",
    ),
    path("api/", docs.docs, name="docs"),
    path(
        "api/v1/officer/dashboard/",
        officer_api.DashboardView.as_view(),
        name="officer-dashboard",
    ),
    path(
        "api/v1/officer/overdue/",
        officer_api.OverdueView.as_view(),
        name="officer-overdue",
    ),
    path("api/tokens/", token_views.tokens, name="tokens"),
    path("api/tokens/<int:pk>/revoke/", token_views.revoke, name="token-revoke"),
    path(
        "api/v1/projects/<int:pk>/ledger/",
        cached_public(
            charity.ProjectViewSet.as_view(
                {"get": "ledger"}, detail=True, pagination_class=None
            )
        ),
        name="projects-ledger",
    ),
    path(
        "api/v1/projects/<int:pk>/reports/",
        cached_public(
            charity.ProjectViewSet.as_view(
                {"get": "reports"}, detail=True, pagination_class=None
            )
        ),
        name="projects-reports",
    ),
]

for prefix, viewset, _lookup, converter in PUBLIC:
    urlpatterns += [
        path(
            f"api/v1/{prefix}/",
            cached_public(viewset.as_view({"get": "list"})),
            name=f"{_name(prefix)}-list",
        ),
        path(
            f"api/v1/{prefix}/{converter}/",
            cached_public(viewset.as_view({"get": "retrieve"})),
            name=f"{_name(prefix)}-detail",
        ),
    ]
