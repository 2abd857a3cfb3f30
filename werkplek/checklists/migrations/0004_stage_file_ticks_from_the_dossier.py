"""The stagemap item ("stagemapjes") ticks itself when the dossier is kept (rule
`dossier_kept`). Templates and trajectories copied before get the rule too; an item someone
already ticked or waived by hand keeps its state and stays a manual item."""

from django.db import migrations


def forwards(apps, schema_editor):
    TemplateItem = apps.get_model("checklists", "TemplateItem")
    ChecklistItem = apps.get_model("checklists", "ChecklistItem")
    TemplateItem.objects.filter(code="stage_file", rule="").update(rule="dossier_kept")
    ChecklistItem.objects.filter(code="stage_file", rule="", state="open").update(
        rule="dossier_kept"
    )


def backwards(apps, schema_editor):
    TemplateItem = apps.get_model("checklists", "TemplateItem")
    ChecklistItem = apps.get_model("checklists", "ChecklistItem")
    TemplateItem.objects.filter(code="stage_file", rule="dossier_kept").update(rule="")
    ChecklistItem.objects.filter(code="stage_file", rule="dossier_kept").update(rule="")


class Migration(migrations.Migration):
    dependencies = [("checklists", "0003_trajectory_state_due_index")]

    operations = [migrations.RunPython(forwards, backwards)]
