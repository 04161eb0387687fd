"""Background tasks of the volunteers app."""

from __future__ import annotations

from django.tasks import task


@task
def send_shift_reminders() -> int:
    """Periodic job (every 15 minutes): the 24-hour shift reminders, each sent once."""
    from volunteers.record_services import send_shift_reminders as send

    return send()
