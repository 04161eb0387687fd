"""Reports on time: the schedule, filing, notifications, overdue lists and figures."""

from __future__ import annotations

import datetime
import re
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from charity.models import Report
from charity.projects import services as project_services
from charity.reports import oversight, schedule
from charity.reports import selectors as report_selectors
from charity.reports import services as report_services
from communities import oversight as registry
from communities.models import Community, Role
from notifications.models import Notification
from tests.charity.factories import (
    DonationFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicProjectFactory,
)
from tests.factories import (
    CommunityFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)
from tests.support.actors import give_totp
from tests.uploads.samples import EXE, PDF, image_bytes


# ---------------------------------------------------------------------------
# The schedule (pure)
# ---------------------------------------------------------------------------
def _keys(dues):
    return [(d.kind, d.sequence, d.due_on) for d in dues]


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        # Three months: only the final report, 3 months after the end.
        (date(2026, 1, 1), date(2026, 4, 1), [("final", 0, date(2026, 7, 1))]),
        # Exactly 6 months is not longer than 6 months: final only.
        (date(2026, 1, 1), date(2026, 7, 1), [("final", 0, date(2026, 10, 1))]),
        # One day longer: progress every 3 months while before the end.
        (
            date(2026, 1, 1),
            date(2026, 7, 2),
            [
                ("progress", 1, date(2026, 4, 1)),
                ("progress", 2, date(2026, 7, 1)),
                ("final", 0, date(2026, 10, 2)),
            ],
        ),
        # A year: three progress reports (the fourth falls on the end), then final.
        (
            date(2026, 1, 1),
            date(2027, 1, 1),
            [
                ("progress", 1, date(2026, 4, 1)),
                ("progress", 2, date(2026, 7, 1)),
                ("progress", 3, date(2026, 10, 1)),
                ("final", 0, date(2027, 4, 1)),
            ],
        ),
        # Month ends: the 31st becomes the shorter month's last day.
        (
            date(2026, 8, 31),
            date(2027, 8, 31),
            [
                ("progress", 1, date(2026, 11, 30)),
                ("progress", 2, date(2027, 2, 28)),
                ("progress", 3, date(2027, 5, 31)),
                ("final", 0, date(2027, 11, 30)),
            ],
        ),
    ],
)
def test_due_dates_follow_the_project_period(starts, ends, expected):
    assert _keys(schedule.due_dates(starts, ends)) == expected


class _Project:
    def __init__(self, status="public", starts=date(2026, 1, 1), ends=date(2027, 1, 1)):
        self.status, self.starts_on, self.ends_on = status, starts, ends


class _Report:
    def __init__(self, kind, sequence, filed):
        self.kind, self.sequence = kind, sequence
        self.filed_at = datetime.datetime.combine(
            filed, datetime.time(12), datetime.UTC
        )


@pytest.mark.parametrize(
    ("status", "reports", "on", "overdue"),
    [
        ("draft", [], date(2026, 5, 1), []),  # a draft owes nothing
        ("public", [], date(2026, 4, 1), []),  # due today is not yet overdue
        ("public", [], date(2026, 4, 2), [("progress", 1)]),
        ("closed", [], date(2026, 7, 2), [("progress", 1), ("progress", 2)]),
        ("public", [("progress", 1, date(2026, 3, 30))], date(2026, 4, 2), []),
        # Filed late: no longer overdue.
        ("public", [("progress", 1, date(2026, 5, 1))], date(2026, 5, 2), []),
        # An update fulfils nothing.
        (
            "public",
            [("update", 0, date(2026, 3, 1))],
            date(2026, 4, 2),
            [("progress", 1)],
        ),
        # After the final report, later progress reports are no longer needed.
        (
            "closed",
            [("final", 0, date(2026, 6, 1))],
            date(2027, 6, 1),
            [("progress", 1)],
        ),
    ],
)
def test_a_missing_report_is_overdue_only_after_its_due_date(
    status, reports, on, overdue
):
    project = _Project(status)
    rows = [_Report(*r) for r in reports]
    assert [
        (d.kind, d.sequence) for d in schedule.overdue(project, rows, on)
    ] == overdue


def test_a_late_report_shows_as_filed_late_and_waived_ones_as_waived():
    project = _Project()
    dues = schedule.schedule(
        project,
        [
            _Report("progress", 1, date(2026, 4, 10)),
            _Report("final", 0, date(2026, 6, 1)),
        ],
    )
    statuses = [d.status(date(2026, 6, 2)) for d in dues]
    assert statuses == ["filed_late", "waived", "waived", "filed"]


# ---------------------------------------------------------------------------
# Filing reports (services)
# ---------------------------------------------------------------------------
def _long_project(organisation, **kw):
    today = timezone.localdate()
    return PublicProjectFactory(
        organisation=organisation,
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=200),
        **kw,
    )


@pytest.mark.django_db
def test_a_manager_files_the_due_report_and_donors_and_followers_are_told(
    organisation, manager, resident
):
    project = _long_project(organisation)
    donor = UserFactory()
    DonationFactory(project=project, donor=donor)
    project_services.follow(user=resident, project=project)
    assert [d.key for d in schedule.overdue(project, [])] == [
        "progress-1",
        "progress-2",
    ]
    report = report_services.file_report(
        actor=manager,
        project=project,
        due="progress-1",
        title="第一季度进展",
        text="已资助12名学生。",
        attachments=[SimpleUploadedFile("photo.png", image_bytes())],
    )
    assert (report.kind, report.sequence) == ("progress", 1)
    assert report.filed_late
    assert report.attachments.count() == 1
    assert [d.key for d in schedule.overdue(project, project.reports.all())] == [
        "progress-2"
    ]
    told = set(
        Notification.objects.filter(kind="charity.report_filed").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {donor.pk, resident.pk}


@pytest.mark.django_db
def test_a_due_report_cannot_be_filed_twice(organisation, manager):
    project = _long_project(organisation)
    report_services.file_report(
        actor=manager, project=project, due="progress-1", title="a", text="b"
    )
    with pytest.raises(ValidationError) as error:
        report_services.file_report(
            actor=manager, project=project, due="progress-1", title="a", text="b"
        )
    assert "due" in error.value.message_dict
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_a_final_report_cannot_be_filed_before_the_project_ends(organisation, manager):
    project = _long_project(organisation)
    with pytest.raises(ValidationError):
        report_services.file_report(
            actor=manager, project=project, due="final-0", title="a", text="b"
        )
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_an_update_can_be_posted_any_time_and_fulfils_nothing(organisation, manager):
    project = _long_project(organisation)
    report_services.file_report(
        actor=manager, project=project, due="update", title="a", text="b"
    )
    report_services.file_report(
        actor=manager, project=project, due="update", title="c", text="d"
    )
    assert len(schedule.overdue(project, project.reports.all())) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error"),
    [({"title": " "}, "title"), ({"text": ""}, "text"), ({"due": "progress-9"}, "due")],
)
def test_bad_reports_are_refused_and_nothing_is_saved(
    organisation, manager, fields, error
):
    project = _long_project(organisation)
    data = {"due": "progress-1", "title": "t", "text": "x", **fields}
    with pytest.raises(ValidationError) as raised:
        report_services.file_report(actor=manager, project=project, **data)
    assert error in raised.value.message_dict
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_a_draft_files_no_reports_and_others_may_not_file(
    organisation, manager, draft_project, resident
):
    with pytest.raises(ValidationError):
        report_services.file_report(
            actor=manager, project=draft_project, due="update", title="a", text="b"
        )
    project = _long_project(organisation)
    with pytest.raises(PermissionDenied):
        report_services.file_report(
            actor=resident, project=project, due="progress-1", title="a", text="b"
        )
    assert not Report.objects.exists()


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def _past_project(organisation):
    """Ran a year, ended 4 months ago: every report is overdue."""
    today = timezone.localdate()
    return PublicProjectFactory(
        organisation=organisation,
        status="closed",
        starts_on=today - datetime.timedelta(days=480),
        ends_on=today - datetime.timedelta(days=120),
        filed_on=today - datetime.timedelta(days=500),
    )


@pytest.mark.django_db
def test_the_project_page_shows_the_schedule_and_what_is_overdue(client, organisation):
    project = _past_project(organisation)
    body = client.get(
        reverse("charity:project", args=[project.community.slug, project.pk])
    ).content.decode()
    assert "Report schedule" in body
    assert "4 reports overdue" in body
    assert "Final report was due on" in body


@pytest.mark.django_db
def test_filing_through_the_form_clears_the_overdue_report(
    client, organisation, manager
):
    project = _long_project(organisation)
    client.force_login(manager)
    path = reverse("charity:report-new", args=[project.community.slug, project.pk])
    assert "Progress report 1 (due" in client.get(path).content.decode()
    response = client.post(
        path,
        {
            "due": "progress-1",
            "title": "进展",
            "text": "内容",
            "attachments": [SimpleUploadedFile("r.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    page = client.get(
        reverse("charity:project", args=[project.community.slug, project.pk])
    ).content.decode()
    assert "1 report overdue" in page
    assert "r.pdf" in page


@pytest.mark.django_db
def test_a_bad_report_form_shows_an_error_and_saves_nothing(
    client, organisation, manager
):
    project = _long_project(organisation)
    client.force_login(manager)
    path = reverse("charity:report-new", args=[project.community.slug, project.pk])
    response = client.post(
        path,
        {
            "due": "progress-1",
            "title": "进展",
            "text": "内容",
            "attachments": [SimpleUploadedFile("setup.pdf", EXE)],
        },
    )
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_an_attachment_downloads_as_an_attachment(client, organisation, manager):
    project = _long_project(organisation)
    report = report_services.file_report(
        actor=manager,
        project=project,
        due="update",
        title="a",
        text="b",
        attachments=[SimpleUploadedFile("r.pdf", PDF)],
    )
    file = report.attachments.get()
    response = client.get(
        reverse(
            "charity:report-attachment",
            args=[project.community.slug, project.pk, file.pk],
        )
    )
    assert response["Content-Disposition"].startswith("attachment")


# ---------------------------------------------------------------------------
# Overdue list and oversight figures
# ---------------------------------------------------------------------------
def _officer(role, region):
    person = UserFactory()
    RoleGrantFactory(user=person, role=role, community=None, region=region)
    return give_totp(person)


def _committee(community):
    person = UserFactory()
    RoleGrantFactory(user=person, role=Role.COMMITTEE, community=community)
    return give_totp(person)


@pytest.mark.django_db
def test_the_overdue_list_shows_each_viewer_their_communities(client, organisation):
    project = _past_project(organisation)
    community = project.community
    neighbour = CommunityFactory(street=community.street)
    elsewhere = CommunityFactory(
        street=StreetFactory(parent=RegionFactory(slug="other", name="别区"))
    )

    PublicProjectFactory(
        organisation=OrganisationFactory(community=elsewhere),
        community=elsewhere,
        title="远方项目",
        starts_on=project.starts_on,
        ends_on=project.ends_on,
    )
    path = reverse("charity:overdue-reports")
    for viewer in (
        _committee(community),
        _officer(Role.STREET_OFFICER, community.street),
        _officer(Role.DISTRICT_OFFICER, community.street.parent),
    ):
        client.force_login(viewer)
        body = client.get(path).content.decode()
        assert project.title in body
        assert "远方项目" not in body, viewer.pk
    client.force_login(_officer(Role.STREET_OFFICER, community.street))
    assert (
        project.title
        not in client.get(path, {"community": neighbour.slug}).content.decode()
    )
    assert (
        project.title
        in client.get(path, {"community": community.slug}).content.decode()
    )
    assert (
        project.title
        in client.get(path, {"region": community.street.slug}).content.decode()
    )


def _options(body: str, name: str) -> list[str]:
    """The option values of the select named `name` ([] when there is none)."""
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', body, re.S)
    return re.findall(r'<option value="([^"]*)"', found.group(1)) if found else []


@pytest.mark.django_db
def test_an_officer_over_several_streets_picks_a_street_before_a_community(
    client, organisation
):
    project = _past_project(organisation)
    first = project.community
    district = first.street.parent
    other_street = StreetFactory(parent=district)
    across = CommunityFactory(street=other_street)
    client.force_login(_officer(Role.DISTRICT_OFFICER, district))
    path = reverse("charity:overdue-reports")

    body = client.get(path).content.decode()
    assert _options(body, "region") == ["", first.street.slug, other_street.slug]
    assert _options(body, "community") == []  # not every community of the district
    assert "Choose a street or town to pick one of its communities." in body
    assert project.title in body

    body = client.get(path, {"region": other_street.slug}).content.decode()
    assert _options(body, "community") == ["", across.slug]
    assert project.title not in body

    # A community picked, then another street chosen: the street wins.
    body = client.get(
        path, {"region": other_street.slug, "community": first.slug}
    ).content.decode()
    assert project.title not in body
    assert f'value="{first.slug}" selected' not in body

    body = client.get(path, {"community": first.slug}).content.decode()
    assert f'<option value="{first.street.slug}" selected>' in body
    assert f'<option value="{first.slug}" selected>' in body
    assert across.slug not in _options(body, "community")
    assert project.title in body

    for bad in ({"region": "nowhere"}, {"community": "x" * 300}, {"region": ""}):
        assert client.get(path, bad).status_code == 200
    # A street officer (one street) asking for a street that is not theirs sees
    # nothing of it, and is not refused the list.
    client.force_login(_officer(Role.STREET_OFFICER, first.street))
    response = client.get(path, {"region": other_street.slug})
    assert response.status_code == 200
    assert project.title not in response.content.decode()


@pytest.mark.django_db
def test_the_street_list_does_not_grow_the_queries(
    client, organisation, django_assert_max_num_queries
):
    project = _past_project(organisation)
    district = project.community.street.parent
    StreetFactory(parent=district)
    client.force_login(_officer(Role.DISTRICT_OFFICER, district))
    path = reverse("charity:oversight-projects")
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _n in range(4):
        CommunityFactory(street=StreetFactory(parent=district))
    with django_assert_max_num_queries(len(small)):
        body = client.get(path).content.decode()
    # "all", the project's street and the four new ones (a street without a
    # community overseen is not offered)
    assert len(_options(body, "region")) == 1 + 5


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["resident", "manager", "committee without TOTP"])
def test_others_are_refused_the_overdue_list(client, organisation, manager, who):
    project = _past_project(organisation)
    if who == "manager":
        person = manager
    elif who == "resident":
        person = UserFactory()
    else:
        person = UserFactory()
        RoleGrantFactory(user=person, role=Role.COMMITTEE, community=project.community)
    client.force_login(person)
    response = client.get(reverse("charity:overdue-reports"))
    assert response.status_code == 403
    assert project.title not in response.content.decode()


@pytest.mark.django_db
def test_the_overdue_list_needs_sign_in(client):
    assert client.get(reverse("charity:overdue-reports")).status_code == 302


@pytest.mark.django_db
def test_the_overdue_list_query_count_does_not_grow(
    client, organisation, django_assert_max_num_queries
):
    project = _past_project(organisation)
    officer = _officer(Role.DISTRICT_OFFICER, project.community.street.parent)
    client.force_login(officer)
    path = reverse("charity:overdue-reports")

    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _n in range(5):
        _past_project(organisation)
        CommunityFactory(street=project.community.street)
    with django_assert_max_num_queries(len(small)):
        body = client.get(path).content.decode()
    assert body.count("<tr>") == 1 + 6 * 4


@pytest.mark.django_db
def test_the_charity_section_is_registered_and_counts_overdue_and_public(
    organisation, django_assert_num_queries
):
    assert "charity" in {s.key for s in registry.sections()}
    project = _past_project(organisation)
    PublicProjectFactory(organisation=organisation)
    ProjectFactory(organisation=organisation)  # a draft counts for nothing
    other = CommunityFactory(street=project.community.street)
    communities = Community.objects.filter(pk__in=[project.community.pk, other.pk])
    with django_assert_num_queries(4):
        figures = {f.key: f for f in oversight.figures(communities, None)}
    assert figures["reports_overdue"].count == 4
    assert figures["reports_overdue"].tone == "bad"
    assert figures["reports_overdue"].url == (
        reverse("charity:overdue-reports") + f"?region={project.community.street.slug}"
    )
    assert figures["projects_public"].count == 2
    with django_assert_num_queries(4):
        rows = oversight.per_community(communities, None)
    assert rows[project.community.pk][0].count == 4
    assert rows[other.pk][0].count == 0
    assert rows[other.pk][0].tone == "ok"
    assert rows[other.pk][1].url.endswith(f"?community={other.slug}")


@pytest.mark.django_db
def test_the_public_projects_list_links_from_the_figure(client, organisation):
    project = PublicProjectFactory(organisation=organisation)
    client.force_login(_committee(project.community))
    figure = oversight.figures(Community.objects.filter(pk=project.community.pk), None)[
        1
    ]
    body = client.get(figure.url).content.decode()
    assert project.title in body


@pytest.mark.django_db
def test_time_moving_on_makes_a_report_overdue(organisation):
    project = PublicProjectFactory(
        organisation=organisation,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 1),
    )
    with time_machine.travel(date(2026, 6, 1)):
        assert report_selectors.overdue_reports(Community.objects.all()) == []
    with time_machine.travel(date(2026, 6, 2)):
        rows = report_selectors.overdue_reports(Community.objects.all())
        assert [(r["project"].pk, r["due"].key) for r in rows] == [
            (project.pk, "final-0")
        ]


@pytest.mark.django_db
def test_the_community_navigation_links_overseers_to_the_overdue_list(
    client, organisation, manager
):
    community = organisation.community
    path = reverse("charity:projects", args=[community.slug])
    link = f'href="{reverse("charity:overdue-reports")}?community={community.slug}"'
    client.force_login(_committee(community))
    assert link in client.get("/desk/").content.decode()  # staff tools: the desk
    client.force_login(manager)
    assert link not in client.get(path).content.decode()
    client.logout()
    assert link not in client.get(path).content.decode()
