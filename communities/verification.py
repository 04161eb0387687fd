"""Public verification of a certificate by its serial number (a foundation helper):
the volunteers' certificates of service hours and the committee's certificates
(出具证明) share it.

- `new_serial(prefix)`: PREFIX-XXXX-XXXX-XXXX-XXXX, 80 random bits in base32, so a
  serial cannot be guessed from another; `normalise_serial` undoes what people do
  when typing one (spaces, lower case).
- `verify_page(...)`: the look-up page for `/…/verify/` (a GET form) and
  `/…/verify/<serial>/` (where a QR code leads). Every look-up counts against a
  per-address limit (`communities.ratelimit`; 429 past it); any wrong serial gets the
  same "not found" page with the same status (404), so the page tells nothing about
  which serials exist; the answer is never cached (`private, no-store`).
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from communities.ratelimit import over_limit

VERIFY_LIMIT = 30  # look-ups per address ...
VERIFY_WINDOW = 600  # ... per ten minutes
SERIAL_MAX_LENGTH = 32


def new_serial(prefix: str = "GZ") -> str:
    """PREFIX-XXXX-XXXX-XXXX-XXXX: 80 random bits in base32 (no 0/1/8/9 confusion)."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return f"{prefix}-" + "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_serial(value: str | None) -> str:
    """A typed serial as stored: no white space, upper case, at most 32 characters."""
    return "".join((value or "").split()).upper()[:SERIAL_MAX_LENGTH]


class SerialForm(forms.Form):
    serial = forms.CharField(label=_("Serial number"), max_length=40)


def verify_page(
    request: HttpRequest,
    serial: str | None,
    *,
    scope: str,
    template: str,
    lookup: Callable[[str], Any | None],
    found: Callable[[Any], dict[str, Any]],
    limit: int = VERIFY_LIMIT,
    window: int = VERIFY_WINDOW,
) -> HttpResponse:
    """The verification page: the form alone when `serial` is None; otherwise the
    certificate `lookup(normalised serial)` finds (its context from `found`), the one
    "not found" answer (404), or the rate-limit page (429) past `limit` look-ups from
    this address in `window` seconds."""
    form = SerialForm({"serial": serial} if serial is not None else None)
    context: dict[str, Any] = {"form": form, "searched": serial is not None}
    status = 200
    if serial is not None:
        if over_limit(request, scope=scope, limit=limit, window=window):
            response = render(
                request, template, {**context, "limited": True}, status=429
            )
            response["Cache-Control"] = "private, no-store"
            return response
        certificate = lookup(normalise_serial(serial))
        if certificate is None:
            status = 404
        else:
            context.update(found(certificate))
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
