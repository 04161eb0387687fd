"""Households and verified residents at scale.

Resident n of a community (counting from 0) lives in its household n // 3, and
resident 3k represents household k, so re-running with more residents tops up
without moving anyone. On PostgreSQL the rows go in with COPY, with their ids
taken from the tables' sequences first (so memberships can name users and
households without reading them back); elsewhere with bulk inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Count, Model
from django.utils import timezone

from accounts.models import User
from communities.models import Community, Household, Membership

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
CHUNK = 20_000  # residents per COPY round


def email_for(index: int, n: int) -> str:
    return f"scale-{index + 1}-{n}@scale.gongzhi.test"


def _columns(model: type[Model], given: Sequence[str]) -> list[Any]:
    """Every concrete field but the id: the given ones first, then the rest at
    their defaults (COPY does not apply Django's defaults)."""
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    return [fields[name] for name in given] + [
        f for name, f in fields.items() if name not in given
    ]


def _defaults(fields: list[Any], skip: int) -> tuple[Any, ...]:
    values = []
    for field in fields[skip:]:
        value = field.get_default()
        values.append(field.get_db_prep_save(value, connection))
    return tuple(values)


def _reserve_ids(model: type[Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model: type[Model], fields: list[Any], rows: Iterable[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(f.column) for f in [model._meta.pk, *fields]
    )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _address(community: Community, h: int) -> dict[str, str]:
    if community.is_village:
        return {"village_group": f"{h // 50 + 1}组", "house_number": str(h % 50 + 1)}
    return {
        "building": str(h // 60 + 1),
        "unit": str(h // 20 % 3 + 1),
        "room": str(101 + h % 20),
    }


ADDRESS_FIELDS = ("building", "unit", "room", "village_group", "house_number")


def seed_residents(
    plan: list[tuple[Community, int, int]],
    hashed: str,
    advance: Callable[[int], None],
) -> int:
    """Top each (community, index, wanted) up to `wanted` verified residents.

    Returns how many were created; calls `advance(n)` as they are written.
    """
    ids = [community.pk for community, _i, _w in plan]
    have = dict(
        Membership.objects.filter(community_id__in=ids)
        .values_list("community_id")
        .annotate(n=Count("id"))
    )
    households_have = dict(
        Household.objects.filter(community_id__in=ids)
        .values_list("community_id")
        .annotate(n=Count("id"))
    )
    postgres = connection.vendor == "postgresql"
    created = 0
    pending: list[tuple[Community, int, int, int]] = []
    size = 0
    for community, index, wanted in plan:
        start = have.get(community.pk, 0)
        if wanted <= start:
            continue
        pending.append((community, index, start, wanted))
        size += wanted - start
        if size >= CHUNK:
            created += _write(pending, households_have, hashed, postgres)
            advance(size)
            pending, size = [], 0
    if pending:
        created += _write(pending, households_have, hashed, postgres)
        advance(size)
    return created


def _write(
    pending: list[tuple[Community, int, int, int]],
    households_have: dict[int, int],
    hashed: str,
    postgres: bool,
) -> int:
    now = timezone.now()
    # Households: the new ones, then every community's ids in order.
    topped = [c.pk for c, _i, _s, _w in pending if households_have.get(c.pk, 0)]
    new_households = []
    for community, _index, _start, wanted in pending:
        needed = (wanted + 2) // 3
        for h in range(households_have.get(community.pk, 0), needed):
            new_households.append((community, h))
        households_have[community.pk] = max(
            households_have.get(community.pk, 0), needed
        )
    household_ids: dict[int, list[int]] = {}
    if topped:
        for community_id, pk in (
            Household.objects.filter(community_id__in=topped)
            .order_by("pk")
            .values_list("community_id", "pk")
        ):
            household_ids.setdefault(community_id, []).append(pk)
    if postgres:
        fields = _columns(Household, ["community_id", *ADDRESS_FIELDS])
        rest = _defaults(fields, 1 + len(ADDRESS_FIELDS))
        reserved = _reserve_ids(Household, len(new_households))
        rows = []
        for pk, (community, h) in zip(reserved, new_households, strict=True):
            address = _address(community, h)
            rows.append(
                (pk, community.pk, *(address.get(f, "") for f in ADDRESS_FIELDS), *rest)
            )
            household_ids.setdefault(community.pk, []).append(pk)
        _copy(Household, fields, rows)
    else:
        made = Household.objects.bulk_create(
            [Household(community=c, **_address(c, h)) for c, h in new_households],
            batch_size=2000,
        )
        for household in made:
            household_ids.setdefault(household.community_id, []).append(household.pk)

    people = [
        (community, index, n)
        for community, index, start, wanted in pending
        for n in range(start, wanted)
    ]
    if postgres:
        user_fields = _columns(
            User, ["password", "date_joined", "email", "display_name"]
        )
        user_rest = _defaults(user_fields, 4)
        user_ids = _reserve_ids(User, len(people))
        _copy(
            User,
            user_fields,
            (
                (
                    pk,
                    hashed,
                    now,
                    email_for(index, n),
                    SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)],
                    *user_rest,
                )
                for pk, (_c, index, n) in zip(user_ids, people, strict=True)
            ),
        )
        member_fields = _columns(
            Membership,
            [
                "user_id",
                "community_id",
                "household_id",
                "status",
                "is_representative",
                "requested_at",
                "decided_at",
            ],
        )
        member_rest = _defaults(member_fields, 7)
        member_ids = _reserve_ids(Membership, len(people))
        _copy(
            Membership,
            member_fields,
            (
                (
                    pk,
                    user_id,
                    community.pk,
                    _household(household_ids[community.pk], n),
                    Membership.Status.VERIFIED.value,
                    n % 3 == 0,
                    now,
                    now,
                    *member_rest,
                )
                for pk, user_id, (community, _i, n) in zip(
                    member_ids, user_ids, people, strict=True
                )
            ),
        )
    else:
        users = User.objects.bulk_create(
            [
                User(
                    email=email_for(index, n),
                    display_name=SURNAMES[n % len(SURNAMES)]
                    + GIVEN[(n * 7) % len(GIVEN)],
                    password=hashed,
                    date_joined=now,
                )
                for _c, index, n in people
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user_id=user.pk,
                    community=community,
                    household_id=_household(household_ids[community.pk], n),
                    status=Membership.Status.VERIFIED,
                    requested_at=now,
                    decided_at=now,
                    is_representative=(n % 3 == 0),
                )
                for user, (community, _i, n) in zip(users, people, strict=True)
            ],
            batch_size=2000,
        )
    return len(people)


def _household(ids: list[int], n: int) -> int:
    return ids[n // 3 % len(ids)]
