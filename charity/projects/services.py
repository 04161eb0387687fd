"""Projects: drafting, going public under the qualification and filing rules,
closing, completing the filing, and following.

Keyword-only, one transaction each, audit rows for managers' actions, followers
notified after commit by `notify`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from charity.organisations.models import Organisation
from charity.projects.models import FILING_LEAD_DAYS, Follow, Project
from charity.projects.selectors import followers
from notifications.services import notify


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


PROJECT_FIELDS = (
    "title",
    "purpose",
    "beneficiaries",
    "area",
    "paired_region",
    "starts_on",
    "ends_on",
    "goal_amount",
    "responsible_person",
    "receiving_account",
    "use_plan",
    "leftover_plan",
    "resolution_reference",
    "is_public_fundraising",
    "filing_number",
    "filed_on",
    "emergency_reason",
)


@transaction.atomic
def save_project(
    *,
    actor: Any,
    organisation: Organisation,
    project: Project | None = None,
    **fields: Any,
) -> Project:
    """Create a draft project or change one; a new project's manager must be listed."""
    if project is None:
        project = Project(organisation=organisation, community=organisation.community)
    elif project.organisation_id != organisation.pk:
        raise PermissionDenied
    _require(actor, "charity.manage_project", project)
    was_filed = project.filing_complete
    was = (project.is_public_fundraising, project.emergency_reason)
    for name, value in fields.items():
        if name not in PROJECT_FIELDS:
            raise TypeError(f"unknown project field {name!r}")
        setattr(project, name, value)
    if project.pk and project.status != Project.Status.DRAFT:
        if (project.is_public_fundraising, project.emergency_reason) != was:
            raise ValidationError(
                _(
                    "Public fundraising and the emergency reason cannot change once "
                    "the project is public."
                )
            )
        if was_filed and not project.filing_complete:
            raise ValidationError(
                {"filing_number": _("A public project's filing cannot be removed.")}
            )
    project.full_clean()
    created = project.pk is None
    project.save()
    record(
        actor=actor,
        action="charity.project_created" if created else "charity.project_changed",
        target=project,
        community=project.community,
    )
    return project


def publication_problems(
    project: Project, on: datetime.date | None = None
) -> list[str]:
    """Why the project cannot go public today (empty: it can)."""
    on = on or timezone.localdate()
    problems: list[str] = []
    if project.status != Project.Status.DRAFT:
        problems.append(_("Only a draft project can go public."))
    if not project.is_public_fundraising:
        return problems
    if not project.organisation.has_valid_qualification(on):
        problems.append(
            _(
                "The organisation's public-fundraising qualification is missing or "
                "has lapsed, so it cannot start public fundraising."
            )
        )
    if project.is_emergency:
        return problems
    if not project.filing_complete:
        problems.append(
            _("Enter the filing number and the filing date before going public.")
        )
    elif project.filed_on + datetime.timedelta(days=FILING_LEAD_DAYS) > on:
        problems.append(
            _(
                "A public fundraising can start only 10 days after filing (from "
                "%(date)s), unless it is an emergency with a recorded reason."
            )
            % {"date": project.filed_on + datetime.timedelta(days=FILING_LEAD_DAYS)}
        )
    return problems


def _notify_followers(project: Project, title: str) -> None:
    people = followers(project)
    if people:
        notify(
            recipients=people,
            kind="charity.project_status",
            title=title,
            url=reverse("charity:project", args=[project.community.slug, project.pk]),
        )


@transaction.atomic
def publish_project(*, actor: Any, project: Project) -> Project:
    """Draft → public, if the qualification and filing rules allow it today."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    problems = publication_problems(project)
    if problems:
        raise ValidationError(problems)
    project.status = Project.Status.PUBLIC
    project.published_on = timezone.localdate()
    project.save(update_fields=["status", "published_on"])
    record(
        actor=actor,
        action="charity.project_published",
        target=project,
        community=project.community,
        data={"emergency": project.is_emergency},
    )
    _notify_followers(
        project, _("“%(title)s” is now public.") % {"title": project.title}
    )
    return project


@transaction.atomic
def close_project(*, actor: Any, project: Project) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    if project.status != Project.Status.PUBLIC:
        raise ValidationError(_("Only a public project can be closed."))
    project.status = Project.Status.CLOSED
    project.save(update_fields=["status"])
    record(
        actor=actor,
        action="charity.project_closed",
        target=project,
        community=project.community,
    )
    _notify_followers(project, _("“%(title)s” has closed.") % {"title": project.title})
    return project


@transaction.atomic
def record_filing(
    *, actor: Any, project: Project, filing_number: str, filed_on: datetime.date
) -> Project:
    """Enter the filing number (for an emergency project: completing its filing)."""
    _require(actor, "charity.manage_project", project)
    if not filing_number.strip():
        raise ValidationError({"filing_number": _("Enter the filing number.")})
    if filed_on > timezone.localdate():
        raise ValidationError(
            {"filed_on": _("The filing date cannot be in the future.")}
        )
    project.filing_number = filing_number.strip()
    project.filed_on = filed_on
    project.save(update_fields=["filing_number", "filed_on"])
    record(
        actor=actor,
        action="charity.project_filed",
        target=project,
        community=project.community,
        data={"filing_number": project.filing_number},
    )
    return project


@transaction.atomic
def follow(*, user: Any, project: Project) -> Follow:
    _require(user, "charity.follow_project", project)
    if project.status == Project.Status.DRAFT:
        raise ValidationError(_("A draft project cannot be followed."))
    follow_row, _created = Follow.objects.get_or_create(project=project, user=user)
    return follow_row


@transaction.atomic
def unfollow(*, user: Any, project: Project) -> None:
    Follow.objects.filter(project=project, user=user).delete()
