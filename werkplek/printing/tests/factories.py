"""A trajectory with something in every part of the dossier, built through the services."""

import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfReader

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.services import DayInput, attendance_save
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import competence, running
from werkplek.credentials.tests.factories import record
from werkplek.logbook.services import log_entry_create
from werkplek.plans.models import LearningMoment, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_start,
    plan_version_agree,
)

Status = AttendanceDay.Status
MEDICAL_EXPIRY_OFFSET = 777  # days from today: a date that appears nowhere else


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def full_trajectory(
    make_trajectory,
    organisation,
    *,
    mentor,
    coordinator,
    entries: int = 3,
    moments: int = 1,
    days_ago: int = 45,
):
    candidate = CandidateFactory(
        organisation=organisation, first_name="Zoë", last_name="Van Hoëgaerden", language="nl"
    )
    trajectory = running(
        make_trajectory,
        mentors=[mentor],
        candidate=candidate,
        days_ago=45,
        job_title="Buschauffeur",
    )
    version = plan_start(trajectory=trajectory, by=mentor)
    goal = plan_goal_save(
        goal=PlanGoal(
            version=version,
            competence=competence(organisation, "manoeuvring"),
            description="Veilig achteruit rijden op de stelplaats",
        )
    )
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=3),
            duration_hours=Decimal("4"),
            topic="Manoeuvreren op het oefenterrein",
            led_by_name="Instructeur FCBO",
        ),
        goals=[goal],
    )
    for number in range(1, moments):
        learning_moment_save(
            moment=LearningMoment(
                version=version,
                date=trajectory.period_start + timedelta(days=3 + number),
                duration_hours=Decimal("2.5"),
                topic=f"Begeleide rit {number}: lijndienst met één collega-chauffeur",
                led_by=mentor,
                place="Stelplaats Gent-Zuid",
            ),
            goals=[goal],
        )
    plan_version_agree(version=version, by=mentor)
    start = trajectory.period_start
    last = min(start + timedelta(days=days_ago - 1), timezone.localdate())
    days = [start + timedelta(days=offset) for offset in range(min(14, days_ago))]
    if days_ago > 60:
        days = [start + timedelta(days=offset) for offset in range((last - start).days)]
    workdays = [day for day in days if day.weekday() < 5]
    inputs = [DayInput(day, Status.PRESENT, Decimal("7.6")) for day in workdays[:-1]]
    inputs.append(DayInput(workdays[-1], Status.SICK, note="Griep – doktersattest"))
    attendance_save(trajectory=trajectory, days=inputs, by=mentor)
    for number in range(entries):
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=start + timedelta(days=1 + number % max(1, min(30, days_ago - 2))),
            description=f"Rit {number + 1}: lijn 12 met begeleiding, correct halteren en één "
            "keer achteruit gereden.",
            hours=Decimal("3"),
        )
    record(
        candidate,
        "medical_fitness",
        by=coordinator,
        expires_on=timezone.localdate() + timedelta(days=MEDICAL_EXPIRY_OFFSET),
    )
    record(candidate, "licence_d", by=coordinator)
    return trajectory


def one_of_each(*, trajectory, by) -> None:
    """A werkpostfiche, a kept copy of the plan and print settings (see the permission
    matrix: objects of another organisation are 404)."""
    from werkplek.documents.models import Document
    from werkplek.documents.services import document_store_generated
    from werkplek.printing.models import PrintSettings, WorkstationSheet

    WorkstationSheet.objects.create(trajectory=trajectory, workstation="Chauffeur")
    PrintSettings.objects.create(organisation=trajectory.organisation)
    document_store_generated(
        trajectory=trajectory,
        content=b"%PDF-1.4\n%%EOF\n",
        kind=Document.Kind.TRAINING_PLAN,
        title="Opleidingsplan",
        filename="opleidingsplan.pdf",
        by=by,
    )
