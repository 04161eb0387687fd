"""What notifications registers when Django starts: its own notification kind,
the digest schedules and the personal-data collector and anonymiser."""

from __future__ import annotations

from datetime import time

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import register_anonymiser, register_collector
from notifications import kinds, personal_data, scheduling
from notifications.models import Delivery
from notifications.tasks import send_digests

# Monday, 07:00 site time (settings.TIME_ZONE, Asia/Shanghai by default).
DIGEST_TIME = time(7, 0)
MONDAY = 0


def register() -> None:
    """Called from NotificationsConfig.ready()."""
    kinds.register("system", _("Announcements from the platform"), Delivery.INSTANT)
    scheduling.register(
        "notifications.daily_digest",
        send_digests,
        daily_at=DIGEST_TIME,
        kwargs={"period": Delivery.DAILY.value},
    )
    scheduling.register(
        "notifications.weekly_digest",
        send_digests,
        daily_at=DIGEST_TIME,
        weekday=MONDAY,
        kwargs={"period": Delivery.WEEKLY.value},
    )
    register_collector("notifications", personal_data.collect)
    register_anonymiser(personal_data.anonymise)
