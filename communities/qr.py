"""QR codes as data: URIs (a foundation helper): the volunteers' check-in code and
certificates, the assistance 直通车 poster."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (img-src allows data:)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
