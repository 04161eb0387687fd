"""Retire cached public pages when what volunteering pages show changes.

The community's activity list and activity pages are cached whole for anonymous
visitors (`communities.cache`). Any change to teams, activities, their skills,
shifts or sign-ups (places left) bumps the cache generation. Shifts are added with
`bulk_create`, which sends no model signals, so the audit row every volunteering
service writes bumps it too.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from communities.cache import bump_generation


def connect() -> None:
    """Called from VolunteersConfig.ready()."""
    from audit.models import AuditEvent
    from volunteers.models import Activity, Shift, SignUp, Team

    for model in (Team, Activity, Shift, SignUp):
        post_save.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_save_volunteers_{model.__name__}",
        )
        post_delete.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_delete_volunteers_{model.__name__}",
        )
    m2m_changed.connect(
        bump_generation,
        sender=Activity.required_skills.through,
        dispatch_uid="gz_cache_volunteers_required_skills",
    )
    from volunteers.matching import profile_saved
    from volunteers.models import VolunteerProfile

    # A person's cached "for you" list follows their profile (skills are set after
    # the profile row is saved, within the same service call).
    post_save.connect(
        profile_saved,
        sender=VolunteerProfile,
        dispatch_uid="gz_volunteers_profile_version",
    )
    post_save.connect(
        _volunteering_audited,
        sender=AuditEvent,
        dispatch_uid="gz_cache_volunteers_audited",
    )


def _volunteering_audited(sender, instance, created=False, **kwargs) -> None:
    if created and instance.action.startswith("volunteers."):
        bump_generation()
