"""Signal receivers: set new communities up, announce notices, retire cached pages.

Communities must not import governance (dependencies point one way), so governance
listens: when a community's home page is created (by communities.services.
create_community) it adds the bodies and the notice index beneath it. Business
rules stay in governance.services; receivers only call them.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from communities.cache import bump_generation
from communities.models import CommunityHomePage


def connect() -> None:
    """Called from GovernanceConfig.ready()."""
    from governance.models import Body, NoticePage, Term

    post_save.connect(
        _home_page_created,
        sender=CommunityHomePage,
        dispatch_uid="gz_governance_setup_community",
    )
    page_published.connect(
        _notice_published, sender=NoticePage, dispatch_uid="gz_governance_announce"
    )
    # The "who serves us" page shows bodies and terms.
    for model in (Body, Term):
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
