"""Background tasks of volunteering."""

from __future__ import annotations

from django.tasks import task

from volunteers.shifts import services


@task
def send_shift_reminders() -> int:
    """Periodic job (every 15 minutes): the 24-hour shift reminders, each sent once."""
    return services.send_shift_reminders()
