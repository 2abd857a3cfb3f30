from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "werkplek.competences"
    label = "competences"
    verbose_name = _("Competences")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES
        from werkplek.competences import rules  # noqa: F401  (registers the checklist rule)
        from werkplek.core.extensions import register_nav
        from werkplek.trajectories.events import EVENT_TEXTS

        register_nav(_("Competences"), "competences:list", roles=MENTORING_ROLES, order=70)
        EVENT_TEXTS.update(
            {
                "competences.baseline.saved": _(
                    "Competences mapped at intake: %(count)s of %(total)s"
                ),
            }
        )
