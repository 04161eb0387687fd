"""Encryption at rest for sensitive personal data (个人信息保护法 Art. 51): ID
numbers, income, property, health, disability and bank accounts.

Keys come from the environment: `FIELD_ENCRYPTION_KEYS`, a comma-separated list of
Fernet keys (`python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`). The first key encrypts; every key
decrypts, so a key is rotated by putting a new one first, running
`manage.py rotate_field_keys` (re-encrypts every stored value with the first key),
then dropping the old one (docs/deploy.md). Without the setting (development and
tests only; production refuses to start) a key is derived from SECRET_KEY.

`EncryptedTextField` stores the token and hands back the plain text; it cannot be
filtered or ordered on, by design.
"""

from __future__ import annotations

import base64
import hashlib
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection, models, transaction

_DEV_CONTEXT = b"gongzhi.field-encryption"
# Keys volunteer ID numbers were encrypted with before this module existed (derived
# from SECRET_KEY); kept last, for reading only, so those tokens still read.
_LEGACY_CONTEXTS = (b"gongzhi.volunteers.id-number",)


def _derived(context: bytes) -> str:
    digest = hashlib.sha256(context + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@cache
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k]
    if not keys:
        keys = [_derived(_DEV_CONTEXT)]
    keys += [_derived(context) for context in _LEGACY_CONTEXTS]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting in ("FIELD_ENCRYPTION_KEYS", "SECRET_KEY"):
        _fernet.cache_clear()


setting_changed.connect(_forget_keys)


def encrypt(value: str) -> str:
    """An opaque token for the value; empty stays empty."""
    if not value:
        return ""
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The value behind a token, or "" when it is empty or no key can read it."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def rotate(token: str) -> str:
    """The same value encrypted with the current (first) key."""
    if not token:
        return ""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        return token


def mask_id_number(value: str) -> str:
    """1101**********1234: the first and last four characters stay visible."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_tail(value: str, keep: int = 4) -> str:
    """****1234: only the last `keep` characters (bank accounts, phone numbers)."""
    if not value:
        return ""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code sees the plain text."""

    description = "Text encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(str(value))


class EncryptedDecimalField(EncryptedTextField):
    """A money amount stored encrypted; Python code sees a Decimal (or None)."""

    description = "Decimal encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return self.to_python(super().from_db_value(value, expression, connection))

    def to_python(self, value: Any) -> Any:
        if value is None or value == "" or isinstance(value, Decimal):
            return value if value != "" else None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms  # late: model modules do not import forms

        return forms.DecimalField(
            max_digits=12, decimal_places=2, min_value=0, **kwargs
        )


class TokenTextField(models.TextField):
    """Text that already holds a token made by `encrypt` (the code calls
    `decrypt` itself, as the volunteer profiles do); key rotation covers it."""

    description = "Token made by accounts.crypto.encrypt"


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and their names (for key rotation)."""
    found = []
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField | TokenTextField)
        ]
        if names:
            found.append((model, names))
    return found


def _unreadable(token: str) -> bool:
    try:
        _fernet().decrypt(token.encode())
    except InvalidToken:
        return True
    return False


def rotate_stored_values(batch: int = 500) -> dict[str, int]:
    """Re-encrypt every stored encrypted value with the first key.

    Reads and writes the raw columns with SQL: the ORM would decrypt on read
    (`from_db_value`) and encrypt again on write (`get_prep_value`). One
    transaction per table. Returns counts: rows rewritten and values no key
    can read (left as they are).
    """
    rewritten = unreadable = 0
    for model, names in encrypted_fields():
        meta = model._meta
        quote = connection.ops.quote_name
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        columns = [quote(meta.get_field(name).column) for name in names]
        select = f"SELECT {pk}, {', '.join(columns)} FROM {table} ORDER BY {pk}"  # noqa: S608 - names from the model, quoted
        assign = ", ".join(f"{c} = %s" for c in columns)
        update = f"UPDATE {table} SET {assign} WHERE {pk} = %s"  # noqa: S608 - names from the model, quoted
        with transaction.atomic(), connection.cursor() as reader:
            reader.execute(select)
            changes = []
            while rows := reader.fetchmany(batch):
                for row_pk, *tokens in rows:
                    fresh = [rotate(t) if t else t for t in tokens]
                    unreadable += sum(1 for t in tokens if t and _unreadable(t))
                    if fresh != list(tokens):
                        changes.append([*fresh, row_pk])
            with connection.cursor() as writer:
                for params in changes:
                    writer.execute(update, params)
            rewritten += len(changes)
    return {"rewritten": rewritten, "unreadable": unreadable}
