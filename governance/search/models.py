"""The site search table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One published page (notices, disclosures, charters) or public record
    (consultations, volunteer activities, charity projects) in the site search.

    Maintained by governance.search.index from Wagtail's publish/unpublish signals
    for every page class with a `search_kind` and a `search_document()`; rebuilt by
    `manage.py rebuild_search_index`. Only live, current versions are indexed, so a
    draft, a scheduled page or a superseded version is never found. Queried with
    substring matching (Chinese has no spaces between words); on PostgreSQL a
    pg_trgm GIN index serves it (migration 0002).

    A record (not a Wagtail page) has no `page` and is named by `record`
    ("<app_label>.<model>:<pk>"); the apps that own such records register them
    with `governance.search.index.register_record_source`.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    record = models.CharField(
        _("record"), max_length=80, unique=True, null=True, blank=True
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    kind = models.CharField(_("kind"), max_length=20)
    category = models.CharField(_("category"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=255)
    published_at = models.DateTimeField(_("published"))
    expire_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(
                fields=["community", "kind", "category"],
                name="gov_search_filters",
            ),
            models.Index(fields=["-published_at"], name="gov_search_newest"),
        ]

    def __str__(self) -> str:
        return self.title
