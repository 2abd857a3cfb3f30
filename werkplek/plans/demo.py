"""Demo Autocars: opleidingsplannen with goals per competence and planned learning moments."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from werkplek.competences.demo import map_baseline
from werkplek.competences.models import Competence
from werkplek.competences.selectors import framework_for
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanVersion
from werkplek.plans.services import (
    MomentSpec,
    learning_moment_save,
    plan_goal_save,
    plan_goals_from_baseline,
    plan_revise,
    plan_send,
    plan_start,
    plan_version_agree,
)
from werkplek.trajectories.models import Trajectory


@dataclass(frozen=True)
class Moment:
    day: int  # days after the start (moved to the next Monday when it is a weekend day)
    start: time | None
    hours: str
    topic: str
    competences: tuple[str, ...]
    place: str = ""  # empty: the mentor's depot
    led_by: str = ""  # empty: the mentor


MOMENTS = [
    Moment(
        0,
        time(8, 0),
        "2",
        "Onthaal, rondleiding in de stelplaats en kennismaking met de dispatching",
        ("teamwork_feedback", "network_timetable"),
    ),
    Moment(1, time(7, 30), "3", "Dagelijkse controle van de bus vóór vertrek", ("vehicle_check",)),
    Moment(
        2,
        time(9, 0),
        "3.5",
        "Boordcomputer en ticketing: aanmelden, verkopen, dienst afsluiten",
        ("ticketing_onboard_computer", "fares_tickets"),
    ),
    Moment(
        3,
        time(8, 30),
        "4",
        "Manoeuvreren op het oefenterrein: achteruit, haltes aanrijden",
        ("manoeuvring",),
        "Oefenterrein FCBO, Gent",
        "Instructeur FCBO",
    ),
    Moment(
        7,
        time(6, 45),
        "4",
        "Meerijden op {line}: haltes en dienstregeling",
        ("route_timetable", "network_timetable"),
    ),
    Moment(
        9,
        time(13, 0),
        "3",
        "Tachograaf, bestuurderskaart en rij- en rusttijden",
        ("driving_rest_times", "regulations_documents"),
    ),
    Moment(
        11,
        time(7, 0),
        "4",
        "Rijden met passagiers onder begeleiding in de ochtendspits",
        ("safe_defensive_driving", "passenger_safety_comfort", "customer_service"),
    ),
    Moment(
        14,
        time(8, 0),
        "7",
        "Eco-rijden: opleiding met meetrit",
        ("eco_driving",),
        "FCBO, Mechelen",
        "Instructeur FCBO",
    ),
    Moment(
        16,
        time(9, 30),
        "3",
        "Personen met beperkte mobiliteit: oprijplaat en rolstoel vastzetten",
        ("passenger_safety_comfort",),
    ),
    Moment(
        18,
        time(13, 0),
        "4",
        "Incidenten en agressie: de-escaleren en melden aan de dispatching",
        ("incidents_emergencies", "calm_under_pressure"),
        "Opleidingslokaal",
        "Preventieadviseur",
    ),
    Moment(
        28,
        time(7, 0),
        "4",
        "Omleidingen en onverwachte situaties op het lijnennet",
        ("route_timetable", "calm_under_pressure"),
    ),
    Moment(
        30,
        time(14, 0),
        "2",
        "Aanrijdingsformulier en noodprocedures: evacuatie en brand",
        ("incidents_emergencies", "regulations_documents"),
    ),
    Moment(
        35,
        time(6, 30),
        "4",
        "Zelfstandig rijden op {line}, de peter/meter rijdt mee als passagier",
        ("safe_defensive_driving", "route_timetable", "customer_service"),
    ),
    Moment(
        49,
        time(7, 15),
        "3",
        "Schoolrit: leerlingenvervoer en veiligheid bij het in- en uitstappen",
        ("passenger_safety_comfort",),
    ),
    Moment(
        63,
        time(15, 0),
        "1.5",
        "Feedbackgesprek over de stand van de competenties",
        ("teamwork_feedback",),
        "Kantoor planning",
    ),
]

# Each mentor works from a depot and drives a line of De Lijn in opdracht.
DEPOTS = {
    "luc": ("Stelplaats Gent-Zuid", "lijn 42 Gent – Zelzate"),
    "sofie": ("Stelplaats Antwerpen-Noord", "lijn 180 Antwerpen – Boom"),
    "johan": ("Stelplaats Halle", "lijn 114 Halle – Brussel"),
}


def depot_and_line(trajectory: Trajectory, context) -> tuple[str, str]:
    mentor = trajectory.mentors.first()
    for key, user in context.users.items():
        if mentor is not None and user.pk == mentor.pk and key in DEPOTS:
            return DEPOTS[key]
    return DEPOTS["luc"]


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _competences(trajectory: Trajectory) -> dict[str, Competence]:
    framework = framework_for(trajectory)
    return {competence.code: competence for competence in framework.competences.all()}


def _draw_up(trajectory: Trajectory, context, *, moments_up_to: int | None = None) -> PlanVersion:
    """Version 1 as a draft: goals from the baseline and the learning moments."""
    mentor = trajectory.mentors.first()
    version = plan_start(trajectory=trajectory, by=mentor or context.users["coordinator"])
    plan_goals_from_baseline(version=version)
    goals = {goal.competence.code: goal for goal in version.goals.select_related("competence")}
    start, end = trajectory.period_start, trajectory.period_end
    depot, line = depot_and_line(trajectory, context)
    for spec in MOMENTS[:moments_up_to]:
        day = _workday(start + timedelta(days=spec.day))
        if day > end:
            continue
        learning_moment_save(
            moment=LearningMoment(
                version=version,
                date=day,
                start_time=spec.start,
                duration_hours=Decimal(spec.hours),
                topic=spec.topic.format(line=line),
                led_by=None if spec.led_by else mentor,
                led_by_name=spec.led_by,
                place=spec.place or depot,
            ),
            goals=[goals[code] for code in spec.competences if code in goals],
        )
    return version


def _agree_and_hand_over(version: PlanVersion, context, *, on: date) -> None:
    trajectory = version.trajectory
    mentor = trajectory.mentors.first() or context.users["coordinator"]
    version = plan_version_agree(version=version, by=context.users["coordinator"])
    dispatch = plan_send(version=version, method=PlanDispatch.Method.IN_PERSON, by=mentor)
    # The demo tells a story over past weeks: date the agreement when it happened.
    moment = timezone.make_aware(datetime.combine(min(on, context.today), time(16, 0)))
    PlanVersion.objects.filter(pk=version.pk).update(agreed_at=moment)
    PlanDispatch.objects.filter(pk=dispatch.pk).update(created_at=moment)


def prepare_start(trajectory: Trajectory, context) -> None:
    """Before the ready gate: competences mapped, plan agreed, planning handed over."""
    map_baseline(trajectory, context)
    if trajectory.plan_versions.exists():
        return
    start = trajectory.period_start
    _agree_and_hand_over(_draw_up(trajectory, context), context, on=start - timedelta(days=3))


def seed(context) -> None:
    thomas, yasmine, elise = (
        Trajectory.objects.get(pk=context.trajectories[key].pk)
        for key in ("thomas", "yasmine", "elise")
    )
    if not thomas.plan_versions.exists():
        prepare_start(thomas, context)
    if not yasmine.plan_versions.exists():
        _draw_up(yasmine, context, moments_up_to=5)
    _revise_after_interim_evaluation(elise, context)


def _revise_after_interim_evaluation(trajectory: Trajectory, context) -> None:
    """Élise's plan changed after her interim evaluation: version 2, agreed and handed over."""
    if trajectory.plan_versions.filter(~Q(number=1)).exists():
        return
    competences = _competences(trajectory)
    mentor = trajectory.mentors.first()
    start = trajectory.period_start
    interim = _workday(start + timedelta(days=42))
    depot, _line = depot_and_line(trajectory, context)
    version = plan_revise(
        trajectory=trajectory,
        reason="Tussentijdse evaluatie: manoeuvreren en eco-rijden vragen meer oefening; "
        "extra meetrit met de FCBO-instructeur en oefenen in de stelplaats.",
        by=mentor,
        moments=[
            MomentSpec(
                _workday(interim + timedelta(days=7)),
                "Extra oefenen manoeuvreren in de stelplaats na de dienst",
                Decimal("2"),
                start_time=time(14, 30),
                led_by=mentor,
                place=depot,
                competences=[competences["manoeuvring"]],
            ),
            MomentSpec(
                _workday(interim + timedelta(days=16)),
                "Meetrit eco-rijden met terugkoppeling van het verbruik",
                Decimal("4"),
                start_time=time(8, 0),
                led_by_name="Instructeur FCBO",
                place="FCBO, Mechelen",
                competences=[competences["eco_driving"]],
            ),
        ],
    )
    goal = version.goals.get(competence=competences["manoeuvring"])
    goal.target_level = 4
    goal.description = "Rijdt zelfstandig achteruit de stelplaats in, ook bij drukte."
    plan_goal_save(goal=goal)
    _agree_and_hand_over(version, context, on=interim + timedelta(days=2))
