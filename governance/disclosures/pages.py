"""Affairs disclosure pages (居务公开): the disclosure board and the disclosures on it.

- `DisclosureIndexPage` is the board at /<slug>/disclosures/, one per community,
  created by governance.disclosures.services.catalogue.ensure_disclosure_index (like the notice list).
  It filters by category (?category=finance) and archives by year (?year=2026).
- `DisclosurePage` is one disclosure. Finance items and items marked 居务 are
  published only through the "Disclosure review" workflow, approved by a
  supervision member who is not on the 两委: `DisclosurePermissionTester` refuses
  the publish permission to everyone else, and Wagtail checks it whenever a
  revision is published by a person.
- A published disclosure is never changed in place: publishing again is a
  correction and needs a new correction note (更正说明); every publication is kept
  as a `DisclosureVersion`, viewable at <page>/versions/<n>/ with a diff at
  <page>/diff/?a=1&b=2.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from communities import navigation
from governance.disclosures import selectors
from governance.disclosures.blocks import DisclosureBodyBlock
from governance.disclosures.diff import diff_versions
from governance.disclosures.models import Category
from governance.disclosures.selectors import (
    approved_latest_revision,
    correction_note_problem,
)

DISCLOSURES_PER_PAGE = 20


class DisclosureIndexPage(Page):
    """The community's disclosure board: every published disclosure, newest first."""

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="disclosure_index",
        verbose_name=_("community"),
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["communities.CommunityHomePage"]
    subpage_types = ["governance.DisclosurePage"]
    max_count_per_parent = 1
    is_creatable = False
    template = "governance/disclosure_index_page.html"

    class Meta:
        verbose_name = _("disclosure board")
        verbose_name_plural = _("disclosure boards")

    def disclosures(self):
        return (
            DisclosurePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:

        context = super().get_context(request, *args, **kwargs)
        community = self.community
        items = self.disclosures()
        category = request.GET.get("category", "")
        if category in Category.values:
            items = items.filter(category=category)
        else:
            category = ""
        year = request.GET.get("year", "")
        if year.isdigit() and len(year) == 4:
            items = items.filter(period_end__year=int(year))
        else:
            year = ""
        years = sorted(
            {d.year for d in self.disclosures().dates("period_end", "year")},
            reverse=True,
        )
        context.update(
            community=community,
            community_nav=navigation.items_for(
                request=request, community=community, current="disclosures"
            ),
            disclosures=Paginator(items, DISCLOSURES_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            categories=Category.choices,
            category=category,
            years=years,
            year=year,
        )
        return context


class DisclosurePermissionTester(PagePermissionTester):
    """Publishing a finance or 居务 disclosure is the reviewer's approval, nothing else.

    Wagtail asks `can_publish()` of the revision being published whenever a person
    publishes (admin button, scheduling, workflow approval). For items that need
    review it answers yes only for the supervision member who approved this very
    revision, which is what the workflow's last step does. Published disclosures
    are archives: nobody unpublishes or deletes them.
    """

    def can_publish(self) -> bool:
        page = self.page.specific
        if getattr(page, "needs_review", False):
            return approved_latest_revision(page, self.user)
        return super().can_publish()

    def can_unpublish(self) -> bool:
        return False

    def can_delete(self, ignore_bulk=False) -> bool:
        if self.page.first_published_at is not None:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)


class DisclosureForm(WagtailAdminPageForm):
    """Admin checks: the period, a new correction note for a correction, the catalogue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.fields.get("catalogue_entry")
        community = _community_for_form(self.instance, self.parent_page)
        if entry is not None and community is not None:
            entry.queryset = entry.queryset.filter(community=community, is_active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        needs_review = cleaned.get("category") == Category.FINANCE or cleaned.get(
            "is_juwu"
        )
        if needs_review and "action-publish" in self.data:
            self.add_error(
                None,
                _(
                    "Finance items and 居务 items are published by the supervision "
                    "committee's approval. Save a draft and submit it for review."
                ),
            )
        page = self.instance
        if page.pk and page.first_published_at is not None:
            problem = correction_note_problem(page, cleaned.get("correction_note", ""))
            if problem:
                self.add_error("correction_note", problem)
        return cleaned


def _community_for_form(page, parent):

    target = parent
    if target is None and page.pk:
        target = page.get_parent()
    if target is None:
        return None
    index = DisclosureIndexPage.objects.filter(pk=target.pk).first()
    return index.community if index else None


class DisclosurePage(RoutablePageMixin, Page):
    """One disclosure (居务公开) for a period, in one category."""

    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    is_juwu = models.BooleanField(
        _("community affairs (居务) item"),
        default=False,
        help_text=_("Needs the supervision committee's approval before publication."),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    summary = models.TextField(_("summary"), blank=True, max_length=300)
    body = StreamField(DisclosureBodyBlock(), verbose_name=_("content"))
    catalogue_entry = models.ForeignKey(
        "governance.CatalogueEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue entry"),
        help_text=_("The catalogue item this disclosure fulfils, if any."),
    )
    correction_note = models.TextField(
        _("correction note (更正说明)"),
        blank=True,
        help_text=_(
            "Required when correcting a published disclosure: what changed and why. "
            "Shown on the page."
        ),
    )

    base_form_class = DisclosureForm
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("is_juwu")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("catalogue_entry"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
        FieldPanel("correction_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["governance.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "governance/disclosure_page.html"

    # Site search contract (another app builds the search).
    search_kind = "disclosure"

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    # -- rules --------------------------------------------------------------
    @property
    def needs_review(self) -> bool:
        return self.category == Category.FINANCE or self.is_juwu

    def permissions_for_user(self, user):
        return DisclosurePermissionTester(user, self)

    def publish(self, revision, *args, **kwargs):
        """Refuse a correction without a new correction note, whoever publishes."""

        content = revision.as_object()
        if self.first_published_at is not None:
            problem = correction_note_problem(self, content.correction_note)
            if problem:
                raise ValidationError({"correction_note": problem})
        return super().publish(revision, *args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}
            )

    # -- reading ------------------------------------------------------------
    def community_of_disclosure(self):
        parent = DisclosureIndexPage.objects.select_related("community").get(
            pk=self.get_parent().pk
        )
        return parent.community

    def finance_lines(self) -> list:
        lines = []
        for block in self.body:
            if block.block_type == "finance_table":
                lines.extend(block.value.line_items)
        return lines

    def plain_text(self) -> str:
        """The text of this version, block by block (for search and diffs)."""
        parts = [self.title]
        if self.summary:
            parts.append(self.summary)
        for block in self.body:
            if block.block_type == "heading":
                parts.append(str(block.value))
            elif block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source).strip())
            elif block.block_type == "finance_table":
                value = block.value
                parts.append(str(value.get("caption", "")))
                for line in value.line_items:
                    parts.append(
                        f"{line.item}\t{line.kind}\t{line.amount}\t{line.note}".rstrip()
                    )
                totals = value.totals
                parts.append(
                    f"= {totals.income}\t{totals.expenditure}\t{totals.balance}"
                )
        if self.correction_note:
            parts.append(str(self.correction_note))
        return "\n".join(p for p in parts if p)

    def search_document(self) -> dict:
        """What site search indexes: the current published version only."""
        live = self
        if self.has_unpublished_changes and self.live_revision_id:
            live = self.live_revision.as_object()
        return {
            "community": self.community_of_disclosure(),
            "category": live.category,
            "title": live.title,
            "text": live.plain_text() if self.live else "",
        }

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:

        context = super().get_context(request, *args, **kwargs)
        community = self.community_of_disclosure()
        context.update(
            community=community,
            community_nav=navigation.items_for(
                request=request, community=community, current="disclosures"
            ),
            attachments=self.attachments.select_related("document"),
            versions=list(self.versions.select_related("approved_by")),
            objections=selectors.public_objections(self),
            objection_url=selectors.objection_url(community, self),
        )
        context["current_version"] = (
            context["versions"][-1] if context["versions"] else None
        )
        return context

    # -- the archive of versions ----------------------------------------------
    @path("versions/<int:number>/", name="version")
    def version_view(self, request, number: int):
        version = (
            self.versions.select_related("revision", "approved_by")
            .filter(number=number)
            .first()
        )
        if version is None:
            raise Http404
        old = version.revision.as_object()
        context = self.get_context(request)
        context.update(shown=old, shown_version=version)
        return TemplateResponse(request, "governance/disclosure_version.html", context)

    @path("diff/", name="diff")
    def diff_view(self, request):

        versions = {v.number: v for v in self.versions.all()}
        try:
            a = int(request.GET.get("a", ""))
            b = int(request.GET.get("b", ""))
        except ValueError:
            a, b = (max(1, len(versions) - 1), len(versions))
        if a not in versions or b not in versions:
            raise Http404
        context = self.get_context(request)
        context.update(
            a=versions[a], b=versions[b], rows=diff_versions(versions[a], versions[b])
        )
        return TemplateResponse(request, "governance/disclosure_diff.html", context)


class DisclosureAttachment(Orderable):
    """A document attached to a disclosure (served as a download)."""

    page = ParentalKey(
        DisclosurePage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or str(self.document)
