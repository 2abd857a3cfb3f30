from django.utils.translation import gettext_lazy as _

INTAKE_EVENT_TEXTS = {
    "intake.application.recorded": _("Application recorded (received on %(received_on)s)"),
    "intake.application.updated": _("Application changed"),
    "intake.meeting.planned": _("%(meeting)s planned on %(at)s"),
    "intake.meeting.updated": _("%(meeting)s of %(at)s changed"),
    "intake.meeting.held": _("%(meeting)s of %(at)s held"),
    "intake.meeting.cancelled": _("%(meeting)s of %(at)s cancelled"),
    "intake.preparation.saved": _("Operational preparation saved"),
}
