"""The communities pages: join, my communities, verification, roles, settings, audit."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from audit.models import AuditEvent
from communities import services
from communities.models import CommunitySettings, Membership, Role, RoleGrant
from tests.factories import MembershipFactory, RoleGrantFactory, UserFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def taohua(make_community):
    return make_community(name="桃花村", slug="taohua", kind="village")


@pytest.fixture
def committee(heping):
    return give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)


@pytest.fixture
def resident(heping):
    return MembershipFactory(community=heping, household__community=heping).user


@pytest.fixture
def pending(heping):
    return services.request_membership(
        user=UserFactory(display_name="申请人"),
        community=heping,
        building="5",
        room="501",
    )


# --- join ------------------------------------------------------------------


def test_join_asks_anonymous_visitors_to_sign_in(client, heping):
    response = client.get("/heping/join/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_join_form_asks_a_community_for_building_unit_and_room(client, heping):
    client.force_login(UserFactory())
    html = client.get("/heping/join/").content.decode()
    assert 'name="building"' in html and 'name="room"' in html
    assert 'name="village_group"' not in html


def test_join_form_asks_a_village_for_group_and_house_number(client, taohua):
    client.force_login(UserFactory())
    html = client.get("/taohua/join/").content.decode()
    assert 'name="village_group"' in html and 'name="house_number"' in html
    assert 'name="building"' not in html


def test_joining_sends_a_pending_request(client, heping):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/heping/join/",
        {
            "real_name": "李华明",
            "building": "3",
            "unit": "2",
            "room": "301",
            "is_adult": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.status == Membership.Status.PENDING
    assert membership.is_adult is True
    user.refresh_from_db()
    assert user.real_name == "李华明"


def test_join_without_a_real_name_shows_the_error_and_saves_nothing(client, heping):
    user = UserFactory(real_name="")
    client.force_login(user)
    response = client.post(
        "/heping/join/", {"building": "3", "unit": "2", "room": "301"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["real_name"]
    assert not Membership.objects.exists()


def test_the_committee_sees_the_applicants_real_name_and_masked_contacts(
    client, heping, pending, committee
):
    client.force_login(committee)
    html = client.get("/heping/verification/").content.decode()
    assert pending.user.real_name in html
    assert pending.user.masked_email in html
    assert pending.user.email not in html


def test_join_with_a_missing_room_shows_the_error_and_saves_nothing(client, heping):
    client.force_login(UserFactory())
    response = client.post("/heping/join/", {"building": "3"})
    assert response.status_code == 200
    assert response.context["form"].errors["room"]
    assert 'class="errorlist' in response.content.decode()
    assert not Membership.objects.exists()


def test_join_while_pending_leads_to_my_communities(client, heping, pending):
    client.force_login(pending.user)
    response = client.get("/heping/join/")
    assert response.status_code == 302
    assert response["Location"] == "/my/communities/"


def test_join_for_an_unknown_community_is_404(client, db):
    client.force_login(UserFactory())
    assert client.get("/nowhere/join/").status_code == 404


# --- my communities --------------------------------------------------------


def test_my_communities_shows_status_household_reason_and_roles(
    client, heping, pending, committee
):
    services.reject_membership(actor=committee, membership=pending, reason="查无此户")
    RoleGrantFactory(user=pending.user, role=Role.COORDINATOR, community=heping)
    client.force_login(pending.user)
    html = client.get("/my/communities/").content.decode()
    assert "和平社区" in html
    assert "Building 5 Room 501" in html
    assert "查无此户" in html
    assert "volunteer coordinator" in html


# --- verification queue ----------------------------------------------------


def test_the_committee_sees_pending_requests(client, committee, pending):
    client.force_login(committee)
    html = client.get("/heping/verification/").content.decode()
    assert "申请人" in html and "Building 5 Room 501" in html


def test_a_resident_is_refused_the_queue(client, resident):
    client.force_login(resident)
    assert client.get("/heping/verification/").status_code == 403


def test_a_committee_member_without_totp_is_told_to_set_it_up(client, heping):
    member = RoleGrantFactory(role=Role.COMMITTEE, community=heping).user
    client.force_login(member)
    response = client.get("/heping/verification/")
    assert response.status_code == 403
    assert response.templates[0].name == "communities/mfa_required.html"
    assert f'href="{settings.MFA_SETUP_URL}?next=' in response.content.decode()


def test_a_refused_person_without_any_role_gets_the_plain_403(client, heping):
    client.force_login(UserFactory())
    response = client.get("/heping/verification/")
    assert response.status_code == 403
    assert "communities/mfa_required.html" not in [t.name for t in response.templates]


def test_verifying_from_the_queue(client, committee, pending):
    client.force_login(committee)
    response = client.post(f"/heping/verification/{pending.pk}/verify/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Membership.Status.VERIFIED


def test_rejecting_without_a_reason_shows_the_error_and_changes_nothing(
    client, committee, pending
):
    client.force_login(committee)
    response = client.post(
        f"/heping/verification/{pending.pk}/reject/", {f"m{pending.pk}-reason": ""}
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_rejecting_with_a_reason(client, committee, pending):
    client.force_login(committee)
    client.post(
        f"/heping/verification/{pending.pk}/reject/",
        {f"m{pending.pk}-reason": "地址不符"},
    )
    pending.refresh_from_db()
    assert pending.status == Membership.Status.REJECTED
    assert pending.rejection_reason == "地址不符"


def test_deciding_is_refused_to_a_resident(client, resident, pending):
    client.force_login(resident)
    assert client.post(f"/heping/verification/{pending.pk}/verify/").status_code == 403
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_the_queue_refuses_get_on_decision_urls(client, committee, pending):
    client.force_login(committee)
    assert client.get(f"/heping/verification/{pending.pk}/verify/").status_code == 405


# --- roles -----------------------------------------------------------------


def test_the_committee_may_grant_coordinator_and_charity_manager_only(
    client, committee
):
    client.force_login(committee)
    form = client.get("/heping/roles/").context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        Role.COORDINATOR,
        Role.CHARITY_MANAGER,
    ]


def test_granting_a_role_from_the_roles_page(client, committee, heping):
    person = UserFactory(email="helper@example.org")
    client.force_login(committee)
    response = client.post(
        "/heping/roles/",
        {
            "email": "helper@example.org",
            "role": Role.COORDINATOR,
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert RoleGrant.objects.active().filter(
        user=person, role=Role.COORDINATOR, community=heping
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "nobody@example.org", "role": "coordinator"}, "email"),
        ({"email": "helper@example.org", "role": "committee"}, "role"),
        (
            {
                "email": "helper@example.org",
                "role": "coordinator",
                "ends_on": "2000-01-01",
            },
            "ends_on",
        ),
    ],
    ids=["unknown person", "role not grantable", "ends before start"],
)
def test_a_bad_grant_shows_the_error_and_saves_nothing(client, committee, data, field):
    UserFactory(email="helper@example.org")
    client.force_login(committee)
    data = {"starts_on": timezone.localdate().isoformat(), **data}
    response = client.post("/heping/roles/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert RoleGrant.objects.count() == 1  # the committee member's own


def test_revoking_from_the_roles_page(client, committee, heping):
    grant = RoleGrantFactory(role=Role.COORDINATOR, community=heping)
    client.force_login(committee)
    client.post(f"/heping/roles/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_the_committee_cannot_revoke_a_fellow_committee_member(
    client, committee, heping
):
    grant = RoleGrantFactory(role=Role.COMMITTEE, community=heping)
    client.force_login(committee)
    assert client.post(f"/heping/roles/{grant.pk}/revoke/").status_code == 403
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_a_resident_is_refused_the_roles_page(client, resident):
    client.force_login(resident)
    assert client.get("/heping/roles/").status_code == 403


# --- settings --------------------------------------------------------------


def _settings_data(heping, **changes):
    policy = CommunitySettings.objects.get(community=heping)
    data = {
        field.name: getattr(policy, field.name)
        for field in CommunitySettings._meta.concrete_fields
        if field.name not in ("id", "community")
    }
    data.update(changes)
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_the_committee_changes_a_policy_number(client, committee, heping):
    client.force_login(committee)
    response = client.post(
        "/heping/settings/", _settings_data(heping, followup_due_days=45)
    )
    assert response.status_code == 302
    assert CommunitySettings.objects.get(community=heping).followup_due_days == 45


def test_an_out_of_range_setting_shows_the_error_and_saves_nothing(
    client, committee, heping
):
    client.force_login(committee)
    response = client.post(
        "/heping/settings/", _settings_data(heping, quorum_fraction="1.5")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["quorum_fraction"]
    policy = CommunitySettings.objects.get(community=heping)
    assert str(policy.quorum_fraction) == "0.500"
    assert not AuditEvent.objects.filter(action="community.settings.update").exists()


def test_a_resident_is_refused_the_settings(client, resident):
    client.force_login(resident)
    assert client.get("/heping/settings/").status_code == 403


# --- audit log -------------------------------------------------------------


def test_the_audit_log_lists_the_communitys_events(client, committee, pending):
    services.verify_membership(actor=committee, membership=pending)
    client.force_login(committee)
    html = client.get("/heping/audit/").content.decode()
    assert "membership.verify" in html


def test_a_supervision_member_may_read_the_audit_log(client, heping):
    member = give_totp(RoleGrantFactory(role=Role.SUPERVISION, community=heping).user)
    client.force_login(member)
    assert client.get("/heping/audit/").status_code == 200


def test_a_resident_is_refused_the_audit_log(client, resident):
    client.force_login(resident)
    assert client.get("/heping/audit/").status_code == 403


def test_the_settings_form_offers_every_policy_number():
    from communities.regions.forms import CommunitySettingsForm

    editable = {
        field.name
        for field in CommunitySettings._meta.concrete_fields
        if field.editable and field.name not in ("id", "community")
    }
    assert set(CommunitySettingsForm.base_fields) == editable
