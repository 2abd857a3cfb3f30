"""The candidates' search key (accent-insensitive name search), filled for existing rows, and
the index that serves LIKE '%word%' on it: a trigram GIN index on PostgreSQL (pg_trgm), a
narrow covering index (organisation, search_key) on SQLite, which then scans the index and not
the table. The indexes are database-specific, so they are created here and not in Meta."""

from django.db import migrations, models

from werkplek.core.search import search_key

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS cand_search_trgm_idx "
    "ON candidates_candidate USING gin (search_key gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS cand_search_trgm_idx"]
SQLITE_CREATE = [
    "CREATE INDEX IF NOT EXISTS cand_org_search_idx "
    "ON candidates_candidate (organisation_id, search_key)"
]
SQLITE_DROP = ["DROP INDEX IF EXISTS cand_org_search_idx"]


def fill_search_keys(apps, schema_editor):
    Candidate = apps.get_model("candidates", "Candidate")
    changed = []
    for candidate in Candidate.objects.only("first_name", "last_name", "email").iterator(2000):
        candidate.search_key = search_key(candidate.first_name, candidate.last_name, candidate.email)
        changed.append(candidate)
        if len(changed) == 2000:
            Candidate.objects.bulk_update(changed, ["search_key"])
            changed = []
    Candidate.objects.bulk_update(changed, ["search_key"])


def _run(schema_editor, statements: dict) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_indexes(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_CREATE, "sqlite": SQLITE_CREATE})


def drop_indexes(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0002_candidate_cand_org_updated_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="search_key",
            field=models.CharField(blank=True, editable=False, max_length=400),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
