from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "pairing"
    verbose_name = _("paired regions")

    def ready(self) -> None:
        from pairing import registration, rules  # noqa: F401  (rules: the permissions)

        registration.register()
