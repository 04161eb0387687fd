"""Every write to communities, memberships and role grants.

Each service is keyword-only, runs in one transaction, saves with explicit
`update_fields`, writes privileged actions to the audit log and tells people
through `notifications.services.notify` (which defers delivery to commit).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from audit.services import record
from communities.models import (
    COMMUNITY_ROLES,
    Community,
    CommunityHomePage,
    CommunitySettings,
    Household,
    Membership,
    PortalHomePage,
    Region,
    Role,
    RoleGrant,
)
from communities.rules import (
    forget_cached_roles,
    is_committee_member,
    is_district_officer_for,
    is_platform_admin,
    is_street_officer_for,
)
from notifications.services import notify

# Notification kinds (registered in CommunitiesConfig.ready()).
KIND_REQUEST_RECEIVED = "communities.membership_requested"
KIND_VERIFIED = "communities.membership_verified"
KIND_REJECTED = "communities.membership_rejected"
KIND_ROLE_GRANTED = "communities.role_granted"

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)

Scope = Community | Region | None

# First path segments the platform uses itself: a community with one of these
# slugs would lose its pages to them (config/urls.py, communities/urls.py).
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
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


# ---------------------------------------------------------------------------
# Portal and communities
# ---------------------------------------------------------------------------
@transaction.atomic
def ensure_portal() -> PortalHomePage:
    """Make the district portal the default Site's root page (idempotent).

    Replaces Wagtail's "Welcome" page that its first migration creates.
    """
    portal = PortalHomePage.objects.first()
    root = Page.get_first_root_node()
    if portal is None:
        portal = root.add_child(
            instance=PortalHomePage(title=_("District portal"), slug="portal")
        )
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


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------
def _household_address(
    community: Community,
    *,
    building: str,
    unit: str,
    room: str,
    village_group: str,
    house_number: str,
) -> dict[str, str]:
    if community.is_village:
        address = {
            "building": "",
            "unit": "",
            "room": "",
            "village_group": village_group.strip(),
            "house_number": house_number.strip(),
        }
    else:
        address = {
            "building": building.strip(),
            "unit": unit.strip(),
            "room": room.strip(),
            "village_group": "",
            "house_number": "",
        }
    Household(community=community, **address).clean()
    return address


@transaction.atomic
def request_membership(
    *,
    user: Any,
    community: Community,
    building: str = "",
    unit: str = "",
    room: str = "",
    village_group: str = "",
    house_number: str = "",
    is_adult: bool = True,
    note: str = "",
    real_name: str = "",
) -> Membership:
    """Ask to join a community as a resident of a household.

    Refuses while a request is pending or the person is already a verified resident;
    after a rejection (or leaving) the same row becomes a fresh pending request.
    """
    address = _household_address(
        community,
        building=building,
        unit=unit,
        room=room,
        village_group=village_group,
        house_number=house_number,
    )
    existing = (
        Membership.objects.select_for_update()
        .filter(user=user, community=community)
        .first()
    )
    if existing is not None and existing.status == Membership.Status.PENDING:
        raise ValidationError(
            _(
                "You have already asked to join this community; please wait for the committee."
            )
        )
    if existing is not None and existing.status == Membership.Status.VERIFIED:
        raise ValidationError(
            _("You are already a verified resident of this community.")
        )
    household, _created = Household.objects.get_or_create(
        community=community, **address
    )
    real_name = (real_name or "").strip()
    if real_name and real_name != user.real_name:
        user.real_name = real_name
        user.save(update_fields=["real_name"])
    fields = {
        "household": household,
        "status": Membership.Status.PENDING,
        "is_adult": is_adult,
        "is_representative": False,
        "note": note,
        "requested_at": timezone.now(),
        "decided_at": None,
        "decided_by": None,
        "rejection_reason": "",
    }
    if existing is None:
        membership = Membership.objects.create(user=user, community=community, **fields)
    else:
        membership = existing
        for name, value in fields.items():
            setattr(membership, name, value)
        membership.save(update_fields=list(fields))
    forget_cached_roles(user)
    committee = (
        get_user_model()
        .objects.filter(
            role_grants__in=RoleGrant.objects.active().filter(
                role=Role.COMMITTEE, community=community
            )
        )
        .distinct()
    )
    notify(
        recipients=list(committee),
        kind=KIND_REQUEST_RECEIVED,
        title=_("New request to join %(community)s") % {"community": community.name},
        url=f"/{community.slug}/verification/",
    )
    return membership


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def verify_membership(*, actor: Any, membership: Membership) -> Membership:
    """A committee member confirms a pending request; the person is told."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Only a pending request can be verified."))
    membership.status = Membership.Status.VERIFIED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.rejection_reason = ""
    membership.save(
        update_fields=["status", "decided_at", "decided_by", "rejection_reason"]
    )
    record(
        actor=actor,
        action="membership.verify",
        target=membership,
        community=membership.community,
    )
    notify(
        recipients=membership.user,
        kind=KIND_VERIFIED,
        title=_("You are now a verified resident of %(community)s")
        % {"community": membership.community.name},
        url="/my/communities/",
    )
    return membership


@transaction.atomic
def reject_membership(*, actor: Any, membership: Membership, reason: str) -> Membership:
    """A committee member turns a pending request down, giving the person a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Only a pending request can be rejected."))
    membership.status = Membership.Status.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.rejection_reason = reason
    membership.save(
        update_fields=["status", "decided_at", "decided_by", "rejection_reason"]
    )
    record(
        actor=actor,
        action="membership.reject",
        target=membership,
        community=membership.community,
        data={"reason": reason},
    )
    notify(
        recipients=membership.user,
        kind=KIND_REJECTED,
        title=_("Your request to join %(community)s was not accepted")
        % {"community": membership.community.name},
        body=reason,
        url="/my/communities/",
    )
    return membership


@transaction.atomic
def set_household_representative(*, actor: Any, membership: Membership) -> Membership:
    """Make a verified resident their household's representative, moving it if held.

    One representative per household is a database constraint; locking the
    household first makes two simultaneous appointments wait for each other
    instead of colliding on it.
    """
    household_id = Membership.objects.values_list("household_id", flat=True).get(
        pk=membership.pk
    )
    Household.objects.select_for_update().filter(pk=household_id).first()
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.VERIFIED:
        raise ValidationError(_("Only a verified resident can represent a household."))
    previous = list(
        Membership.objects.select_for_update()
        .filter(household=membership.household, is_representative=True)
        .exclude(pk=membership.pk)
    )
    for other in previous:
        other.is_representative = False
        other.save(update_fields=["is_representative"])
    if not membership.is_representative:
        membership.is_representative = True
        membership.save(update_fields=["is_representative"])
    record(
        actor=actor,
        action="membership.set_representative",
        target=membership,
        community=membership.community,
        data={"previous": [m.user_id for m in previous]},
    )
    return membership


# ---------------------------------------------------------------------------
# Role grants
# ---------------------------------------------------------------------------
def _scope_fits(role: str, scope: Scope) -> bool:
    if role in COMMUNITY_ROLES:
        return isinstance(scope, Community)
    if role == Role.STREET_OFFICER:
        return isinstance(scope, Region) and not scope.is_district
    if role == Role.DISTRICT_OFFICER:
        return isinstance(scope, Region) and scope.is_district
    return scope is None  # platform admin


def can_grant(granter: Any, role: str, scope: Scope) -> bool:
    """Whether `granter` may grant (or revoke) `role` for `scope`.

    Platform admins grant anything. District officers grant street officers in their
    district and committee/supervision members in communities below it. Street
    officers grant committee/supervision members in their street's communities.
    Committee members grant coordinators and charity managers in their community.
    """
    if not _scope_fits(role, scope):
        return False
    if is_platform_admin(granter):
        return True
    if role == Role.STREET_OFFICER:
        return is_district_officer_for(granter, scope)
    if role in (Role.COMMITTEE, Role.SUPERVISION):
        return is_street_officer_for(granter, scope) or is_district_officer_for(
            granter, scope
        )
    if role in (Role.COORDINATOR, Role.CHARITY_MANAGER):
        return is_committee_member(granter, scope)
    return False


def grantable_roles(*, granter: Any, scope: Scope) -> list[str]:
    """The roles `granter` may grant for `scope`, in the order of `Role`."""
    return [role for role in Role.values if can_grant(granter, role, scope)]


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    user: Any,
    role: str,
    community: Community | None = None,
    region: Region | None = None,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> RoleGrant:
    """Give a person a role for a community, a region, or the platform; audited."""
    if community is not None and region is not None:
        raise ValidationError(
            _("A role is granted for a community or a region, not both.")
        )
    scope: Scope = community if community is not None else region
    if not _scope_fits(role, scope):
        raise ValidationError(_("This role cannot be granted for that scope."))
    _require(can_grant(actor, role, scope))
    grant = RoleGrant(
        user=user,
        role=role,
        community=community,
        region=region,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    grant.full_clean()
    grant.save()
    record(
        actor=actor,
        action="role.grant",
        target=grant,
        community=community,
        data={
            "role": role,
            "user": user.pk,
            "region": region.pk if region is not None else None,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    notify(
        recipients=user,
        kind=KIND_ROLE_GRANTED,
        title=_("You have been given the role: %(role)s")
        % {"role": grant.get_role_display()},
        url="/my/communities/",
    )
    forget_cached_roles(user)
    sync_admin_rights(user=user)
    return grant


@transaction.atomic
def revoke_role(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    """End a grant now; the person's Wagtail admin rights follow at once."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    _require(can_grant(actor, grant.role, grant.community or grant.region))
    if grant.revoked_at is not None:
        raise ValidationError(_("This role has already been revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action="role.revoke",
        target=grant,
        community=grant.community,
        data={"role": grant.role, "user": grant.user_id},
    )
    forget_cached_roles(grant.user)
    sync_admin_rights(user=grant.user)
    return grant


# ---------------------------------------------------------------------------
# Wagtail admin rights follow grants
# ---------------------------------------------------------------------------
@transaction.atomic
def sync_admin_rights(*, user: Any) -> None:
    """Put the person in exactly the editors' groups of communities they serve on.

    An active committee grant means membership of that community's Wagtail group;
    an ended, revoked or expired grant takes it away.
    """
    wanted = set(
        Community.objects.filter(
            role_grants__in=RoleGrant.objects.active().filter(
                user=user, role=Role.COMMITTEE
            ),
            editors_group__isnull=False,
        ).values_list("editors_group_id", flat=True)
    )
    current = set(
        user.groups.filter(community__isnull=False).values_list("pk", flat=True)
    )
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    for attribute in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def expire_role_grants() -> int:
    """Re-sync admin rights for everyone whose grants started or ended; returns count.

    Run daily (communities.tasks): grants end by date without anyone acting.
    """
    User = get_user_model()
    serving = RoleGrant.objects.active().filter(role=Role.COMMITTEE)
    users = User.objects.filter(
        pk__in=set(serving.values_list("user_id", flat=True))
        | set(
            User.objects.filter(groups__community__isnull=False).values_list(
                "pk", flat=True
            )
        )
    )
    count = 0
    for user in users:
        sync_admin_rights(user=user)
        count += 1
    return count
