"""The committee's bodies page: who may open it, appointing, ending, bad input."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from governance.bodies import services
from governance.models import Body, Position, Term
from tests.factories import UserFactory
from tests.governance.conftest import DAY, TODAY, image_bytes
from tests.support.governance import reviewed

pytestmark = pytest.mark.django_db


def url(community) -> str:
    return f"/{community.slug}/bodies/"


@pytest.fixture
def member_client(client, committee_member):
    client.force_login(committee_member)
    return client


def form(body, person, position=Position.MEMBER, **extra):
    return {
        "body": body.pk,
        "email": person.email,
        "position": position,
        "starts_on": (TODAY - DAY).isoformat(),
        "ends_on": "",
        **extra,
    }


def test_the_committee_sees_every_body_with_labelled_forms(member_client, community):
    page = member_client.get(url(community)).content.decode()
    assert "Bodies and terms of" in page
    assert "supervision committee" in page
    assert '<label for="id_email">' in page
    assert '<label for="id_photo">' in page
    # The supervision committee starts empty, so the page warns about it.
    assert "needs 3 to 5 members; it has 0" in page


def test_the_bodies_page_is_in_the_committee_navigation(member_client, community):
    # Staff tools are on the work desk, not in the public menu (issue 15 §2).
    desk = member_client.get("/desk/").content.decode()
    assert f'href="/{community.slug}/bodies/"' in desk


def test_the_bodies_page_is_not_in_a_residents_navigation(client, resident, community):
    client.force_login(resident)
    home = client.get(f"/{community.slug}/").content.decode()
    assert f'href="/{community.slug}/bodies/"' not in home


def test_an_anonymous_visitor_is_sent_to_sign_in(client, community):
    response = client.get(url(community))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_resident_is_refused(client, resident, community):
    client.force_login(resident)
    assert client.get(url(community)).status_code == 403
    person = UserFactory()
    body = Body.objects.get(community=community, kind=Body.Kind.COMMITTEE)
    assert client.post(url(community), form(body, person)).status_code == 403
    assert not Term.objects.exists()


def test_a_committee_member_appoints_someone_with_a_photo(
    member_client, bodies, community
):
    person = reviewed(community, UserFactory(display_name="新主任"))
    photo = SimpleUploadedFile("me.jpg", image_bytes(), content_type="image/jpeg")
    response = member_client.post(
        url(community), form(bodies["committee"], person, Position.CHAIR, photo=photo)
    )
    assert response.status_code == 302
    term = Term.objects.get(person=person)
    assert term.position == Position.CHAIR
    assert term.photo
    page = member_client.get(url(community)).content.decode()
    assert "The appointment has been recorded." in page
    assert "新主任" in page


def test_an_unknown_address_is_refused_and_nothing_saved(
    member_client, bodies, community
):
    data = form(bodies["committee"], UserFactory())
    data["email"] = "nobody@example.org"
    response = member_client.post(url(community), data)
    assert response.status_code == 200
    assert "There is no account with this address." in response.content.decode()
    assert not Term.objects.exists()


def test_missing_fields_are_refused_and_nothing_saved(member_client, community):
    response = member_client.post(url(community), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Term.objects.exists()


def test_a_non_image_photo_is_refused_and_nothing_saved(
    member_client, bodies, community
):
    bad = SimpleUploadedFile("me.jpg", b"%PDF-1.4 fake", content_type="image/jpeg")
    response = member_client.post(
        url(community), form(bodies["committee"], reviewed(community), photo=bad)
    )
    assert response.status_code == 200
    assert "not a photo we can read" in response.content.decode()
    assert not Term.objects.exists()


def test_a_two_committee_member_is_refused_on_supervision_with_the_reason(
    member_client, admin_user, bodies, community
):
    person = reviewed(community, UserFactory(display_name="两委委员"))
    services.appoint_term(
        actor=admin_user,
        body=bodies["committee"],
        person=person,
        position=Position.MEMBER,
        starts_on=TODAY - DAY,
    )
    response = member_client.post(url(community), form(bodies["supervision"], person))
    page = response.content.decode()
    assert response.status_code == 200
    assert "两委委员 sits on the residents&#x27; committee" in page
    assert not Term.objects.filter(body=bodies["supervision"]).exists()


def test_a_second_chair_is_refused_on_the_position_field(
    member_client, admin_user, bodies, community
):
    services.appoint_term(
        actor=admin_user,
        body=bodies["supervision"],
        person=UserFactory(),
        position=Position.CHAIR,
        starts_on=TODAY - DAY,
    )
    response = member_client.post(
        url(community), form(bodies["supervision"], UserFactory(), Position.CHAIR)
    )
    assert "already has a chair" in response.content.decode()
    assert Term.objects.filter(body=bodies["supervision"]).count() == 1


def test_a_body_of_another_community_cannot_be_chosen(
    member_client, make_community, community
):
    other = make_community()
    foreign = Body.objects.get(community=other, kind=Body.Kind.COMMITTEE)
    response = member_client.post(url(community), form(foreign, UserFactory()))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Term.objects.exists()


def test_a_committee_member_ends_a_term(member_client, admin_user, bodies, community):
    term = services.appoint_term(
        actor=admin_user,
        body=bodies["committee"],
        person=reviewed(bodies["committee"].community),
        position=Position.MEMBER,
        starts_on=TODAY - 10 * DAY,
    )
    response = member_client.post(
        f"/{community.slug}/bodies/terms/{term.pk}/end/",
        {"ends_on": (TODAY - DAY).isoformat()},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.ends_on == TODAY - DAY
    assert AuditEvent.objects.filter(action="governance.term.end").exists()


def test_ending_a_term_before_it_started_shows_the_reason(
    member_client, admin_user, bodies, community
):
    term = services.appoint_term(
        actor=admin_user,
        body=bodies["committee"],
        person=reviewed(bodies["committee"].community),
        position=Position.MEMBER,
        starts_on=TODAY - DAY,
    )
    response = member_client.post(
        f"/{community.slug}/bodies/terms/{term.pk}/end/",
        {"ends_on": (TODAY - 30 * DAY).isoformat()},
        follow=True,
    )
    assert "A term cannot end before it starts." in response.content.decode()
    term.refresh_from_db()
    assert term.ends_on is None


def test_a_committee_member_adds_and_dissolves_a_sub_committee(
    member_client, community
):
    response = member_client.post(
        f"/{community.slug}/bodies/subcommittees/", {"name": "老年人工作"}
    )
    assert response.status_code == 302
    body = Body.objects.get(community=community, name="老年人工作")
    response = member_client.post(f"/{community.slug}/bodies/{body.pk}/dissolve/")
    assert response.status_code == 302
    body.refresh_from_db()
    assert not body.is_active


def test_an_empty_sub_committee_name_is_refused(member_client, community):
    before = Body.objects.count()
    response = member_client.post(f"/{community.slug}/bodies/subcommittees/", {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Body.objects.count() == before
