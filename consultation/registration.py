"""Everything the consultation app registers with the platform, called from
ConsultationConfig.ready(): demo seeders, the personal calendar feed, notification
kinds, hourly jobs, oversight sections, the community navigation entry, cache
invalidation and the live meeting pushes."""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities import demo, desk, home, navigation, oversight
from communities.cache import invalidate_on_change
from communities.home import HomeBlock, MineBlock, WaitingBlock
from communities.models import Role
from consultation import models
from consultation.deliberation import home as deliberation_home
from consultation.followup import demo as followup_demo
from consultation.followup import home as followup_home
from consultation.followup import oversight as followup_oversight
from consultation.followup import selectors as followup_selectors
from consultation.followup.tasks import publish_pending_resolutions
from consultation.live import broadcast
from consultation.meetings import home as meetings_home
from consultation.meetings import ics
from consultation.topics import demo as topics_demo
from consultation.topics import home as topics_home
from consultation.topics import oversight as topics_oversight
from consultation.topics import selectors as topics_selectors
from consultation.topics.tasks import notify_overdue_decisions
from consultation.votes import home as votes_home
from governance.search import index as search_index
from notifications import calendar, kinds, scheduling

KINDS = (
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
    ("consultation.comment_reported", _("A consultation comment was reported")),
    ("consultation.comment_hidden", _("Your consultation comment was hidden")),
    ("consultation.minutes_to_confirm", _("Minutes of a meeting wait for you")),
    ("consultation.followup_assigned", _("You own a follow-up item")),
    ("consultation.followup_update", _("Progress on a follow-up you follow")),
    ("consultation.followup_closed", _("A follow-up is done: rate it")),
)

# Public pages show these; ballots are left out: the vote page is not cached.
CACHED_MODELS = (
    models.AgendaItem,
    models.Consultation,
    models.ConsultationEvent,
    models.Meeting,
    models.Motion,
    models.Participant,
    models.Suggestion,
    models.Support,
    models.Comment,
    models.Minutes,
    models.MinutesConfirmation,
    models.Resolution,
    models.FollowUpItem,
    models.Milestone,
    models.ProgressUpdate,
    models.ProgressPhoto,
    models.FollowUpRating,
)


def register() -> None:
    # Consultations in the site search (governance's public registry).
    search_index.register_kind("consultation", _("Consultation"))
    search_index.register_record_source(
        "consultation", models.Consultation, topics_selectors.search_document
    )
    demo.register("consultation", topics_demo.seed, order=40)
    demo.register("consultation.followup", followup_demo.seed, order=50)
    # The person's meetings in their personal calendar feed.
    calendar.register("consultation.meetings", ics.meeting_events)
    for key, label in KINDS:
        kinds.register(key, label)
    scheduling.register(
        "consultation.overdue_decisions",
        notify_overdue_decisions,
        every=timedelta(hours=1),
    )
    scheduling.register(
        "consultation.publish_pending_resolutions",
        publish_pending_resolutions,
        every=timedelta(hours=1),
    )
    oversight.register(topics_oversight.SECTION)
    oversight.register(followup_oversight.SECTION)
    register_desk()
    _register_home()
    navigation.register(
        navigation.NavItem(
            "consultations",
            _("Consultations"),
            lambda c: reverse("consultation:list", args=[c.slug]),
            order=30,
        )
    )


def connect() -> None:
    invalidate_on_change(*CACHED_MODELS, uid="consultation")
    # Live meeting pages: push the new state after every save they show.
    for model, receiver in broadcast.RECEIVERS:
        post_save.connect(
            receiver, sender=model, dispatch_uid=f"gz_live_{model.__name__}"
        )


# ---------------------------------------------------------------------------
# Work desk (communities.desk): minutes, topics past their decision date,
# follow-ups overdue
# ---------------------------------------------------------------------------
def register_desk() -> None:
    desk.register(
        desk.DeskTask(
            key="consultation.minutes",
            label=_("Minutes to confirm"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_counts(followup_selectors.minutes_waiting),
            url=lambda c: reverse("consultation:list", args=[c.slug]),
            order=40,
        )
    )
    desk.register(
        desk.DeskTask(
            key="consultation.decisions_overdue",
            label=_("Consultation steps overdue"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_section(
                topics_oversight.per_community,
                waiting="decision_overdue",
                urgent="decision_overdue",
            ),
            url=lambda c: reverse("consultation:list", args=[c.slug]),
            order=50,
        )
    )
    desk.register(
        desk.DeskTask(
            key="consultation.followups",
            label=_("Follow-up items"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_section(
                followup_oversight.followup_per_community,
                waiting="open",
                urgent="overdue",
            ),
            url=lambda c: reverse("consultation:followups", args=[c.slug]),
            order=60,
        )
    )


def _list_url(community) -> str:
    return reverse("consultation:list", args=[community.slug])


def _register_home() -> None:
    """Votes, consultations and meetings on the community home; what waits for a
    resident; their suggestions, comments and open ballots on "mine"."""
    home.register(
        HomeBlock(
            "votes",
            _("Open votes"),
            votes_home.open_votes,
            more_url=_list_url,
            empty=_("No vote is open."),
            order=10,
        )
    )
    home.register(
        HomeBlock(
            "consultations",
            _("Consultations collecting opinions"),
            topics_home.collecting,
            more_url=_list_url,
            empty=_("No consultation is collecting opinions."),
            order=20,
        )
    )
    home.register(
        HomeBlock(
            "meetings",
            _("Meetings in the next 14 days"),
            meetings_home.coming_meetings,
            more_url=_list_url,
            empty=_("No meeting in the next 14 days."),
            order=30,
        )
    )
    home.register_waiting(
        WaitingBlock(
            "votes", _("Votes you can cast"), votes_home.votes_to_cast, order=10
        )
    )
    home.register_waiting(
        WaitingBlock(
            "meetings",
            _("Meetings you are invited to"),
            meetings_home.my_invitations,
            order=20,
        )
    )
    home.register_waiting(
        WaitingBlock(
            "followups", _("Follow-up to rate"), followup_home.to_rate, order=30
        )
    )
    home.register_mine(
        MineBlock(
            "suggestions",
            _("My suggestions and supports"),
            topics_home.my_suggestions,
            empty=_("You have not made or supported a suggestion yet."),
            order=10,
        )
    )
    home.register_mine(
        MineBlock(
            "comments",
            _("My comments"),
            deliberation_home.my_comments,
            empty=_("You have not commented on a consultation yet."),
            order=20,
        )
    )
    home.register_mine(
        MineBlock(
            "votes",
            _("My votes (open ballots)"),
            votes_home.my_votes,
            empty=_("No open ballot of yours. Secret ballots are never shown."),
            order=40,
        )
    )
