"""Timeline events about a document record whether it was for coordinators only, so that the
timeline hides them from whoever may not see that document (issue 19). Earlier events get the
flag from the document, or from its history when it was deleted since; an event whose document
cannot be found stays hidden from mentors and trainees (the flag is left out)."""

from django.db import migrations

ACTIONS = (
    "documents.document.uploaded",
    "documents.document.generated",
    "documents.document.deleted",
)


def flag_events(apps, schema_editor):
    TrajectoryEvent = apps.get_model("trajectories", "TrajectoryEvent")
    Document = apps.get_model("documents", "Document")
    HistoricalDocument = apps.get_model("audit", "HistoricalDocument")
    for event in TrajectoryEvent.objects.filter(action__in=ACTIONS).iterator():
        if "staff_only" in event.data:
            continue
        title = event.data.get("title")
        flags = set(
            Document.objects.filter(trajectory_id=event.trajectory_id, title=title).values_list(
                "staff_only", flat=True
            )
        ) | set(
            HistoricalDocument.objects.filter(
                trajectory_id=event.trajectory_id, title=title
            ).values_list("staff_only", flat=True)
        )
        if not flags:
            continue
        event.data["staff_only"] = True in flags
        event.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_generated_kinds"),
        ("trajectories", "0005_steps_follow_facts"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(flag_events, migrations.RunPython.noop)]
