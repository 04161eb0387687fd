"""Writes to the administrative tree: the portal, communities (with their home
page, editors' group and media collection) and their policy numbers. Each runs in
one transaction and writes privileged actions to the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from audit.services import record
from communities.regions.models import Community, CommunitySettings, Region
from communities.regions.pages import CommunityHomePage, PortalHomePage

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)

# First path segments the platform uses itself: a community with one of these
# slugs would lose its pages to them (config/urls.py, communities/urls.py).
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "api",
        "admin",
        "desk",
        "django-admin",
        "documents",
        "healthz",
        "media",
        "my",
        "notifications",
        "oversight",
        "platform",
        "readyz",
        "regions",
        "search",
        "static",
    }
)


@transaction.atomic
def ensure_portal() -> PortalHomePage:
    """Make the district portal the default Site's root page (idempotent).

    Replaces Wagtail's "Welcome" page that its first migration creates.
    """
    portal = PortalHomePage.objects.first()
    root = Page.get_first_root_node()
    # Titled in the site's language (migrate runs with translations off), and an
    # untouched English default from before is put into that language too.
    with translation.override(settings.LANGUAGE_CODE):
        title = str(_("District portal"))
    if portal is None:
        portal = root.add_child(instance=PortalHomePage(title=title, slug="portal"))
    elif portal.title == "District portal" and title != portal.title:
        portal.title = title
        portal.draft_title = title
        portal.save(update_fields=["title", "draft_title"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=portal,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != portal.pk:
        old_root = site.root_page
        site.root_page = portal
        site.save(update_fields=["root_page"])
        # Wagtail's default welcome page is a plain Page with no children.
        if old_root.specific_class is Page and old_root.is_leaf():
            old_root.delete()
    if not site.site_name:
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save(update_fields=["site_name"])
    return portal


def _editors_group(community: Community) -> Group:
    group, _created = Group.objects.get_or_create(
        name=f"community-editors:{community.slug}"
    )
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def _setup_admin_rights(community: Community, home: CommunityHomePage) -> None:
    """The editors' group may add, change and publish the community's pages and media."""
    group = _editors_group(community)
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = community.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=community.name)
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )
    community.editors_group = group
    community.collection = collection
    community.save(update_fields=["editors_group", "collection"])


@transaction.atomic
def create_community(
    *,
    street: Region,
    name: str,
    slug: str,
    kind: str,
    description: str = "",
    actor: Any | None = None,
) -> Community:
    """A community with its settings, home page, editors' group and media collection."""
    if street.is_district:
        raise ValidationError(_("A community belongs to a street or town."))
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("This web address is used by the platform; choose another.")}
        )
    portal = ensure_portal()
    community = Community.objects.create(
        street=street, name=name, slug=slug, kind=kind, description=description
    )
    CommunitySettings.objects.create(community=community)
    home = portal.add_child(
        instance=CommunityHomePage(title=name, slug=slug, community=community)
    )
    _setup_admin_rights(community, home)
    record(
        actor=actor, action="community.create", target=community, community=community
    )
    return community


@transaction.atomic
def update_community(
    *, actor: Any, community: Community, name: str, description: str
) -> Community:
    """Rename or re-describe a community; its home page title follows the name."""
    community.name = name
    community.description = description
    community.save(update_fields=["name", "description"])
    home = CommunityHomePage.objects.filter(community=community).first()
    if home is not None and home.title != name:
        home.title = name
        home.draft_title = name
        home.save(update_fields=["title", "draft_title"])
    record(
        actor=actor,
        action="community.update",
        target=community,
        community=community,
        data={"name": name},
    )
    return community


@transaction.atomic
def update_community_settings(
    *, actor: Any, community: Community, **values: Any
) -> CommunitySettings:
    """Change a community's policy numbers; validated, audited with old and new values."""
    policy, _created = CommunitySettings.objects.get_or_create(community=community)
    policy = CommunitySettings.objects.select_for_update().get(pk=policy.pk)
    field_names = {
        f.name for f in CommunitySettings._meta.concrete_fields if f.editable
    } - {"id", "community"}
    unknown = set(values) - field_names
    if unknown:
        raise ValidationError(
            _("Unknown settings: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    changes = {}
    for field, value in values.items():
        old = getattr(policy, field)
        if old != value:
            changes[field] = [str(old), str(value)]
            setattr(policy, field, value)
    policy.full_clean()
    if changes:
        policy.save(update_fields=list(changes))
        record(
            actor=actor,
            action="community.settings.update",
            target=policy,
            community=community,
            data=changes,
        )
    return policy
