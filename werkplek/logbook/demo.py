# ruff: noqa: E501  (demo texts are data)
"""Demo Autocars: logbooks of the running trajectories, organised and unorganised moments,
with the levels the mentor saw growing over the weeks."""

from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from werkplek.competences.models import CompetenceRating
from werkplek.competences.selectors import framework_for
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import Observation, log_entry_create
from werkplek.plans.selectors import plan_current
from werkplek.trajectories.models import Status, Trajectory

LOGGED = ["kevin", "nina", "bram", "elise", "fatima", "jonas", "ruben"]
# Bram's mentor has not written anything for a while: the trajectory shows as at risk.
QUIET_DAYS = {"bram": 12}
# The most recent planned moments nobody logged (yet).
UNLOGGED_MOMENTS = {"kevin": 1, "bram": 2}

REMARKS = {
    "vehicle_check": "Controle zelfstandig en volledig uitgevoerd, ook de noodramen.",
    "manoeuvring": "Achteruit inrijden lukt; bij het aanrijden van de halte nog te ver van de boordsteen.",
    "ticketing_onboard_computer": "Aanmelden en tickets verkopen gaat vlot; afsluiten van de dienst nog eens herhalen.",
    "route_timetable": "Route gekend, twee haltes te vroeg vertrokken: op de dienstregeling letten.",
    "driving_rest_times": "Kaart correct ingestoken en activiteiten goed ingegeven.",
    "eco_driving": "Verbruik 8% lager dan bij de eerste meetrit.",
    "passenger_safety_comfort": "Zacht opgetrokken en geremd; de rolstoel correct vastgezet.",
    "incidents_emergencies": "De-escalatie goed toegepast in het rollenspel.",
    "safe_defensive_driving": "Houdt voldoende afstand en kijkt vooruit; let op fietsers bij het rechts afslaan.",
    "customer_service": "Groet elke reiziger en geeft duidelijke info.",
    "teamwork_feedback": "Staat open voor feedback en vraagt zelf wat beter kan.",
}

UNORGANISED = [
    (
        "Omleiding door wegenwerken: samen de alternatieve route gereden en de tijdelijke haltes overlopen.",
        ("route_timetable", "network_timetable"),
    ),
    (
        "Passagier in een rolstoel aan de halte: oprijplaat uitgeklapt en de rolstoel correct vastgezet.",
        ("passenger_safety_comfort",),
    ),
    (
        "Reiziger zonder geldig vervoerbewijs werd luid; rustig gebleven, de regels uitgelegd en de dispatching verwittigd.",
        ("fares_tickets", "calm_under_pressure", "incidents_emergencies"),
    ),
    (
        "Bij de controle vóór vertrek een defect remlicht opgemerkt en gemeld aan de werkplaats.",
        ("vehicle_check",),
    ),
    (
        "Toerist vroeg de weg naar het station: duidelijk uitgelegd en de aansluiting met de trein opgezocht.",
        ("customer_service",),
    ),
    (
        "File door een ongeval op de ring: 15 minuten vertraging, de passagiers via de micro geïnformeerd.",
        ("customer_service", "calm_under_pressure"),
    ),
    (
        "Gladde wegen door ijzel: samen besproken hoe afstand te houden en zacht te remmen.",
        ("safe_defensive_driving", "eco_driving"),
    ),
    (
        "Boordcomputer liep vast bij het aanmelden; zelf herstart volgens de procedure.",
        ("ticketing_onboard_computer",),
    ),
    (
        "Vergeten de andere werkzaamheden in te geven op de tachograaf na het tanken; samen rechtgezet.",
        ("driving_rest_times",),
    ),
    (
        "Schoolkinderen stapten tegelijk uit: gewacht tot iedereen op het voetpad stond.",
        ("passenger_safety_comfort",),
    ),
    ("Fietser in de dode hoek bij het rechts afslaan tijdig gezien.", ("safe_defensive_driving",)),
    (
        "Collega vroeg een dienst te ruilen: netjes via de planning geregeld.",
        ("teamwork_feedback", "punctuality_reliability"),
    ),
    (
        "Feedback over te snel optrekken aan de halte meteen toegepast op de volgende rit.",
        ("teamwork_feedback", "passenger_safety_comfort"),
    ),
    ("Krappe draai in de dorpskern zonder te corrigeren genomen.", ("manoeuvring",)),
    (
        "Stationair draaien aan de eindhalte vermeden; het verbruik van de dag besproken.",
        ("eco_driving",),
    ),
]


def _level(baseline: int, target: int, progress: float) -> int:
    """Where the trainee stands after `progress` (0–1) of the trajectory."""
    return max(baseline, min(target, baseline + round((target - baseline) * progress * 1.3)))


def _workdays(start: date, end: date) -> list[date]:
    days, current = [], start
    while current <= end:
        if current.weekday() < 5:
            days.append(current)
        current += timedelta(days=1)
    return days


def seed(context) -> None:
    for key in LOGGED:
        trajectory = Trajectory.objects.get(pk=context.trajectories[key].pk)  # fresh state
        if not trajectory.log_entries.exists():
            with _as_it_ran(trajectory):
                _logbook(trajectory, key, context)


@contextmanager
def _as_it_ran(trajectory: Trajectory):
    """The demo builds an ended trajectory before its logbook; the entries were written while
    it ran (a closed logbook no longer changes), so it runs again for as long as they are."""
    ended = {"status": trajectory.status, "step": trajectory.step}
    if not trajectory.is_open:
        Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.RUNNING)
        trajectory.status = Status.RUNNING
    yield
    Trajectory.objects.filter(pk=trajectory.pk).update(**ended)


def _logbook(trajectory: Trajectory, key: str, context) -> None:
    mentor = trajectory.mentors.first()
    framework = framework_for(trajectory)
    competences = {c.code: c for c in framework.competences.all()}
    baseline = dict(
        CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        ).values_list("competence__code", "level")
    )
    achieved = framework.scale.achieved_level
    start, end = trajectory.period_start, trajectory.period_end
    last = min(end, context.today - timedelta(days=QUIET_DAYS.get(key, 1)))
    length = max((end - start).days, 1)

    def observations(codes, day: date) -> list[Observation]:
        progress = (day - start).days / length
        return [
            Observation(
                competences[code],
                _level(baseline.get(code, 1), achieved, progress),
            )
            for code in codes
            if code in competences
        ]

    version = plan_current(trajectory)
    moments = list(version.moments.prefetch_related("goals__competence").order_by("date"))
    past = [moment for moment in moments if moment.date <= last]
    skipped = UNLOGGED_MOMENTS.get(key, 0)
    for moment in past[: len(past) - skipped]:
        codes = [goal.competence.code for goal in moment.goals.all() if goal.competence_id]
        remark = next((REMARKS[code] for code in codes if code in REMARKS), "Goed verlopen.")
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=moment.date,
            kind=LogEntry.Kind.ORGANISED,
            planned_moment=moment,
            description=f"{moment.topic}. {remark}",
            hours=moment.duration_hours,
            observations=observations(codes, moment.date),
        )
    planned_days = {moment.date for moment in moments}
    free_days = [day for day in _workdays(start, last) if day not in planned_days]
    for index, day in enumerate(free_days[1::3]):
        text, codes = UNORGANISED[(index + len(key)) % len(UNORGANISED)]
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=day,
            description=text,
            hours=Decimal("0.5") if index % 2 else Decimal("1"),
            observations=observations(codes, day),
        )
