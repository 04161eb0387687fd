"""Every cell of the charity permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from charity.models import Project
from communities.models import Role
from tests.charity.factories import OrganisationFactory, ProjectFactory
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS, grant_role
from tests.support.permissions import differing, doc_table

COLUMNS = (
    "manage_charity",
    "view_project (draft)",
    "view_project (public, closed)",
    "manage_project",
    "pledge (public)",
    "pledge (draft, closed)",
    "follow_project (public, closed)",
    "follow_project (draft)",
    "manage_needs",
    "view_overdue_reports",
)
Y, N = True, False
VISITOR = (N, N, Y, N, N, N, N, N, N, N)
SIGNED_IN = (N, N, Y, N, Y, N, Y, N, N, N)
COMMITTEE = (N, N, Y, N, Y, N, Y, N, Y, Y)
OFFICER = (N, N, Y, N, Y, N, Y, N, N, Y)
UNLISTED_MANAGER = (Y, N, Y, N, Y, N, Y, N, Y, N)
MANAGER = (Y, Y, Y, Y, Y, N, Y, N, Y, N)
ADMIN = (Y, Y, Y, Y, Y, N, Y, N, Y, Y)
LISTED = "charity manager listed on the organisation"
ROW_ACTORS = {
    **ACTORS,
    LISTED: lambda c: grant_role(Role.CHARITY_MANAGER, community=c, totp=False),
}
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": VISITOR,
    "registered user": SIGNED_IN,
    "pending applicant": SIGNED_IN,
    "rejected applicant": SIGNED_IN,
    "former resident (left)": SIGNED_IN,
    "verified resident": SIGNED_IN,
    "household representative": SIGNED_IN,
    "committee member without TOTP": SIGNED_IN,
    "committee member": COMMITTEE,
    "committee member, grant expired": SIGNED_IN,
    "committee member, grant revoked": SIGNED_IN,
    "committee member, grant not started": SIGNED_IN,
    "committee member of another community": SIGNED_IN,
    "supervision member without TOTP": SIGNED_IN,
    "supervision member": SIGNED_IN,
    "coordinator": SIGNED_IN,
    "charity manager": UNLISTED_MANAGER,
    LISTED: MANAGER,
    "street officer without TOTP": SIGNED_IN,
    "street officer": OFFICER,
    "street officer of another street": SIGNED_IN,
    "district officer without TOTP": SIGNED_IN,
    "district officer": OFFICER,
    "district officer of another district": SIGNED_IN,
    "assistance coordinator without TOTP": SIGNED_IN,
    "assistance coordinator": SIGNED_IN,
    "assistance coordinator of another community": SIGNED_IN,
    "street assistance officer": SIGNED_IN,
    "street assistance officer of another street": SIGNED_IN,
    "district assistance supervisor": SIGNED_IN,
    "district assistance supervisor of another district": SIGNED_IN,
    "platform admin without TOTP": SIGNED_IN,
    "platform admin": ADMIN,
    "superuser without TOTP": SIGNED_IN,
    # Django's all-permissions shortcut; the services still refuse pledges to and
    # follows of projects that are not open (tests/charity/test_services.py).
    "superuser": (Y,) * len(COLUMNS),
}


def _ask(user, column, community, projects) -> bool:
    draft, public, closed = projects
    if column == "manage_needs":
        return user.has_perm("charity.manage_needs", community)
    if column == "view_overdue_reports":
        return user.has_perm("charity.view_overdue_reports", community)
    if column == "manage_charity":
        return user.has_perm("charity.manage_charity", community)
    if column == "view_project (draft)":
        return user.has_perm("charity.view_project", draft)
    if column == "view_project (public, closed)":
        return _both(user, "charity.view_project", public, closed)
    if column == "manage_project":
        return all(
            user.has_perm("charity.manage_project", p) for p in (draft, public, closed)
        )
    if column == "pledge (public)":
        return user.has_perm("charity.pledge", public)
    if column == "pledge (draft, closed)":
        return _both(user, "charity.pledge", draft, closed)
    if column == "follow_project (public, closed)":
        return _both(user, "charity.follow_project", public, closed)
    return user.has_perm("charity.follow_project", draft)


def _both(user, perm, first, second) -> bool:
    answers = {user.has_perm(perm, first), user.has_perm(perm, second)}
    assert len(answers) == 1, "the two states must agree for one cell"
    return answers.pop()


@pytest.mark.django_db
def test_each_role_gets_exactly_the_charity_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ROW_ACTORS[who](community) for who in TABLE}
    organisation = OrganisationFactory(community=community)
    organisation.managers.add(people[LISTED])
    projects = tuple(
        ProjectFactory(organisation=organisation, status=status)
        for status in (
            Project.Status.DRAFT,
            Project.Status.PUBLIC,
            Project.Status.CLOSED,
        )
    )
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: _ask(people[who], column, community, projects),
    )
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ROW_ACTORS)


def test_the_documented_table_matches_this_test():
    assert doc_table("charity", COLUMNS) == TABLE
