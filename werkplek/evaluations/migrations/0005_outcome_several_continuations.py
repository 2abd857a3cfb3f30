"""An outcome decision takes several continuations together (a contract, continuing the
training, courses from the catalogue, another course) or stop. Each existing decision keeps
what it said: its one choice becomes the matching flag, its course the one course chosen."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    OutcomeDecision = apps.get_model("evaluations", "OutcomeDecision")
    for row in OutcomeDecision.objects.all().iterator():
        row.contract = row.decision == "contract"
        row.continue_training = row.decision == "continue"
        row.stop = row.decision == "stop"
        row.save(update_fields=["contract", "continue_training", "stop"])
        if row.course_id is not None:
            row.courses.add(row.course_id)


def backwards(apps, schema_editor):
    OutcomeDecision = apps.get_model("evaluations", "OutcomeDecision")
    for row in OutcomeDecision.objects.all().iterator():
        first = row.courses.order_by("pk").first()
        if row.contract:
            row.decision = "contract"
        elif row.continue_training:
            row.decision = "continue"
        elif row.stop:
            row.decision = "stop"
        else:
            row.decision = "additional"
        row.course = first if row.decision == "additional" else None
        row.save(update_fields=["decision", "course"])


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0004_signature_acknowledges_plan_version")]

    operations = [
        migrations.RemoveConstraint(model_name="outcomedecision", name="outcome_decision_valid"),
        # A default, so that the column removed next can be added back when migrating back.
        migrations.AlterField(
            model_name="outcomedecision",
            name="decision",
            field=models.CharField(
                blank=True,
                default="",
                choices=[
                    ("contract", "Sign a contract"),
                    ("continue", "Continue the training"),
                    ("additional", "Additional training"),
                    ("stop", "Stop"),
                ],
                max_length=12,
                verbose_name="decision",
            ),
        ),
        migrations.AddField(
            model_name="outcomedecision",
            name="contract",
            field=models.BooleanField(default=False, verbose_name="sign a contract"),
        ),
        migrations.AddField(
            model_name="outcomedecision",
            name="continue_training",
            field=models.BooleanField(default=False, verbose_name="continue the training"),
        ),
        migrations.AddField(
            model_name="outcomedecision",
            name="stop",
            field=models.BooleanField(default=False, verbose_name="stop"),
        ),
        migrations.AddField(
            model_name="outcomedecision",
            name="courses",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="evaluations.course",
                verbose_name="additional courses",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
