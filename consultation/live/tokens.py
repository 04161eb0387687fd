"""The rotating check-in token, the projector key and their QR codes."""

from __future__ import annotations

import base64
import io
import time

import qrcode
import qrcode.image.svg
from django.core import signing
from django.urls import reverse

from consultation.meetings.models import Meeting

# The check-in QR code's token changes every TOKEN_STEP seconds; a token is accepted
# for TOKEN_MAX_AGE seconds (the code on the screen and the one just before it).
TOKEN_STEP = 60
TOKEN_MAX_AGE = 2 * TOKEN_STEP


# ---------------------------------------------------------------------------
# Signed tokens: the rotating check-in code and the projector's secret link
# ---------------------------------------------------------------------------
def _checkin_salt(meeting: Meeting) -> str:
    return f"consultation.live.checkin.{meeting.uid}"


def checkin_token(meeting: Meeting, now: float | None = None) -> str:
    """The token in the QR code right now (changes every TOKEN_STEP seconds)."""
    step = int((now if now is not None else time.time()) // TOKEN_STEP)
    signer = signing.TimestampSigner(salt=_checkin_salt(meeting))
    # The timestamp is the step's start, so everyone in one step gets one token.
    return signer.sign_object({"m": meeting.pk, "s": step})


def checkin_token_valid(meeting: Meeting, token: str) -> bool:
    signer = signing.TimestampSigner(salt=_checkin_salt(meeting))
    try:
        data = signer.unsign_object(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("m") == meeting.pk


def checkin_url(meeting: Meeting, now: float | None = None) -> str:
    return reverse(
        "consultation:live-checkin",
        args=[meeting.community.slug, meeting.pk, checkin_token(meeting, now)],
    )


def projector_key(meeting: Meeting) -> str:
    """The projector's secret link key: for a screen nobody signs in on."""
    return signing.Signer(salt=f"consultation.live.projector.{meeting.uid}").sign(
        str(meeting.pk)
    )


def projector_key_valid(meeting: Meeting, key: str | None) -> bool:
    if not key:
        return False
    signer = signing.Signer(salt=f"consultation.live.projector.{meeting.uid}")
    try:
        return signer.unsign(key) == str(meeting.pk)
    except signing.BadSignature:
        return False


def qr_svg(text: str) -> bytes:
    """A QR code of `text` as SVG, made on the site (no outside service)."""

    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_data_uri(text: str) -> str:
    """The same QR code as an inline data URI (the CSP allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text)).decode()
