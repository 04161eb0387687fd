"""Demo data: one district, two streets, four communities, residents and every role.

Idempotent: running it twice changes nothing. Refuses to run when DEBUG is off
unless `--force`. Later issues extend it: add a small `seed_<thing>` function and
call it from `handle`.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communities import demo, services
from communities.models import Community, Membership, Region, Role, RoleGrant

DOMAIN = "demo.gongzhi.cn"
# A fixed, documented base32 secret so demo staff can add it to an authenticator app.
DEMO_TOTP_SECRET = "GONGZHIDEMOTOTPSECRETAAAAAAAAAAA"  # noqa: S105

DISTRICT = ("shifan", "示范区")
STREETS = [
    ("dongcheng", "东城街道", Region.Kind.STREET),
    ("xihu", "西湖镇", Region.Kind.TOWN),
]
COMMUNITIES = [
    ("dongcheng", "heping", "和平社区", Community.Kind.COMMUNITY),
    ("dongcheng", "xingfu", "幸福社区", Community.Kind.COMMUNITY),
    ("xihu", "taohua", "桃花村", Community.Kind.VILLAGE),
    ("xihu", "liushu", "柳树村", Community.Kind.VILLAGE),
]
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = ["建国", "秀英", "志强", "丽华"]


@functools.cache
def _demo_password_hash() -> str:
    return make_password(settings.DEMO_PASSWORD)


def _email(local: str) -> str:
    return f"{local}@{DOMAIN}"


class Command(BaseCommand):
    help = "Create idempotent demo data: regions, communities, residents and one account per role."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (tests, staging demos).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off; pass --force if you mean it."
            )
        self.accounts: list[tuple[str, str, str]] = []
        with transaction.atomic():
            admin = seed_admin(self)
            communities = seed_communities(admin)
            seed_residents(admin, communities)
            seed_role_accounts(self, admin, communities)
            for seeder in demo.seeders():
                seeder.seed(
                    admin=admin, communities=communities, ensure_user=ensure_user
                )
        self.print_summary()

    def remember(self, user, description: str, totp: bool = False) -> None:
        self.accounts.append((user.email, description, "TOTP" if totp else ""))

    def print_summary(self) -> None:
        out = self.stdout
        out.write(self.style.SUCCESS("Demo data ready."))
        out.write(f"Password for every demo account: {settings.DEMO_PASSWORD}")
        out.write(
            f"Staff accounts use TOTP; add this secret to an authenticator app: "
            f"{DEMO_TOTP_SECRET}"
        )
        width = max(len(email) for email, _d, _t in self.accounts)
        out.write(f"{'account'.ljust(width)}  2FA   role")
        for email, description, totp in self.accounts:
            out.write(f"{email.ljust(width)}  {totp.ljust(4)}  {description}")


# ---------------------------------------------------------------------------
# Building blocks (reused by later seed functions)
# ---------------------------------------------------------------------------
def ensure_user(
    email: str, display_name: str, *, superuser: bool = False, totp: bool = False
):
    """A demo account with the shared password, a verified e-mail and optional TOTP."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        create = (
            User.objects.create_superuser if superuser else User.objects.create_user
        )
        user = create(email=email, password=None, display_name=display_name)
        # One hash for every demo account: hashing ~60 passwords costs seconds.
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if (
        totp
        and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def ensure_grant(
    admin,
    user,
    role: str,
    *,
    community: Community | None = None,
    region: Region | None = None,
) -> RoleGrant:
    existing = (
        RoleGrant.objects.active()
        .filter(user=user, role=role, community=community, region=region)
        .first()
    )
    if existing is not None:
        return existing
    return services.grant_role(
        actor=admin,
        user=user,
        role=role,
        community=community,
        region=region,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )


def household_fields(community: Community, number: int) -> dict[str, str]:
    if community.is_village:
        return {
            "village_group": f"第{number % 3 + 1}村民小组",
            "house_number": str(number),
        }
    return {"building": str(number % 5 + 1), "unit": "1", "room": str(100 + number)}


def ensure_resident(
    admin, user, community: Community, number: int, *, representative: bool = False
) -> Membership:
    """A verified resident of a household (requested and verified through services)."""
    membership = Membership.objects.filter(user=user, community=community).first()
    if membership is None:
        membership = services.request_membership(
            user=user, community=community, **household_fields(community, number)
        )
    if membership.status == Membership.Status.PENDING:
        membership = services.verify_membership(actor=admin, membership=membership)
    if representative and not membership.is_representative:
        membership = services.set_household_representative(
            actor=admin, membership=membership
        )
    return membership


# ---------------------------------------------------------------------------
# Seed steps
# ---------------------------------------------------------------------------
def seed_admin(command: Command):
    admin = ensure_user(_email("admin"), "平台管理员", superuser=True, totp=True)
    command.remember(admin, "platform admin (superuser)", totp=True)
    return admin


def seed_communities(admin) -> list[Community]:
    services.ensure_portal()
    slug, name = DISTRICT
    district, _c = Region.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": Region.Kind.DISTRICT}
    )
    streets = {}
    for street_slug, street_name, kind in STREETS:
        streets[street_slug], _c = Region.objects.get_or_create(
            slug=street_slug,
            defaults={"name": street_name, "kind": kind, "parent": district},
        )
    communities = []
    for street_slug, community_slug, community_name, kind in COMMUNITIES:
        community = Community.objects.filter(slug=community_slug).first()
        if community is None:
            community = services.create_community(
                street=streets[street_slug],
                name=community_name,
                slug=community_slug,
                kind=kind,
                actor=admin,
            )
        communities.append(community)
    return communities


def seed_residents(admin, communities: list[Community]) -> None:
    """Ten verified residents per community with Chinese names; every third represents."""
    number = 0
    for community in communities:
        for index in range(10):
            number += 1
            name = SURNAMES[number % len(SURNAMES)] + GIVEN[number % len(GIVEN)]
            user = ensure_user(_email(f"resident{number:02d}"), name)
            ensure_resident(
                admin, user, community, number, representative=index % 3 == 0
            )


def seed_role_accounts(command: Command, admin, communities: list[Community]) -> None:
    first = communities[0]
    district = Region.objects.get(slug=DISTRICT[0])
    street = first.street

    resident = ensure_user(_email("resident"), "林小梅")
    ensure_resident(admin, resident, first, 201)
    command.remember(resident, f"verified resident, {first.name}")

    rep = ensure_user(_email("rep"), "郑国华")
    ensure_resident(admin, rep, first, 202, representative=True)
    command.remember(rep, f"household representative, {first.name}")

    pending = ensure_user(_email("pending"), "何晓东")
    if not Membership.objects.filter(user=pending, community=first).exists():
        services.request_membership(
            user=pending, community=first, **household_fields(first, 203)
        )
    command.remember(pending, f"pending join request, {first.name}")

    registered = ensure_user(_email("registered"), "访客小王")
    command.remember(registered, "registered user, no community")

    for index, community in enumerate(communities):
        local = "committee" if index == 0 else f"committee{index + 1}"
        member = ensure_user(_email(local), f"{community.name}委员", totp=True)
        ensure_grant(admin, member, Role.COMMITTEE, community=community)
        command.remember(member, f"committee member, {community.name}", totp=True)

    staff = [
        ("supervision", "监督委员", Role.SUPERVISION, True),
        ("coordinator", "志愿协调员", Role.COORDINATOR, False),
        ("charity", "慈善项目经理", Role.CHARITY_MANAGER, False),
    ]
    for local, name, role, totp in staff:
        user = ensure_user(_email(local), name, totp=totp)
        ensure_grant(admin, user, role, community=first)
        command.remember(user, f"{Role(role).label}, {first.name}", totp=totp)

    officer = ensure_user(_email("street"), "街道干部", totp=True)
    ensure_grant(admin, officer, Role.STREET_OFFICER, region=street)
    command.remember(officer, f"street officer, {street.name}", totp=True)

    district_officer = ensure_user(_email("district"), "区民政干部", totp=True)
    ensure_grant(admin, district_officer, Role.DISTRICT_OFFICER, region=district)
    command.remember(district_officer, f"district officer, {district.name}", totp=True)
