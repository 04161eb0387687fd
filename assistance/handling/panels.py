"""The staff desk's panels on the case page: accept, ask for missing items (once),
extend the deadline (once)."""

from __future__ import annotations

from typing import Any

from assistance.cases.models import MissingItemsRequest
from assistance.cases.panels import Panel
from assistance.handling.forms import ExtendForm, MissingItemsForm
from assistance.handling.pages import kept_form


def accept_context(request: Any, case: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("assistance.accept_case", case):
        return None
    return {}


def missing_context(request: Any, case: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("assistance.request_missing_items", case):
        return None
    already = MissingItemsRequest.objects.filter(case=case).first()
    form = kept_form(request, "missing") or MissingItemsForm()
    return {"already": already, "form": form}


def extend_context(request: Any, case: Any) -> dict[str, Any] | None:
    if case.extension_reason or not request.user.has_perm(
        "assistance.extend_deadline", case
    ):
        return None
    return {"form": kept_form(request, "extend") or ExtendForm()}


PANELS = (
    Panel(
        key="accept",
        template="assistance/handling/_accept.html",
        context=accept_context,
        order=10,
    ),
    Panel(
        key="missing-items",
        template="assistance/handling/_missing_items.html",
        context=missing_context,
        order=11,
    ),
    Panel(
        key="extend",
        template="assistance/handling/_extend.html",
        context=extend_context,
        order=90,
    ),
)
