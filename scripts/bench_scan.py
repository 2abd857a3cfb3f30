"""Benchmark: the reminder scan over 100k checklist items must take seconds, not minutes.

    python scripts/bench_scan.py                 # realistic spread, throwaway SQLite file
    python scripts/bench_scan.py --all-due       # worst case: every item due or just overdue
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/werkplek_bench \
        python scripts/bench_scan.py             # PostgreSQL: the script CREATES and DROPS
                                                 # that database, so name a throwaway one

It builds 20 organisations with mentors and coordinators, 5,000 trajectories, 100,000
checklist items (20 per trajectory) and 100,000 credentials (20 per candidate, expiring from
a year ago to four years ahead) with bulk inserts, then times the whole scan (every
registered scanner) twice: the first run stores the notifications, the second must find
the same facts and store nothing. It prints the numbers; it asserts only the idempotence.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGANISATIONS = 20
MENTORS_PER_ORGANISATION = 10
ITEMS_PER_TRAJECTORY = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--credentials", type=int, default=100_000)
    parser.add_argument(
        "--all-due",
        action="store_true",
        help="every item open and due within the scan window (worst case)",
    )
    args = parser.parse_args()

    database_url = os.getenv("BENCH_DATABASE_URL", "")
    workdir = tempfile.mkdtemp(prefix="werkplek-bench-")
    if database_url:
        _recreate_postgres_database(database_url)
    else:
        database_url = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.update(DATABASE_URL=database_url, DEBUG="1", TASKS_IMMEDIATE="1", DATA_DIR=workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplek.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkplek.notifications.models import Notification
    from werkplek.notifications.services import notifications_scan

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} ({time.perf_counter() - started:.1f} s to migrate)")
        today = date(2026, 11, 25)
        started = time.perf_counter()
        counts = build(items=args.items, today=today, all_due=args.all_due)
        counts["credentials"] = build_credentials(count=args.credentials, today=today)
        print(
            f"built {counts['trajectories']:,} trajectories, {counts['items']:,} checklist items "
            f"({counts['open_in_window']:,} open and due between "
            f"{today - timedelta(days=7)} and {today + timedelta(days=3)}) "
            f"and {counts['credentials']:,} credentials in {time.perf_counter() - started:.1f} s"
        )
        for run in ("first scan", "second scan"):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = notifications_scan(today=today)
                seconds = time.perf_counter() - started
            print(
                f"{run}: {seconds:.2f} s, {len(queries.captured_queries)} queries, "
                f"{result.total_found:,} notifications found, {result.total_created:,} stored"
            )
            for code in result.found:
                print(
                    f"    {code:<22} {result.seconds[code]:6.2f} s  "
                    f"{result.found[code]:>8,} found  {result.created[code]:>8,} stored"
                )
        assert result.total_created == 0, "the second scan stored notifications again"
        print(f"notifications in the database: {Notification.objects.count():,}")
    finally:
        connection.close()
        if connection.vendor == "postgresql":
            _drop_postgres_database(database_url)
    return 0


def build(*, items: int, today: date, all_due: bool) -> dict:
    from django.db import transaction

    from werkplek.accounts.models import Membership, Organisation, User
    from werkplek.candidates.models import Candidate
    from werkplek.checklists.models import ChecklistItem
    from werkplek.trajectories.models import Kind, MentorAssignment, Status, Trajectory

    rng = random.Random(8)
    trajectory_count = max(1, items // ITEMS_PER_TRAJECTORY)
    statuses = [Status.PREPARING] * 2 + [Status.READY] + [Status.RUNNING] * 6 + [Status.FINISHING]
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Autocars {n}", slug=f"autocars-{n}", enterprise_number="0403170701")
            for n in range(ORGANISATIONS)
        )
        users = User.objects.bulk_create(
            User(email=f"user{n}@bench.be", full_name=f"Persoon {n}", password="!")
            for n in range(ORGANISATIONS * (MENTORS_PER_ORGANISATION + 1))
        )
        staff, mentors, memberships = {}, {}, []
        for index, organisation in enumerate(organisations):
            people = users[index * 11 : index * 11 + 11]
            staff[organisation.pk] = people[0]
            mentors[organisation.pk] = people[1:]
            memberships.append(
                Membership(user=people[0], organisation=organisation, role="coordinator")
            )
            memberships += [
                Membership(user=user, organisation=organisation, role="mentor")
                for user in people[1:]
            ]
        Membership.objects.bulk_create(memberships)
        candidates = Candidate.objects.bulk_create(
            Candidate(
                organisation=organisations[n % ORGANISATIONS],
                first_name=f"Kandidaat{n}",
                last_name="Peeters",
            )
            for n in range(trajectory_count)
        )
        trajectories = Trajectory.objects.bulk_create(
            Trajectory(
                organisation_id=candidate.organisation_id,
                candidate=candidate,
                kind=Kind.IBO,
                status=rng.choice(statuses),
                step=4,
                coordinator=staff[candidate.organisation_id] if n % 10 else None,
                planned_start=today + timedelta(days=rng.randint(-120, 30)),
                planned_end=today + timedelta(days=rng.randint(31, 150)),
            )
            for n, candidate in enumerate(candidates)
        )
        MentorAssignment.objects.bulk_create(
            MentorAssignment(
                trajectory=trajectory, mentor=rng.choice(mentors[trajectory.organisation_id])
            )
            for trajectory in trajectories
        )
        checklist = []
        for trajectory in trajectories:
            for position in range(ITEMS_PER_TRAJECTORY):
                offset = rng.randint(-7, 3) if all_due else rng.randint(-180, 180)
                done = not all_due and offset < 0 and rng.random() < 0.85
                checklist.append(
                    ChecklistItem(
                        trajectory=trajectory,
                        phase="during",
                        code=f"item_{position}",
                        label={"nl": f"punt {position}", "fr": f"point {position}"},
                        due_date=today + timedelta(days=offset),
                        state="done" if done else "open",
                        position=position,
                    )
                )
        ChecklistItem.objects.bulk_create(checklist, batch_size=5000)
    open_in_window = sum(
        1 for item in checklist if item.state == "open" and -7 <= (item.due_date - today).days <= 3
    )
    return {
        "trajectories": len(trajectories),
        "items": len(checklist),
        "open_in_window": open_in_window,
    }


def build_credentials(*, count: int, today: date) -> int:
    """Credentials of the candidates, of four types per organisation (90/30/7-day bands)."""
    from django.db import transaction

    from werkplek.candidates.models import Candidate
    from werkplek.credentials.models import Credential, CredentialType

    if not count:
        return 0
    rng = random.Random(95)
    codes = ("licence_d", "professional_competence", "medical_fitness", "driver_card")
    categories = ("licence", "competence", "medical", "driver_card")
    with transaction.atomic():
        types = CredentialType.objects.bulk_create(
            CredentialType(
                organisation_id=organisation_id,
                code=code,
                category=category,
                label={"nl": code},
                warning_days=[90, 30, 7],
            )
            for organisation_id in Candidate.objects.order_by()
            .values_list("organisation_id", flat=True)
            .distinct()
            for code, category in zip(codes, categories, strict=True)
        )
        by_organisation: dict[int, list] = {}
        for credential_type in types:
            by_organisation.setdefault(credential_type.organisation_id, []).append(credential_type)
        candidates = list(Candidate.objects.values_list("pk", "organisation_id"))
        credentials = []
        for n in range(count):
            candidate_id, organisation_id = candidates[n % len(candidates)]
            credentials.append(
                Credential(
                    organisation_id=organisation_id,
                    candidate_id=candidate_id,
                    type=rng.choice(by_organisation[organisation_id]),
                    expires_on=today + timedelta(days=rng.randint(-365, 1460)),
                )
            )
        Credential.objects.bulk_create(credentials, batch_size=5000)
    return len(credentials)


def _server_connection(url: str):
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def _database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def _recreate_postgres_database(url: str) -> None:
    name = _database_name(url)
    with _server_connection(url) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(url: str) -> None:
    with _server_connection(url) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}"')


if __name__ == "__main__":
    sys.exit(main())
