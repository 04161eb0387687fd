"""What the volunteers app adds to the shared registries, called from
VolunteersConfig.ready(): notification kinds, the reminder schedule, personal-data
collectors, the calendar provider, the community navigation entry, demo seeders,
and the signal receivers that retire cached pages and suggestions.

Public pages (the activity list and pages, the leaderboard) are cached whole for
anonymous visitors (`communities.cache`): any change to teams, activities, their
skills, shifts or sign-ups retires them. Shifts are added with `bulk_create`, which
sends no model signals, so the audit row every volunteering service writes retires
them too.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audit.models import AuditEvent
from communities import demo, desk, home, navigation
from communities.cache import bump_generation, invalidate_on_change
from communities.home import HomeBlock, MineBlock, WaitingBlock
from communities.models import Role
from governance.search import index as search_index
from notifications import calendar, kinds, scheduling
from volunteers.matching import privacy as matching_privacy
from volunteers.matching.services import retire_suggestions
from volunteers.profiles.models import VolunteerProfile
from volunteers.records import demo as records_demo
from volunteers.records import privacy as records_privacy
from volunteers.records import selectors as records_selectors
from volunteers.shifts import calendar as shift_calendar
from volunteers.shifts import demo as shifts_demo
from volunteers.shifts import home as shifts_home
from volunteers.shifts import selectors as shift_selectors
from volunteers.shifts.models import Activity, Shift, SignUp, Team
from volunteers.shifts.tasks import send_shift_reminders


def register() -> None:
    # Published activities in the site search (governance's public registry).
    search_index.register_kind("activity", _("Volunteer activity"))
    search_index.register_record_source(
        "activity", Activity, shift_selectors.search_document
    )
    demo.register("volunteers", shifts_demo.seed, order=20)
    demo.register("volunteers.records", records_demo.seed, order=30)
    register_desk()

    personal_data.register_collector("volunteer_invitations", matching_privacy.collect)
    personal_data.register_anonymiser(matching_privacy.anonymise)
    personal_data.register_collector("volunteer_hours", records_privacy.collect)
    personal_data.register_anonymiser(records_privacy.anonymise)

    calendar.register("volunteers.shifts", shift_calendar.shift_events)

    kinds.register(
        "volunteers.moved_up", _("A place on a volunteer shift became yours")
    )
    kinds.register(
        "volunteers.shift_reminder", _("Reminder of a volunteer shift tomorrow")
    )
    kinds.register(
        "volunteers.time_bank_received", _("Time-bank credits from a family member")
    )
    kinds.register(
        "volunteers.invited", _("A coordinator invites you to a volunteer shift")
    )
    scheduling.register(
        "volunteers.shift_reminders",
        send_shift_reminders,
        every=timedelta(minutes=15),
    )
    navigation.register(
        navigation.NavItem(
            "volunteering",
            _("Volunteering"),
            lambda c: reverse("volunteers:activity-list", args=[c.slug]),
            order=40,
        )
    )
    _register_home()


def connect() -> None:
    invalidate_on_change(
        Team,
        Activity,
        Shift,
        SignUp,
        m2m=[Activity.required_skills.through],
        uid="volunteers",
    )
    # A person's cached "for you" list follows their profile (skills are set after
    # the profile row is saved, within the same service call).
    post_save.connect(
        _profile_saved,
        sender=VolunteerProfile,
        dispatch_uid="gz_volunteers_profile_version",
    )
    post_save.connect(
        _volunteering_audited,
        sender=AuditEvent,
        dispatch_uid="gz_cache_volunteers_audited",
    )


def _profile_saved(sender, instance, **kwargs) -> None:
    retire_suggestions(instance.user_id)


def _volunteering_audited(sender, instance, created=False, **kwargs) -> None:
    if created and instance.action.startswith("volunteers."):
        bump_generation()


# ---------------------------------------------------------------------------
# Work desk (communities.desk): service hours to confirm
# ---------------------------------------------------------------------------
def register_desk() -> None:
    desk.register(
        desk.DeskTask(
            key="volunteers.hours",
            label=_("Service hours to confirm"),
            group=desk.Group.COORDINATOR,
            roles={Role.COORDINATOR},
            count=desk.from_counts(records_selectors.pending_counts),
            url=lambda c: reverse("volunteers:records", args=[c.slug]),
            urgent_label=_("waiting over a week"),
            order=10,
        )
    )


def _register_home() -> None:
    """Shifts with places left on the community home, a volunteer's next shift in
    "waiting for you", their shifts and hours on "mine"."""
    home.register(
        HomeBlock(
            "shifts",
            _("Volunteer shifts with places left"),
            shifts_home.shifts_with_places,
            more_url=lambda c: reverse("volunteers:activity-list", args=[c.slug]),
            empty=_("No shift needs volunteers at the moment."),
            order=60,
        )
    )
    home.register_waiting(
        WaitingBlock("shift", _("Your next shift"), shifts_home.next_shift, order=50)
    )
    home.register_mine(
        MineBlock(
            "shifts",
            _("My shifts and hours"),
            shifts_home.my_shifts_and_hours,
            more_url=lambda user: reverse("volunteers:my-hours"),
            order=50,
        )
    )
