"""Sentences the system wrote are stored as codes with parameters (or labels in every language),
so each reader sees them in their own language.

- A trajectory's outcome note "Contract (<type>) from <date>." (in any of our languages) becomes
  `outcome_note_coded`; any other note stays as typed.
- Timeline events that stored a label in the writer's language (the evaluation's kind, the
  signing party, the outcome, the decision, the way the planning was given) get the label in
  every language; a plan change reason "Action points of …" becomes its code.
Text that cannot be mapped back stays as it was.
"""

from django.db import migrations, models

CONTRACT_NOTE = "evaluations.outcome_note.contract"
ACTION_POINTS_REASON = "evaluations.plan_reason.action_points"


def _iso(text: str) -> str | None:
    day, month, year = (text.split("/") + ["", ""])[:3]
    return f"{year}-{month}-{day}" if (day + month + year).isdigit() else None


def _label_fields():
    from django.utils.translation import gettext_lazy as _

    from werkplek.evaluations.models import Evaluation, Signature
    from werkplek.plans.models import PlanDispatch
    from werkplek.trajectories.models import Outcome

    class Decision(models.TextChoices):  # the one choice a decision had then
        CONTRACT = "contract", _("Sign a contract")
        CONTINUE = "continue", _("Continue the training")
        ADDITIONAL = "additional", _("Additional training")
        STOP = "stop", _("Stop")

    return {
        "kind": Evaluation.Kind,
        "party": Signature.Party,
        "decision": Decision,
        "outcome": Outcome,
        "method": PlanDispatch.Method,
    }


def texts_to_codes(apps, schema_editor):
    from werkplek.core.i18n import CODED_TEXTS, coded, label_in, sentence_params

    Trajectory = apps.get_model("trajectories", "Trajectory")
    contract = CODED_TEXTS[CONTRACT_NOTE]
    for trajectory in Trajectory.objects.exclude(outcome_note=""):
        params = sentence_params(contract, trajectory.outcome_note)
        date = _iso(params["date"]) if params else None
        if date:
            trajectory.outcome_note = ""
            trajectory.outcome_note_coded = coded(CONTRACT_NOTE, type=params["type"], date=date)
            trajectory.save(update_fields=["outcome_note", "outcome_note_coded"])

    TrajectoryEvent = apps.get_model("trajectories", "TrajectoryEvent")
    fields = _label_fields()
    reason = CODED_TEXTS[ACTION_POINTS_REASON]
    prefixes = ("evaluations.", "plans.", "trajectories.trajectory.closed")
    events = TrajectoryEvent.objects.filter(
        models.Q(action__startswith=prefixes[0])
        | models.Q(action__startswith=prefixes[1])
        | models.Q(action=prefixes[2])
    )
    for event in events.iterator():
        data, changed = dict(event.data), False
        for key, choices in fields.items():
            if isinstance(data.get(key), str) and (labels := label_in(choices, data[key])):
                data[key], changed = labels, True
        if event.action == "plans.version.revised" and isinstance(data.get("reason"), str):
            params = sentence_params(reason, data["reason"])
            kind = label_in(fields["kind"], params["kind"]) if params else None
            date = _iso(params["date"]) if params else None
            if kind and date:
                kind = {code: label.lower() for code, label in kind.items()}
                data["reason"], changed = coded(ACTION_POINTS_REASON, kind=kind, date=date), True
        if changed:
            event.data = data
            event.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0002_trajectory_traj_org_updated_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="trajectory",
            name="outcome_note_coded",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(texts_to_codes, migrations.RunPython.noop),
    ]
