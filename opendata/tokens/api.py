"""What an officer's token reads: the dashboard figures and the overdue lists of
the communities the owner oversees at the time of the call. Every call, allowed
or refused, is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from audit import services as audit
from charity.reports.selectors import overdue_reports
from communities.models import Community
from communities.oversight import dashboards
from consultation.followup.models import FollowUpItem
from governance.disclosures.selectors import due_items_for, objections_for
from opendata.public.base import Pages
from opendata.tokens.auth import PerTokenThrottle, TokenAuthentication
from opendata.tokens.selectors import area_of


class MayPullAreaFigures(BasePermission):
    """opendata.pull_area_figures for the token's owner, decided now."""

    message = _("Your role does not give access to an area's figures.")

    def has_permission(self, request, view) -> bool:
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm("opendata.pull_area_figures", request.auth)
        )


class OfficerAPIView(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [MayPullAreaFigures]
    throttle_classes = [PerTokenThrottle]

    def scope(self):
        """The communities in view: the owner's area, or one community of it."""
        area = area_of(self.request.user)
        slug = self.request.query_params.get("community", "")
        if not slug:
            return area, None
        community = Community.objects.filter(slug=slug[:100]).first()
        if community is None or not area.filter(pk=community.pk).exists():
            raise NotFound(_("No community of that name in your area."))
        return Community.objects.filter(pk=community.pk), community

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None)
        user = getattr(request, "user", None)
        audit.record(
            actor=user if token is not None else None,
            action="opendata.api_call" if token is not None else "opendata.api_refused",
            target=token,
            data={
                "path": request.path[:200],
                "query": request.META.get("QUERY_STRING", "")[:200],
                "status": response.status_code,
            },
        )
        return response


COMMUNITY_PARAM = OpenApiParameter(
    "community", OpenApiTypes.STR, description="One community of your area (slug)."
)


class FigureOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    tone = serializers.CharField()


class RowOut(serializers.Serializer):
    community = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())


class SectionOut(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    totals = FigureOut(many=True)
    rows = RowOut(many=True)


class DashboardOut(serializers.Serializer):
    communities = serializers.IntegerField()
    sections = SectionOut(many=True)


class OverdueRow(serializers.Serializer):
    community = serializers.CharField()
    title = serializers.CharField()
    matter = serializers.CharField()
    due_on = serializers.DateField()
    days_overdue = serializers.IntegerField()


class DashboardView(OfficerAPIView):
    """The oversight dashboard's figures over your area: totals per section and
    one row per community."""

    @extend_schema(
        parameters=[COMMUNITY_PARAM],
        responses=DashboardOut,
    )
    def get(self, request):
        scope, _community = self.scope()
        communities = list(scope.only("pk", "name", "slug").order_by("name", "pk"))
        views = dashboards.region_sections(scope, communities, request.user)
        return Response(
            {
                "communities": len(communities),
                "sections": [
                    {
                        "key": view.key,
                        "title": str(view.title),
                        "totals": [
                            {
                                "key": total["key"],
                                "label": str(total["label"]),
                                "count": total["count"],
                                "tone": total["tone"],
                            }
                            for total in view.totals
                        ],
                        "rows": [
                            {
                                "community": row.community.slug,
                                "counts": {
                                    key: cell.count
                                    for (key, _label), cell in zip(
                                        view.columns, row.cells, strict=True
                                    )
                                },
                            }
                            for row in view.rows
                        ],
                    }
                    for view in views
                ],
            }
        )


OVERDUE_KINDS = ("disclosures", "objections", "followups", "charity_reports")


def _disclosures(scope) -> list[dict[str, Any]]:
    today = timezone.localdate()
    items = (
        due_items_for("overdue", scope)
        .select_related("community", "entry")
        .order_by("due_on", "pk")
    )
    return [
        {
            "community": item.community.slug,
            "title": item.entry.title,
            "matter": item.matter,
            "due_on": item.due_on,
            "days_overdue": (today - item.due_on).days,
        }
        for item in items
    ]


def _objections(scope) -> list[dict[str, Any]]:
    today = timezone.localdate()
    objections = (
        objections_for("objections_past_due", scope)
        .select_related("community")
        .order_by("answer_due_on", "pk")
    )
    return [
        {
            "community": objection.community.slug,
            "title": objection.tracking_number,
            "matter": objection.line_label,
            "due_on": objection.answer_due_on,
            "days_overdue": (today - objection.answer_due_on).days,
        }
        for objection in objections
    ]


def _followups(scope) -> list[dict[str, Any]]:
    today = timezone.localdate()
    items = (
        FollowUpItem.objects.filter(community__in=scope)
        .overdue(today)
        .select_related("community")
        .order_by("due_on", "pk")
    )
    return [
        {
            "community": item.community.slug,
            "title": item.title,
            "matter": item.owner_unit,
            "due_on": item.due_on,
            "days_overdue": (today - item.due_on).days,
        }
        for item in items
    ]


def _charity_reports(scope) -> list[dict[str, Any]]:
    return [
        {
            "community": row["project"].community.slug,
            "title": row["project"].title,
            "matter": str(row["due"].label),
            "due_on": row["due"].due_on,
            "days_overdue": row["days"],
        }
        for row in overdue_reports(scope)
    ]


READERS = {
    "disclosures": _disclosures,
    "objections": _objections,
    "followups": _followups,
    "charity_reports": _charity_reports,
}


class OverdueView(OfficerAPIView):
    """What is overdue in your area, one kind at a time, most overdue first."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=list(OVERDUE_KINDS), required=True
            ),
            COMMUNITY_PARAM,
        ],
        responses=OverdueRow(many=True),
    )
    def get(self, request):
        kind = request.query_params.get("kind", "")
        if kind not in READERS:
            raise ValidationError(
                {"kind": [_("Choose one of: %s.") % ", ".join(OVERDUE_KINDS)]}
            )
        scope, _community = self.scope()
        rows = READERS[kind](scope)
        paginator = Pages()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(page)
