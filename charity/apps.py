from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharityConfig(AppConfig):
    name = "charity"
    verbose_name = _("charity")

    def ready(self) -> None:
        from charity import registration, rules  # noqa: F401  (rules: the permissions)

        registration.register()
        registration.connect()
