from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from werkplek.attendance.models import AttendanceDay
from werkplek.benchmark import generate
from werkplek.benchmark.pages import (
    MAX_QUERIES,
    MAX_QUERIES_TODAY,
    MAX_QUERIES_TRAJECTORY_PAGE,
    key_pages,
    users_of,
)
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.selectors import checklist_by_phase, gate_open_items, gate_open_items_of
from werkplek.credentials.models import Credential
from werkplek.logbook.models import LogEntry
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.services import trajectory_create

TODAY = date(2026, 11, 25)
SMALL = {
    "trajectories": 20,
    "mentors": 3,
    "logbook": 400,
    "credentials": 60,
    "attendance": 200,
    "ratings": 80,
    "plans": 8,
}


def build(slug: str, **sizes) -> str:
    call_command("generate_data", slug=slug, today=TODAY, stdout=StringIO(), **{**SMALL, **sizes})
    return slug


@pytest.mark.django_db
def test_generate_data_builds_the_sizes_asked_for():
    build("bench")
    trajectories = Trajectory.objects.filter(organisation__slug="bench")
    assert trajectories.count() == 20
    assert LogEntry.objects.filter(trajectory__in=trajectories).count() == 400
    assert AttendanceDay.objects.filter(trajectory__in=trajectories).count() == 200
    assert Credential.objects.filter(organisation__slug="bench").count() == 60
    assert all(trajectory.mentors.count() == 1 for trajectory in trajectories)
    # Attendance days of a trajectory are distinct weekdays (the list is one row a day).
    days = AttendanceDay.objects.values_list("date", flat=True)
    assert all(day.weekday() < 5 for day in days)


@pytest.mark.django_db
def test_the_checklists_are_the_copies_trajectory_create_makes(coordinator):
    build("bench")
    generated = Trajectory.objects.filter(organisation__slug="bench", kind="ibo").first()
    candidate = CandidateFactory(organisation=generated.organisation)
    real = trajectory_create(
        candidate=candidate,
        created_by=coordinator,
        kind="ibo",
        planned_start=generated.planned_start,
        planned_end=generated.planned_end,
    )

    def shape(trajectory):
        items = ChecklistItem.objects.filter(trajectory=trajectory).order_by("position")
        return [
            (
                item.position,
                item.code,
                item.phase,
                item.parent.code if item.parent else None,
                item.due_date,
            )
            for item in items.select_related("parent")
        ]

    assert shape(generated) == shape(real)
    assert len(shape(real)) > 10


SEEN: list = []


def evaluations_step(context) -> None:
    """What a later app (evaluations) would register: it sees the trajectories built."""
    SEEN.append((context.size("evaluations"), len(context.trajectories)))


@pytest.mark.django_db
def test_an_app_adds_its_own_step(monkeypatch):
    step = f"{__name__}.evaluations_step"
    monkeypatch.setattr(generate, "GENERATOR_STEPS", [*generate.GENERATOR_STEPS, step])
    SEEN.clear()
    context = generate.GenerateContext(
        sizes={**SMALL, "trajectories": 4, "evaluations": 7},
        slug="bench",
        today=TODAY,
        log=lambda text: None,
    )
    generate.generate(context)
    assert SEEN == [(7, 4)]


@pytest.mark.django_db
def test_an_existing_organisation_is_refused():
    build("bench", trajectories=2)
    with pytest.raises(ValueError, match="exists already"):
        build("bench", trajectories=2)


@pytest.mark.django_db
def test_key_pages_make_few_queries_and_as_many_for_a_large_organisation():
    counts = {}
    for slug, size in (("bench-small", 5), ("bench-large", 60)):
        build(slug, trajectories=size, logbook=size * 20, credentials=size * 3)
        users = users_of(slug)
        counts[slug] = {}
        for name, path, who in key_pages(slug):
            client = Client()
            client.force_login(users[who])
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            counts[slug][name] = len(queries.captured_queries)
    assert counts["bench-small"] == counts["bench-large"]
    for name, count in counts["bench-large"].items():
        limit = {
            "trajectory page": MAX_QUERIES_TRAJECTORY_PAGE,
            "mentor Today": MAX_QUERIES_TODAY,
        }.get(name, MAX_QUERIES)
        assert count <= limit, (name, count)


@pytest.mark.django_db
def test_the_trajectory_page_picks_the_gate_items_from_the_checklist_it_shows():
    build("bench")
    for trajectory in Trajectory.objects.filter(organisation__slug="bench"):
        phases = checklist_by_phase(trajectory=trajectory)
        assert gate_open_items_of(phases, trajectory) == list(
            gate_open_items(trajectory=trajectory)
        )
