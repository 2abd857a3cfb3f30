"""The step of every open trajectory is derived from its facts (stepping.py), replacing the
steps that were clicked by hand."""

from django.db import migrations
from django.utils import timezone


def derive_steps(apps, schema_editor):
    from werkplek.trajectories.stepping import derived_step, facts_of, with_step_facts

    trajectory = apps.get_model("trajectories", "Trajectory")
    open_statuses = ("draft", "preparing", "ready", "running", "finishing")
    rows = with_step_facts(
        trajectory.objects.filter(status__in=open_statuses), timezone.localdate(), apps.get_model
    )
    changed = []
    for row in rows.iterator(chunk_size=2000):
        step = derived_step(facts_of(row))
        if step != row.step:
            row.step = step
            changed.append(row)
    trajectory.objects.bulk_update(changed, ["step"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0004_trajectory_step_by_hand"),
        ("intake", "0001_initial"),
        ("followup", "0001_initial"),
        ("evaluations", "0001_initial"),
    ]

    operations = [migrations.RunPython(derive_steps, migrations.RunPython.noop)]
