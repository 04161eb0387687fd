"""The bulk community builder of seed_scale gives each community what
create_community gives it, and keeps Wagtail's page and collection trees valid."""

import pytest
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)

from audit.models import AuditEvent
from communities import services
from communities.management.scale import tree
from communities.models import Community, CommunityHomePage
from governance.bodies.models import Body
from governance.disclosures.models import CatalogueEntry

pytestmark = pytest.mark.django_db


def _shape(community: Community) -> dict:
    home = CommunityHomePage.objects.get(community=community)
    children = [
        (type(p.specific).__name__, p.slug, p.title, p.url_path[len(home.url_path) :])
        for p in home.get_children().order_by("path")
    ]
    disclosure_index = home.get_children().get(slug="disclosures")
    group = community.editors_group
    return {
        "home": (home.title, home.live, home.depth, home.numchild),
        "children": children,
        "bodies": sorted(
            Body.objects.filter(community=community).values_list(
                "kind", "preset", "order"
            )
        ),
        "catalogue": sorted(
            CatalogueEntry.objects.filter(community=community).values_list(
                "title", "category", "cadence", "due_days", "is_juwu", "order"
            )
        ),
        "workflow": WorkflowPage.objects.filter(page=disclosure_index).exists(),
        "group_name": group.name.split(":")[0],
        "group_permissions": sorted(
            group.permissions.values_list("codename", flat=True)
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.filter(group=group, page=home).values_list(
                "permission__codename", flat=True
            )
        ),
        "collection": (community.collection.name, community.collection.depth),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.filter(
                group=group, collection=community.collection
            ).values_list("permission__codename", flat=True)
        ),
        "audit": list(
            AuditEvent.objects.filter(
                community=community, action="community.create"
            ).values_list("target_type", "target_id")
        ),
    }


def _normalise(shape: dict, community: Community) -> dict:
    shape = dict(shape)
    shape["audit"] = [(t, i == str(community.pk)) for t, i in shape["audit"]]
    return shape


@pytest.mark.parametrize("kind", ["community", "village"])
def test_bulk_communities_match_create_community(street, kind):
    one = services.create_community(
        street=street, name="样板", slug="model-1", kind=kind
    )
    made = tree.create_communities(
        [
            tree.Spec(street=street, name="样板", slug=f"bulk-{n}", kind=kind)
            for n in range(3)
        ]
    )
    expected = _normalise(_shape(one), one)
    for community in made:
        community.refresh_from_db()
        assert _normalise(_shape(community), community) == expected


def test_trees_stay_valid_mixed_with_create_community(street):
    tree.create_communities(
        [
            tree.Spec(street=street, name=f"甲{n}", slug=f"a-{n}", kind="community")
            for n in range(4)
        ]
    )
    services.create_community(street=street, name="乙", slug="b-1", kind="community")
    tree.create_communities(
        [
            tree.Spec(street=street, name=f"丙{n}", slug=f"c-{n}", kind="community")
            for n in range(2)
        ]
    )
    assert all(not problems for problems in Page.find_problems())
    assert all(not problems for problems in Collection.find_problems())
    portal = Page.objects.get(slug="portal")
    assert portal.numchild == portal.get_children().count() == 7
    paths = list(CommunityHomePage.objects.values_list("path", flat=True))
    assert len(paths) == len(set(paths))


def test_bulk_community_pages_are_served(client, street):
    (community,) = tree.create_communities(
        [tree.Spec(street=street, name="新社区", slug="fresh", kind="community")]
    )
    for path in (
        "/fresh/",
        "/fresh/notices/",
        "/fresh/disclosures/",
        "/fresh/charters/",
    ):
        assert client.get(path).status_code == 200, path
