"""The "mine" page (我的): one person's own things, one block per app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communities import home


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "communities/mine.html", {"blocks": home.mine_for(request.user)}
    )
