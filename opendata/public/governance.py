"""Notices, disclosures (every published version, finance lines) and charters
(every published version with its clauses): only what is live and public."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from governance.charters.models import CharterState, CharterVersion
from governance.charters.pages import CharterPage
from governance.disclosures.models import Category, DisclosureVersion
from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
from governance.notices.pages import NoticeIndexPage, NoticePage
from opendata.public.base import PublicViewSet


def with_board_community(queryset, board_model):
    """Annotate each page with the slug and name of the community whose board
    (its parent page) it sits on: one query whatever the number of pages."""
    boards = board_model.objects.filter(path=OuterRef("parent_path"))
    return queryset.annotate(
        parent_path=Substr("path", 1, Length("path") - Page.steplen)
    ).annotate(
        community_slug=Subquery(boards.values("community__slug")[:1]),
        community_name=Subquery(boards.values("community__name")[:1]),
    )


class BoardCommunity(serializers.Serializer):
    slug = serializers.CharField(source="community_slug")
    name = serializers.CharField(source="community_name")


class BoardViewSet(PublicViewSet):
    """Pages on a community's board (notices, disclosures): `?community=` reads
    the children of that community's board."""

    community_field = ""
    board_model = None
    board_attr = ""
    date_field = "first_published_at"
    date_is_datetime = True

    def live_pages(self):
        raise NotImplementedError

    def base_queryset(self):
        pages = with_board_community(self.live_pages(), self.board_model)
        community = self.community()
        if community is not None:
            board = getattr(community, self.board_attr, None)
            pages = pages.child_of(board) if board else pages.none()
        return pages


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    community = BoardCommunity(source="*")
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.SerializerMethodField()
    pinned = serializers.BooleanField()
    published_at = serializers.DateTimeField(source="first_published_at")
    expires_at = serializers.DateTimeField(source="expire_at", allow_null=True)
    url = serializers.SerializerMethodField()

    def get_body(self, page) -> str:
        return expand_db_html(page.body)

    def get_url(self, page) -> str:
        return page.get_url(request=self.context.get("request")) or ""


class NoticeViewSet(BoardViewSet):
    """Published notices that have not expired, pinned first, then the newest."""

    serializer_class = NoticeSerializer
    board_model = NoticeIndexPage
    board_attr = "notice_index"

    def live_pages(self):
        return (
            NoticePage.objects.live()
            .public()
            .exclude(expire_at__lte=timezone.now())
            .order_by("-pinned", "-first_published_at", "-pk")
        )


class FinanceLineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    item = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField()


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisclosureVersion
        fields = ["number", "title", "text", "correction_note", "published_at"]


class DisclosureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    community = BoardCommunity(source="*")
    title = serializers.CharField()
    category = serializers.CharField()
    category_label = serializers.CharField(source="get_category_display")
    is_juwu = serializers.BooleanField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    summary = serializers.CharField()
    correction_note = serializers.CharField()
    published_at = serializers.DateTimeField(source="first_published_at")
    finance_lines = serializers.SerializerMethodField()
    versions = VersionSerializer(many=True, source="public_versions")
    url = serializers.SerializerMethodField()

    @extend_schema_field(FinanceLineSerializer(many=True))
    def get_finance_lines(self, page) -> list:
        return FinanceLineSerializer(page.finance_lines(), many=True).data

    def get_url(self, page) -> str:
        return page.get_url(request=self.context.get("request")) or ""


@extend_schema(
    parameters=[
        OpenApiParameter(
            "category",
            OpenApiTypes.STR,
            enum=list(Category.values),
            description="党务, 政务, 财务 or 服务.",
        )
    ]
)
class DisclosureViewSet(BoardViewSet):
    """Published disclosures, newest first, each with its finance lines and every
    published version (a correction is a new version; old ones stay)."""

    serializer_class = DisclosureSerializer
    board_model = DisclosureIndexPage
    board_attr = "disclosure_index"

    def live_pages(self):
        pages = DisclosurePage.objects.live().public()
        category = self.request.query_params.get("category", "")
        if category in Category.values:
            pages = pages.filter(category=category)
        return pages.order_by("-first_published_at", "-pk").prefetch_related(
            Prefetch(
                "versions",
                queryset=DisclosureVersion.objects.order_by("-number"),
                to_attr="public_versions",
            )
        )


class ClauseSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    heading = serializers.CharField()
    text = serializers.CharField()


class CharterVersionSerializer(serializers.ModelSerializer):
    clauses = ClauseSerializer(many=True)

    class Meta:
        model = CharterVersion
        fields = [
            "number",
            "title",
            "summary",
            "voted_on",
            "in_force_on",
            "published_at",
            "clauses",
        ]


class CharterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    community = BoardCommunity(source="*")
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    versions = CharterVersionSerializer(many=True, source="published")
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return page.get_url(request=self.context.get("request")) or ""


class CharterViewSet(PublicViewSet):
    """Charters and conventions with every published version, newest first."""

    serializer_class = CharterSerializer
    date_field = "first_published_at"
    date_is_datetime = True

    def base_queryset(self):
        return (
            CharterPage.objects.live()
            .public()
            .annotate(
                community_slug=F("community__slug"),
                community_name=F("community__name"),
            )
            .order_by("-first_published_at", "-pk")
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=CharterVersion.objects.filter(state=CharterState.PUBLISHED)
                    .order_by("-number")
                    .prefetch_related("clauses"),
                    to_attr="published",
                )
            )
        )
