"""代办: a coordinator or officer files for a resident at their service point."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.cases.models import Case, State
from communities.models import Membership, Role
from tests.assistance.applications.conftest import page_data, with_documents
from tests.factories import CommunityFactory, HouseholdFactory, UserFactory
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def filer():
    """A coordinator of another community (就近受理: files for anyone in the city)."""
    return grant_role(
        Role.AID_COORDINATOR, community=CommunityFactory(name="便民服务站社区")
    )


def _url(filer):
    point = filer.role_grants.get().community
    return reverse("assistance:file-for-resident", args=[point.slug])


def test_files_for_a_resident_with_an_account(client, filer, resident, community):
    client.force_login(filer)
    url = _url(filer)
    step = client.get(url, {"community": community.slug})
    assert step.status_code == 200 and "张*明" in step.content.decode()
    response = client.post(
        url, {"community": community.slug, "kind": "dibao", "account": resident.pk}
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.community == community and case.applicant == resident
    assert case.filed_by == filer and case.filed_by_proxy
    assert case.service_point == "便民服务站社区"
    assert case.household == Membership.objects.get(user=resident).household
    submit = reverse("assistance:application-submit", args=[case.tracking_number])
    assert client.post(submit, with_documents(page_data())).status_code == 302
    case.refresh_from_db()
    assert case.state == State.SUBMITTED
    # The filer follows it on "my applications"; so does the resident.
    assert (
        case.tracking_number
        in client.get(reverse("assistance:my-cases")).content.decode()
    )
    client.force_login(resident)
    assert (
        client.get(
            reverse("assistance:my-case", args=[case.tracking_number])
        ).status_code
        == 200
    )


def test_files_for_someone_without_an_account(client, filer, community):
    household = HouseholdFactory(community=community)
    client.force_login(filer)
    data = {"community": community.slug, "kind": "temporary", "temporary_cause": "emergency",
            "household": household.pk, "applicant_name": "王五", "applicant_phone": "13900001111"}  # fmt: skip
    assert client.post(_url(filer), data).status_code == 302
    case = Case.objects.get()
    assert case.applicant is None and case.applicant_name == "王五"
    assert case.household == household and case.temporary_cause == "emergency"


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "dibao"},  # neither account nor name
        {"kind": "dibao", "applicant_name": "王五", "household": 99999999},
        {"kind": "dibao", "applicant_name": "王五", "household": "9" * 30},
        {"kind": "dibao", "account": 99999999},
        {"kind": "dibao", "applicant_name": "王五", "applicant_phone": "<script>"},
        {"kind": "nonsense", "applicant_name": "王五"},
    ],
)
def test_bad_proxy_input_saves_nothing(client, filer, community, data):
    client.force_login(filer)
    response = client.post(_url(filer), {"community": community.slug, **data})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_unknown_community_is_asked_again(client, filer):
    client.force_login(filer)
    response = client.get(_url(filer), {"community": "no-such-place"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_resident_and_committee_cannot_file_for_others(client, resident, community):
    for person in (
        resident,
        grant_role(Role.COMMITTEE, community=community),
        UserFactory(),
    ):
        client.force_login(person)
        url = reverse("assistance:file-for-resident", args=[community.slug])
        assert (
            client.post(
                url,
                {
                    "community": community.slug,
                    "kind": "dibao",
                    "applicant_name": "王五",
                },
            ).status_code
            == 403
        )
    assert not Case.objects.exists()


def test_account_of_another_household_is_refused(client, filer, resident, community):
    other = HouseholdFactory(community=community)
    client.force_login(filer)
    data = {
        "community": community.slug,
        "kind": "dibao",
        "account": resident.pk,
        "household": other.pk,
    }
    response = client.post(_url(filer), data)
    assert response.status_code == 400
    assert "not a verified resident of the household" in response.content.decode()
    assert not Case.objects.exists()
