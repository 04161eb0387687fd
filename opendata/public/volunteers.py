"""Published volunteer activities with their coming shifts and places left."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from rest_framework import serializers

from opendata.public.base import CommunityRef, PublicViewSet
from volunteers.shifts.models import Activity, Shift


class ShiftSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField()
    waiting = serializers.IntegerField(source="waiting_count")

    class Meta:
        model = Shift
        fields = ["id", "starts_at", "ends_at", "capacity", "places_left", "waiting"]


class ActivitySerializer(serializers.ModelSerializer):
    community = CommunityRef()
    team = serializers.CharField(source="team.name", default="")
    category_label = serializers.CharField(source="get_category_display")
    shifts = ShiftSerializer(many=True, source="upcoming")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "community",
            "team",
            "title",
            "description",
            "category",
            "category_label",
            "place",
            "minimum_age",
            "published_at",
            "shifts",
            "url",
        ]

    def get_url(self, activity: Activity) -> str:
        return reverse(
            "volunteers:activity", args=[activity.community.slug, activity.pk]
        )


class ActivityViewSet(PublicViewSet):
    """Published activities, newest first, each with its coming shifts."""

    serializer_class = ActivitySerializer
    date_field = "published_at"
    date_is_datetime = True

    def base_queryset(self):
        return (
            Activity.objects.published()
            .select_related("community", "team")
            .prefetch_related(
                Prefetch(
                    "shifts",
                    queryset=Shift.objects.upcoming().with_counts(),
                    to_attr="upcoming",
                )
            )
            .order_by("-published_at", "-pk")
        )
