"""Charity projects (public and closed) with their reconciled totals, their
ledger (donors by name only if they opted in, else 爱心人士) and their reports."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from charity.donations.selectors import ledger
from charity.projects.models import Project
from charity.projects.selectors import LISTED_STATUSES, with_totals
from charity.reports.selectors import reports_of
from opendata.public.base import CommunityRef, PublicViewSet

MONEY = {"max_digits": 14, "decimal_places": 2}


class ProjectSerializer(serializers.ModelSerializer):
    community = CommunityRef()
    organisation = serializers.CharField(source="organisation.name")
    status_label = serializers.CharField(source="get_status_display")
    raised = serializers.DecimalField(**MONEY)
    goods_value = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(**MONEY)
    balance = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "community",
            "organisation",
            "title",
            "purpose",
            "beneficiaries",
            "area",
            "starts_on",
            "ends_on",
            "goal_amount",
            "is_public_fundraising",
            "filing_number",
            "status",
            "status_label",
            "published_on",
            "raised",
            "goods_value",
            "spent",
            "balance",
            "url",
        ]

    def get_balance(self, project: Project) -> str:
        return f"{project.raised - project.spent:.2f}"

    def get_url(self, project: Project) -> str:
        return reverse("charity:project", args=[project.community.slug, project.pk])


class LedgerDonation(serializers.Serializer):
    confirmed_at = serializers.DateTimeField()
    donor = serializers.CharField(source="public_name")
    kind = serializers.CharField()
    amount = serializers.DecimalField(allow_null=True, **MONEY)
    item = serializers.CharField()
    quantity = serializers.IntegerField(allow_null=True)
    estimated_value = serializers.DecimalField(allow_null=True, **MONEY)
    receipt_number = serializers.CharField()


class LedgerExpenditure(serializers.Serializer):
    spent_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY)
    purpose = serializers.CharField()
    payee = serializers.CharField()


class LedgerSerializer(serializers.Serializer):
    received = serializers.DecimalField(**MONEY)
    goods_value = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)
    donations = LedgerDonation(many=True)
    expenditures = LedgerExpenditure(many=True)


class ReportSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    sequence = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    filed_at = serializers.DateTimeField()


class ProjectViewSet(PublicViewSet):
    """Public and closed charity projects with their totals, newest first."""

    serializer_class = ProjectSerializer
    date_field = "starts_on"

    def base_queryset(self):
        return with_totals(
            Project.objects.filter(status__in=LISTED_STATUSES).select_related(
                "organisation", "community"
            )
        ).order_by("-starts_on", "-pk")

    @extend_schema(responses=LedgerSerializer, parameters=[])
    @action(detail=True, pagination_class=None)
    def ledger(self, request, pk=None):
        """The project's public ledger: received − spent = balance, every row."""
        project = self.get_object()
        book = ledger(project)
        donations = book["money_donations"] + book["goods_donations"]
        return Response(
            LedgerSerializer(
                {**book, "donations": donations, "expenditures": book["expenditures"]}
            ).data
        )

    @extend_schema(responses=ReportSerializer(many=True), parameters=[])
    @action(detail=True, pagination_class=None)
    def reports(self, request, pk=None):
        """The project's progress and final reports, in order."""
        project = self.get_object()
        return Response(ReportSerializer(reports_of(project), many=True).data)
