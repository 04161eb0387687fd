"""The personal calendar: the "Your calendar" page and the secret iCal feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import calendar


def ics_response(body: str, filename: str, *, attachment: bool) -> HttpResponse:
    """An iCalendar HTTP response (apps' one-event downloads use it too)."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The person's secret feed URL; POST gives it a new one (any signed-in person)."""
    if request.method == "POST":
        calendar.reset_feed(user=request.user)
        messages.success(
            request,
            _("Your calendar has a new address. The old address no longer works."),
        )
        return redirect("calendar:page")
    feed = calendar.feed_for(request.user)
    url = request.build_absolute_uri(reverse("calendar:feed", args=[feed.token]))
    return render(request, "notifications/calendar.html", {"feed_url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A personal iCal feed; the secret token in the URL is the only key."""
    feed = calendar.feed_by_token(token)
    if feed is None:
        raise Http404
    body = calendar.to_ical(
        calendar.events_for(feed.user),
        name=_("Gongzhi: my calendar"),
        absolute=request.build_absolute_uri,
    )
    response = ics_response(body, "gongzhi.ics", attachment=False)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
