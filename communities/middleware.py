"""Path ids past the database's range answer 404 (a foundation middleware).

`<int:pk>` accepts any run of digits; an id such as 2**63 names nothing, and SQLite
cannot even bind it (OverflowError, a 500). One check here covers every view."""

from __future__ import annotations

from django.http import Http404

from communities.forms import MAX_ID


class IdRangeMiddleware:
    """Answers 404 for a URL whose `<int:...>` id is past what an id column holds:
    such an id names nothing, and SQLite cannot even bind it (OverflowError)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(v, int) and not -MAX_ID <= v <= MAX_ID for v in values):
            raise Http404("id out of range")
        return None
