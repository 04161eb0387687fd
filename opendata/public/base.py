"""What every public list shares: anonymous and read-only, paginated, filtered by
`community=<slug>` and `since`/`until` dates, in Chinese or English (`?lang=` or
Accept-Language), and served from the anonymous page cache like the pages."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from communities.cache import cache_public_page
from communities.models import Community

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def with_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language `?lang=` names, else the one the site chose
    (Accept-Language, the language cookie), as the pages do."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang in LANGUAGE_CODES:
            with translation.override(lang):
                response = view(request, *args, **kwargs)
        else:
            response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    return wrapper


def cached_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The anonymous page cache (communities.cache) around an API view."""
    return with_language(cache_public_page(view))


def _date(request, name: str) -> datetime.date | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            {name: [_("Give a date as YYYY-MM-DD.")]}, code="invalid"
        ) from None


COMMON_PARAMETERS = [
    OpenApiParameter(
        "community",
        OpenApiTypes.STR,
        description="Only this community's records (its slug).",
    ),
    OpenApiParameter(
        "since", OpenApiTypes.DATE, description="Only records dated on or after."
    ),
    OpenApiParameter(
        "until", OpenApiTypes.DATE, description="Only records dated on or before."
    ),
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=LANGUAGE_CODES,
        description="Language of labels (else Accept-Language).",
    ),
]


@extend_schema(parameters=COMMON_PARAMETERS)
class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, anonymous; subclasses say which date field `since`/`until` read
    (`date_field`) and how a record names its community (`community_field`)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = Pages
    date_field = ""
    date_is_datetime = False
    community_field = "community"
    lookup_value_regex = r"[0-9]+"

    def community(self) -> Community | None:
        """The community of `?community=`, or None; an unknown slug is a 400."""
        if hasattr(self, "_community"):
            return self._community
        slug = self.request.query_params.get("community", "")
        found = None
        if slug:
            found = (
                Community.objects.select_related("street")
                .filter(slug=slug[:100])
                .first()
            )
            if found is None:
                raise ValidationError(
                    {"community": [_("There is no community with that name.")]},
                    code="invalid",
                )
        self._community = found
        return found

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        queryset = self.base_queryset()
        community = self.community()
        if community is not None and self.community_field:
            queryset = queryset.filter(**{self.community_field: community})
        if self.date_field:
            since, until = _date(self.request, "since"), _date(self.request, "until")
            if since and until and since > until:
                raise ValidationError(
                    {"until": [_("The end date is before the start date.")]},
                    code="invalid",
                )
            lookup = self.date_field
            suffix = "__date" if self.date_is_datetime else ""
            if since:
                queryset = queryset.filter(**{f"{lookup}{suffix}__gte": since})
            if until:
                queryset = queryset.filter(**{f"{lookup}{suffix}__lte": until})
        return queryset


class CommunityRef(serializers.Serializer):
    """Who a record belongs to, as the site names it."""

    slug = serializers.CharField()
    name = serializers.CharField()
