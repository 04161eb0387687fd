from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("consultation")

    def ready(self) -> None:
        from communities import demo as demo_registry
        from consultation import demo as demo_seeder
        from consultation import demo_followup as demo_followup_seeder

        demo_registry.register("consultation", demo_seeder.seed, order=40)
        demo_registry.register(
            "consultation.followup", demo_followup_seeder.seed, order=50
        )
        from django.urls import reverse

        from communities import navigation, oversight
        from consultation import ics, live, signals
        from consultation.oversight import SECTION
        from consultation.tasks import notify_overdue_decisions
        from notifications import calendar, kinds, scheduling

        signals.connect()
        live.connect()
        # The person's meetings in their personal calendar feed (issue 4 §2).
        calendar.register("consultation.meetings", ics.meeting_events)
        for key, label in (
            ("consultation.petition_topic", _("A resident petition became a topic")),
            (
                "consultation.suggestion_promoted",
                _("A suggestion you support became a topic"),
            ),
            ("consultation.topic_declined", _("A topic you support was declined")),
            (
                "consultation.decision_overdue",
                _("A topic waits too long for the committee's decision"),
            ),
            ("consultation.meeting_notice", _("A consultation meeting is announced")),
            ("consultation.invited", _("You are invited to a consultation meeting")),
            (
                "consultation.feedback_published",
                _("Feedback on a consultation you took part in"),
            ),
        ):
            kinds.register(key, label)
        scheduling.register(
            "consultation.overdue_decisions",
            notify_overdue_decisions,
            every=timedelta(hours=1),
        )
        oversight.register(SECTION)
        navigation.register(
            navigation.NavItem(
                "consultations",
                _("Consultations"),
                lambda c: reverse("consultation:list", args=[c.slug]),
                order=30,
            )
        )
        # Deliberation, minutes and follow-up (consultation/followup_setup.py).
        from consultation import followup_setup

        followup_setup.ready()
