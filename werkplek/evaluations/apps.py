from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def decision_sentences(params: dict) -> str:
    """The outcome decision: its sentences, each in the reader's language."""
    from werkplek.core.i18n import render_coded

    return " ".join(render_coded(part) for part in params.get("parts", []))


class EvaluationsConfig(AppConfig):
    name = "werkplek.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from werkplek.evaluations import obligations

        obligations.register()
        from werkplek.audit.gdpr import register_person_eraser
        from werkplek.evaluations.gdpr import evaluations_erase_person

        register_person_eraser(evaluations_erase_person)
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
        from werkplek.core.extensions import register_nav, register_trajectory_tab
        from werkplek.core.i18n import CODED_TEXTS
        from werkplek.evaluations import (
            gate,  # noqa: F401  (registers the close guard)
            notify,
            rules,  # noqa: F401  (registers the checklist rules)
        )
        from werkplek.evaluations.services import (
            ACTION_POINTS_REASON,
            CONTINUE_NOTE,
            CONTRACT_NOTE,
            COURSES_NOTE,
            OUTCOME_NOTE,
            STOP_NOTE,
        )
        from werkplek.trajectories.events import EVENT_TEXTS

        trainee = (Membership.Role.TRAINEE,)
        register_nav(_("My evaluations"), "evaluations:mine", roles=trainee, order=32)
        register_nav(_("Outcomes"), "evaluations:outcomes", roles=STAFF_ROLES, order=70)
        register_trajectory_tab(
            _("Evaluations"), "evaluations:list", roles=(*MENTORING_ROLES, *trainee), order=45
        )
        EVENT_TEXTS.update(
            {
                "evaluations.evaluation.scheduled": _("%(kind)s scheduled on %(date)s"),
                "evaluations.evaluation.held": _("%(kind)s held on %(date)s"),
                "evaluations.evaluation.signed": _("%(kind)s signed by %(name)s (%(party)s)"),
                "evaluations.evaluation.signed_on_behalf": _(
                    "%(kind)s signed by %(who)s on behalf of %(name)s (%(party)s): %(reason)s"
                ),
                "evaluations.evaluation.locked": _("%(kind)s signed by everyone and locked"),
                "evaluations.evaluation.corrected": _(
                    "%(kind)s corrected: version %(version)s (%(reason)s)"
                ),
                "evaluations.evaluation.change_refused": _(
                    "Refused: a change to the signed %(kind)s (%(attempt)s)"
                ),
                "evaluations.action_point.planned": _(
                    "Action point added to the opleidingsplan (version %(version)s): %(text)s"
                ),
                "evaluations.action_point.kept": _("Action point kept: %(text)s"),
                "evaluations.action_point.not_kept": _("Action point not kept: %(text)s"),
                "evaluations.outcome.recorded": _(
                    "Decision after the final evaluation: %(decision)s"
                ),
            }
        )
        CODED_TEXTS.update(
            {
                ACTION_POINTS_REASON: _("Action points of the %(kind)s of %(date)s"),
                CONTRACT_NOTE: _("Contract (%(type)s) from %(date)s."),
                CONTINUE_NOTE: _("The training continues."),
                COURSES_NOTE: _("Additional training: %(courses)s."),
                STOP_NOTE: _("The training stops: %(reason)s."),
                OUTCOME_NOTE: decision_sentences,
            }
        )
        notify.register()
        from werkplek.evaluations import action_obligations

        action_obligations.register()
