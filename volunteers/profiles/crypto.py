"""Volunteer ID numbers at rest: the platform's field encryption
(`accounts.crypto`, keys from FIELD_ENCRYPTION_KEYS), under the names the
volunteer code uses. Tokens written before it used those keys still read:
`accounts.crypto` keeps the old SECRET_KEY-derived key for reading."""

from __future__ import annotations

from accounts.crypto import decrypt, encrypt
from accounts.crypto import mask_id_number as mask

__all__ = ["decrypt", "encrypt", "mask"]
