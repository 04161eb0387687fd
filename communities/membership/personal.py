"""What "my communities" shows a person, kept in the cache between their visits.

The page read the person's residencies, role grants, other posts (liaison officer,
social worker) on every visit: five queries, about 9 ms of a 14 ms page on the bench
machine, mostly the ORM building them. They change rarely, so the page keeps them in
the cache under the person's version, which every change to them replaces:

- the person's version (`forget(user_id)`): their memberships, grants and the posts
  apps register (`communities.oversight.navigation.register_personal_links`); saves
  and deletes are connected here (`connect`), bulk updates call `forget` themselves,
  and apps with posts connect theirs (pairing's liaison posts, assistance's social
  workers);
- everyone's version (`forget_everyone()`): the names shown (communities, regions,
  households), changed by committees and officers;
- the day and the language are part of the key: grants start and end on dates, and
  the labels are in the person's language.

A copy lives at most `SUMMARY_SECONDS`: a change made while the cache could not be
reached does not bump the version (config/failsoft.py skips writes), and the stale copy
is then gone within five minutes. This is a display: every permission check still
reads the grants from the database (`communities.roles.selectors.grants_in_force`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from communities.desk.selectors import scopes_of
from communities.membership.models import Household, Membership
from communities.membership.selectors import memberships_of
from communities.oversight.navigation import grant_link, personal_links_of
from communities.regions.models import Community, Region
from communities.roles.models import RoleGrant
from communities.roles.selectors import active_grants_of

SUMMARY_SECONDS = 300
_PERSON = "personal:v:{}"
_EVERYONE = "personal:v:everyone"


@dataclass
class Personal:
    memberships: list[Membership]
    grants: list[RoleGrant]  # each with `link`, the page its role leads to ("" if none)
    posts: list[dict[str, Any]]
    social_worker: bool
    has_desk: bool  # a staff role is granted (shown as the header's work-desk link)


def personal_of(user: Any) -> Personal:
    """The person's summary, from the cache when their version is unchanged."""
    person_key = _PERSON.format(user.pk)
    versions = cache.get_many([person_key, _EVERYONE])
    key = ":".join(
        [
            "personal",
            str(user.pk),
            versions.get(person_key, "0"),
            versions.get(_EVERYONE, "0"),
            timezone.localdate().isoformat(),
            translation.get_language() or "",
        ]
    )
    personal = cache.get(key)
    if personal is None:
        personal = _read(user)
        cache.set(key, personal, SUMMARY_SECONDS)
    return personal


def _read(user: Any) -> Personal:
    grants = list(active_grants_of(user))
    for grant in grants:
        link = grant_link(grant)
        grant.link = link.url(grant) if link else ""
    return Personal(
        memberships=list(memberships_of(user)),
        grants=grants,
        posts=personal_links_of(user),
        social_worker=user.social_work_posts.exists(),
        has_desk=bool(
            scopes_of(
                [(g.role, g.community_id, g.region_id) for g in grants],
                user,
                counted=False,
            )
        ),
    )


def forget(user_id: int | None) -> None:
    """The person's memberships, grants or posts changed: their next visit re-reads."""
    if user_id is not None:
        cache.set(_PERSON.format(user_id), uuid.uuid4().hex, None)


def forget_everyone(**_kwargs: Any) -> None:
    """A name every summary may show changed (a community, region or household)."""
    cache.set(_EVERYONE, uuid.uuid4().hex, None)


def forget_owner(sender: Any, instance: Any, **_kwargs: Any) -> None:
    """A save or delete receiver for models with a `user_id` (the post's holder)."""
    forget(getattr(instance, "user_id", None))


def follow(*holders: Any, names: tuple[Any, ...] = ()) -> None:
    """Forget the holder's summary when a row of `holders` (models with a `user`,
    e.g. an app's posts) is saved or deleted, and everyone's when a row of `names`
    (whose names the summaries show) is saved."""
    for model in holders:
        uid = f"gz_personal_{model._meta.label_lower}"
        post_save.connect(forget_owner, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(forget_owner, sender=model, dispatch_uid=uid + "_delete")
    for model in names:
        uid = f"gz_personal_names_{model._meta.label_lower}"
        post_save.connect(forget_everyone, sender=model, dispatch_uid=uid)


def connect() -> None:
    follow(Membership, RoleGrant, names=(Community, Region, Household))
