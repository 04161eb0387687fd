"""The communities services: portal, communities, membership, roles, settings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import Page, Site

from audit.models import AuditEvent
from communities import services
from communities.models import (
    CommunityHomePage,
    CommunitySettings,
    Household,
    Membership,
    PortalHomePage,
    Role,
    RoleGrant,
)
from notifications.models import Notification
from tests.factories import MembershipFactory, RoleGrantFactory, UserFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def community(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def village(make_community):
    return make_community(name="桃花村", slug="taohua", kind="village")


@pytest.fixture
def committee(community):
    user = RoleGrantFactory(role=Role.COMMITTEE, community=community).user
    return give_totp(user)


@pytest.fixture
def applicant():
    return UserFactory()


def _ask(user, community, **fields):
    fields = fields or {"building": "3", "unit": "2", "room": "301"}
    return services.request_membership(user=user, community=community, **fields)


# --- portal and communities -------------------------------------------------


def test_ensure_portal_makes_the_portal_the_default_sites_root_and_drops_the_welcome_page():
    portal = services.ensure_portal()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == portal.pk
    assert not Page.objects.filter(title__startswith="Welcome to your new").exists()


def test_ensure_portal_twice_keeps_one_portal():
    first = services.ensure_portal()
    assert services.ensure_portal().pk == first.pk
    assert PortalHomePage.objects.count() == 1


def test_create_community_sets_up_settings_home_page_group_and_collection(community):
    assert CommunitySettings.objects.filter(community=community).exists()
    home = CommunityHomePage.objects.get(community=community)
    assert home.slug == "heping"
    assert home.url == "/heping/"
    assert community.editors_group.name == "community-editors:heping"
    perms = set(
        community.editors_group.page_permissions.values_list(
            "permission__codename", flat=True
        )
    )
    assert perms == {"add_page", "change_page", "publish_page"}
    assert community.editors_group.permissions.filter(codename="access_admin").exists()
    assert community.collection.name == "和平社区"


def test_create_community_refuses_a_district_as_street(district, portal):
    with pytest.raises(ValidationError):
        services.create_community(street=district, name="x", slug="x", kind="community")


def test_update_community_renames_the_home_page_too(community, committee):
    services.update_community(
        actor=committee, community=community, name="新和平社区", description=""
    )
    assert CommunityHomePage.objects.get(community=community).title == "新和平社区"
    assert AuditEvent.objects.filter(action="community.update").exists()


# --- membership --------------------------------------------------------------


def test_request_membership_creates_a_pending_request_and_its_household(
    community, applicant
):
    membership = _ask(applicant, community)
    assert membership.status == Membership.Status.PENDING
    assert membership.household.label == "Building 3 Unit 2 Room 301"


def test_two_people_at_one_address_share_the_household(community, applicant):
    first = _ask(applicant, community)
    second = _ask(UserFactory(), community)
    assert first.household_id == second.household_id


def test_a_village_household_is_a_village_group_and_house_number(village, applicant):
    membership = _ask(
        applicant, village, village_group="第三村民小组", house_number="12"
    )
    assert membership.household.village_group == "第三村民小组"
    assert membership.household.building == ""


def test_an_incomplete_address_is_refused_and_nothing_is_saved(community, applicant):
    with pytest.raises(ValidationError):
        _ask(applicant, community, building="3", room="")
    assert not Membership.objects.exists()
    assert not Household.objects.exists()


def test_a_second_request_while_pending_is_refused(community, applicant):
    _ask(applicant, community)
    with pytest.raises(ValidationError, match="already asked"):
        _ask(applicant, community)


def test_a_verified_resident_cannot_ask_again(community, applicant, committee):
    services.verify_membership(actor=committee, membership=_ask(applicant, community))
    with pytest.raises(ValidationError, match="already a verified resident"):
        _ask(applicant, community)


def test_after_a_rejection_the_person_may_ask_again(community, applicant, committee):
    membership = _ask(applicant, community)
    services.reject_membership(
        actor=committee, membership=membership, reason="查无此户"
    )
    again = _ask(applicant, community)
    assert again.pk == membership.pk
    assert again.status == Membership.Status.PENDING
    assert again.rejection_reason == ""


def test_committee_members_hear_about_new_requests(community, applicant, committee):
    _ask(applicant, community)
    assert Notification.objects.filter(
        recipient=committee, kind=services.KIND_REQUEST_RECEIVED
    ).exists()


def test_verifying_tells_the_person_and_is_audited(community, applicant, committee):
    membership = services.verify_membership(
        actor=committee, membership=_ask(applicant, community)
    )
    assert membership.status == Membership.Status.VERIFIED
    assert membership.decided_by == committee
    assert Notification.objects.filter(
        recipient=applicant, kind=services.KIND_VERIFIED
    ).exists()
    assert AuditEvent.objects.filter(
        action="membership.verify", actor=committee, community=community
    ).exists()


def test_only_the_committee_may_verify(community, applicant):
    membership = _ask(applicant, community)
    with pytest.raises(PermissionDenied):
        services.verify_membership(actor=UserFactory(), membership=membership)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_a_committee_member_without_totp_may_not_verify(community, applicant):
    member = RoleGrantFactory(role=Role.COMMITTEE, community=community).user
    with pytest.raises(PermissionDenied):
        services.verify_membership(actor=member, membership=_ask(applicant, community))


def test_a_decided_request_cannot_be_verified_again(community, applicant, committee):
    membership = _ask(applicant, community)
    services.reject_membership(actor=committee, membership=membership, reason="不符")
    with pytest.raises(ValidationError):
        services.verify_membership(actor=committee, membership=membership)


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(
    community, applicant, committee
):
    membership = _ask(applicant, community)
    with pytest.raises(ValidationError):
        services.reject_membership(actor=committee, membership=membership, reason="  ")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_rejecting_tells_the_person_the_reason(community, applicant, committee):
    services.reject_membership(
        actor=committee, membership=_ask(applicant, community), reason="地址不存在"
    )
    notification = Notification.objects.get(
        recipient=applicant, kind=services.KIND_REJECTED
    )
    assert notification.body == "地址不存在"


def test_the_representative_moves_within_the_household(community, committee):
    first = MembershipFactory(community=community, household__community=community)
    second = MembershipFactory(community=community, household=first.household)
    services.set_household_representative(actor=committee, membership=first)
    services.set_household_representative(actor=committee, membership=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_representative, second.is_representative) == (False, True)


def test_a_pending_applicant_cannot_represent_a_household(
    community, applicant, committee
):
    with pytest.raises(ValidationError):
        services.set_household_representative(
            actor=committee, membership=_ask(applicant, community)
        )


# --- roles -----------------------------------------------------------------


def test_granting_a_role_is_audited_and_the_person_told(community, committee):
    person = UserFactory()
    grant = services.grant_role(
        actor=committee,
        user=person,
        role=Role.COORDINATOR,
        community=community,
        starts_on=TODAY,
    )
    assert grant.granted_by == committee
    assert AuditEvent.objects.filter(action="role.grant", target_id=str(grant.pk))
    assert Notification.objects.filter(
        recipient=person, kind=services.KIND_ROLE_GRANTED
    )


def test_granting_a_role_one_may_not_grant_is_refused(community, committee):
    with pytest.raises(PermissionDenied):
        services.grant_role(
            actor=committee,
            user=UserFactory(),
            role=Role.COMMITTEE,
            community=community,
            starts_on=TODAY,
        )
    assert not RoleGrant.objects.filter(granted_by=committee).exists()


def test_a_grant_may_not_end_before_it_starts(community, committee):
    with pytest.raises(ValidationError):
        services.grant_role(
            actor=committee,
            user=UserFactory(),
            role=Role.COORDINATOR,
            community=community,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
        )


def test_a_role_for_the_wrong_scope_is_refused(community, committee, street):
    with pytest.raises(ValidationError):
        services.grant_role(
            actor=committee,
            user=UserFactory(),
            role=Role.COORDINATOR,
            region=street,
            starts_on=TODAY,
        )


def test_revoking_ends_the_grant_now_and_is_audited(community, committee):
    grant = RoleGrantFactory(role=Role.COORDINATOR, community=community)
    services.revoke_role(actor=committee, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == committee
    assert not RoleGrant.objects.active().filter(pk=grant.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoke").exists()


def test_only_a_granter_may_revoke(community):
    grant = RoleGrantFactory(role=Role.COORDINATOR, community=community)
    with pytest.raises(PermissionDenied):
        services.revoke_role(actor=UserFactory(), grant=grant)


# --- settings --------------------------------------------------------------


def test_settings_changes_are_saved_and_audited_with_old_and_new(community, committee):
    services.update_community_settings(
        actor=committee, community=community, meeting_notice_days=5
    )
    assert CommunitySettings.objects.get(community=community).meeting_notice_days == 5
    event = AuditEvent.objects.get(action="community.settings.update")
    assert event.data == {"meeting_notice_days": ["3", "5"]}


def test_an_invalid_settings_value_is_refused_and_nothing_saved(community, committee):
    with pytest.raises(ValidationError):
        services.update_community_settings(
            actor=committee, community=community, quorum_fraction=Decimal("2")
        )
    assert CommunitySettings.objects.get(
        community=community
    ).quorum_fraction == Decimal("0.5")


def test_unknown_settings_are_refused(community, committee):
    with pytest.raises(ValidationError):
        services.update_community_settings(
            actor=committee, community=community, community_id=3
        )
