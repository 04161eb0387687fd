"""District spot checks (抽查): a random sample of the month's confirmations,
drawn once, with a result recorded per case."""

from __future__ import annotations

import datetime

import pytest

from assistance.cases.models import State
from assistance.oversight import services
from assistance.oversight.models import SpotCheck, SpotCheckItem
from assistance.oversight.services import sample_size
from assistance.standards.models import AssistanceSettings
from audit.models import AuditEvent
from communities.models import Role
from tests.factories import CommunityFactory, RegionFactory, StreetFactory
from tests.support.actors import grant_role

from .conftest import at, make_case

pytestmark = pytest.mark.django_db
D = datetime.date


def base(place):
    return f"/regions/{place['district'].slug}/assistance/spot-checks/"


SEPTEMBER = D(2026, 9, 15)


def confirmed(place, n, day=SEPTEMBER):
    return [
        make_case(place["community"], state=State.CONFIRMED, decided_at=at(day))
        for _ in range(n)
    ]


def rows():
    return (
        SpotCheck.objects.count(),
        SpotCheckItem.objects.count(),
        AuditEvent.objects.count(),
    )


def test_sample_sizes():
    assert sample_size(0, "0.3") == 0
    assert sample_size(1, "0.3") == 1
    assert sample_size(3, "0.3") == 1
    assert sample_size(10, "0.3") == 3
    assert sample_size(11, "0.3") == 4
    assert sample_size(5, "1") == 5


def test_only_the_district_supervisor_draws(client, place, supervisor, officer):
    assert client.get(base(place)).status_code == 302
    client.force_login(officer)
    assert client.get(base(place)).status_code == 403
    assert client.post(base(place) + "draw/", {"month": "2026-09"}).status_code == 403
    client.force_login(grant_role(Role.DISTRICT_OFFICER, region=place["district"]))
    assert client.get(base(place)).status_code == 403
    client.force_login(supervisor)
    assert client.get(base(place)).status_code == 200


def test_drawing_the_month_sample_once(client, place, supervisor):
    cases = confirmed(place, 10)
    confirmed(place, 4, day=D(2026, 8, 31))  # another month
    make_case(place["community"], state=State.REFUSED, decided_at=at(D(2026, 9, 2)))
    elsewhere = CommunityFactory(
        street=StreetFactory(parent=RegionFactory(slug="else", name="外区"))
    )
    make_case(elsewhere, state=State.CONFIRMED, decided_at=at(D(2026, 9, 3)))
    client.force_login(supervisor)
    response = client.post(base(place) + "draw/", {"month": "2026-09"})
    assert response.status_code == 302
    check = SpotCheck.objects.get()
    assert check.month == D(2026, 9, 1) and check.drawn_by == supervisor
    drawn = set(check.items.values_list("case_id", flat=True))
    assert len(drawn) == 3 and drawn <= {c.pk for c in cases}
    assert AuditEvent.objects.filter(action="assistance.spot_check_drawn").count() == 1
    # Once a month.
    before = rows()
    again = client.post(base(place) + "draw/", {"month": "2026-09"})
    assert again.status_code == 400
    assert "already been drawn" in again.content.decode()
    assert rows() == before


def test_the_share_comes_from_the_district_settings(place, supervisor):
    AssistanceSettings.objects.create(
        district=place["district"], spot_check_share="0.5"
    )
    confirmed(place, 4)
    check = services.draw_spot_check(
        district=place["district"], month=D(2026, 9, 1), actor=supervisor
    )
    assert check.items.count() == 2


def test_the_sample_is_random(place, supervisor, monkeypatch):
    confirmed(place, 10)
    calls = []
    real = services._random.sample

    def spy(population, k):
        calls.append((list(population), k))
        return real(population, k)

    monkeypatch.setattr(services._random, "sample", spy)
    services.draw_spot_check(
        district=place["district"], month=D(2026, 9, 1), actor=supervisor
    )
    assert len(calls) == 1 and len(calls[0][0]) == 10 and calls[0][1] == 3
    import secrets

    assert isinstance(services._random, secrets.SystemRandom)


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "for example 2026-09"),
        ("garbage", "for example 2026-09"),
        ("", "This field is required"),
        ("2999-01", "has not begun yet"),
        ("1999-12", "from 2000 on"),
        ("2026-07", "No case of the district was confirmed that month"),
    ],
)
def test_bad_months_draw_nothing(client, place, supervisor, month, message):
    confirmed(place, 2)
    client.force_login(supervisor)
    before = rows()
    response = client.post(base(place) + "draw/", {"month": month})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert rows() == before


def test_recording_results(client, place, supervisor):
    confirmed(place, 2)
    check = services.draw_spot_check(
        district=place["district"], month=D(2026, 9, 1), actor=supervisor
    )
    item = check.items.get()
    client.force_login(supervisor)
    page = client.get(f"{base(place)}{check.pk}/")
    assert item.case.tracking_number in page.content.decode()
    assert "王小明" not in page.content.decode()  # no names on the list
    target = f"{base(place)}{check.pk}/{item.pk}/"
    prefix = f"item-{item.pk}-"
    response = client.post(target, {prefix + "result": "problem", prefix + "note": ""})
    assert response.status_code == 400
    assert "Describe the problem found." in response.content.decode()
    response = client.post(target, {prefix + "result": "bogus"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.result == "pending"
    response = client.post(
        target, {prefix + "result": "problem", prefix + "note": "收入未申报"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (
        item.result == "problem"
        and item.note == "收入未申报"
        and item.checked_by == supervisor
    )
    assert AuditEvent.objects.filter(action="assistance.spot_check_result").exists()
    listing = client.get(base(place)).content.decode()
    assert "2026-09" in listing


def test_another_districts_check_is_not_found(client, place, supervisor):
    other = RegionFactory(slug="other", name="他区")
    check = SpotCheck.objects.create(
        district=other, month=D(2026, 9, 1), share="0.3", drawn_by=supervisor
    )
    client.force_login(supervisor)
    assert client.get(f"{base(place)}{check.pk}/").status_code == 404


def test_list_queries_do_not_grow(
    client, place, supervisor, django_assert_max_num_queries
):
    confirmed(place, 3)
    services.draw_spot_check(
        district=place["district"], month=D(2026, 9, 1), actor=supervisor
    )
    client.force_login(supervisor)
    with django_assert_max_num_queries(20) as first:
        client.get(base(place))
    for month in range(1, 8):
        confirmed(place, 2, day=D(2026, month, 10))
        services.draw_spot_check(
            district=place["district"], month=D(2026, month, 1), actor=supervisor
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(base(place))
    check = SpotCheck.objects.get(month=D(2026, 9, 1))
    with django_assert_max_num_queries(20) as detail:
        client.get(f"{base(place)}{check.pk}/")
    assert len(detail.captured_queries) < 20
