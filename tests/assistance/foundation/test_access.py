"""Opening a case file (assistance/cases/access.py): the check and the read log
in one call; platform admins only with a recorded reason."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError

from assistance.cases.access import (
    ADMIN_CASES_SESSION_KEY,
    open_case,
    open_with_reason,
    phone_digest,
)
from assistance.cases.models import CaseRead
from audit.models import AuditEvent
from communities.models import Role
from tests.factories import CommunityFactory, StreetFactory, UserFactory
from tests.support.actors import ACTORS, give_totp, grant_role

REASON = "投诉核查需要查看该案卷"


@pytest.fixture
def session(db):
    return SessionStore()


@pytest.mark.parametrize(
    ("who", "capacity"),
    [
        ("coordinator", "coordinator"),
        ("officer", "street officer"),
        ("supervisor", "district supervisor"),
    ],
)
def test_each_staff_read_is_logged_with_its_capacity(request, case, who, capacity):
    reader = request.getfixturevalue(who)
    assert open_case(reader, case, what="income") == capacity
    assert open_case(reader, case) == capacity
    reads = CaseRead.objects.filter(case=case, reader=reader)
    assert reads.count() == 2  # every read, not once per person
    assert set(reads.values_list("capacity", flat=True)) == {capacity}
    assert set(reads.values_list("what", flat=True)) == {"income", "case file"}


@pytest.mark.parametrize("who", ["applicant", "household_member"])
def test_the_households_own_reads_are_allowed_and_not_logged(request, case, who):
    assert open_case(request.getfixturevalue(who), case) == "household"
    assert not CaseRead.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "who",
    [
        "committee member",
        "supervision member",
        "street officer",
        "district officer",
        "street assistance officer of another street",
        "assistance coordinator of another community",
        "district assistance supervisor of another district",
        "assistance coordinator without TOTP",
        "platform admin",
        "superuser",
        "verified resident",
    ],
)
def test_others_are_refused_and_nothing_is_logged(community, case, session, who):
    user = ACTORS[who](community)
    with pytest.raises(PermissionDenied):
        open_case(user, case, session=session)
    assert not CaseRead.objects.filter(case=case).exists()


def test_staff_do_not_open_a_draft(make_case, coordinator):
    with pytest.raises(PermissionDenied):
        open_case(coordinator, make_case("draft"))


def test_a_proxy_filer_reads_while_the_case_is_editable_only(make_case, district):
    far = CommunityFactory(street=StreetFactory(parent=district))
    filer = grant_role(Role.AID_COORDINATOR, community=far)
    draft = make_case("draft", filed_by=filer, filed_by_proxy=True)
    assert open_case(filer, draft) == "filer"
    assert CaseRead.objects.get(case=draft).capacity == "filer"
    submitted = make_case("submitted", filed_by=filer, filed_by_proxy=True)
    with pytest.raises(PermissionDenied):
        open_case(filer, submitted)


def test_a_platform_admin_reads_after_recording_a_reason(community, case, session):
    admin = ACTORS["platform admin"](community)
    open_with_reason(admin, case, reason=REASON, session=session)
    assert case.pk in session[ADMIN_CASES_SESSION_KEY]
    audit = AuditEvent.objects.get(action="assistance.admin_read")
    assert (audit.actor, audit.target_id, audit.data["reason"]) == (
        admin,
        str(case.pk),
        REASON,
    )
    assert open_case(admin, case, session=session) == "platform admin"
    read = CaseRead.objects.filter(case=case, what="case file").get()
    assert (read.reader, read.capacity, read.reason) == (
        admin,
        "platform admin",
        REASON,
    )


def test_the_reason_holds_for_that_case_and_session_only(
    community, case, make_case, session
):
    admin = ACTORS["platform admin"](community)
    open_with_reason(admin, case, reason=REASON, session=session)
    with pytest.raises(PermissionDenied):
        open_case(admin, make_case("accepted"), session=session)
    with pytest.raises(PermissionDenied):
        open_case(admin, case, session=SessionStore())
    with pytest.raises(PermissionDenied):
        open_case(admin, case)  # no session at all


def test_a_superuser_with_totp_also_needs_a_reason(community, case, session):
    superuser = give_totp(UserFactory(is_superuser=True, is_staff=True))
    with pytest.raises(PermissionDenied):
        open_case(superuser, case, session=session)
    open_with_reason(superuser, case, reason=REASON, session=session)
    assert open_case(superuser, case, session=session) == "platform admin"


@pytest.mark.parametrize("reason", ["", "   ", "看一下", "x" * 9, " 短短 " * 1])
def test_a_short_reason_is_refused_and_nothing_is_recorded(
    community, case, session, reason
):
    admin = ACTORS["platform admin"](community)
    with pytest.raises(ValidationError) as refused:
        open_with_reason(admin, case, reason=reason, session=session)
    assert "reason" in refused.value.message_dict
    assert not CaseRead.objects.exists()
    assert not AuditEvent.objects.filter(action="assistance.admin_read").exists()
    assert ADMIN_CASES_SESSION_KEY not in session


@pytest.mark.parametrize(
    "who", ["platform admin without TOTP", "district officer", "committee member"]
)
def test_only_platform_admins_may_record_a_reason(community, case, session, who):
    with pytest.raises(PermissionDenied):
        open_with_reason(ACTORS[who](community), case, reason=REASON, session=session)
    assert not CaseRead.objects.exists()


def test_phone_digest_keeps_digits_only_and_hides_the_number():
    digest = phone_digest("138-0013 8000")
    assert digest == phone_digest("13800138000")
    assert "13800138000" not in digest and len(digest) == 64
    assert digest != phone_digest("13800138001")
    assert phone_digest("") == phone_digest("no digits") == ""


def test_a_case_stores_the_digest_of_its_phone(case):
    assert case.phone_digest == phone_digest(case.applicant_phone)


@pytest.mark.parametrize(
    "perm",
    ["assistance.view_case", "assistance.confirm_case", "assistance.refuse_case"],
)
def test_a_superuser_has_no_blanket_right_on_a_case(make_case, perm):
    superuser = give_totp(UserFactory(is_superuser=True, is_staff=True))
    case = make_case("publicity")
    assert not superuser.has_perm(perm, case)


def test_a_superuser_keeps_the_shortcut_outside_assistance(community):
    superuser = give_totp(UserFactory(is_superuser=True, is_staff=True))
    assert superuser.has_perm("communities.grant_role", community)
