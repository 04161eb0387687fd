"""A community's life at scale, in proportion to its residents.

Per community, once (communities that already have rows of a kind are skipped,
so re-runs top up only new communities):

- disclosures: the last four quarters of every periodic catalogue entry as due
  items, nine in ten published on time, one in twenty late, the rest still open
  (overdue); the published ones are marked fulfilled without a page body;
- consultations: one topic per 250 residents, spread along the states of the
  chain (consultation.topics);
- volunteering: a team, two published activities and one upcoming two-hour
  shift per 200 residents;
- charity: a charitable organisation and a public project with one confirmed
  donation per 100 residents.

All bulk inserts, a few per batch of communities.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from communities.models import Community

BATCH = 2_000
CONSULTATION_PER = 250
SHIFT_PER = 200
DONATION_PER = 100


def _quarters_back(
    today: datetime.date, count: int
) -> list[tuple[datetime.date, datetime.date]]:
    """The last `count` whole quarters before today's, oldest first."""
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    periods = []
    end = quarter_start - datetime.timedelta(days=1)
    for _n in range(count):
        start = datetime.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        periods.append((start, end))
        end = start - datetime.timedelta(days=1)
    return list(reversed(periods))


def seed_activity(plan: list[tuple[Community, int]]) -> dict[str, int]:
    """`plan`: (community, residents) pairs. Returns rows created per kind."""
    counts = {
        "due items": _disclosures(plan),
        "consultations": _consultations(plan),
        "shifts": _shifts(plan),
        "donations": _donations(plan),
    }
    return counts


def _without(model, plan, field: str = "community_id"):
    ids = [c.pk for c, _r in plan]
    have = set(
        model.objects.filter(**{f"{field}__in": ids}).values_list(field, flat=True)
    )
    return [(c, r) for c, r in plan if c.pk not in have]


def _disclosures(plan) -> int:
    from governance.disclosures.models import (
        PERIODIC_CADENCES,
        CatalogueEntry,
        DueItem,
    )

    todo = _without(DueItem, plan)
    if not todo:
        return 0
    today = timezone.localdate()
    periods = _quarters_back(today, 4)
    entries = CatalogueEntry.objects.filter(
        community__in=[c for c, _r in todo],
        cadence__in=list(PERIODIC_CADENCES),
        is_active=True,
    )
    rows = []
    for entry in entries:
        for n, (start, end) in enumerate(periods):
            due = end + datetime.timedelta(days=entry.due_days)
            roll = (entry.pk * 7 + n) % 20
            if roll < 18:
                fulfilled = due - datetime.timedelta(days=3)
            elif roll == 18:
                fulfilled = due + datetime.timedelta(days=5)
            else:
                fulfilled = None
            if fulfilled is not None and fulfilled > today:
                fulfilled = None
            rows.append(
                DueItem(
                    entry=entry,
                    community_id=entry.community_id,
                    period_start=start,
                    period_end=end,
                    due_on=due,
                    fulfilled_at=timezone.make_aware(
                        datetime.datetime.combine(fulfilled, datetime.time(10))
                    )
                    if fulfilled
                    else None,
                )
            )
    DueItem.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return len(rows)


def _consultations(plan) -> int:
    from consultation.topics.models import CHAIN, Consultation

    todo = _without(Consultation, plan)
    now = timezone.now()
    rows = []
    for community, residents in todo:
        for n in range(max(1, residents // CONSULTATION_PER)):
            state = CHAIN[(community.pk + n) % len(CHAIN)]
            created = now - datetime.timedelta(days=3 + (n * 11) % 300)
            rows.append(
                Consultation(
                    community=community,
                    title=f"{community.name}议题{n + 1}",
                    description="规模测试议题：楼道照明、停车位和垃圾分类点的安排。",
                    origin=Consultation.Origin.COMMITTEE,
                    state=state,
                    created_at=created,
                    state_changed_at=created + datetime.timedelta(days=2),
                )
            )
    Consultation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _shifts(plan) -> int:
    from volunteers.models import Activity, Shift, Team

    todo = _without(Team, plan)
    if not todo:
        return 0
    now = timezone.now()
    teams = Team.objects.bulk_create(
        [Team(community=c, name=f"{c.name}志愿服务队") for c, _r in todo],
        batch_size=BATCH,
    )
    categories = [value for value, _label in Activity.Category.choices]
    activities = Activity.objects.bulk_create(
        [
            Activity(
                community=c,
                team=team,
                title=f"{c.name}志愿活动{n + 1}",
                description="定期志愿服务。",
                category=categories[(c.pk + n) % len(categories)],
                place="社区服务站",
                status=Activity.Status.PUBLISHED,
                published_at=now,
            )
            for (c, _r), team in zip(todo, teams, strict=True)
            for n in range(2)
        ],
        batch_size=BATCH,
    )
    today = timezone.localdate()
    rows = []
    for index, (_community, residents) in enumerate(todo):
        pair = activities[2 * index : 2 * index + 2]
        for n in range(max(1, residents // SHIFT_PER)):
            day = today + datetime.timedelta(days=1 + n % 56)
            start = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time((8, 14, 19)[n % 3]))
            )
            rows.append(
                Shift(
                    activity=pair[n % 2],
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=2),
                    capacity=(3, 5, 8, 10)[n % 4],
                )
            )
    Shift.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _donations(plan) -> int:
    from charity.models import (
        Donation,
        Organisation,
        Project,
        credit_code_check_character,
    )

    todo = _without(Organisation, plan)
    if not todo:
        return 0
    today = timezone.localdate()
    now = timezone.now()
    organisations = []
    for community, _r in todo:
        first17 = f"53999998{community.pk:09d}"
        organisations.append(
            Organisation(
                community=community,
                name=f"{community.name}慈善会",
                credit_code=first17 + credit_code_check_character(first17),
                qualification_number=f"SCALE-{community.pk}",
                qualification_valid_from=today - datetime.timedelta(days=365),
                qualification_valid_to=today + datetime.timedelta(days=365),
                contact_person="规模测试",
            )
        )
    organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    projects = Project.objects.bulk_create(
        [
            Project(
                organisation=organisation,
                community=community,
                title=f"{community.name}助老项目",
                purpose="为高龄独居老人提供助餐服务。",
                beneficiaries="高龄独居老人",
                area=community.name,
                starts_on=today - datetime.timedelta(days=200),
                ends_on=today + datetime.timedelta(days=165),
                goal_amount=Decimal("100000.00"),
                responsible_person="规模测试",
                receiving_account="6222020012345678",
                use_plan="助餐补贴",
                leftover_plan="转入下一年度助老项目",
                filing_number=f"SCALE-{community.pk}",
                filed_on=today - datetime.timedelta(days=210),
                status=Project.Status.PUBLIC,
                published_on=today - datetime.timedelta(days=200),
            )
            for (community, _r), organisation in zip(todo, organisations, strict=True)
        ],
        batch_size=BATCH,
    )
    rows = []
    for (community, residents), project in zip(todo, projects, strict=True):
        for n in range(max(1, residents // DONATION_PER)):
            rows.append(
                Donation(
                    project=project,
                    kind=Donation.Kind.MONEY,
                    channel=Donation.Channel.OFFLINE,
                    status=Donation.Status.CONFIRMED,
                    donor_name=f"捐赠人{n + 1}",
                    show_name=n % 2 == 0,
                    amount=Decimal(50 + (n % 10) * 50),
                    receipt_number=f"SCALE-{community.pk}-{n:05d}",
                    created_at=now,
                    confirmed_at=now,
                )
            )
    Donation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
