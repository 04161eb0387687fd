"""Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS
(docs/deploy.md, "Rotating the field encryption key")."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.crypto import rotate_stored_values
from audit.services import record


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored encrypted value with the first key of "
        "FIELD_ENCRYPTION_KEYS; run after putting a new key first."
    )

    def handle(self, *args, **options) -> None:
        counts = rotate_stored_values()
        record(actor=None, action="accounts.field_keys_rotated", data=counts)
        self.stdout.write(
            f"Re-encrypted {counts['rewritten']} rows; "
            f"{counts['unreadable']} values no key can read were left as they are."
        )
        if counts["unreadable"]:
            self.stderr.write(
                "Some values could not be read with any key: keep the old keys "
                "until you know why."
            )
