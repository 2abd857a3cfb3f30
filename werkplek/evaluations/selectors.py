"""Reads of the evaluations app, always scoped through the trajectories a member may see."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)

from werkplek.accounts.models import Membership
from werkplek.competences.models import Competence
from werkplek.competences.selectors import framework_for
from werkplek.core.memo import memoized
from werkplek.evaluations.models import (
    ActionPoint,
    Evaluation,
    GoalResult,
    MentorScore,
    OutcomeDecision,
    SelfAssessment,
    Signature,
)
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.trajectories.models import Kind, Outcome, Status, Trajectory
from werkplek.trajectories.selectors import guest_read_window, trajectories_visible_to


def evaluations_visible_to(membership: Membership) -> QuerySet[Evaluation]:
    """Staff: the organisation's; a mentor: those of trajectories they mentor; a trainee:
    their own; a guest: the evaluations they are invited to, for as long as they may read
    the trajectory (trajectories.selectors.guest_read_window) and their access to it, if
    they have one, is not revoked."""
    evaluations = Evaluation.objects.filter(trajectory__organisation=membership.organisation)
    if membership.role == Membership.Role.GUEST:
        access = Trajectory.guest_accesses.rel.related_model  # portal's GuestAccess
        rows = access.objects.filter(trajectory=OuterRef("trajectory"), membership=membership)
        return evaluations.filter(
            guest_read_window(prefix="trajectory__"),
            ~Exists(rows) | Exists(rows.filter(revoked_at__isnull=True)),
            guest=membership,
        )
    return evaluations.filter(trajectory__in=trajectories_visible_to(membership).values("pk"))


def trainee_sees_mentor_view(evaluation: Evaluation, membership: Membership) -> bool:
    """A trainee sees the mentor's levels and comments only once the talk is held (see
    docs/decisions/evaluations.md); everyone else who can open the evaluation sees them."""
    return membership.role != Membership.Role.TRAINEE or evaluation.is_held


def evaluations_of(trajectory: Trajectory) -> list[Evaluation]:
    """The trajectory's evaluations, plain, once per request (core.memo): the trajectory
    page's transition guard and its 'What is next' share them."""
    return memoized(
        trajectory,
        "evaluations",
        lambda: list(trajectory.evaluations.order_by("scheduled_on", "id")),
    )


def trajectory_evaluations(trajectory: Trajectory) -> list[Evaluation]:
    return list(
        trajectory.evaluations.select_related("mentor", "coordinator", "guest__user", "correction")
        .annotate(signature_count=Count("signatures"))
        .order_by("scheduled_on", "version", "id")
    )


_UNSET = object()


@dataclass
class SideBySideRow:
    competence: Competence
    self_level: int | None = None
    self_label: str = ""
    self_comment: str = ""
    mentor_level: int | None = None
    mentor_label: str = ""
    mentor_comment: str = ""
    earlier: list[tuple[Evaluation, int | None, str]] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return (
            self.self_level is not None
            and self.mentor_level is not None
            and self.self_level != self.mentor_level
        )


def earlier_evaluations(evaluation: Evaluation) -> list[Evaluation]:
    """Held evaluations of the trajectory before this one (current versions only)."""
    return list(
        Evaluation.objects.filter(
            trajectory_id=evaluation.trajectory_id,
            status=Evaluation.Status.HELD,
            correction__isnull=True,
            held_on__lte=evaluation.held_on or evaluation.scheduled_on,
        )
        .exclude(pk=evaluation.pk)
        .exclude(pk=evaluation.previous_id or 0)
        .order_by("held_on", "id")
    )


def side_by_side(
    evaluation: Evaluation, *, with_mentor: bool = True, framework=_UNSET
) -> list[SideBySideRow]:
    """Per competence of the trajectory's framework: self-assessment, mentor score and the
    levels of earlier evaluations. A fixed number of queries (six) whatever the size."""
    if framework is _UNSET:
        framework = framework_for(evaluation.trajectory)
    if framework is None:
        return []
    scale = framework.scale
    rows = {
        competence.pk: SideBySideRow(competence=competence)
        for competence in framework.competences.filter(is_active=True).order_by("position", "id")
    }
    for row in SelfAssessment.objects.filter(evaluation=evaluation):
        if row.competence_id in rows:
            target = rows[row.competence_id]
            target.self_level, target.self_comment = row.level, row.comment
            target.self_label = scale.label_for(row.level)
    if with_mentor:
        for row in MentorScore.objects.filter(evaluation=evaluation):
            if row.competence_id in rows:
                target = rows[row.competence_id]
                target.mentor_level, target.mentor_comment = row.level, row.comment
                target.mentor_label = scale.label_for(row.level)
        earlier = earlier_evaluations(evaluation)
        levels = {
            (score.evaluation_id, score.competence_id): score.level
            for score in MentorScore.objects.filter(evaluation__in=[e.pk for e in earlier])
        }
        for row in rows.values():
            row.earlier = [
                (
                    item,
                    levels.get((item.pk, row.competence.pk)),
                    scale.label_for(levels.get((item.pk, row.competence.pk))),
                )
                for item in earlier
            ]
    return list(rows.values())


def plan_goals_for_final(trajectory: Trajectory) -> list[PlanGoal]:
    """The goals the final evaluation judges: the agreed version's, else the latest one's."""
    version = (
        PlanVersion.objects.filter(trajectory=trajectory)
        .exclude(status=PlanVersion.Status.DRAFT)
        .order_by("-number")
        .first()
    ) or PlanVersion.objects.filter(trajectory=trajectory).order_by("-number").first()
    if version is None:
        return []
    return list(
        version.goals.select_related("competence__framework__scale", "version").order_by(
            "position", "id"
        )
    )


def evaluation_report(evaluation: Evaluation) -> dict:
    """Everything a printed report of the evaluation needs, in plain data: the parties, self
    vs mentor per competence, strengths, points to improve, action points, goal results and
    signatures. The PDF issue renders this."""
    trajectory = evaluation.trajectory
    rows = side_by_side(evaluation)
    goal_results = list(
        GoalResult.objects.filter(evaluation=evaluation)
        .select_related("goal__competence")
        .order_by("goal__position", "goal_id")
    )
    return {
        "evaluation": evaluation,
        "kind": evaluation.get_kind_display(),
        "version": evaluation.version,
        "status": evaluation.get_status_display(),
        "trajectory": trajectory,
        "trainee": trajectory.candidate.full_name,
        "mentor": evaluation.mentor.full_name if evaluation.mentor else "",
        "coordinator": evaluation.coordinator.full_name if evaluation.coordinator else "",
        "guest": evaluation.guest.user.full_name if evaluation.guest_id else "",
        "scheduled_on": evaluation.scheduled_on,
        "held_on": evaluation.held_on,
        "competences": [
            {
                "competence": row.competence.text,
                "group": row.competence.get_group_display(),
                "self_level": row.self_level,
                "self_label": row.self_label,
                "self_comment": row.self_comment,
                "mentor_level": row.mentor_level,
                "mentor_label": row.mentor_label,
                "mentor_comment": row.mentor_comment,
                "earlier": [
                    {"held_on": item.held_on, "kind": item.get_kind_display(), "level": level}
                    for item, level, _label in row.earlier
                ],
            }
            for row in rows
        ],
        "strengths": evaluation.strengths,
        "improvements": evaluation.improvements,
        "action_points": [
            {
                "text": point.text,
                "competence": point.competence.text if point.competence else "",
                "planned_as": point.get_planned_as_display() if point.planned_as else "",
            }
            for point in ActionPoint.objects.filter(evaluation=evaluation).select_related(
                "competence"
            )
        ],
        "goal_results": [
            {
                "goal": result.goal.competence.text
                if result.goal.competence
                else result.goal.description,
                "description": result.goal.description,
                "reached": result.reached,
                "evidence": result.evidence,
            }
            for result in goal_results
        ],
        "judgement": evaluation.get_judgement_display() if evaluation.judgement else "",
        "judgement_note": evaluation.judgement_note,
        "signatures": [
            {
                "party": signature.get_party_display(),
                "name": signature.typed_name,
                "signed_at": signature.signed_at,
                "on_behalf": signature.on_behalf,
                "on_behalf_reason": signature.on_behalf_reason,
                "recorded_by": signature.recorded_by.full_name,
            }
            for signature in Signature.objects.filter(evaluation=evaluation).select_related(
                "recorded_by"
            )
        ],
        "locked_at": evaluation.locked_at,
    }


# --- Outcomes overview ---------------------------------------------------------------------


@dataclass
class OutcomesOverview:
    start: date
    end: date
    total: int
    by_kind: list[dict]
    by_outcome: list[dict]
    hired_share: float | None
    average_days: float | None
    goals_not_reached: list[dict]
    # Stopped before they ever started (a draft or a trajectory in preparation withdrawn):
    # counted apart, not as early stops, so test drafts do not lower the hire rate.
    stopped_before_start: int = 0


# Stopped without an actual start: nobody began, so it is no outcome of a trajectory.
STOPPED_BEFORE_START = Q(status=Status.STOPPED, actual_start__isnull=True)


def outcomes_overview(organisation, *, start: date, end: date) -> OutcomesOverview:
    """Trajectories closed (or stopped) in a period: per kind and outcome, share hired,
    average duration, and the goals most often not reached. Those stopped before they
    started are left out of every figure and only counted. Four queries."""
    ended = Trajectory.objects.filter(
        organisation=organisation,
        status__in=[Status.CLOSED, Status.STOPPED],
        actual_end__gte=start,
        actual_end__lte=end,
    )
    rows = list(
        ended.annotate(
            before_start=ExpressionWrapper(STOPPED_BEFORE_START, output_field=BooleanField())
        )
        .values("kind", "outcome", "before_start")
        .annotate(count=Count("id"))
        .order_by("kind", "outcome")
    )
    stopped_before_start = sum(row["count"] for row in rows if row["before_start"])
    closed = ended.exclude(STOPPED_BEFORE_START)
    kinds, outcomes = dict(Kind.choices), dict(Outcome.choices)
    by_kind: dict[str, dict] = {}
    by_outcome: dict[str, int] = {}
    for row in (row for row in rows if not row["before_start"]):
        entry = by_kind.setdefault(
            row["kind"], {"kind": kinds.get(row["kind"], row["kind"]), "total": 0, "hired": 0}
        )
        entry["total"] += row["count"]
        if row["outcome"] == Outcome.HIRED:
            entry["hired"] += row["count"]
        by_outcome[row["outcome"]] = by_outcome.get(row["outcome"], 0) + row["count"]
    total = sum(by_outcome.values())
    hired = by_outcome.get(Outcome.HIRED, 0)
    duration = closed.filter(actual_start__isnull=False).aggregate(
        average=Avg(
            ExpressionWrapper(F("actual_end") - F("actual_start"), output_field=DurationField())
        )
    )["average"]
    not_reached = list(
        GoalResult.objects.filter(
            evaluation__trajectory__in=closed.values("pk"),
            evaluation__correction__isnull=True,
            reached=False,
            goal__competence__isnull=False,
        )
        .values("goal__competence__label", "goal__competence__code")
        .annotate(count=Count("id"))
        .order_by("-count", "goal__competence__code")[:10]
    )
    return OutcomesOverview(
        start=start,
        end=end,
        total=total,
        by_kind=sorted(by_kind.values(), key=lambda entry: -entry["total"]),
        by_outcome=[
            {"outcome": outcomes.get(code, code or "—"), "count": count}
            for code, count in sorted(by_outcome.items(), key=lambda item: -item[1])
        ],
        hired_share=(hired / total) if total else None,
        average_days=_days(duration),
        goals_not_reached=not_reached,
        stopped_before_start=stopped_before_start,
    )


def _days(value) -> float | None:
    if value is None:
        return None
    if hasattr(value, "days"):
        return round(value.total_seconds() / 86400, 1)
    return round(float(value) / 86400 / 1_000_000, 1)  # microseconds on some backends


def outcome_decision_for(trajectory: Trajectory) -> OutcomeDecision | None:
    return OutcomeDecision.objects.filter(trajectory=trajectory).prefetch_related("courses").first()
