"""The officer's own page of API tokens: make one (its secret shown once), see
when each was last used, revoke one."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from communities.views import refusal
from opendata.tokens import selectors, services
from opendata.tokens.forms import TokenForm

PERM = "opendata.manage_tokens"
TEMPLATE = "opendata/tokens.html"


def _page(request, form, secret="", status=200) -> HttpResponse:
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "secret": secret,
            "tokens": list(selectors.tokens_of(request.user)),
        },
        status=status,
    )


def tokens(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(PERM):
        return refusal(request, PERM, None)
    if request.method == "POST":
        form = TokenForm(request.POST)
        if not form.is_valid():
            return _page(request, form, status=400)
        _token, secret = services.create_token(
            owner=request.user, name=form.cleaned_data["name"]
        )
        response = _page(request, TokenForm(), secret=secret)
        response["Cache-Control"] = "no-store"
        return response
    return _page(request, TokenForm())


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(PERM):
        return refusal(request, PERM, None)
    token = selectors.tokens_of(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    services.revoke_token(owner=request.user, token=token)
    return redirect("opendata:tokens")
