"""The work desk (工作台): the registry, and the page per role.

Every staff role sees only its own groups, each task with its count and a link to
where the work is done (every link answers 200 for that person), the most urgent
first; the number of queries does not grow with communities or items.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities import desk
from communities import services as community_services
from communities.desk.selectors import desk_for
from communities.models import Membership, Role
from communities.oversight import Figure
from governance.notices.pages import NoticeIndexPage
from tests.communities.test_dashboards_all_sections import (
    _follow_all,
    _main,
    world,  # noqa: F401  (fixture)
)
from tests.factories import RoleGrantFactory, UserFactory
from tests.support.actors import give_totp, grant_role, member

pytestmark = pytest.mark.django_db

DESK = "/desk/"
GROUP_HEADING = re.compile(r'<h2 id="desk-([a-z]+)"')


def _groups(html: str) -> list[str]:
    return GROUP_HEADING.findall(html)


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
def test_from_section_reads_the_named_figures_and_their_links():
    def per_community(communities, user):
        return {
            1: [Figure("a", "a", 3, "/one/"), Figure("late", "late", 1, "/late/")],
            2: [Figure("a", "a", 0, "/two/")],
        }

    count = desk.from_section(per_community, waiting="a", urgent="late")
    assert count(None, None) == {
        1: desk.Count(3, 1, "/one/"),
        2: desk.Count(0, 0, "/two/"),
    }
    plain = desk.from_section(per_community, waiting="a", link="")
    assert plain(None, None)[1] == desk.Count(3, 0, "")


def test_tally_counts_waiting_and_urgent_per_community():
    assert desk.tally([(1, False), (1, True), (2, False)]) == {
        1: desk.Count(2, 1),
        2: desk.Count(1, 0),
    }


def test_from_counts_reads_plain_and_paired_selectors():
    assert desk.from_counts(lambda cs: {1: 2})(None, [1]) == {1: desk.Count(2, 0)}
    assert desk.from_counts(lambda cs: {1: (3, 1)})(None, [1]) == {1: desk.Count(3, 1)}
    urgent = desk.from_counts(lambda cs: {1: 4}, all_urgent=True)
    assert urgent(None, [1]) == {1: desk.Count(4, 4)}


def test_tasks_are_registered_for_every_group_and_filtered_by_role():
    keys = {task.key for task in desk.tasks()}
    assert {
        "communities.memberships",
        "governance.objections",
        "governance.disclosure_review",
        "governance.escalated_objections",
        "consultation.minutes",
        "consultation.decisions_overdue",
        "volunteers.hours",
        "charity.pledges",
        "charity.reports",
        "assistance.work",
    } <= keys
    assert {t.group for t in desk.tasks()} == set(desk.GROUP_ORDER)
    coordinator = {t.key for t in desk.tasks_for({Role.COORDINATOR})}
    assert coordinator == {"volunteers.hours"}
    actions = {a.key for a in desk.actions_for({Role.COMMITTEE})}
    assert {"governance.publish_notice", "governance.draft_disclosure"} <= actions
    assert not desk.actions_for({Role.SUPERVISION})


def test_registering_a_task_again_replaces_it():
    task = desk.tasks_for({Role.COORDINATOR})[0]
    try:
        desk.register(
            desk.DeskTask(
                key=task.key,
                label="x",
                group=task.group,
                roles=task.roles,
                count=task.count,
                url=task.url,
            )
        )
        assert [t.label for t in desk.tasks() if t.key == task.key] == ["x"]
    finally:
        desk.register(task)


# ---------------------------------------------------------------------------
# Who sees the desk
# ---------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DESK)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_resident_without_a_staff_role_gets_a_friendly_refusal(zh_client, community):
    resident = member(community, Membership.Status.VERIFIED)
    resident.preferred_language = "zh-hans"
    resident.save()
    zh_client.force_login(resident)
    response = zh_client.get(DESK)
    assert response.status_code == 403
    assert "您目前没有工作人员角色" in response.content.decode()
    # ... and no desk link in the header.
    home = zh_client.get(reverse("communities:my-communities"))
    assert "data-desk-link" not in home.content.decode()


def test_staff_without_totp_are_asked_to_set_it_up(client, community):
    user = grant_role(Role.COMMITTEE, community=community, totp=False)
    client.force_login(user)
    # The header offers the desk; the desk explains what is missing.
    page = client.get(reverse("communities:my-communities"))
    assert "data-desk-link" in page.content.decode()
    response = client.get(DESK)
    assert response.status_code == 403
    assert "two-factor authentication" in response.content.decode()


def test_a_coordinator_without_totp_sees_the_desk(client, community):
    # Volunteer coordinators do not need TOTP (communities.roles.models).
    user = grant_role(Role.COORDINATOR, community=community, totp=False)
    client.force_login(user)
    response = client.get(DESK)
    assert _groups(_main(response)) == ["coordinator"]


def test_an_ended_grant_gives_no_desk(client, community):
    today = timezone.localdate()
    user = grant_role(
        Role.COMMITTEE,
        community=community,
        starts_on=today - timezone.timedelta(days=30),
        ends_on=today - timezone.timedelta(days=1),
    )
    client.force_login(user)
    assert client.get(DESK).status_code == 403


# ---------------------------------------------------------------------------
# The desk per role, fed with every section's data
# ---------------------------------------------------------------------------
def editor(community):
    """A committee member granted through the service (so a Wagtail editor)."""
    admin = give_totp(UserFactory(is_superuser=True, is_staff=True))
    return community_services.grant_role(
        actor=admin,
        user=give_totp(UserFactory()),
        role=Role.COMMITTEE,
        community=community,
        starts_on=timezone.localdate(),
    ).user


def _role_user(world, role):  # noqa: F811
    community = world["communities"][0]
    if role == Role.COMMITTEE:
        return editor(community)
    if role == Role.STREET_OFFICER:
        return world["street_officer"]
    if role == Role.DISTRICT_OFFICER:
        return world["district_officer"]
    if role in (Role.AID_OFFICER,):
        return grant_role(role, region=world["street"])
    if role in (Role.AID_SUPERVISOR,):
        return grant_role(role, region=world["district"])
    return grant_role(role, community=community)


ROLE_GROUPS = {
    Role.COMMITTEE: ["committee"],
    Role.SUPERVISION: ["supervision"],
    Role.COORDINATOR: ["coordinator"],
    Role.CHARITY_MANAGER: ["charity"],
    Role.AID_COORDINATOR: ["assistance"],
    Role.STREET_OFFICER: ["officer"],
    Role.DISTRICT_OFFICER: ["officer"],
    Role.AID_OFFICER: ["officer"],
    Role.AID_SUPERVISOR: ["officer"],
}


@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_each_role_sees_its_own_group_and_every_link_works(client, world, role):  # noqa: F811
    world["grow"](2)
    user = _role_user(world, role)
    client.force_login(user)
    html = _main(client.get(DESK))
    assert _groups(html) == ROLE_GROUPS[role]
    assert "<h1" in html and html.count("<h1") == 1
    _follow_all(client, html)


def test_the_committee_sees_counts_urgent_first_and_the_cms_actions(client, world):  # noqa: F811
    world["grow"](1)
    community = world["communities"][0]
    user = editor(community)
    member(community, Membership.Status.PENDING)
    client.force_login(user)
    groups = desk_for(user)
    assert [g.key for g in groups] == ["committee"]
    rows = groups[0].rows
    # Overdue before merely waiting: the order key is (urgent, waiting).
    keys = [(-r.urgent, -r.waiting) for r in rows]
    assert keys == sorted(keys)
    assert rows[0].urgent > 0
    waiting = {r.task.key: r.waiting for r in rows}
    assert waiting["communities.memberships"] == 1
    assert waiting["governance.disclosures_due"] >= 1
    assert {r.task.key for r in groups[0].idle}.isdisjoint(waiting)
    html = _main(client.get(DESK))
    notice_index = NoticeIndexPage.objects.get(community=community)
    add_notice = reverse(
        "wagtailadmin_pages:add", args=["governance", "noticepage", notice_index.pk]
    )
    assert add_notice in html
    assert "/admin/pages/add/governance/disclosurepage/" in html
    # The editor opens for this committee member.
    assert client.get(add_notice).status_code == 200


def test_a_supervision_member_sees_the_disclosures_to_review(client, world):  # noqa: F811
    from tests.support.governance_disclosures import (
        add_disclosure,
        finance_body,
        submit,
        supervisor,
    )

    world["grow"](1)
    community = world["communities"][0]
    reviewer = supervisor(community)
    author = grant_role(Role.COMMITTEE, community=community)
    page = add_disclosure(
        community, category="finance", body=finance_body(), publish=False
    )
    submit(page, author)
    rows = desk_for(reviewer)[0].rows
    assert [(r.task.key, r.waiting) for r in rows] == [
        ("governance.disclosure_review", 1)
    ]


def test_an_officer_sees_one_row_per_street(client, world):  # noqa: F811
    world["grow"](3)
    groups = desk_for(world["street_officer"])
    rows = groups[0].rows + groups[0].idle
    assert {r.scope for r in rows} == {world["street"]}
    escalated = [r for r in rows if r.task.key == "communities.region_memberships"]
    assert len(escalated) == 1


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DESK).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "role", [Role.COMMITTEE, Role.STREET_OFFICER, Role.CHARITY_MANAGER]
)
def test_the_number_of_queries_does_not_grow_with_communities(client, world, role):  # noqa: F811
    world["grow"](1)
    if role == Role.STREET_OFFICER:
        user = world["street_officer"]
    else:
        user = grant_role(role, community=world["communities"][0])
    one = _queries(client, user)
    world["grow"](3)
    if role != Role.STREET_OFFICER:
        for community in world["communities"][1:]:
            RoleGrantFactory(role=role, user=user, community=community, region=None)
    more = _queries(client, user)
    assert more == one
    assert one <= 40
