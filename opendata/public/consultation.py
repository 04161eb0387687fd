"""Consultations with their steps, closed vote results (counts only: a ballot's
choices are never read here), resolutions and follow-up items with their state."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers

from consultation.followup.models import FollowUpItem, Resolution
from consultation.topics.models import Consultation, ConsultationEvent, State
from consultation.topics.selectors import chain_steps
from consultation.votes.models import Motion
from opendata.public.base import CommunityRef, PublicViewSet


class StepSerializer(serializers.Serializer):
    state = serializers.CharField()
    label = serializers.CharField()
    reached_at = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField()


class ConsultationSerializer(serializers.ModelSerializer):
    community = CommunityRef()
    origin_label = serializers.CharField(source="get_origin_display")
    state_label = serializers.CharField(source="get_state_display")
    steps = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "community",
            "title",
            "description",
            "origin",
            "origin_label",
            "state",
            "state_label",
            "created_at",
            "state_changed_at",
            "opinion",
            "feedback",
            "steps",
            "url",
        ]

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, consultation: Consultation) -> list:
        return [
            {
                "state": step["state"],
                "label": str(step["label"]),
                "reached_at": step["event"].at if step["event"] else None,
                "current": step["current"],
            }
            for step in chain_steps(consultation)
        ]

    def get_url(self, consultation: Consultation) -> str:
        return reverse(
            "consultation:detail", args=[consultation.community.slug, consultation.pk]
        )


@extend_schema(
    parameters=[
        OpenApiParameter(
            "state", OpenApiTypes.STR, enum=list(State.values), description="Step."
        )
    ]
)
class ConsultationViewSet(PublicViewSet):
    """Consultations, latest step first, each with the steps of its chain."""

    serializer_class = ConsultationSerializer
    date_field = "created_at"
    date_is_datetime = True

    def base_queryset(self):
        state = self.request.query_params.get("state", "")
        consultations = Consultation.objects.all()
        if state in State.values:
            consultations = consultations.filter(state=state)
        return (
            consultations.select_related("community")
            .prefetch_related(
                Prefetch(
                    "events",
                    queryset=ConsultationEvent.objects.only(
                        "pk", "consultation_id", "to_state", "at"
                    ),
                )
            )
            .order_by("-state_changed_at", "-pk")
        )


class OptionResult(serializers.Serializer):
    label = serializers.CharField()
    code = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    adopted = serializers.BooleanField()


class VoteResult(serializers.Serializer):
    electorate = serializers.IntegerField()
    turnout = serializers.IntegerField()
    valid = serializers.BooleanField()
    passed = serializers.BooleanField()
    options = OptionResult(many=True)


class MotionSerializer(serializers.ModelSerializer):
    community = CommunityRef()
    method_label = serializers.CharField(source="get_method_display")
    electorate_label = serializers.CharField(source="get_electorate_display")
    result = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = [
            "id",
            "community",
            "title",
            "description",
            "method",
            "method_label",
            "electorate",
            "electorate_label",
            "is_secret",
            "opened_at",
            "closed_at",
            "result",
        ]

    @extend_schema_field(VoteResult(allow_null=True))
    def get_result(self, motion: Motion) -> dict | None:
        """The stored totals of the closed vote; nothing about any one ballot."""
        if not motion.result:
            return None
        stored = motion.result
        return {
            "electorate": stored.get("electorate", 0),
            "turnout": stored.get("turnout", 0),
            "valid": bool(stored.get("valid")),
            "passed": bool(stored.get("passed")),
            "options": [
                {
                    "label": option.get("label", ""),
                    "code": option.get("code", ""),
                    "count": option.get("count", 0),
                    "adopted": bool(option.get("adopted")),
                }
                for option in stored.get("options", [])
            ],
        }


class VoteViewSet(PublicViewSet):
    """Closed votes and their results, newest first."""

    serializer_class = MotionSerializer
    date_field = "closed_at"
    date_is_datetime = True

    def base_queryset(self):
        return (
            Motion.objects.filter(status=Motion.Status.CLOSED)
            .select_related("community")
            .order_by("-closed_at", "-pk")
        )


class ResolutionSerializer(serializers.ModelSerializer):
    community = CommunityRef()
    publication_label = serializers.CharField(source="get_publication_display")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id",
            "community",
            "consultation",
            "title",
            "text",
            "adopted_at",
            "publication",
            "publication_label",
            "published_at",
            "url",
        ]

    def get_url(self, resolution: Resolution) -> str:
        return reverse(
            "consultation:resolution", args=[resolution.community.slug, resolution.pk]
        )


class ResolutionViewSet(PublicViewSet):
    """Resolutions of closed consultations, newest first."""

    serializer_class = ResolutionSerializer
    date_field = "adopted_at"
    date_is_datetime = True

    def base_queryset(self):
        return Resolution.objects.select_related("community").order_by(
            "-adopted_at", "-pk"
        )


class FollowUpSerializer(serializers.ModelSerializer):
    community = CommunityRef()
    state = serializers.SerializerMethodField()
    milestone_count = serializers.IntegerField()
    milestones_done = serializers.IntegerField()

    class Meta:
        model = FollowUpItem
        fields = [
            "id",
            "community",
            "resolution",
            "title",
            "description",
            "owner_unit",
            "due_on",
            "closed_at",
            "state",
            "milestone_count",
            "milestones_done",
        ]

    def get_state(self, item: FollowUpItem) -> str:
        if item.closed_at is not None:
            return "closed"
        if item.due_on < timezone.localdate():
            return "overdue"
        return "open"


@extend_schema(
    parameters=[
        OpenApiParameter(
            "status",
            OpenApiTypes.STR,
            enum=["open", "overdue", "closed"],
            description="Open, overdue or done.",
        )
    ]
)
class FollowUpViewSet(PublicViewSet):
    """Follow-up items of resolutions: open and overdue first, then done."""

    serializer_class = FollowUpSerializer
    date_field = "due_on"

    def base_queryset(self):
        status = self.request.query_params.get("status", "")
        items = FollowUpItem.objects.all()
        if status == "open":
            items = items.open()
        elif status == "overdue":
            items = items.overdue()
        elif status == "closed":
            items = items.filter(closed_at__isnull=False)
        return (
            items.select_related("community")
            .annotate(
                milestone_count=Count("milestones", distinct=True),
                milestones_done=Count(
                    "milestones",
                    filter=Q(milestones__done_at__isnull=False),
                    distinct=True,
                ),
            )
            .order_by("closed_at", "due_on", "pk")
        )
