"""assistance.handling.demo: standards, TOTP staff per community/street/district,
and 和平社区's cases in every state (one in 公示, one overdue, one refused with
reasons, one relative-registered, one 临时救助 confirmed)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from accounts.models import User
from assistance.cases.deadlines import overdue
from assistance.cases.models import Case, Kind, State
from assistance.decisions.models import Refusal
from assistance.publicity.models import Publicity
from assistance.standards.models import Standard
from communities.models import Community, Role, RoleGrant
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)

pytestmark = pytest.mark.django_db(transaction=False)

DOMAIN = "demo.gongzhi.cn"


def _heping() -> Community:
    return Community.objects.get(slug="heping")


def _has_totp(user: User) -> bool:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def test_the_demo_has_cases_in_every_state(seeded):
    cases = Case.objects.filter(community=_heping())
    assert set(cases.values_list("state", flat=True)) >= {
        State.PUBLICITY,
        State.CONFIRMED,
        State.REFUSED,
        State.REVIEWED,
        State.ACCEPTED,
        State.RETURNED,
        State.SUBMITTED,
        State.DRAFT,
    }
    assert cases.count() == 9
    confirmed = cases.filter(state=State.CONFIRMED)
    assert set(confirmed.values_list("kind", flat=True)) == {
        Kind.MINIMUM_LIVING,
        Kind.TEMPORARY,
    }
    assert all(c.monthly_amount and c.amount_calculation for c in confirmed)


def test_the_demo_has_standards_for_its_district(seeded):
    district = _heping().street.parent
    standards = Standard.objects.filter(district=district)
    assert {s.area for s in standards} == {"urban", "rural"}
    assert standards.count() >= 4  # a change in July: a history to show


def test_the_assistance_staff_hold_their_roles_with_totp(seeded):
    communities = list(Community.objects.order_by("pk"))
    heping = _heping()
    coordinator = User.objects.get(email=f"aid@{DOMAIN}")
    assert is_aid_coordinator(coordinator, heping)
    assert _has_totp(coordinator)
    for community in communities:
        if community == heping:
            continue
        user = User.objects.get(email=f"aid-{community.slug}@{DOMAIN}")
        assert is_aid_coordinator(user, community), user.email
        assert not is_aid_coordinator(user, heping)
        assert _has_totp(user)
    officer = User.objects.get(email=f"aid-street@{DOMAIN}")
    assert is_aid_officer_for(officer, heping)
    assert _has_totp(officer)
    officers = RoleGrant.objects.active().filter(role=Role.AID_OFFICER)
    streets = {c.street_id for c in communities}
    assert set(officers.values_list("region_id", flat=True)) == streets
    for grant in officers.select_related("user"):
        assert _has_totp(grant.user), grant.user.email
    supervisor = User.objects.get(email=f"aid-district@{DOMAIN}")
    assert is_aid_supervisor_for(supervisor, heping)
    assert _has_totp(supervisor)
    assert not is_aid_supervisor_for(coordinator, heping)


def test_one_case_is_in_publicity_and_its_notice_is_showing(seeded):
    showing = Publicity.objects.showing().filter(community=_heping())
    assert showing.count() == 1
    notice = showing.get()
    assert notice.case.state == State.PUBLICITY
    assert "*" in notice.masked_name
    assert notice.masked_name != notice.case.applicant_name


def test_one_case_is_overdue(seeded):
    late = overdue(Case.objects.filter(community=_heping()))
    assert late.count() == 1
    assert late.get().state == State.ACCEPTED


def test_the_refused_case_has_written_reasons(seeded):
    case = Case.objects.get(community=_heping(), state=State.REFUSED)
    refusal = Refusal.objects.get(case=case)
    assert refusal.category == "income"
    assert "高于" in refusal.reasons


def test_the_relatives_case_is_flagged(seeded):
    flagged = Case.objects.filter(community=_heping(), relative_registered=True)
    assert flagged.count() == 1
    case = flagged.get()
    assert case.relative_note
    assert case.state == State.REVIEWED


def test_the_returned_case_lists_its_missing_items_once(seeded):
    case = Case.objects.get(community=_heping(), state=State.RETURNED)
    assert case.missing_items.items
