from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "werkplek.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, Membership
        from werkplek.core.extensions import register_trajectory_tab
        from werkplek.documents import rules  # noqa: F401  (registers the checklist rules)
        from werkplek.documents.events import DOCUMENT_EVENT_TEXTS
        from werkplek.documents.selectors import document_events_hidden_from
        from werkplek.trajectories.events import EVENT_TEXTS, register_event_filter

        EVENT_TEXTS.update(DOCUMENT_EVENT_TEXTS)
        register_event_filter(document_events_hidden_from)
        register_trajectory_tab(
            _("Documents"),
            "documents:trajectory",
            roles=(*MENTORING_ROLES, Membership.Role.TRAINEE),
            order=40,
        )
