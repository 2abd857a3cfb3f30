"""Benchmark: a stagemap dossier of about 15 pages must render in under 2 s.

    python scripts/bench_pdf.py                 # throwaway SQLite database
    python scripts/bench_pdf.py --out dossier.pdf

It builds one organisation with the bus & coach pack and one trajectory with something in
every section (an agreed plan with 60 learning moments, four months of attendance, logbook
entries, credentials), then renders the coordinator's dossier a few times and prints the
number of pages and the time of each render (wall clock and CPU time: on a shared
machine the wall clock also counts waiting for a CPU). The first render includes loading WeasyPrint
and its fonts; the target applies to the renders after it. It prints the numbers and
asserts nothing.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", help="also write the dossier to this file")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="werkplek-bench-pdf-")
    os.environ.update(
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        DEBUG="1",
        TASKS_IMMEDIATE="1",
        DATA_DIR=workdir,
        MEDIA_ROOT=f"{workdir}/media",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplek.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    trajectory, membership = build()

    from werkplek.printing.registry import PRINTABLES
    from werkplek.printing.services import printable_render
    from werkplek.printing.tests.factories import pdf_pages

    for run in range(1, args.runs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        content, _context = printable_render(
            PRINTABLES["dossier"], trajectory=trajectory, membership=membership, params={}
        )
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        note = " (includes loading WeasyPrint)" if run == 1 else ""
        print(
            f"render {run}: {pdf_pages(content)} pages, {len(content) / 1024:.0f} KiB, "
            f"{elapsed:.2f} s wall, {cpu:.2f} s CPU{note}"
        )
    load = os.getloadavg()[0]
    print(f"load average while measuring: {load:.1f} on {os.cpu_count()} CPUs")
    if args.out:
        Path(args.out).write_bytes(content)
        print(f"written to {args.out}")
    return 0


def build():
    from werkplek.accounts.models import Membership
    from werkplek.accounts.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.printing.tests.factories import full_trajectory
    from werkplek.sectorpacks.loader import load_all
    from werkplek.sectorpacks.models import SectorPack
    from werkplek.sectorpacks.services import organisation_adopt_pack
    from werkplek.trajectories.services import trajectory_create

    load_all()
    organisation = organisation_adopt_pack(
        organisation=OrganisationFactory(name="Autocars Vlaanderen", slug="autocars"),
        pack=SectorPack.objects.get(code="bus_coach"),
    )
    coordinator = MembershipFactory(
        organisation=organisation,
        role=Membership.Role.COORDINATOR,
        user=UserFactory(full_name="Cora Coördinator"),
    )
    mentor = MembershipFactory(
        organisation=organisation,
        role=Membership.Role.MENTOR,
        user=UserFactory(full_name="Mats Mentor"),
    )

    def make_trajectory(*, mentors=(), candidate=None, **fields):
        fields.setdefault("kind", "ibo")
        return trajectory_create(
            candidate=candidate or CandidateFactory(organisation=organisation),
            created_by=coordinator.user,
            mentors=list(mentors),
            coordinator=coordinator.user,
            **fields,
        )

    trajectory = full_trajectory(
        make_trajectory,
        organisation,
        mentor=mentor.user,
        coordinator=coordinator.user,
        entries=40,
        moments=60,
        days_ago=120,
    )
    return trajectory, coordinator


if __name__ == "__main__":
    raise SystemExit(main())
