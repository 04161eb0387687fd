"""Site search over notices, disclosures and charters (pages) and consultations,
volunteer activities and charity projects (records): the index and its queries.

Any page class takes part by defining

    search_kind = "disclosure"                      # a key of KINDS
    def search_document(self) -> dict | None:
        return {"community": <Community>, "category": "finance",
                "title": "...", "text": "plain text"}

A plain model takes part through the app that owns it (no import of it here):

    register_record_source("consultation", Consultation, document)

where `document(obj)` returns the same dict plus "url" and "published_at", or None
when the record must not be found (a draft activity); saving or deleting a row
refreshes its entry after the transaction commits.

`search_document()` returns None when the page must not be found (a superseded
version, for example); a page that stops being searchable without being
unpublished calls `refresh(page)`. Publishing indexes the live version,
unpublishing or deleting removes it (governance.signals connects the receivers for
every Page subclass). Apps name their kinds and categories with `register_kind`.

Chinese is written without spaces, so words cannot be split out reliably: the
search matches any substring of the title or the text (`icontains`), which finds a
two-character word such as 低保 inside 关于调整城乡低保标准的通知. On PostgreSQL
pg_trgm GIN indexes on UPPER(title) and UPPER(text) serve those LIKE queries
(governance migration 0002); SQLite scans the table, which is small.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from governance.search.models import SearchEntry

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
SNIPPET_CHARS = 80


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    categories: tuple[tuple[str, str | Promise], ...] = field(default=())


KINDS: dict[str, Kind] = {}


def register_kind(
    key: str,
    label: str | Promise,
    categories: tuple[tuple[str, str | Promise], ...] | list = (),
) -> Kind:
    """Name a kind of searchable page and its categories (for the filters)."""
    KINDS[key] = Kind(key=key, label=label, categories=tuple(categories))
    return KINDS[key]


def kind_label(key: str) -> str | Promise:
    kind = KINDS.get(key)
    return kind.label if kind else key


def category_label(kind: str, category: str) -> str | Promise:
    for value, label in KINDS.get(kind, Kind(kind, kind)).categories:
        if value == category:
            return label
    return category


def category_choices() -> list[tuple[str, Any]]:
    """Every registered category once (the first kind naming it gives its label)."""
    seen: dict[str, Any] = {}
    for kind in KINDS.values():
        for value, label in kind.categories:
            seen.setdefault(value, label)
    return list(seen.items())


@dataclass(frozen=True)
class RecordSource:
    kind: str
    model: type
    document: Callable[[Any], dict[str, Any] | None]


RECORD_SOURCES: dict[type, RecordSource] = {}


def record_key(obj: Any) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def register_record_source(
    kind: str, model: type, document: Callable[[Any], dict[str, Any] | None]
) -> RecordSource:
    """Index rows of `model` as `kind` (register the kind too, with `register_kind`);
    every save or delete of a row refreshes its entry once the transaction commits."""
    source = RecordSource(kind=kind, model=model, document=document)
    RECORD_SOURCES[model] = source
    uid = f"gz_search_record_{model._meta.label_lower}"
    post_save.connect(_record_saved, sender=model, dispatch_uid=uid + "_save")
    post_delete.connect(_record_deleted, sender=model, dispatch_uid=uid + "_delete")
    return source


def _record_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: refresh_record(instance))


def _record_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    key = record_key(instance)
    transaction.on_commit(lambda: SearchEntry.objects.filter(record=key).delete())


def refresh_record(obj: Any) -> bool:
    """Index a record from its source's document, or drop it; whether it is in."""
    source = RECORD_SOURCES[type(obj)]
    key = record_key(obj)
    document = source.document(obj)
    if document is None or document.get("community") is None:
        SearchEntry.objects.filter(record=key).delete()
        return False
    SearchEntry.objects.update_or_create(
        record=key,
        defaults={
            "community": document["community"],
            "kind": source.kind,
            "category": document.get("category") or "",
            "title": str(document["title"])[:255],
            "text": plain_text(document.get("text", "")),
            "url": str(document["url"])[:255],
            "published_at": document.get("published_at") or timezone.now(),
            "expire_at": None,
        },
    )
    return True


# ---------------------------------------------------------------------------
# Keeping the index
# ---------------------------------------------------------------------------
def is_searchable_class(model: Any) -> bool:
    return bool(getattr(model, "search_kind", "")) and callable(
        getattr(model, "search_document", None)
    )


def plain_text(*parts: Any) -> str:
    """Rich text and plain strings as one plain text, whitespace collapsed."""
    text = " ".join(html.unescape(strip_tags(str(part or ""))) for part in parts)
    return re.sub(r"\s+", " ", text).strip()


def refresh(page: Any) -> bool:
    """Index the page's live version, or drop it when it is not to be found.

    Returns whether the page is now in the index.
    """

    page = page.specific if hasattr(page, "specific") else page
    document = page.search_document() if page.live and not page.expired else None
    if document is None or document.get("community") is None:
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return False
    with transaction.atomic():
        SearchEntry.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "community": document["community"],
                "kind": page.search_kind,
                "category": document.get("category") or "",
                "title": str(document.get("title") or page.title)[:255],
                "text": plain_text(document.get("text", "")),
                "url": (page.url or "")[:255],
                "published_at": page.first_published_at or timezone.now(),
                "expire_at": page.expire_at,
            },
        )
    return True


def remove(page_id: int) -> None:

    SearchEntry.objects.filter(page_id=page_id).delete()


def searchable_models() -> list[type]:

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and is_searchable_class(model)
    ]


def rebuild() -> int:
    """Index every live searchable page again; returns how many were indexed."""

    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model in searchable_models():
            for page in model.objects.live().filter(expired=False).iterator():
                count += refresh(page)
        for source in RECORD_SOURCES.values():
            for obj in source.model._default_manager.iterator():
                count += refresh_record(obj)
    return count


# ---------------------------------------------------------------------------
# Querying
# ---------------------------------------------------------------------------
def visible_entries(now: datetime.datetime | None = None) -> QuerySet:
    """Entries of records, and of live pages that have not expired (the
    scheduler may lag)."""

    now = now or timezone.now()
    return SearchEntry.objects.filter(Q(page__live=True) | Q(page__isnull=True)).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def search(
    query: str,
    *,
    community: Any = None,
    kind: str = "",
    category: str = "",
) -> QuerySet:
    """Entries whose title or text contains the query: title matches first, newest next."""
    entries = visible_entries().filter(
        Q(title__icontains=query) | Q(text__icontains=query)
    )
    if community is not None:
        entries = entries.filter(community=community)
    if kind:
        entries = entries.filter(kind=kind)
    if category:
        entries = entries.filter(category=category)
    return (
        entries.annotate(
            title_rank=Case(
                When(title__icontains=query, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("community")
        .defer("community__description")
        .order_by("title_rank", "-published_at", "-pk")
    )


def highlight(text: str, query: str) -> SafeString:
    """The text, escaped, with every match of the query wrapped in <mark>."""
    if not query:
        return conditional_escape(text)
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    out = []
    for index, part in enumerate(parts):
        escaped = conditional_escape(part)
        out.append(f"<mark>{escaped}</mark>" if index % 2 else str(escaped))
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped above


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> SafeString:
    """A short passage of the text around the first match, highlighted."""
    position = text.lower().find(query.lower()) if query else -1
    if position < 0:
        cut = text[:width]
        return highlight(cut + ("…" if len(text) > width else ""), "")
    start = max(0, position - width // 3)
    end = min(len(text), start + width)
    passage = (
        ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    )
    return highlight(passage, query)
