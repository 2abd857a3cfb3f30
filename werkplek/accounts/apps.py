from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkplek.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES, Membership
        from werkplek.core.extensions import register_nav

        register_nav(_("People"), "accounts:members", roles=STAFF_ROLES, order=85)
        register_nav(
            _("Organisation"), "accounts:organisation", roles=(Membership.Role.ADMIN,), order=90
        )
