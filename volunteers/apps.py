from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("volunteers")

    def ready(self) -> None:
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
