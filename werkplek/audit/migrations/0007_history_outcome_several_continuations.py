"""The history of outcome decisions follows the model: one flag per continuation. A past
version's one choice becomes its flag; the course it named stays readable as its course."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    History = apps.get_model("audit", "HistoricalOutcomeDecision")
    Course = apps.get_model("evaluations", "Course")
    names = dict(Course.objects.values_list("pk", "name"))
    for row in History.objects.all().iterator():
        row.contract = row.decision == "contract"
        row.continue_training = row.decision == "continue"
        row.stop = row.decision == "stop"
        if row.course_id is not None and not row.course_other:
            row.course_other = names.get(row.course_id, "")
        row.save()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_history_of_log_entries"),
        ("evaluations", "0005_outcome_several_continuations"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaloutcomedecision",
            name="contract",
            field=models.BooleanField(default=False, verbose_name="sign a contract"),
        ),
        migrations.AddField(
            model_name="historicaloutcomedecision",
            name="continue_training",
            field=models.BooleanField(default=False, verbose_name="continue the training"),
        ),
        migrations.AddField(
            model_name="historicaloutcomedecision",
            name="stop",
            field=models.BooleanField(default=False, verbose_name="stop"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicaloutcomedecision",
            name="decision",
            field=models.CharField(blank=True, default="", max_length=12, verbose_name="decision"),
        ),
        migrations.RemoveField(model_name="historicaloutcomedecision", name="decision"),
        migrations.RemoveField(model_name="historicaloutcomedecision", name="course"),
    ]
