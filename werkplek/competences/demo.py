"""Demo Autocars: the competences of the candidates mapped at intake (baseline)."""

from datetime import timedelta

from werkplek.competences.models import CompetenceRating
from werkplek.competences.selectors import competences_of, framework_for
from werkplek.competences.services import BaselineLevel, baseline_save
from werkplek.trajectories.models import Trajectory

# Where a typical candidate with a fresh rijbewijs D stands at intake (1 = nog niet verworven,
# 2 = in ontwikkeling, 3 = verworven, 4 = zelfstandig).
TYPICAL = {
    "regulations_documents": 2,
    "driving_rest_times": 1,
    "network_timetable": 1,
    "fares_tickets": 1,
    "vehicle_check": 2,
    "safe_defensive_driving": 2,
    "manoeuvring": 1,
    "eco_driving": 1,
    "route_timetable": 1,
    "ticketing_onboard_computer": 1,
    "passenger_safety_comfort": 2,
    "incidents_emergencies": 1,
    "customer_service": 3,
    "punctuality_reliability": 3,
    "calm_under_pressure": 2,
    "teamwork_feedback": 3,
}

# Per candidate, what differs from the typical profile (and the intake notes).
DIFFERENT = {
    "bram": {  # former truck driver
        "driving_rest_times": (3, "Reed 15 jaar vrachtwagen: kent tachograaf en rusttijden."),
        "safe_defensive_driving": (3, ""),
        "manoeuvring": (2, "Vlot met de vrachtwagen, de bus (12 m) is nog wennen."),
        "customer_service": (2, "Weinig ervaring met passagiers."),
    },
    "elise": {
        "customer_service": (4, "Werkte drie jaar aan het onthaal van een reisbureau."),
        "network_timetable": (2, "Woont in Halle en kent de streeklijnen."),
        "calm_under_pressure": (3, ""),
    },
    "nina": {
        "regulations_documents": (
            2,
            "Theorie gezien op school (7de jaar bus- en autocarchauffeur).",
        ),
        "punctuality_reliability": (2, "Kwam te laat op de kennismaking."),
    },
    "lotte": {
        "safe_defensive_driving": (1, "Heeft nog geen rijbewijs D; rijlessen via de school."),
        "vehicle_check": (1, ""),
    },
    "fatima": {
        "eco_driving": (2, "Volgde de module rationeel rijden bij de VDAB."),
        "teamwork_feedback": (4, ""),
    },
    "kevin": {
        "calm_under_pressure": (1, "Werd zenuwachtig bij de rijtest in het stadsverkeer."),
    },
}


def map_baseline(trajectory: Trajectory, context, *, share: float = 1.0) -> None:
    """Map the candidate's competences (all, or the first `share` of them) if not done yet."""
    if CompetenceRating.objects.filter(
        trajectory=trajectory, source=CompetenceRating.Source.BASELINE
    ).exists():
        return
    framework = framework_for(trajectory)
    if framework is None:
        return
    key = _key(trajectory, context)
    different = DIFFERENT.get(key, {})
    competences = competences_of(framework)
    competences = competences[: round(len(competences) * share)]
    levels = []
    for competence in competences:
        level, note = different.get(competence.code, (TYPICAL.get(competence.code, 2), ""))
        levels.append(BaselineLevel(competence, level, note))
    start = trajectory.period_start or context.today
    baseline_save(
        trajectory=trajectory,
        framework=framework,
        levels=levels,
        on=min(context.today, start - timedelta(days=10)),
        by=context.users["coordinator"],
    )


def _key(trajectory: Trajectory, context) -> str:
    for key, known in context.trajectories.items():
        if known.pk == trajectory.pk:
            return key
    return trajectory.candidate.first_name.lower().replace("é", "e")


def seed(context) -> None:
    """Candidates still in preparation: Thomas is mapped, Yasmine half-way."""
    map_baseline(context.trajectories["thomas"], context)
    map_baseline(context.trajectories["yasmine"], context, share=0.6)
