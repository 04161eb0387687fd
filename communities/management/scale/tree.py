"""Communities in bulk, each with everything `create_community` gives it.

`create_community` runs about two hundred queries per community (Wagtail's
`add_child` for four pages and a collection, permission look-ups, governance's
set-up on the home page's `post_save`): half a second each on this machine, so
25 minutes for a city of 3,000. `create_communities` writes the same rows for a
batch (one street) with a few bulk inserts:

- the community, its settings, an audit row `community.create`;
- the home page under the portal and, under it, the notice, disclosure (with the
  review workflow) and charter index pages, titled as `setup_community` titles
  them; tree paths are allocated after the parent's last child, as treebeard's
  `add_child` would, inside the caller's transaction;
- the editors' group (admin access; add/change/publish on the home page) and the
  media collection with its image and document permissions;
- the main bodies and the standard sub-committees, and the default disclosure
  catalogue.

`tests/communities/test_scale_tree.py` checks the rows against a community made
by `create_community`, and the page and collection trees with treebeard's
`find_problems`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import router
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)

from audit.models import AuditEvent
from communities import wording
from communities.regions.models import Community, CommunitySettings, Region
from communities.regions.pages import CommunityHomePage
from communities.regions.services import (
    COLLECTION_PERMISSIONS,
    PAGE_PERMISSIONS,
    ensure_portal,
)

BATCH = 200


@dataclass(frozen=True)
class Spec:
    street: Region
    name: str
    slug: str
    kind: str


def _next_positions(parent: Any, model: type[Any], count: int) -> list[str]:
    """Paths for `count` new children after `parent`'s last child (treebeard)."""
    last = (
        model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    start = model._str2int(last[-model.steplen :]) + 1 if last else 1
    return [
        model._get_path(parent.path, parent.depth + 1, start + n) for n in range(count)
    ]


def _insert_pages(pages: list[Page]) -> None:
    """Insert specific pages (all of one class) into wagtailcore_page and their own
    table; multi-table models are out of `bulk_create`'s reach."""
    if not pages:
        return
    specific = type(pages[0])
    using = router.db_for_write(Page)
    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    own_fields = list(specific._meta.local_concrete_fields)
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        rows = Page._base_manager._insert(
            chunk,
            fields=base_fields,
            returning_fields=[Page._meta.pk],
            using=using,
        )
        for page, row in zip(chunk, rows, strict=True):
            page.id = row[0]
            page.page_ptr_id = row[0]
            page._state.adding = False
            page._state.db = using
        specific._base_manager._insert(chunk, fields=own_fields, using=using)


def _page(cls: type[Page], parent: Page, path: str, numchild: int, **fields) -> Page:
    page = cls(**fields)
    page.draft_title = page.title
    page.path = path
    page.depth = parent.depth + 1
    page.numchild = numchild
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.locale_id = parent.locale_id
    page.live = True
    return page


def _bulk(model: type[Model], objs: list[Model]) -> list[Model]:
    return model.objects.bulk_create(objs, batch_size=BATCH)


def _permissions(pairs: list[tuple[str, str]]) -> list[Permission]:
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in pairs]
        )
    }
    return [found[pair] for pair in pairs]


def create_communities(specs: list[Spec]) -> list[Community]:
    """Create the communities of `specs` (none may exist yet). Call inside a
    transaction: tree paths are allocated from the last child at the start."""
    if not specs:
        return []
    from governance.bodies.models import Body, Preset
    from governance.bodies.services import MAIN_BODIES
    from governance.charters.pages import CharterIndexPage
    from governance.disclosures.models import CatalogueEntry
    from governance.disclosures.pages import DisclosureIndexPage
    from governance.disclosures.services.catalogue import default_catalogue
    from governance.disclosures.services.workflow import ensure_review_workflow
    from governance.notices.pages import NoticeIndexPage

    portal = ensure_portal()
    workflow = ensure_review_workflow()
    communities = _bulk(
        Community,
        [
            Community(street=s.street, name=s.name, slug=s.slug, kind=s.kind)
            for s in specs
        ],
    )
    policies = _bulk(
        CommunitySettings, [CommunitySettings(community=c) for c in communities]
    )
    for community, policy in zip(communities, policies, strict=True):
        policy.community = community  # caches community.policy for the catalogue

    # Editors' groups and media collections (communities.regions.services).
    groups = _bulk(
        Group, [Group(name=f"community-editors:{c.slug}") for c in communities]
    )
    (access_admin,) = _permissions([("wagtailadmin", "access_admin")])
    _bulk(
        Group.permissions.through,
        [
            Group.permissions.through(group_id=g.pk, permission_id=access_admin.pk)
            for g in groups
        ],
    )
    root_collection = Collection.get_first_root_node()
    collection_paths = _next_positions(root_collection, Collection, len(communities))
    collections = _bulk(
        Collection,
        [
            Collection(
                name=c.name, path=path, depth=root_collection.depth + 1, numchild=0
            )
            for c, path in zip(communities, collection_paths, strict=True)
        ],
    )
    Collection.objects.filter(pk=root_collection.pk).update(
        numchild=F("numchild") + len(collections)
    )
    collection_permissions = _permissions(list(COLLECTION_PERMISSIONS))
    _bulk(
        GroupCollectionPermission,
        [
            GroupCollectionPermission(group=g, collection=col, permission=permission)
            for g, col in zip(groups, collections, strict=True)
            for permission in collection_permissions
        ],
    )
    for community, group, collection in zip(
        communities, groups, collections, strict=True
    ):
        community.editors_group = group
        community.collection = collection
    Community.objects.bulk_update(
        communities, ["editors_group", "collection"], batch_size=BATCH
    )

    # Home pages under the portal, and their three index pages.
    home_paths = _next_positions(portal, Page, len(communities))
    homes = [
        _page(
            CommunityHomePage,
            portal,
            path,
            3,
            title=c.name,
            slug=c.slug,
            community=c,
        )
        for c, path in zip(communities, home_paths, strict=True)
    ]
    _insert_pages(homes)
    Page.objects.filter(pk=portal.pk).update(numchild=F("numchild") + len(homes))
    notices, disclosures, charters = [], [], []
    for community, home in zip(communities, homes, strict=True):
        notices.append(
            _page(
                NoticeIndexPage,
                home,
                Page._get_path(home.path, home.depth + 1, 1),
                0,
                title=_("Notices"),
                slug="notices",
                community=community,
            )
        )
        disclosures.append(
            _page(
                DisclosureIndexPage,
                home,
                Page._get_path(home.path, home.depth + 1, 2),
                0,
                title=str(wording.term(community, "affairs_disclosure")),
                slug="disclosures",
                community=community,
            )
        )
        charters.append(
            _page(
                CharterIndexPage,
                home,
                Page._get_path(home.path, home.depth + 1, 3),
                0,
                title=str(wording.term(community, "charters_and_conventions")),
                slug="charters",
                community=community,
            )
        )
    for pages in (notices, disclosures, charters):
        _insert_pages(pages)
    _bulk(
        WorkflowPage,
        [WorkflowPage(page_id=page.pk, workflow=workflow) for page in disclosures],
    )
    page_permissions = _permissions(
        [("wagtailcore", codename) for codename in PAGE_PERMISSIONS]
    )
    _bulk(
        GroupPagePermission,
        [
            GroupPagePermission(group=g, page_id=home.pk, permission=permission)
            for g, home in zip(groups, homes, strict=True)
            for permission in page_permissions
        ],
    )

    # Governance's set-up (governance.setup.services.setup_community).
    bodies = []
    entries = []
    for community in communities:
        bodies += [
            Body(community=community, kind=kind, order=order)
            for kind, order in MAIN_BODIES
        ]
        bodies += [
            Body(
                community=community,
                kind=Body.Kind.SUBCOMMITTEE,
                preset=preset,
                order=50 + index,
            )
            for index, preset in enumerate(Preset)
        ]
        entries += [
            CatalogueEntry(community=community, order=10 * (order + 1), **fields)
            for order, fields in enumerate(default_catalogue(community))
        ]
    _bulk(Body, bodies)
    _bulk(CatalogueEntry, entries)

    now = timezone.now()
    _bulk(
        AuditEvent,
        [
            AuditEvent(
                at=now,
                action="community.create",
                target_type=Community._meta.label_lower,
                target_id=str(c.pk),
                target_repr=str(c)[:200],
                community=c,
                data={},
            )
            for c in communities
        ],
    )
    return communities
