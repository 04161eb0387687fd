"""Communities: the public directory the portal shows."""

from __future__ import annotations

from rest_framework import serializers

from communities.models import Community
from opendata.public.base import PublicViewSet


class CommunitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    street = serializers.CharField(source="street.name")
    street_slug = serializers.CharField(source="street.slug")
    district = serializers.CharField(source="street.parent.name", default="")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Community
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "street",
            "street_slug",
            "district",
            "description",
            "url",
        ]

    def get_url(self, community: Community) -> str:
        return f"/{community.slug}/"


class CommunityViewSet(PublicViewSet):
    """Every community with its street and district."""

    serializer_class = CommunitySerializer
    community_field = "pk"
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def base_queryset(self):
        return Community.objects.select_related("street__parent").order_by(
            "street__name", "name", "pk"
        )
