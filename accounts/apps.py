from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("accounts")

    def ready(self) -> None:
        from accounts import collectors
        from accounts.personal_data import register_collector

        register_collector("account", collectors.collect_user)
        register_collector("email_addresses", collectors.collect_email_addresses)
        register_collector("login_methods", collectors.collect_login_methods)
