from django.utils.translation import gettext_lazy as _

PRINTING_EVENT_TEXTS = {
    "printing.workstation_sheet.saved": _("Workstation sheet (werkpostfiche) saved"),
}
