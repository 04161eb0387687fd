"""Confirmed minutes publish the resolution on the real disclosure board (no fakes)."""

from __future__ import annotations

import pytest

from communities import services as community_services
from consultation.models import Resolution
from governance.disclosures.pages import DisclosurePage
from tests.factories import RegionFactory, StreetFactory


@pytest.fixture
def community(db):
    """A community created as the platform creates one: with its site pages."""
    community_services.ensure_portal()
    return community_services.create_community(
        street=StreetFactory(parent=RegionFactory()),
        name="幸福里社区",
        slug="xingfuli",
        kind="community",
    )


def test_confirmed_minutes_put_the_resolution_on_the_disclosure_board(
    held, committee, client
):
    from tests.consultation.chain import adopt

    resolution = adopt(held, committee)
    resolution.refresh_from_db()

    assert resolution.publication == Resolution.Publication.PUBLISHED
    page = DisclosurePage.objects.get(title=resolution.title)
    assert page.live
    assert resolution.publication_ref == page.get_url()
    response = client.get(page.get_url())
    assert response.status_code == 200
    assert resolution.text.splitlines()[0] in response.text
    assert f"/consultations/resolutions/{resolution.pk}/" in response.text
