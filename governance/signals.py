"""Signal receivers: set new communities up, announce notices, retire cached pages.

Communities must not import governance (dependencies point one way), so governance
listens: when a community's home page is created (by communities.services.
create_community) it adds the bodies and the notice index beneath it. Business
rules stay in governance.services; receivers only call them.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
)

from communities.cache import bump_generation
from communities.models import CommunityHomePage


def connect() -> None:
    """Called from GovernanceConfig.ready()."""
    from governance.models import (
        Body,
        DisclosurePage,
        NoticePage,
        Objection,
        SupervisionReviewTask,
        Term,
    )

    post_save.connect(
        _home_page_created,
        sender=CommunityHomePage,
        dispatch_uid="gz_governance_setup_community",
    )
    page_published.connect(
        _notice_published, sender=NoticePage, dispatch_uid="gz_governance_announce"
    )
    page_published.connect(
        _disclosure_published,
        sender=DisclosurePage,
        dispatch_uid="gz_governance_disclosure_version",
    )
    task_submitted.connect(
        _review_requested,
        dispatch_uid="gz_governance_review_requested",
    )
    del SupervisionReviewTask
    # The site search: every page class with `search_kind` and `search_document()`.
    page_published.connect(_page_published, dispatch_uid="gz_search_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="gz_search_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="gz_search_moved")
    # The "who serves us" page shows bodies and terms; disclosure pages show
    # their objections and answers.
    for model in (Body, Term, Objection):
        post_save.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_save_{model.__name__}",
        )
        post_delete.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_delete_{model.__name__}",
        )


def _home_page_created(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        from governance.services import setup_community

        setup_community(instance.community)


def _notice_published(sender, instance, **kwargs) -> None:
    from governance.services import announce_notice

    announce_notice(notice=instance)


def _disclosure_published(sender, instance, revision=None, **kwargs) -> None:
    from governance.disclosures import record_version

    record_version(instance, revision)


def _review_requested(sender, instance, user=None, **kwargs) -> None:
    from governance.disclosures import notify_reviewers
    from governance.models import DisclosurePage, SupervisionReviewTask

    if not isinstance(instance.task.specific, SupervisionReviewTask):
        return
    page = instance.workflow_state.content_object
    if isinstance(page.specific, DisclosurePage):
        notify_reviewers(page.specific)


def _page_published(sender, instance, **kwargs) -> None:
    from governance import search_index

    if search_index.is_searchable_class(sender):
        search_index.refresh(instance)


def _page_unpublished(sender, instance, **kwargs) -> None:
    from governance import search_index

    if search_index.is_searchable_class(sender):
        search_index.remove(instance.pk)


def _page_moved(sender, instance, **kwargs) -> None:
    from governance import search_index

    specific = instance.specific_class
    if specific is not None and search_index.is_searchable_class(specific):
        search_index.refresh(instance.specific)
