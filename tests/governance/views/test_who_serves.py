"""The public "who serves us" page: bodies, offices, photos, 交叉任职, cache, queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.bodies import services
from governance.models import Position
from tests.factories import UserFactory
from tests.governance.conftest import DAY, TODAY, image_bytes
from tests.support.governance import pass_review

pytestmark = pytest.mark.django_db


def url(community) -> str:
    return f"/{community.slug}/who-serves/"


def appoint(admin, body, position=Position.MEMBER, person=None, **kwargs):
    person = person or UserFactory()
    if body.is_two_committees:
        pass_review(body.community, person)
    return services.appoint_term(
        actor=admin,
        body=body,
        person=person,
        position=position,
        starts_on=kwargs.pop("starts_on", TODAY - DAY),
        **kwargs,
    )


def test_the_page_lists_bodies_positions_and_public_names(
    client, admin_user, bodies, community
):
    appoint(
        admin_user,
        bodies["committee"],
        Position.CHAIR,
        UserFactory(display_name="王主任"),
    )
    masked = UserFactory(display_name="", real_name="张三明")
    appoint(admin_user, bodies["party"], Position.SECRETARY, masked)
    page = client.get(url(community)).content.decode()
    assert "Residents&#x27; committee" in page
    assert "Party committee" in page
    assert "王主任" in page
    assert "张*明" in page
    assert "张三明" not in page
    assert "People&#x27;s mediation" in page


def test_ended_and_future_terms_are_not_shown(client, admin_user, bodies, community):
    appoint(
        admin_user,
        bodies["committee"],
        person=UserFactory(display_name="已离任"),
        starts_on=TODAY - 30 * DAY,
        ends_on=TODAY - DAY,
    )
    appoint(
        admin_user,
        bodies["party"],
        person=UserFactory(display_name="未上任"),
        starts_on=TODAY + 5 * DAY,
    )
    page = client.get(url(community)).content.decode()
    assert "已离任" not in page
    assert "未上任" not in page


def test_people_holding_two_offices_are_listed(client, admin_user, bodies, community):
    both = UserFactory(display_name="一肩挑")
    appoint(admin_user, bodies["party"], Position.SECRETARY, both)
    appoint(admin_user, bodies["committee"], Position.CHAIR, both)
    response = client.get(url(community))
    section = response.content.decode().split("People holding two offices")[1]
    assert "一肩挑" in section
    assert "Party committee (secretary)" in section
    assert "committee (chair)" in section


def test_an_incomplete_supervision_committee_shows_a_warning(
    client, admin_user, bodies, community
):
    appoint(admin_user, bodies["supervision"], Position.CHAIR)
    page = client.get(url(community)).content.decode()
    assert "needs 3 to 5 members; it has 1" in page


def test_a_complete_supervision_committee_shows_no_warning(
    client, admin_user, bodies, community
):
    appoint(admin_user, bodies["supervision"], Position.CHAIR)
    appoint(admin_user, bodies["supervision"])
    appoint(admin_user, bodies["supervision"])
    page = client.get(url(community)).content.decode()
    assert "needs 3 to 5 members" not in page
    assert "needs exactly one chair" not in page


def test_a_photo_is_shown_with_alternative_text(client, admin_user, bodies, community):
    appoint(
        admin_user,
        bodies["committee"],
        Position.CHAIR,
        UserFactory(display_name="有照片"),
        photo=SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg"),
    )
    page = client.get(url(community)).content.decode()
    assert 'alt="Photo of 有照片"' in page


def test_the_anonymous_page_carries_no_csrf_token_or_inline_script(client, community):
    page = client.get(url(community)).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "<script" not in page


def test_the_page_is_linked_from_the_community_navigation(client, community):
    home = client.get(f"/{community.slug}/").content.decode()
    assert f'href="/{community.slug}/who-serves/"' in home


def test_an_appointment_retires_the_cached_page(client, admin_user, bodies, community):
    first = client.get(url(community))
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url(community))["X-Page-Cache"] == "hit"
    appoint(admin_user, bodies["committee"], person=UserFactory(display_name="新委员"))
    fresh = client.get(url(community))
    assert fresh["X-Page-Cache"] == "miss"
    assert "新委员" in fresh.content.decode()


def test_ending_a_term_retires_the_cached_page(client, admin_user, bodies, community):
    term = appoint(
        admin_user, bodies["committee"], person=UserFactory(display_name="将离任")
    )
    client.get(url(community))
    services.end_term(actor=admin_user, term=term, ends_on=TODAY - DAY)
    response = client.get(url(community))
    assert response["X-Page-Cache"] == "miss"
    assert "将离任" not in response.content.decode()


def test_an_unknown_community_is_404(client, db):
    assert client.get("/nowhere/who-serves/").status_code == 404


def _queries(client, community) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url(community)).status_code == 200
    return len(context)


def test_the_query_count_does_not_grow_with_the_people_in_office(
    client, admin_user, bodies, community
):
    appoint(admin_user, bodies["committee"], Position.CHAIR)
    few = _queries(client, community)
    for body in ("committee", "party", "mediation"):
        for _ in range(3):
            appoint(admin_user, bodies[body])
    both = UserFactory()
    appoint(admin_user, bodies["party"], Position.SECRETARY, both)
    appoint(admin_user, bodies["committee"], Position.VICE_CHAIR, both)
    appoint(admin_user, bodies["supervision"], Position.CHAIR)
    services.add_subcommittee(actor=admin_user, community=community, name="新委员会")
    assert _queries(client, community) == few
    assert few == 3  # community, bodies, terms with their people
