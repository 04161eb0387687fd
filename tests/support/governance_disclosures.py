"""Helpers for disclosure tests: create disclosures the way the admin does."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from communities.models import Role
from governance.models import Body, DisclosureIndexPage, DisclosurePage, Term
from tests.factories import RoleGrantFactory
from tests.support.actors import give_totp

_numbers = itertools.count(1)


def finance_body(lines=None, caption="2026年第一季度收支"):
    lines = lines or [
        ("income", "上级拨款", "10000.00"),
        ("expenditure", "环境整治", "2500.50"),
        ("expenditure", "办公用品", "300.00"),
    ]
    return [
        (
            "finance_table",
            {
                "caption": caption,
                "lines": [
                    {"kind": kind, "item": item, "amount": Decimal(amount), "note": ""}
                    for kind, item, amount in lines
                ],
            },
        )
    ]


def add_disclosure(
    community,
    *,
    title=None,
    category="service",
    is_juwu=False,
    body=None,
    user=None,
    publish=True,
    period_start=datetime.date(2026, 1, 1),
    period_end=datetime.date(2026, 3, 31),
    **fields,
) -> DisclosurePage:
    """A draft disclosure with one revision; published directly when allowed."""
    index = DisclosureIndexPage.objects.get(community=community)
    number = next(_numbers)
    page = index.add_child(
        instance=DisclosurePage(
            title=title or f"公开 {number}",
            slug=f"disclosure-{number}",
            category=category,
            is_juwu=is_juwu,
            period_start=period_start,
            period_end=period_end,
            body=body
            if body is not None
            else [("paragraph", "<p>服务事项公开内容</p>")],
            live=False,
            **fields,
        )
    )
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def submit(page, user):
    page.refresh_from_db()
    return page.get_workflow().start(page, user)


def supervisor(community):
    """A supervision member with TOTP and a supervision term (not on the 两委)."""
    grant = RoleGrantFactory(role=Role.SUPERVISION, community=community)
    user = give_totp(grant.user)
    Term.objects.create(
        body=Body.objects.get(community=community, kind=Body.Kind.SUPERVISION),
        person=user,
        position="member",
        starts_on=datetime.date(2020, 1, 1),
    )
    return user


def supervisor_on_two_committees(community):
    grant = RoleGrantFactory(role=Role.SUPERVISION, community=community)
    user = give_totp(grant.user)
    Term.objects.create(
        body=Body.objects.get(community=community, kind=Body.Kind.PARTY),
        person=user,
        position="member",
        starts_on=datetime.date(2020, 1, 1),
    )
    return user
