"""How fast is the candidate import? Prints timings for 10,000 rows (the target: under 30 s).

    .venv/bin/python scripts/benchmark_import.py [--rows 10000] [--format xlsx|csv|both]

Runs on a throwaway SQLite database in a temporary directory, or on DATABASE_URL when it is
set (migrated; everything the benchmark writes is rolled back at the end). Measures: reading
the upload, the dry run, the real import of new candidates, and a second import of the same
file that updates every candidate.
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> bool:
    """Returns whether a throwaway SQLite database is used."""
    throwaway = not os.environ.get("DATABASE_URL")
    if throwaway:
        os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="werkplek-bench-")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplek.settings")
    import django

    django.setup()
    if throwaway:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return throwaway


def spreadsheet(rows: int, file_format: str) -> bytes:
    from werkplek.imports.tests.helpers import HEADERS, candidate_row, csv_bytes, xlsx_bytes

    table = [HEADERS, *(candidate_row(n) for n in range(rows))]
    return xlsx_bytes(table) if file_format == "xlsx" else csv_bytes(table)


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - start:6.2f} s")
    return result


def run(rows: int, file_format: str) -> float:
    from django.db import transaction
    from django.utils import translation

    from werkplek.accounts.models import Membership
    from werkplek.accounts.tests.factories import MembershipFactory, OrganisationFactory
    from werkplek.candidates.models import Candidate
    from werkplek.imports import services
    from werkplek.imports.readers import read_upload
    from werkplek.imports.tests.helpers import upload

    translation.activate("nl")
    content = spreadsheet(rows, file_format)
    print(f"{rows} rows, {file_format}, {len(content) / 1024:.0f} KiB")
    with transaction.atomic():
        key = uuid.uuid4().hex[:12]
        organisation = OrganisationFactory(slug=f"benchmark-{key}")
        boss = MembershipFactory(
            organisation=organisation,
            role=Membership.Role.COORDINATOR,
            user__email=f"benchmark-{key}@example.invalid",
        )
        total_start = time.perf_counter()
        for round_ in ("new candidates", "same file again: updates"):
            print(f" {round_}")
            table = timed(
                "read the upload", lambda: read_upload(upload(f"b.{file_format}", content))
            )
            batch = services.import_batch_create(
                organisation=organisation,
                by=boss.user,
                kind="candidates",
                file_name="b",
                table=table,
            )
            batch = timed(
                "dry run", lambda b=batch: services.import_batch_check(batch=b, mapping=b.mapping)
            )
            if round_.startswith("same"):  # make every row an update
                Candidate.objects.filter(organisation=organisation).update(city="Brugge")
            batch = timed(
                "import (one transaction)",
                lambda b=batch: services.import_batch_run(batch=b, by=boss.user),
            )
            print(f"  outcome: {batch.summary}")
        elapsed = time.perf_counter() - total_start
        print(f" total {elapsed:.2f} s")
        transaction.set_rollback(True)  # leave nothing behind
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv", "both"], default="both")
    args = parser.parse_args()
    throwaway = setup_django()
    from django.conf import settings

    print(
        f"database: {'throwaway SQLite' if throwaway else settings.DATABASES['default']['ENGINE']}"
    )
    settings.IMPORT_MAX_ROWS = max(args.rows, 20_000)
    for file_format in ["xlsx", "csv"] if args.format == "both" else [args.format]:
        run(args.rows, file_format)


if __name__ == "__main__":
    main()
