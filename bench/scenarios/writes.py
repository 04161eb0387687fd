"""Write scenarios: real POSTs with session and CSRF through the normal views.

Each `write_*` scenario builds fresh data for its run (a new open motion, a new
consultation, suggestion, project, activity with shifts) in one community of its own,
`bench-writes`, whose residents (`WRITERS`, verified, adult, with a volunteer profile)
are created once with bulk inserts and reused by every run. Every request is made by a
distinct resident, so nothing is legitimately refused ("already voted"); the harness
(`bench/run.py`) gives each one a server-side session and a CSRF token, sends the
requests over 32 connections and afterwards compares the rows made with the requests
answered: a request answered with a redirect but refused by the service counts as an
error too.

- `write_vote`: ballots on one open motion (distinct electors).
- `write_signup`: sign-ups over 100 shifts of 10 places (the rest join the waitlists).
- `write_signup_rush`: 200 volunteers sign up for one shift with 5 places at once;
  afterwards exactly 5 are confirmed and 195 waitlisted.
- `write_comment`: comments on one consultation.
- `write_pledge`: pledges to one public charity project.
- `write_support`: supports for one open suggestion.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from bench.scenarios import WritePlan, WriteRequest, WriteScenario

SLUG = "bench-writes"
WRITERS = 2_500
RUSH_VOLUNTEERS = 200
RUSH_PLACES = 5
SHIFTS = 100
SHIFT_PLACES = 10
BATCH = 1_000


def _tag() -> str:
    from django.utils import timezone

    return timezone.now().strftime("%Y%m%d-%H%M%S-%f")


def _address(h: int) -> dict[str, str]:
    return {
        "building": str(h // 60 + 1),
        "unit": str(h // 20 % 3 + 1),
        "room": str(101 + h % 20),
    }


def ensure_writers(count: int | None = None):
    """The bench-writes community and its `count` residents (created once, topped up).

    Returns the community and the residents' user ids in a fixed order."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from communities import services as communities_services
    from communities.models import Community, Household, Membership, Region
    from communities.regions import services as region_services
    from volunteers.models import VolunteerProfile

    User = get_user_model()
    count = count or WRITERS
    community = Community.objects.filter(slug=SLUG).first()
    if community is None:
        communities_services.ensure_portal()
        district, _ = Region.objects.get_or_create(
            slug="bench-writes-district",
            defaults={"kind": Region.Kind.DISTRICT, "name": "写入测试区"},
        )
        street, _ = Region.objects.get_or_create(
            slug="bench-writes-street",
            defaults={
                "kind": Region.Kind.STREET,
                "name": "写入测试街道",
                "parent": district,
            },
        )
        community = region_services.create_community(
            street=street,
            name="写入测试社区",
            slug=SLUG,
            kind=Community.Kind.COMMUNITY,
        )
    # Every resident's support is needed before a suggestion becomes a topic, so a
    # run's supports are never refused because the suggestion was promoted.
    type(community.policy).objects.filter(pk=community.policy.pk).update(
        petition_threshold_fraction=Decimal("1")
    )
    have = Membership.objects.filter(community=community).count()
    if have < count:
        now = timezone.now()
        hashed = make_password(settings.DEMO_PASSWORD)
        today = timezone.localdate()
        born = today.replace(year=today.year - 35, day=min(today.day, 28))
        with transaction.atomic():
            # One household for every three residents, found again by its address.
            Household.objects.bulk_create(
                [
                    Household(community=community, **_address(h))
                    for h in range((count + 2) // 3)
                ],
                ignore_conflicts=True,
            )
            by_address = {
                (h.building, h.unit, h.room): h.pk
                for h in Household.objects.filter(community=community)
            }
            for start in range(have, count, BATCH):
                end = min(start + BATCH, count)
                emails = [f"writer-{n}@bench.gongzhi.test" for n in range(start, end)]
                User.objects.bulk_create(
                    [
                        User(
                            email=email,
                            display_name=f"写入{n}",
                            password=hashed,
                            date_joined=now,
                        )
                        for n, email in zip(range(start, end), emails, strict=True)
                    ],
                    batch_size=BATCH,
                )
                ids = dict(
                    User.objects.filter(email__in=emails).values_list("email", "pk")
                )
                Membership.objects.bulk_create(
                    [
                        Membership(
                            user_id=ids[email],
                            community=community,
                            household_id=by_address[tuple(_address(n // 3).values())],
                            status=Membership.Status.VERIFIED,
                            requested_at=now,
                            decided_at=now,
                        )
                        for n, email in zip(range(start, end), emails, strict=True)
                    ],
                    batch_size=BATCH,
                )
                VolunteerProfile.objects.bulk_create(
                    [
                        VolunteerProfile(
                            user_id=ids[email],
                            date_of_birth=born,
                            emergency_contact_name="家属",
                            emergency_contact_phone="13800138000",
                        )
                        for email in emails
                    ],
                    batch_size=BATCH,
                )
    writers = list(
        Membership.objects.filter(community=community, status="verified")
        .order_by("pk")
        .values_list("user_id", flat=True)[:count]
    )
    return community, writers


# ---------------------------------------------------------------------------
# Ballots
# ---------------------------------------------------------------------------
def plan_vote(pool: int) -> WritePlan:
    from django.urls import reverse
    from django.utils import timezone

    from consultation.models import (
        AgendaItem,
        Ballot,
        Consultation,
        Elector,
        Meeting,
        Motion,
        Option,
    )

    community, writers = ensure_writers()
    voters = writers[:pool]
    tag = _tag()
    now = timezone.now()
    topic = Consultation.objects.create(
        community=community,
        title=f"写入测试议题 {tag}",
        description="写入测试",
        origin=Consultation.Origin.COMMITTEE,
    )
    meeting = Meeting.objects.create(
        consultation=topic,
        community=community,
        title=f"写入测试居民会议 {tag}",
        form=Meeting.Form.ASSEMBLY,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
        notice_published_at=now - datetime.timedelta(days=10),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="表决")
    motion = Motion.objects.create(
        agenda_item=item,
        community=community,
        title=f"写入测试表决 {tag}",
        status=Motion.Status.OPEN,
        quorum_fraction="0.5",
        majority_fraction="0.5",
        electorate_size=len(voters),
        opened_at=now,
    )
    options = Option.objects.bulk_create(
        Option(motion=motion, position=i, label=code.label, code=code.value)
        for i, code in enumerate(Option.Code, start=1)
    )
    Elector.objects.bulk_create(
        (Elector(motion=motion, user_id=u) for u in voters), batch_size=BATCH
    )
    path = reverse("consultation:motion-vote", args=[community.slug, motion.pk])
    return WritePlan(
        requests=[
            WriteRequest(path, {"option": str(options[n % len(options)].pk)}, user)
            for n, user in enumerate(voters)
        ],
        created=lambda: Ballot.objects.filter(motion=motion).count(),
    )


# ---------------------------------------------------------------------------
# Volunteer sign-ups
# ---------------------------------------------------------------------------
def _activity(community, tag: str):
    from django.utils import timezone

    from volunteers.models import Activity, SignUp, Team

    # Earlier runs' sign-ups of the bench residents are withdrawn, so that nobody is
    # refused for "another shift at that time".
    SignUp.objects.filter(shift__activity__community=community).exclude(
        status=SignUp.Status.CANCELLED
    ).update(status=SignUp.Status.CANCELLED)
    team, _ = Team.objects.get_or_create(
        community=community, defaults={"name": "写入测试志愿服务队"}
    )
    return Activity.objects.create(
        community=community,
        team=team,
        title=f"写入测试志愿活动 {tag}",
        description="写入测试",
        category=Activity.Category.choices[0][0],
        place="社区广场",
        status=Activity.Status.PUBLISHED,
        published_at=timezone.now(),
    )


def plan_signup(pool: int) -> WritePlan:
    from django.urls import reverse
    from django.utils import timezone

    from volunteers.models import Shift, SignUp

    community, writers = ensure_writers()
    activity = _activity(community, _tag())
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=10)
    shifts = Shift.objects.bulk_create(
        Shift(
            activity=activity,
            starts_at=start + datetime.timedelta(hours=2 * n),
            ends_at=start + datetime.timedelta(hours=2 * n + 1),
            capacity=SHIFT_PLACES,
        )
        for n in range(SHIFTS)
    )
    return WritePlan(
        requests=[
            WriteRequest(
                reverse(
                    "volunteers:shift-sign-up",
                    args=[community.slug, shifts[n % len(shifts)].pk],
                ),
                {},
                user,
            )
            for n, user in enumerate(writers[:pool])
        ],
        created=lambda: SignUp.objects.filter(shift__activity=activity).count(),
    )


def plan_signup_rush(pool: int) -> WritePlan:
    from django.urls import reverse
    from django.utils import timezone

    from volunteers.models import Shift, SignUp

    community, writers = ensure_writers()
    activity = _activity(community, _tag())
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=5)
    shift = Shift.objects.create(
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=RUSH_PLACES,
    )
    path = reverse("volunteers:shift-sign-up", args=[community.slug, shift.pk])

    def check() -> tuple[bool, str]:
        confirmed = SignUp.objects.filter(
            shift=shift, status=SignUp.Status.CONFIRMED
        ).count()
        waiting = SignUp.objects.filter(
            shift=shift, status=SignUp.Status.WAITING
        ).count()
        found = f"{confirmed} confirmed, {waiting} waitlisted"
        return confirmed == RUSH_PLACES, found

    return WritePlan(
        requests=[
            WriteRequest(path, {}, user)
            for user in writers[: min(pool, RUSH_VOLUNTEERS)]
        ],
        created=lambda: SignUp.objects.filter(shift=shift).count(),
        check=check,
    )


# ---------------------------------------------------------------------------
# Comments, pledges, supports
# ---------------------------------------------------------------------------
def plan_comment(pool: int) -> WritePlan:
    from django.urls import reverse

    from consultation.models import Comment, Consultation

    community, writers = ensure_writers()
    consultation = Consultation.objects.create(
        community=community,
        title=f"写入测试征求意见 {_tag()}",
        description="写入测试",
        origin=Consultation.Origin.COMMITTEE,
    )
    path = reverse("consultation:comment-post", args=[community.slug, consultation.pk])
    return WritePlan(
        requests=[
            WriteRequest(path, {"body": f"第{n + 1}条意见：建议增加夜间照明。"}, user)
            for n, user in enumerate(writers[:pool])
        ],
        created=lambda: Comment.objects.filter(consultation=consultation).count(),
    )


def plan_pledge(pool: int) -> WritePlan:
    from django.urls import reverse
    from django.utils import timezone

    from charity.models import (
        Donation,
        Organisation,
        Project,
        credit_code_check_character,
    )

    community, writers = ensure_writers()
    today = timezone.localdate()
    first17 = "53999999BENCHW001"
    organisation, _ = Organisation.objects.get_or_create(
        credit_code=first17 + credit_code_check_character(first17),
        defaults={
            "community": community,
            "name": "写入测试慈善会",
            "qualification_number": "BENCH-W-001",
            "qualification_valid_from": today - datetime.timedelta(days=365),
            "qualification_valid_to": today + datetime.timedelta(days=365),
            "contact_person": "基准",
        },
    )
    project = Project.objects.create(
        organisation=organisation,
        community=community,
        title=f"写入测试项目 {_tag()}",
        purpose="写入测试",
        beneficiaries="写入测试",
        area=community.name,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=200),
        goal_amount=Decimal("1000000.00"),
        responsible_person="基准",
        receiving_account="6222020012345678",
        use_plan="写入测试",
        leftover_plan="写入测试",
        filing_number=f"BENCH-W-{_tag()}",
        filed_on=today - datetime.timedelta(days=20),
        status=Project.Status.PUBLIC,
        published_on=today - datetime.timedelta(days=10),
    )
    path = reverse("charity:pledge", args=[community.slug, project.pk])
    return WritePlan(
        requests=[
            WriteRequest(
                path,
                {"amount": f"{50 + n % 50}.00", "donor_name": "", "show_name": ""},
                user,
            )
            for n, user in enumerate(writers[:pool])
        ],
        created=lambda: Donation.objects.filter(project=project).count(),
    )


def plan_support(pool: int) -> WritePlan:
    from django.urls import reverse

    from consultation.models import Suggestion, Support

    community, writers = ensure_writers()
    suggestion = Suggestion.objects.create(
        community=community,
        author_id=writers[-1],
        title=f"写入测试建议 {_tag()}",
        description="增设电动自行车充电桩。",
        status=Suggestion.Status.OPEN,
    )
    path = reverse(
        "consultation:suggestion-support", args=[community.slug, suggestion.pk]
    )
    return WritePlan(
        requests=[WriteRequest(path, {}, user) for user in writers[:-1][:pool]],
        created=lambda: Support.objects.filter(suggestion=suggestion).count(),
    )


WRITE_SCENARIOS = [
    WriteScenario("write_vote", plan_vote),
    WriteScenario("write_signup", plan_signup),
    WriteScenario(
        "write_signup_rush", plan_signup_rush, burst=True, target_p95_ms=1000
    ),
    WriteScenario("write_comment", plan_comment),
    WriteScenario("write_pledge", plan_pledge),
    WriteScenario("write_support", plan_support),
]
