"""A test SMS sender that records messages instead of sending them."""

import re

outbox: list[dict[str, str]] = []


class RecordingSmsSender:
    def send(self, *, phone: str, message: str) -> None:
        outbox.append({"phone": phone, "message": message})


def last_code(phone: str) -> str:
    """The verification code in the latest message to `phone`."""
    for sent in reversed(outbox):
        if sent["phone"] == phone:
            match = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", sent["message"])
            assert match, sent["message"]
            return match.group(1)
    raise AssertionError(f"No SMS to {phone}: {outbox!r}")
