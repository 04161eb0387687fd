"""The oversight dashboards with every registered section, fed real data.

Each feature app registers a section (communities/oversight.py). Here every one of
them has data in every community; the community and region dashboards must show
every section, every link on them must answer 200 for the person looking, and the
number of queries must not grow with the number of communities.
"""

from __future__ import annotations

import datetime
import re
from unittest.mock import patch
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls.resolvers import URLResolver
from django.utils import timezone

from assistance.cases.models import Case
from assistance.discovery.models import Report
from assistance.emergency.models import AdvanceAid
from assistance.followup.models import FollowUpItem as AidFollowUpItem
from assistance.instalments.models import Instalment
from assistance.monitoring.models import ReviewSchedule
from assistance.referrals.models import Referral, SocialWorkOrganisation
from charity.models import Project
from communities import oversight, wording
from communities import services as community_services
from communities.models import Role
from consultation.followup.models import FollowUpItem, Minutes, Resolution
from consultation.models import Consultation, State
from governance.bodies.services import appoint_term
from governance.certificates import services as certificate_services
from governance.certificates.models import CertificateRequest, CertificateType
from governance.charters.services import drafting, lifecycle
from governance.disclosures.models import CatalogueEntry, DueItem
from governance.models import Body
from tests.charity.factories import OrganisationFactory, PublicProjectFactory
from tests.consultation.factories import ConsultationFactory, MeetingFactory
from tests.factories import RegionFactory, RoleGrantFactory, StreetFactory
from tests.support.actors import give_totp
from tests.support.governance import pass_review
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SECTION_KEYS = {
    "notices",
    "disclosures",
    "certificates",
    "charters",
    "consultation",
    "followups",
    "charity",
    "assistance",
    "assistance_emergency",
    "assistance_discovery",
    "assistance_staged",
    "assistance_monitoring",
    "assistance_referrals",
    "two_committees",
}
HREF = re.compile(r'href="([^"#]*)"')


def _committee(community):
    return give_totp(
        RoleGrantFactory(role=Role.COMMITTEE, community=community, region=None).user
    )


def _feed(community):
    """Data for every section in one community."""
    member = _committee(community)
    add_notice(community)
    entry = CatalogueEntry.objects.filter(community=community).first()
    if entry is None:
        entry = CatalogueEntry.objects.create(
            community=community,
            title="财务收支",
            category="finance",
            cadence="quarterly",
            due_days=15,
        )
    DueItem.objects.create(
        entry=entry,
        community=community,
        period_start=TODAY - 120 * DAY,
        period_end=TODAY - 30 * DAY,
        due_on=TODAY - 15 * DAY,
    )
    version = drafting.start_charter(
        actor=member,
        community=community,
        kind="village" if community.is_village else "residents",
        title=str(wording.term(community, "convention")),
        clauses=["居民应当爱护公共设施。"],
    )
    version = lifecycle.close_opinions(actor=member, version=version)
    lifecycle.submit_for_review(actor=member, version=version)
    ConsultationFactory(community=community, decision_due_at=timezone.now() - DAY)
    topic = ConsultationFactory(community=community, state=State.IMPLEMENTING)
    meeting = MeetingFactory(consultation=topic)
    minutes = Minutes.objects.create(meeting=meeting, decisions="安装充电桩")
    resolution = Resolution.objects.create(
        community=community,
        consultation=topic,
        minutes=minutes,
        title="安装充电桩",
        text="同意安装",
    )
    FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="安装充电桩",
        owner_unit="物业公司",
        due_on=TODAY - DAY,
    )
    case = Case.objects.create(
        community=community,
        applicant_name="王小明",
        kind="dibao",
        state="accepted",
        decision_due=TODAY - DAY,
    )
    _feed_assistance(community, case, member)
    _feed_two_committees(community, member)
    _feed_certificates(community, member)
    organisation = OrganisationFactory(community=community)
    PublicProjectFactory(
        organisation=organisation,
        starts_on=TODAY - 400 * DAY,
        ends_on=TODAY - 120 * DAY,
        published_on=TODAY - 380 * DAY,
        filed_on=TODAY - 395 * DAY,
    )
    return member


def _feed_two_committees(community, member):
    """一肩挑: the member chairs the committee and is the Party secretary, after a
    passed qualification review (whose round the officers' pages list)."""
    pass_review(community, member)
    for kind, position in (
        (Body.Kind.COMMITTEE, "chair"),
        (Body.Kind.PARTY, "secretary"),
    ):
        appoint_term(
            actor=member,
            body=Body.objects.get(community=community, kind=kind),
            person=member,
            position=position,
            starts_on=TODAY - 30 * DAY,
        )


def _feed_certificates(community, member):
    """A request issued, one refused and one overdue."""
    kind, _created = CertificateType.objects.get_or_create(
        district=community.street.parent,
        name="居住证明",
        defaults={
            "legal_basis": "《居住证暂行条例》",
            "purpose": "申领居住证",
            "procedure": "申请、核实、出具",
            "evidence": "身份证",
            "template": "兹证明{name}居住在{community}。{committee} {date}",
        },
    )
    rows = [
        certificate_services.request_certificate(
            actor=member,
            community=community,
            certificate_type=kind,
            person_name="王小明",
            purpose=purpose,
        )
        for purpose in ("申领居住证", "办理租赁备案", "子女入学")
    ]
    certificate_services.issue_certificate(actor=member, request=rows[0])
    certificate_services.refuse_certificate(
        actor=member, request=rows[1], reason="不在辖区"
    )
    CertificateRequest.objects.filter(pk=rows[2].pk).update(due_on=TODAY - DAY)


def _feed_assistance(community, case, member):
    """One overdue item for each part-2 assistance section."""
    now = timezone.now()
    Report.objects.create(
        community=community,
        place="3号楼",
        seen="独居老人多日未出门",
        urgency="urgent",
        capacity="resident",
        visit_due=now - DAY,
    )
    recipient = Case.objects.create(
        community=community, applicant_name="李四", kind="dibao", state="confirmed"
    )
    aid_case = Case.objects.create(
        community=community,
        applicant_name="赵五",
        kind="temporary",
        temporary_cause="emergency",
    )
    AdvanceAid.objects.create(
        community=community,
        beneficiary_name="赵五",
        cause="fire",
        amount=500,
        limit=1000,
        capacity="officer",
        case=aid_case,
        paperwork_due=TODAY - DAY,
        reported_at=now - 2 * DAY,
        granted_at=now - DAY,
    )
    Instalment.objects.create(
        case=recipient, position=1, due_on=TODAY - DAY, amount=300, condition="在院"
    )
    AidFollowUpItem.objects.create(
        case=recipient, kind="other", what="回访", owner=member, due_on=TODAY - DAY
    )
    ReviewSchedule.objects.create(
        case=recipient,
        community=community,
        due_on=TODAY - DAY,
        cycle_months=12,
        counted_from=TODAY - 400 * DAY,
    )
    organisation = SocialWorkOrganisation.objects.create(
        name=f"社工{community.pk}",
        credit_code=f"52110000MJ{community.pk:07d}X"[:18],
        registration="民政局登记",
        district=community.street.parent,
        street=community.street,
        contact_name="周",
        contact_phone="13800000000",
    )
    Referral.objects.create(
        case=recipient,
        service="counselling",
        organisation=organisation,
        note="心理疏导",
    )


@pytest.fixture
def world(db):
    community_services.ensure_portal()
    district = RegionFactory()
    street = StreetFactory(parent=district)
    made = []

    def grow(n):
        members = []
        for _ in range(n):
            index = len(made) + 1
            community = community_services.create_community(
                street=street,
                name=f"监督{index}社区",
                slug=f"dash-{index}",
                kind="community",
            )
            made.append(community)
            members.append(_feed(community))
        return members

    street_officer = give_totp(
        RoleGrantFactory(role=Role.STREET_OFFICER, community=None, region=street).user
    )
    district_officer = give_totp(
        RoleGrantFactory(
            role=Role.DISTRICT_OFFICER, community=None, region=district
        ).user
    )
    return {
        "grow": grow,
        "communities": made,
        "street": street,
        "district": district,
        "street_officer": street_officer,
        "district_officer": district_officer,
    }


def _main(response) -> str:
    assert response.status_code == 200
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def _links(html: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/static/", "/media/")):
            continue
        links.add(href)
    return links


def _follow_all(client, html: str) -> set[str]:
    links = _links(html)
    broken = {href: client.get(href).status_code for href in links}
    broken = {href: code for href, code in broken.items() if code != 200}
    assert not broken, broken
    return links


def test_every_registered_section_is_one_of_ours():
    # A new section must be fed by _feed above, or this test no longer covers it.
    assert {s.key for s in oversight.sections()} == SECTION_KEYS


def test_per_community_figures_have_the_totals_keys(world):
    # The region table lays each community's figures under the totals' columns:
    # a figure with another key would be dropped (shown as 0).
    world["grow"](2)
    scope = type(world["communities"][0]).objects.all()
    user = world["district_officer"]
    for section in oversight.sections():
        keys = [f.key for f in section.figures(scope, user)]
        if section.per_community is None:  # the section has no per-community rows
            continue
        for figures in section.per_community(scope, user).values():
            assert [f.key for f in figures] == keys, section.key


def test_the_community_dashboard_shows_every_section_and_every_link_answers(
    client, world
):
    (member,) = world["grow"](1)
    world["grow"](1)
    community = world["communities"][0]
    for user in (member, world["street_officer"], world["district_officer"]):
        client.force_login(user)
        html = _main(client.get(f"/{community.slug}/dashboard/"))
        for section in SECTION_KEYS:
            assert f'id="section-{section}"' in html, section
        links = _follow_all(client, html)
        # Every figure with a link (the assistance figures link only for
        # those who may open the case list) links somewhere that answers.
        figures = sum(
            1
            for s in oversight.sections()
            for f in s.figures(type(community).objects.filter(pk=community.pk), user)
            if f.url
        )
        assert len(links) >= figures


@pytest.mark.parametrize("who", ["street_officer", "district_officer"])
def test_the_region_dashboard_shows_every_section_and_every_link_answers(
    client, world, who
):
    world["grow"](2)
    region = world["street"] if who == "street_officer" else world["district"]
    client.force_login(world[who])
    html = _main(client.get(f"/regions/{region.slug}/dashboard/"))
    for section in SECTION_KEYS:
        assert f'id="section-{section}"' in html, section
    links = _follow_all(client, html)
    for community in world["communities"]:
        assert any(f"community={community.slug}" in href for href in links), (
            community.slug
        )


def test_a_committee_member_cannot_follow_into_other_communities(client, world):
    (member, _other) = world["grow"](2)
    client.force_login(member)
    other = world["communities"][1]
    assert client.get(f"/{other.slug}/dashboard/").status_code == 403


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_number_of_communities(client, world):
    members = world["grow"](2)
    street = f"/regions/{world['street'].slug}/dashboard/"
    district = f"/regions/{world['district'].slug}/dashboard/"
    community = f"/{world['communities'][0].slug}/dashboard/"
    client.force_login(world["street_officer"])
    client.get(street)  # warm caches (content types, sites)
    before = {"street": _count(client, street)}
    client.force_login(world["district_officer"])
    before["district"] = _count(client, district)
    client.force_login(members[0])
    before["community"] = _count(client, community)
    world["grow"](4)
    assert Project.objects.count() == 6
    assert Consultation.objects.count() == 12
    client.force_login(world["street_officer"])
    after = {"street": _count(client, street)}
    client.force_login(world["district_officer"])
    after["district"] = _count(client, district)
    client.force_login(members[0])
    after["community"] = _count(client, community)
    assert after == before


@pytest.mark.parametrize(
    "url",
    [
        "/my/oversight/charters/review/",
        "/oversight/disclosures/overdue/",
        "/my/charity/overdue-reports/",
        "/oversight/notices/?state=published",
    ],
)
def test_the_lists_behind_figures_accept_a_community_slug(client, world, url):
    world["grow"](2)
    first, second = world["communities"]
    client.force_login(world["street_officer"])
    joiner = "&" if "?" in url else "?"
    html = _main(client.get(f"{url}{joiner}community={first.slug}"))
    html = re.sub(r"<form.*?</form>", "", html, flags=re.S)  # the filter's choices
    assert first.name in html
    assert second.name not in html


def _per_community_costs(user, communities) -> dict[str, tuple[int, int]]:
    """Queries and `reverse()` calls of each section's per-community figures."""
    scope = type(communities[0]).objects.filter(pk__in=[c.pk for c in communities])
    costs = {}
    for section in oversight.sections():
        if section.per_community is None:
            continue
        with (
            CaptureQueriesContext(connection) as queries,
            patch.object(
                URLResolver,
                "_reverse_with_prefix",
                autospec=True,
                side_effect=URLResolver._reverse_with_prefix,
            ) as reversed_,
        ):
            section.per_community(scope, user)
        costs[section.key] = (len(queries), reversed_.call_count)
    return costs


@pytest.mark.parametrize("who", ["street_officer", "district_officer"])
def test_each_section_costs_the_same_for_a_page_of_any_size(world, who):
    # Queries and links per section, not per community: a region dashboard's
    # page asks for 20 communities' figures at once (issue 16).
    world["grow"](2)
    user = world[who]
    _per_community_costs(user, world["communities"])  # warm caches
    two = _per_community_costs(user, world["communities"])
    world["grow"](4)
    six = _per_community_costs(user, world["communities"])
    assert six == two
    assert all(queries <= 4 for queries, _reversed in six.values()), six


def test_the_region_dashboard_reverses_each_link_once_not_per_row(client, world):
    world["grow"](2)
    street = f"/regions/{world['street'].slug}/dashboard/"
    client.force_login(world["street_officer"])
    client.get(street)

    def reversed_for_one_page() -> int:
        with patch.object(
            URLResolver,
            "_reverse_with_prefix",
            autospec=True,
            side_effect=URLResolver._reverse_with_prefix,
        ) as reversed_:
            assert client.get(street).status_code == 200
        return reversed_.call_count

    before = reversed_for_one_page()
    world["grow"](4)
    assert reversed_for_one_page() == before
