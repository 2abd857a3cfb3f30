"""Demo Autocars: interim evaluations planned before the start and held after six weeks,
the final evaluation of the trajectory in its last phase, and the closed trajectory's outcome.

Hooks: `prepare_start` runs before the ready gate (the interim evaluation is planned),
`before_finish` before the final evaluation phase (the final evaluation is planned),
`before_close` before a trajectory closes (final evaluation held, signed, decision recorded),
`seed` after the build (evaluations for the trajectories on their way).
"""

from datetime import date, timedelta

from django.db.models import Q

from werkplek.accounts.models import Membership
from werkplek.checklists.selectors import end_formalities_open
from werkplek.competences.models import CompetenceRating
from werkplek.competences.selectors import competences_of, framework_for
from werkplek.evaluations import services
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.evaluations.selectors import plan_goals_for_final
from werkplek.trajectories.models import Status, Trajectory

INTERIM_AFTER = timedelta(days=42)
Kind = Evaluation.Kind


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _schedule(trajectory: Trajectory, kind: str, on: date, context) -> Evaluation:
    existing = trajectory.evaluations.filter(kind=kind).order_by("-version").first()
    if existing is not None:
        return existing
    return services.evaluation_schedule(
        trajectory=trajectory,
        kind=kind,
        on=_workday(on),
        place="Vergaderzaal stelplaats",
        by=context.users["coordinator"],
    )


def prepare_start(trajectory: Trajectory, context) -> None:
    """Before the ready gate: the interim evaluation is planned ("plan een tussentijdse
    evaluatie in")."""
    _schedule(trajectory, Kind.INTERIM, trajectory.period_start + INTERIM_AFTER, context)


def _hold(evaluation: Evaluation, context, *, progress: float, sign: bool) -> Evaluation:
    if evaluation.is_held:
        return evaluation
    trajectory = evaluation.trajectory
    framework = framework_for(trajectory)
    if framework is None:
        return evaluation
    scale, mentor = framework.scale, evaluation.mentor or context.users["coordinator"]
    baseline = dict(
        CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        ).values_list("competence_id", "level")
    )
    own, scores = [], []
    for index, competence in enumerate(competences_of(framework)):
        start = baseline.get(competence.pk, scale.min_level)
        level = min(scale.max_level, start + round(progress * (scale.achieved_level - start)))
        if index % 4 == 1 and level > scale.min_level:
            level -= 1  # not everything goes at the same pace
        guess = min(scale.max_level, level + (1 if index % 3 == 0 else 0))
        own.append(services.Level(competence, guess, ""))
        comment = "Goed opgevolgd, werkt zelfstandig." if level >= scale.achieved_level else ""
        scores.append(services.Level(competence, level, comment))
    services.self_assessment_save(evaluation=evaluation, levels=own, by=mentor)
    services.mentor_scores_save(
        evaluation=evaluation,
        levels=scores,
        strengths="Klantvriendelijk, stipt en rustig in het verkeer.",
        improvements="Manoeuvreren in krappe haltes; eco-rijden.",
        by=mentor,
    )
    services.action_point_add(
        evaluation=evaluation,
        text="Extra oefenen manoeuvreren in de stelplaats",
        competence=next((c for c in competences_of(framework) if c.code == "manoeuvring"), None),
        by=mentor,
        owner=trajectory.candidate.user or mentor,
        due_on=evaluation.scheduled_on + timedelta(days=14),
    )
    if evaluation.is_final:
        goals = plan_goals_for_final(trajectory)
        services.goal_results_save(
            evaluation=evaluation,
            results=[
                services.GoalVerdict(
                    goal,
                    reached=index % 5 != 4,
                    evidence="Logboek en scores van de tussentijdse evaluatie.",
                )
                for index, goal in enumerate(goals)
            ],
            judgement=Evaluation.Judgement.REACHED,
            judgement_note="Klaar om als buschauffeur aan de slag te gaan.",
            by=mentor,
        )
    on = min(evaluation.scheduled_on, context.today)
    services.evaluation_hold(evaluation=evaluation, on=on, by=mentor)
    if sign:
        coordinator = Membership.objects.get(
            user=context.users["coordinator"], organisation=context.organisation
        )
        names = {
            services.Party.TRAINEE: trajectory.candidate.full_name,
            services.Party.MENTOR: mentor.full_name,
            services.Party.COORDINATOR: coordinator.user.full_name,
        }
        own = services.parties_of(evaluation, coordinator)
        for party in services.required_parties(evaluation):
            services.evaluation_sign(
                evaluation=evaluation,
                party=party,
                typed_name=names.get(party, "Gast"),
                agreed=True,
                membership=coordinator,
                ip_address="127.0.0.1",
                on_behalf=party not in own,
                on_behalf_reason="" if party in own else "Op papier getekend in het gesprek",
            )
    return evaluation


def before_finish(trajectory: Trajectory, context) -> None:
    """The final evaluation is planned, so the final evaluation phase can begin."""
    _schedule(trajectory, Kind.FINAL, trajectory.period_end - timedelta(days=3), context)


def before_close(trajectory: Trajectory, context) -> None:
    """The final evaluation is held and signed, and the decision recorded: it closes the
    trajectory (the demo's closed IBO ends in a contract)."""
    trajectory = Trajectory.objects.get(pk=trajectory.pk)
    end = trajectory.period_end
    interim = _schedule(trajectory, Kind.INTERIM, trajectory.period_start + INTERIM_AFTER, context)
    _hold(interim, context, progress=0.5, sign=True)
    final = _schedule(trajectory, Kind.FINAL, end - timedelta(days=3), context)
    _hold(final, context, progress=1.0, sign=True)
    if OutcomeDecision.objects.filter(trajectory=trajectory).exists():
        return
    open_formalities = end_formalities_open(trajectory=trajectory)
    services.outcome_record(
        trajectory=trajectory,
        membership=Membership.objects.get(
            user=context.users["coordinator"], organisation=context.organisation
        ),
        contract=True,
        contract_date=end + timedelta(days=1),
        contract_type="Vast contract (bediende/arbeider)",
        waivers={str(item.public_id): "Op papier in het dossier" for item in open_formalities},
        on=end,
    )


def seed(context) -> None:
    services.courses_seed(organisation=context.organisation)
    for trajectory in Trajectory.objects.filter(organisation=context.organisation).filter(
        Q(status__in=[Status.PREPARING, Status.READY, Status.RUNNING, Status.FINISHING])
    ):
        if trajectory.period_start is None:
            continue
        interim = _schedule(
            trajectory, Kind.INTERIM, trajectory.period_start + INTERIM_AFTER, context
        )
        if trajectory.status in (Status.RUNNING, Status.FINISHING) and (
            interim.scheduled_on <= context.today
        ):
            _hold(interim, context, progress=0.5, sign=trajectory.status == Status.FINISHING)
        if trajectory.status == Status.FINISHING:
            _schedule(trajectory, Kind.FINAL, trajectory.period_end - timedelta(days=3), context)
