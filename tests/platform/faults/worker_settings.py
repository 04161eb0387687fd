"""Settings for the worker and scheduler processes the fault tests start.

The test settings, plus what a real background process has: the database task
backend, SMTP to the test's mail server, persistent connections like production,
and the test's own database (FAULTS_DB_NAME) and timeouts.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["FAULTS_DB_NAME"]
DATABASES["default"]["CONN_MAX_AGE"] = 60
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "127.0.0.1",
            "port": int(os.environ.get("FAULTS_SMTP_PORT", "25")),
            "use_tls": False,
            "timeout": 60,
        },
    }
}
NOTIFICATION_EMAIL_CLAIM_SECONDS = int(
    os.environ.get("FAULTS_EMAIL_CLAIM_SECONDS", "300")
)
