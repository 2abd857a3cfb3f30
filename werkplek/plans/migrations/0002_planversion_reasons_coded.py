"""A plan version's reasons given by the system are stored as codes with parameters.

Existing reasons that are the sentence "Action points of the <kind> of <date>" in any of our
languages become that code; anything else stays as the typed reason.
"""

from django.db import migrations, models


def reasons_to_codes(apps, schema_editor):
    from werkplek.core.i18n import CODED_TEXTS, coded, label_in, sentence_params
    from werkplek.evaluations.models import Evaluation

    template = CODED_TEXTS["evaluations.plan_reason.action_points"]
    PlanVersion = apps.get_model("plans", "PlanVersion")
    for version in PlanVersion.objects.exclude(reason=""):
        typed, found = [], []
        for line in version.reason.splitlines():
            params = sentence_params(template, line)
            kind = label_in(Evaluation.Kind, params["kind"]) if params else None
            day, month, year = params["date"].split("/") if params else ("", "", "")
            if kind is None or not (day + month + year).isdigit():
                typed.append(line)
                continue
            found.append(
                coded(
                    "evaluations.plan_reason.action_points",
                    kind={code: label.lower() for code, label in kind.items()},
                    date=f"{year}-{month}-{day}",
                )
            )
        if found:
            version.reason, version.reasons_coded = "\n".join(typed).strip(), found
            version.save(update_fields=["reason", "reasons_coded"])


def codes_to_reasons(apps, schema_editor):
    from werkplek.core.i18n import render_coded

    PlanVersion = apps.get_model("plans", "PlanVersion")
    for version in PlanVersion.objects.exclude(reasons_coded=[]):
        parts = [version.reason, *(render_coded(entry) for entry in version.reasons_coded)]
        version.reason = "\n".join(part for part in parts if part)
        version.save(update_fields=["reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="planversion",
            name="reasons_coded",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(reasons_to_codes, codes_to_reasons),
    ]
