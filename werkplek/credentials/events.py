from django.utils.translation import gettext_lazy as _

CREDENTIAL_EVENT_TEXTS = {
    "credentials.credential.recorded": _("Credential recorded: %(type)s"),
    "credentials.credential.updated": _("Credential changed: %(type)s"),
    "credentials.credential.verified": _("Credential verified: %(type)s"),
    "credentials.credential.deleted": _("Credential deleted: %(type)s"),
}
