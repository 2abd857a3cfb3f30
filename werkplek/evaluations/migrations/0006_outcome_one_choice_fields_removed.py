from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0005_outcome_several_continuations")]

    operations = [
        migrations.RemoveField(model_name="outcomedecision", name="decision"),
        migrations.RemoveField(model_name="outcomedecision", name="course"),
        migrations.AddConstraint(
            model_name="outcomedecision",
            constraint=models.CheckConstraint(
                condition=models.Q(("stop", False))
                | models.Q(("continue_training", False), ("contract", False)),
                name="outcome_stop_goes_alone",
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomedecision",
            constraint=models.CheckConstraint(
                condition=models.Q(("contract", False))
                | models.Q(("contract_date__isnull", False)),
                name="outcome_contract_has_date",
            ),
        ),
    ]
