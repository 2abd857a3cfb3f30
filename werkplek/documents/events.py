from django.utils.translation import gettext_lazy as _

DOCUMENT_EVENT_TEXTS = {
    "documents.document.uploaded": _("Document added: %(title)s"),
    "documents.document.generated": _("Generated document kept: %(title)s (version %(version)s)"),
    "documents.document.deleted": _("Document deleted: %(title)s"),
    "documents.slot.updated": _("%(slot)s: %(status)s"),
}
