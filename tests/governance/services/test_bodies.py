"""A community's bodies: created with it, the sub-committee list editable."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from governance.bodies import services
from governance.models import Body, Position, Preset
from governance.setup.services import setup_community
from tests.factories import UserFactory
from tests.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_new_community_gets_its_three_bodies_and_the_standard_sub_committees(
    community,
):
    bodies = Body.objects.filter(community=community)
    assert {b.kind for b in bodies} == set(Body.Kind)
    assert {b.preset for b in bodies if b.preset} == set(Preset.values)
    assert [str(b.display_name) for b in bodies][:3] == [
        "residents' committee",
        "Party committee",
        "supervision committee",
    ]


def test_a_village_has_a_villagers_committee(make_community):
    village = make_community(kind="village")
    committee = Body.objects.get(community=village, kind=Body.Kind.COMMITTEE)
    assert committee.display_name == "villagers' committee"


def test_setting_up_twice_creates_nothing_more(community):
    before = Body.objects.filter(community=community).count()
    setup_community(community)
    assert Body.objects.filter(community=community).count() == before


def test_the_committee_adds_a_sub_committee_and_it_is_audited(
    committee_member, community
):
    body = services.add_subcommittee(
        actor=committee_member, community=community, name="老年人和妇女儿童工作"
    )
    assert body.display_name == "老年人和妇女儿童工作"
    assert AuditEvent.objects.filter(action="governance.body.create").exists()


def test_a_sub_committee_needs_a_new_name(committee_member, community):
    services.add_subcommittee(actor=committee_member, community=community, name="X")
    with pytest.raises(ValidationError):
        services.add_subcommittee(actor=committee_member, community=community, name="X")
    with pytest.raises(ValidationError):
        services.add_subcommittee(actor=committee_member, community=community, name=" ")


def test_a_resident_cannot_add_a_sub_committee(resident, community):
    with pytest.raises(PermissionDenied):
        services.add_subcommittee(actor=resident, community=community, name="X")


def test_an_empty_sub_committee_can_be_dissolved(committee_member, bodies):
    services.dissolve_subcommittee(actor=committee_member, body=bodies["mediation"])
    assert not Body.objects.active().filter(pk=bodies["mediation"].pk).exists()
    # Setting the community up again does not bring it back.
    setup_community(bodies["mediation"].community)
    assert not Body.objects.active().filter(pk=bodies["mediation"].pk).exists()


def test_a_sub_committee_with_people_in_office_is_not_dissolved(admin_user, bodies):
    services.appoint_term(
        actor=admin_user,
        body=bodies["mediation"],
        person=UserFactory(),
        position=Position.CHAIR,
        starts_on=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        services.dissolve_subcommittee(actor=admin_user, body=bodies["mediation"])
    assert "end their terms first" in " ".join(error.value.messages)


def test_the_main_bodies_cannot_be_dissolved(admin_user, bodies):
    with pytest.raises(ValidationError):
        services.dissolve_subcommittee(actor=admin_user, body=bodies["supervision"])
