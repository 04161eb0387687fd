from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("social assistance")

    def ready(self) -> None:
        from assistance import registration, rules  # noqa: F401  (rules: the permissions)

        registration.register()
        registration.connect()
