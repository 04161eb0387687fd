"""Social-assistance pages: the 公示 list of the demo community and the public
standards page (anonymous), "my applications" of the first verified resident
(the harness's signed-in user, given a few cases) and an assistance
coordinator's case list of a community holding 2,000 cases.

The 2,000 cases, the resident's cases and the coordinator (an AID_COORDINATOR
grant with TOTP) are created on first use in the first seeded community, in
bulk; they are found again by their markers, so running twice adds nothing.
"""

from __future__ import annotations

from bench.scenarios import Scenario

CASES = 2000
MINE = 5
MARKER = "BENCH-ASSISTANCE"
COORDINATOR_EMAIL = "bench-aid@bench.gongzhi.cn"
STATES = ("submitted", "accepted", "investigated", "reviewed", "confirmed", "refused")


def _community():
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    return community or Community.objects.order_by("pk").first()


def _resident():
    from communities.models import Membership

    member = Membership.objects.verified().select_related("user").order_by("pk")
    return member.first()


def _bulk_cases(community, count: int, *, membership=None, offset: int = 0) -> None:
    import datetime

    from django.utils import timezone

    from assistance.cases.access import phone_digest
    from assistance.cases.models import Case, HouseholdMember

    today = timezone.localdate()
    now = timezone.now()
    phone = "13900000000"
    digest = phone_digest(phone)
    user = membership.user if membership else None
    cases = Case.objects.bulk_create(
        Case(
            community=community,
            household_id=membership.household_id if membership else None,
            applicant=user,
            applicant_name=f"基准申请人{offset + n}",
            applicant_phone=phone,
            phone_digest=digest,
            filed_by=user,
            kind="temporary" if n % 7 == 0 else "minimum",
            temporary_cause="emergency" if n % 7 == 0 else "",
            state=STATES[n % len(STATES)],
            reason="基准测试",
            service_point=MARKER,
            created_at=now - datetime.timedelta(minutes=n),
            submitted_at=now - datetime.timedelta(minutes=n),
            accepted_on=today - datetime.timedelta(days=n % 40),
            decision_due=today + datetime.timedelta(days=20 - n % 40),
        )
        for n in range(count)
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(case=case, name=case.applicant_name, relationship="self")
        for case in cases
    )


def _bench_cases():
    """The 2,000 cases of the first community (and the resident's few)."""
    from django.db import transaction

    from assistance.cases.models import Case

    community = _community()
    marked = Case.objects.filter(service_point=MARKER)
    with transaction.atomic():
        if not marked.filter(community=community, applicant__isnull=True).exists():
            _bulk_cases(community, CASES - MINE)
        resident = _resident()
        if not marked.filter(applicant=resident.user).exists():
            _bulk_cases(resident.community, MINE, membership=resident, offset=CASES)
    return community


def _coordinator():
    """An assistance coordinator of the first community, with TOTP."""
    import datetime

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from accounts.models import User
    from communities.models import Role, RoleGrant

    community = _community()
    user = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=COORDINATOR_EMAIL, password=None, display_name="基准救助协理员"
        )
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, generate_totp_secret())
    if (
        not RoleGrant.objects.active()
        .filter(user=user, role=Role.AID_COORDINATOR, community=community)
        .exists()
    ):
        RoleGrant.objects.create(
            user=user,
            role=Role.AID_COORDINATOR,
            community=community,
            starts_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    return user


def _publicity_list() -> str:
    from django.urls import reverse

    return reverse("assistance:publicity-list", args=["heping"])


def _standards() -> str:
    from django.urls import reverse

    return reverse("assistance:standards")


def _my_cases() -> str:
    from django.urls import reverse

    _bench_cases()
    return reverse("assistance:my-cases")


def _case_list() -> str:
    from django.urls import reverse

    return reverse("assistance:cases", args=[_bench_cases().slug])


SCENARIOS = [
    Scenario("assistance_publicity_list", _publicity_list),
    Scenario("assistance_standards", _standards),
    Scenario("assistance_my_cases", _my_cases, signed_in=True),
    Scenario(
        "assistance_case_list_2000", _case_list, signed_in=True, user=_coordinator
    ),
]
