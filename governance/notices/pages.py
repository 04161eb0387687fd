"""Notices (通知公告): one notice index per community, notices beneath it.

Committee members write and publish notices in the Wagtail admin (their editors'
group may add, change and publish pages under their community's home page).
Wagtail's own fields give scheduling (`go_live_at`) and expiry (`expire_at`).
Publishing a notice tells the community's verified residents once
(governance.notices.services.announce_notice, called from a `page_published` receiver).

Both pages are public and cached whole, so their templates hold no CSRF token and
no inline script.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from communities import navigation

NOTICES_PER_PAGE = 20
RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "image",
]


class NoticeIndexPage(Page):
    """The list of a community's notices at /<slug>/notices/: pinned first, then newest.

    Exactly one per community, created with the community by
    governance.notices.services.ensure_notice_index; never created by hand.
    """

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="notice_index",
        verbose_name=_("community"),
        help_text=_("The community whose notices are listed here."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short text shown above the list of notices."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["communities.CommunityHomePage"]
    subpage_types = ["governance.NoticePage"]
    max_count_per_parent = 1
    is_creatable = False

    template = "governance/notice_index_page.html"

    class Meta:
        verbose_name = _("notice index page")
        verbose_name_plural = _("notice index pages")

    def notices(self):
        """Published, unexpired notices: pinned first, then the newest."""
        return (
            NoticePage.objects.child_of(self)
            .live()
            .public()
            .exclude(expire_at__lte=timezone.now())
            .order_by("-pinned", "-first_published_at", "-pk")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:

        context = super().get_context(request, *args, **kwargs)
        community = self.community
        paginator = Paginator(self.notices(), NOTICES_PER_PAGE)
        context["community"] = community
        context["community_nav"] = navigation.items_for(
            request=request, community=community, current="notices"
        )
        context["notices"] = paginator.get_page(request.GET.get("page"))
        return context


class NoticePage(Page):
    """A notice (通知公告) to the community's residents.

    Rich text with images and document links, optional attachments, optional
    pinning. Scheduling and expiry are Wagtail's "go live" and "expiry" dates.
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences shown in the list, the feed and the alert."),
    )
    body = RichTextField(
        _("body"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The notice itself. You can add images and links to documents."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("Optional picture shown at the top of the notice."),
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("Pinned notices are listed first."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
        FieldPanel("pinned"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["governance.NoticeIndexPage"]
    subpage_types: list[str] = []

    template = "governance/notice_page.html"
    # The site search (governance.search.index) indexes the live version.
    search_kind = "notice"

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def community_of_notice(self):
        parent = NoticeIndexPage.objects.select_related("community").get(
            pk=self.get_parent().pk
        )
        return parent.community

    def search_document(self) -> dict:
        """What the site search finds this notice by (see governance.search.index)."""
        attachments = " ".join(a.title for a in self.attachments.all() if a.title)
        return {
            "community": self.community_of_notice(),
            "category": "",
            "title": self.title,
            "text": " ".join([self.summary, self.body or "", attachments]),
        }

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:

        context = super().get_context(request, *args, **kwargs)
        community = self.community_of_notice()
        context["community"] = community
        context["community_nav"] = navigation.items_for(
            request=request, community=community, current="notices"
        )
        context["attachments"] = self.attachments.select_related("document")
        return context


class NoticeAttachment(Orderable):
    """A document attached to a notice (Wagtail documents are served as downloads)."""

    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("A file residents can download."),
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("Shown instead of the file's own title, if given."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or str(self.document)
