"""Assistance standards (every district's, past and present) and the 公示 notices
that are up today, with only the whitelisted, masked columns the public page
shows (assistance.publicity.models.PUBLIC_FIELDS); a notice leaves the API the
day its period ends or it is withdrawn."""

from __future__ import annotations

from rest_framework import serializers

from assistance.publicity.models import PUBLIC_FIELDS, Publicity
from assistance.standards.models import Standard
from opendata.public.base import CommunityRef, PublicViewSet


class StandardSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.name")
    district_slug = serializers.CharField(source="district.slug")
    area_label = serializers.CharField(source="get_area_display")

    class Meta:
        model = Standard
        fields = [
            "id",
            "district",
            "district_slug",
            "area",
            "area_label",
            "monthly_amount",
            "effective_from",
            "special_hardship_ratio",
            "low_income_ratio",
            "note",
        ]


class StandardViewSet(PublicViewSet):
    """低保 standards by district and area, newest first; `?community=` gives
    the standards of that community's district."""

    serializer_class = StandardSerializer
    date_field = "effective_from"
    community_field = ""

    def base_queryset(self):
        standards = Standard.objects.select_related("district").order_by(
            "district__name", "area", "-effective_from", "-pk"
        )
        community = self.community()
        if community is not None:
            standards = standards.filter(district_id=community.street.parent_id)
        return standards


class PublicitySerializer(serializers.ModelSerializer):
    community = CommunityRef()
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Publicity
        fields = ["id", *PUBLIC_FIELDS, "kind_label"]


class PublicityViewSet(PublicViewSet):
    """公示 notices up today: masked name, household size, type, amount, period,
    hotline, dates. Nothing else of a case is ever read."""

    serializer_class = PublicitySerializer
    date_field = "starts_on"

    def base_queryset(self):
        return (
            Publicity.objects.showing()
            .select_related("community")
            .only(
                "pk",
                "community__slug",
                "community__name",
                *[name for name in PUBLIC_FIELDS if name != "community"],
            )
            .order_by("-starts_on", "pk")
        )
