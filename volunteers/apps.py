from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("volunteers")

    def ready(self) -> None:
        from communities import demo as demo_registry
        from volunteers import demo as demo_seeder
        from volunteers import demo_records as demo_records_seeder

        demo_registry.register("volunteers", demo_seeder.seed, order=20)
        demo_registry.register("volunteers.records", demo_records_seeder.seed, order=30)
        from django.urls import reverse

        from accounts import personal_data
        from communities import navigation
        from notifications import kinds
        from volunteers import calendar, matching_personal_data, signals

        personal_data.register_collector(
            "volunteer_invitations", matching_personal_data.collect
        )
        personal_data.register_anonymiser(matching_personal_data.anonymise)

        signals.connect()

        calendar.register("volunteers.shifts", calendar.shift_events)

        kinds.register(
            "volunteers.moved_up", _("A place on a volunteer shift became yours")
        )
        self._register_records()

        kinds.register(
            "volunteers.invited", _("A coordinator invites you to a volunteer shift")
        )
        navigation.register(
            navigation.NavItem(
                "volunteering",
                _("Volunteering"),
                lambda c: reverse("volunteers:activity-list", args=[c.slug]),
                order=40,
            )
        )

    def _register_records(self) -> None:
        """Check-in, hours and time bank (issue 5 §3 reminder, §4, §6)."""
        from datetime import timedelta

        from accounts import personal_data
        from notifications import kinds, scheduling
        from volunteers import record_privacy
        from volunteers.tasks import send_shift_reminders

        personal_data.register_collector("volunteer_hours", record_privacy.collect)
        personal_data.register_anonymiser(record_privacy.anonymise)

        kinds.register(
            "volunteers.shift_reminder", _("Reminder of a volunteer shift tomorrow")
        )
        kinds.register(
            "volunteers.time_bank_received", _("Time-bank credits from a family member")
        )
        scheduling.register(
            "volunteers.shift_reminders",
            send_shift_reminders,
            every=timedelta(minutes=15),
        )
