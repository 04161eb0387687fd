"""Wagtail admin rights follow committee grants: given, scoped, revoked, expired."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communities import services
from communities.models import CommunityHomePage, Role, RoleGrant
from communities.roles import tasks
from tests.factories import UserFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def xingfu(make_community):
    return make_community(name="幸福社区", slug="xingfu")


@pytest.fixture
def admin_actor():
    return give_totp(UserFactory(is_superuser=True, is_staff=True))


@pytest.fixture
def member_grant(heping, admin_actor):
    user = give_totp(UserFactory())
    return services.grant_role(
        actor=admin_actor,
        user=user,
        role=Role.COMMITTEE,
        community=heping,
        starts_on=TODAY,
    )


def _edit_url(community) -> str:
    return f"/admin/pages/{CommunityHomePage.objects.get(community=community).pk}/edit/"


def test_a_committee_member_edits_their_communitys_page_in_the_admin(
    client, member_grant, heping
):
    client.force_login(member_grant.user)
    assert client.get("/admin/").status_code == 200
    assert client.get(_edit_url(heping)).status_code == 200


def test_a_committee_member_cannot_edit_another_communitys_page(
    client, member_grant, xingfu
):
    client.force_login(member_grant.user)
    response = client.get(_edit_url(xingfu))
    # Wagtail answers a refused edit by sending the person back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_after_revoking_the_grant_the_admin_is_closed(
    client, member_grant, heping, admin_actor
):
    services.revoke_role(actor=admin_actor, grant=member_grant)
    client.force_login(member_grant.user)
    response = client.get(_edit_url(heping))
    # No longer an editor: Wagtail sends the person to its sign-in page.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not member_grant.user.groups.exists()


def test_the_daily_task_removes_rights_of_expired_grants(member_grant):
    RoleGrant.objects.filter(pk=member_grant.pk).update(
        starts_on=TODAY - datetime.timedelta(days=10),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    assert member_grant.user.groups.exists()
    tasks.expire_role_grants.enqueue()
    assert not member_grant.user.groups.exists()


def test_the_daily_task_gives_rights_of_grants_that_start_today(heping):
    grant = RoleGrant.objects.create(
        user=UserFactory(), role=Role.COMMITTEE, community=heping, starts_on=TODAY
    )
    assert not grant.user.groups.exists()
    tasks.expire_role_grants.enqueue()
    assert list(grant.user.groups.all()) == [heping.editors_group]


def test_the_daily_run_is_registered_with_the_scheduler():
    from notifications import scheduling

    names = [job.name for job in scheduling.registered_jobs()]
    assert "communities.expire_role_grants" in names


def test_other_groups_are_left_alone(member_grant):
    from django.contrib.auth.models import Group

    editors = Group.objects.create(name="site editors")
    member_grant.user.groups.add(editors)
    services.sync_admin_rights(user=member_grant.user)
    assert editors in member_grant.user.groups.all()
