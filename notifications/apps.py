from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Monday, 07:00 site time (settings.TIME_ZONE, Asia/Shanghai by default).
DIGEST_TIME = time(7, 0)
MONDAY = 0


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("notifications")

    def ready(self):
        from accounts.personal_data import register_anonymiser, register_collector
        from notifications import kinds, personal_data, scheduling
        from notifications.models import Delivery
        from notifications.tasks import send_digests

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
