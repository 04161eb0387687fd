"""Publishing notices: residents are told once, through their preferences; the admin."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from communities import services as community_services
from communities.models import Membership, Role
from governance.models import NoticeAnnouncement, NoticeIndexPage, NoticePage
from notifications.models import Delivery, Notification, NotificationPreference
from tests.factories import MembershipFactory, UserFactory
from tests.governance.conftest import TODAY
from tests.support.actors import give_totp
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db
KIND = "governance.notice_published"


def _member(community, status=Membership.Status.VERIFIED):
    return MembershipFactory(
        community=community, household__community=community, status=status
    ).user


def test_publishing_tells_the_verified_residents_only(community, make_community):
    verified = _member(community)
    pending = _member(community, Membership.Status.PENDING)
    elsewhere = _member(make_community())
    notice = add_notice(community, title="低保标准调整")
    told = Notification.objects.filter(kind=KIND)
    assert list(told.values_list("recipient", flat=True)) == [verified.pk]
    note = told.get()
    assert "低保标准调整" in note.title
    assert note.url == notice.url
    assert not Notification.objects.filter(recipient__in=[pending, elsewhere]).exists()


def test_republishing_an_edited_notice_tells_nobody_again(community, resident):
    notice = add_notice(community)
    notice.title = "更正后的标题"
    notice.save_revision().publish()
    assert Notification.objects.filter(kind=KIND, recipient=resident).count() == 1
    assert NoticeAnnouncement.objects.get(notice=notice).recipients == 1


def test_a_resident_who_switched_notices_off_is_not_told(community, resident):
    NotificationPreference.objects.create(
        user=resident, kind=KIND, delivery=Delivery.OFF
    )
    add_notice(community)
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_scheduled_notice_is_announced_when_it_goes_live(community, resident):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    notice = add_notice(community, go_live_at=go_live)
    assert not notice.live
    assert not Notification.objects.filter(kind=KIND).exists()
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    notice.refresh_from_db()
    assert notice.live
    assert Notification.objects.filter(kind=KIND, recipient=resident).count() == 1


def test_an_expired_notice_leaves_the_list_after_the_scheduler_runs(client, community):
    expiry = timezone.now() + datetime.timedelta(hours=1)
    notice = add_notice(community, title="限时通知", expire_at=expiry)
    assert "限时通知" in client.get(f"/{community.slug}/notices/").content.decode()
    with time_machine.travel(expiry + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        notice.refresh_from_db()
        assert notice.expired and not notice.live
        page = client.get(f"/{community.slug}/notices/").content.decode()
    assert "限时通知" not in page


# ---------------------------------------------------------------------------
# The Wagtail admin
# ---------------------------------------------------------------------------
@pytest.fixture
def editor(community, admin_user):
    """A committee member granted through the service, so in the editors' group."""
    grant = community_services.grant_role(
        actor=admin_user,
        user=give_totp(UserFactory()),
        role=Role.COMMITTEE,
        community=community,
        starts_on=TODAY,
    )
    return grant.user


def _notice_form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "admin-notice",
            "summary": "经管理后台发布",
            "body": rich_text("<p>管理后台正文</p>"),
            "attachments": inline_formset([]),
            "pinned": True,
            **extra,
        }
    )


def test_a_committee_member_publishes_a_notice_in_the_admin(
    client, community, editor, resident
):
    index = NoticeIndexPage.objects.get(community=community)
    client.force_login(editor)
    add_url = f"/admin/pages/add/governance/noticepage/{index.pk}/"
    assert client.get(add_url).status_code == 200
    data = _notice_form("后台通知")
    data["action-publish"] = "publish"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = NoticePage.objects.get(title="后台通知")
    assert notice.live and notice.pinned
    assert Notification.objects.filter(kind=KIND, recipient=resident).exists()
    page = client.get(f"/{community.slug}/notices/").content.decode()
    assert "后台通知" in page


def test_a_committee_member_saves_a_draft_that_is_not_public(
    client, community, editor, resident
):
    index = NoticeIndexPage.objects.get(community=community)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/governance/noticepage/{index.pk}/", _notice_form("草稿")
    )
    assert response.status_code == 302
    assert not NoticePage.objects.get(title="草稿").live
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_committee_member_of_another_community_cannot_add_notices_here(
    client, community, make_community, admin_user
):
    other = make_community()
    grant = community_services.grant_role(
        actor=admin_user,
        user=give_totp(UserFactory()),
        role=Role.COMMITTEE,
        community=other,
        starts_on=TODAY,
    )
    index = NoticeIndexPage.objects.get(community=community)
    client.force_login(grant.user)
    data = _notice_form("越权通知")
    data["action-publish"] = "publish"
    response = client.post(f"/admin/pages/add/governance/noticepage/{index.pk}/", data)
    # Wagtail refuses with a redirect to the admin home and a message.
    assert response.status_code == 302
    assert not NoticePage.objects.filter(title="越权通知").exists()
