"""`migrate` sets up governance only for the communities that lack it (issue 16):
every community's set-up (about 20 queries each) on every deploy took minutes in a
city of 3,000 communities."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowPage

from governance.bodies.models import Body, Preset
from governance.charters.pages import CharterIndexPage
from governance.disclosures.models import CatalogueEntry
from governance.disclosures.pages import DisclosureIndexPage
from governance.notices.pages import NoticeIndexPage
from governance.registration import _setup_communities_after_migrate
from governance.setup.services import not_set_up

pytestmark = pytest.mark.django_db


def _handler_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        _setup_communities_after_migrate(sender=None)
    return len(queries)


def test_a_second_migrate_costs_the_same_queries_whatever_the_communities(
    make_community,
):
    make_community()
    _setup_communities_after_migrate(sender=None)  # the first migrate (search index)
    one = _handler_queries()
    for _n in range(3):
        make_community()
    assert not not_set_up().exists()
    assert _handler_queries() == one


@pytest.mark.parametrize(
    "lose",
    [
        "bodies",
        "one sub-committee",
        "notices",
        "disclosures",
        "workflow",
        "catalogue",
        "charters",
    ],
)
def test_a_community_lacking_part_of_its_set_up_gets_it_back(make_community, lose):
    made = [make_community() for _n in range(3)]
    community = made[1]
    {
        "bodies": lambda: Body.objects.filter(community=community).delete(),
        "one sub-committee": lambda: Body.objects.filter(
            community=community, preset=Preset.HEALTH
        ).delete(),
        "notices": lambda: NoticeIndexPage.objects.get(community=community).delete(),
        "disclosures": lambda: DisclosureIndexPage.objects.get(
            community=community
        ).delete(),
        "workflow": lambda: WorkflowPage.objects.filter(
            page__in=DisclosureIndexPage.objects.filter(community=community)
        ).delete(),
        "catalogue": lambda: CatalogueEntry.objects.filter(
            community=community
        ).delete(),
        "charters": lambda: CharterIndexPage.objects.get(community=community).delete(),
    }[lose]()
    assert list(not_set_up()) == [community]
    _setup_communities_after_migrate(sender=None)
    assert not not_set_up().exists()
    assert Body.objects.filter(community=community).count() == 3 + len(Preset)
    assert NoticeIndexPage.objects.filter(community=community).exists()
    assert WorkflowPage.objects.filter(
        page__in=DisclosureIndexPage.objects.filter(community=community)
    ).exists()
    assert CatalogueEntry.objects.filter(community=community).exists()
    assert CharterIndexPage.objects.filter(community=community).exists()


def test_set_up_twice_changes_nothing(make_community):
    community = make_community()
    bodies = set(Body.objects.filter(community=community).values_list("pk", flat=True))
    entries = CatalogueEntry.objects.filter(community=community).count()
    _setup_communities_after_migrate(sender=None)
    _setup_communities_after_migrate(sender=None)
    assert (
        set(Body.objects.filter(community=community).values_list("pk", flat=True))
        == bodies
    )
    assert CatalogueEntry.objects.filter(community=community).count() == entries
