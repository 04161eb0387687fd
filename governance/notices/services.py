"""Notice writes: the community's notice index, and telling residents of a new notice."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Community, CommunityHomePage
from communities.selectors import verified_residents
from governance.notices.models import NoticeAnnouncement
from governance.notices.pages import NoticeIndexPage, NoticePage
from notifications.services import notify

KIND_NOTICE_PUBLISHED = "governance.notice_published"


def ensure_notice_index(community: Community) -> NoticeIndexPage | None:
    """The community's notice list at /<slug>/notices/, under its home page.

    Returns None while the community has no home page yet.
    """
    index = NoticeIndexPage.objects.filter(community=community).first()
    if index is not None:
        return index
    home = CommunityHomePage.objects.filter(community=community).first()
    if home is None:
        return None
    return home.add_child(
        instance=NoticeIndexPage(
            title=_("Notices"), slug="notices", community=community
        )
    )


# ---------------------------------------------------------------------------
# Notices
# ---------------------------------------------------------------------------
@transaction.atomic
def announce_notice(*, notice: NoticePage) -> NoticeAnnouncement | None:
    """Tell the community's verified residents about a notice, the first time it is live.

    Called when a notice is published (now, or by the scheduler at its go-live
    time). Republishing an edited notice tells nobody again. Each person's
    notification preferences apply (notify() reads them).
    """
    if not notice.live:
        return None  # scheduled for later: announced when it goes live
    announcement, created = NoticeAnnouncement.objects.get_or_create(notice=notice)
    if not created:
        return None
    community = notice.community_of_notice()
    residents = list(verified_residents(community))
    sent = notify(
        recipients=residents,
        kind=KIND_NOTICE_PUBLISHED,
        title=_("Notice from %(community)s: %(title)s")
        % {"community": community.name, "title": notice.title},
        body=notice.summary,
        url=notice.get_url() or "",
    )
    announcement.recipients = len(sent)
    announcement.save(update_fields=["recipients"])
    return announcement
