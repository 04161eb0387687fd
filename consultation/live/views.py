"""Live meeting pages: the committee's control page, the participant's page, the
projector, the QR check-in. Thin: permission (consultation/live/rules.py), then a call
to consultation.live.services; the live parts are pushed by consultation/live/consumers.py.

None of these pages is cached: they are personal or secret-link pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from communities.forms import parse_ids, posted_id
from communities.views import community_or_404, render_community
from consultation.live import selectors as live_selectors
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.meetings.views import meeting_or_404
from consultation.topics.views import require_permission
from consultation.votes.models import Motion


def _meeting_of(slug: str, pk: int) -> Meeting:
    return meeting_or_404(community_or_404(slug), pk)


def _ws_path(meeting: Meeting, view: str, key: str = "") -> str:
    query = f"?view={view}" + (f"&key={key}" if key else "")
    return f"/ws/consultation/meetings/{meeting.pk}/live/{query}"


def _show_error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _motions(meeting: Meeting) -> list[Motion]:
    return list(
        Motion.objects.filter(agenda_item__meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "created_at")
    )


@never_cache
def live_control(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting_of(slug, pk)
    if refused := require_permission(request, "consultation.run_live_meeting", meeting):
        return refused
    key = live_tokens.projector_key(meeting)
    return render_community(
        request,
        meeting.community,
        "consultation/live_control.html",
        {
            "meeting": meeting,
            "agenda": list(meeting.agenda_items.all()),
            "motions": _motions(meeting),
            "roster": live_selectors.roster(meeting.pk),
            "state": live_selectors.snapshot(meeting.pk),
            "qr": live_tokens.qr_data_uri(
                request.build_absolute_uri(live_tokens.checkin_url(meeting))
            ),
            "projector_url": reverse(
                "consultation:live-projector", args=[slug, meeting.pk]
            )
            + f"?key={key}",
            "ws_url": _ws_path(meeting, "control"),
        },
        nav_key="consultations",
    )


def _live_action(
    perm: str, back: str
) -> Callable[[Callable[[HttpRequest, Meeting], None]], Callable]:
    """One action on a live meeting under `perm`; each pushes the new state after
    its commit. Refusals show as messages; back to the `back` page."""

    def decorate(handler: Callable[[HttpRequest, Meeting], None]) -> Callable:
        @require_POST
        @wraps(handler)
        def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
            meeting = _meeting_of(slug, pk)
            if refused := require_permission(request, perm, meeting):
                return refused
            try:
                handler(request, meeting)
            except ValidationError as error:
                _show_error(request, error)
            return redirect(back, slug, meeting.pk)

        return view

    return decorate


_control = _live_action("consultation.run_live_meeting", "consultation:live")
_participant = _live_action(
    "consultation.view_live_meeting", "consultation:live-participant"
)


def _motion_of(request: HttpRequest, meeting: Meeting) -> Motion:
    return get_object_or_404(
        Motion.objects.select_related("agenda_item", "community"),
        agenda_item__meeting=meeting,
        pk=posted_id(request.POST, "motion"),
    )


@_control
def live_show_item(request: HttpRequest, meeting: Meeting) -> None:
    raw = request.POST.get("item", "")
    pk = posted_id(request.POST, "item") if raw else None
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=pk) if pk else None
    live_services.set_current_item(actor=request.user, meeting=meeting, item=item)
    messages.success(request, _("The agenda item is shown to everyone."))


@_control
def live_check_in(request: HttpRequest, meeting: Meeting) -> None:
    participant = get_object_or_404(
        Participant, meeting=meeting, pk=posted_id(request.POST, "participant")
    )
    live_services.check_in_by_name(actor=request.user, participant=participant)
    messages.success(
        request, _("%(name)s is checked in.") % {"name": participant.display_name}
    )


@_control
def live_open_vote(request: HttpRequest, meeting: Meeting) -> None:
    motion = _motion_of(request, meeting)
    live_services.open_vote(actor=request.user, meeting=meeting, motion=motion)
    messages.success(request, _("The vote is open."))


@_control
def live_close_vote(request: HttpRequest, meeting: Meeting) -> None:
    motion = _motion_of(request, meeting)
    women = (request.POST.get("women") or "").strip()
    if women and not women.isdigit():
        raise ValidationError({"women": _("Enter the number of women attending.")})
    live_services.close_vote(
        actor=request.user,
        meeting=meeting,
        motion=motion,
        women=int(women) if women else None,
    )
    messages.success(request, _("The vote is closed."))


@_control
def live_call_next(request: HttpRequest, meeting: Meeting) -> None:
    if live_services.call_next(actor=request.user, meeting=meeting) is None:
        messages.info(request, _("Nobody is waiting to speak."))


@_control
def live_clear_queue(request: HttpRequest, meeting: Meeting) -> None:
    live_services.clear_queue(actor=request.user, meeting=meeting)
    messages.success(request, _("The speaking queue is cleared."))


@never_cache
def live_participant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting_of(slug, pk)
    if refused := require_permission(
        request, "consultation.view_live_meeting", meeting
    ):
        return refused
    return render_community(
        request,
        meeting.community,
        "consultation/live_meeting.html",
        {
            "meeting": meeting,
            "state": live_selectors.snapshot(meeting.pk),
            "me": live_selectors.personal(meeting.pk, request.user),
            "ws_url": _ws_path(meeting, "participant"),
        },
        nav_key="consultations",
    )


@_participant
def live_raise_hand(request: HttpRequest, meeting: Meeting) -> None:
    live_services.raise_hand(user=request.user, meeting=meeting)
    messages.success(request, _("Your hand is raised."))


@_participant
def live_lower_hand(request: HttpRequest, meeting: Meeting) -> None:
    live_services.lower_hand(user=request.user, meeting=meeting)
    messages.success(request, _("Your hand is lowered."))


@_participant
def live_vote(request: HttpRequest, meeting: Meeting) -> None:
    motion = get_object_or_404(
        Motion.objects.select_related("agenda_item"),
        agenda_item__meeting=meeting,
        pk=posted_id(request.POST, "motion"),
    )
    option_ids = parse_ids(request.POST.getlist("option")) or []
    live_services.cast_in_room(
        user=request.user, meeting=meeting, motion=motion, option_ids=option_ids
    )
    messages.success(request, _("Your vote is recorded."))


@never_cache
def live_checkin(request: HttpRequest, slug: str, pk: int, token: str) -> HttpResponse:
    """Where the projector's QR code leads: confirm to check yourself in."""
    meeting = _meeting_of(slug, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    valid = live_tokens.checkin_token_valid(meeting, token)
    if request.method == "POST":
        if not request.user.has_perm("consultation.check_in_self", meeting):
            raise PermissionDenied
        try:
            live_services.self_check_in(user=request.user, meeting=meeting, token=token)
        except ValidationError as error:
            _show_error(request, error)
            return redirect("consultation:live-participant", slug, meeting.pk)
        messages.success(request, _("You are checked in. Welcome!"))
        return redirect("consultation:live-participant", slug, meeting.pk)
    return render_community(
        request,
        meeting.community,
        "consultation/live_checkin.html",
        {
            "meeting": meeting,
            "valid": valid,
            "allowed": request.user.has_perm("consultation.check_in_self", meeting),
        },
        nav_key="consultations",
    )


def _projector_allowed(request: HttpRequest, meeting: Meeting) -> bool:
    return live_tokens.projector_key_valid(
        meeting, request.GET.get("key")
    ) or request.user.has_perm("consultation.view_projector", meeting)


@never_cache
def live_projector(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Large type, high contrast: for the room's screen (committee or secret link)."""
    meeting = _meeting_of(slug, pk)
    if not _projector_allowed(request, meeting):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    key = request.GET.get("key", "")
    qr_url = reverse("consultation:live-qr", args=[slug, meeting.pk])
    return render(
        request,
        "consultation/live_projector.html",
        {
            "community": meeting.community,
            "meeting": meeting,
            "state": live_selectors.snapshot(meeting.pk),
            "qr_url": qr_url + (f"?key={key}" if key else ""),
            "ws_url": _ws_path(
                meeting,
                "projector",
                key if live_tokens.projector_key_valid(meeting, key) else "",
            ),
        },
    )


@never_cache
def live_qr(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The current check-in QR code as SVG (the token changes every minute)."""
    meeting = _meeting_of(slug, pk)
    if not _projector_allowed(request, meeting):
        raise PermissionDenied
    url = request.build_absolute_uri(live_tokens.checkin_url(meeting))
    return HttpResponse(live_tokens.qr_svg(url), content_type="image/svg+xml")
