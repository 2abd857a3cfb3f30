from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet, Subquery

from werkplek.accounts.models import Membership
from werkplek.competences.models import Competence, CompetenceFramework, CompetenceRating
from werkplek.competences.selectors import framework_for, frameworks_for
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal, PlanVersion
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def plan_versions_visible_to(membership: Membership) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(
        trajectory__in=trajectories_visible_to(membership)
    ).select_related("trajectory", "trajectory__candidate", "trajectory__organisation")


def plan_goals_visible_to(membership: Membership) -> QuerySet[PlanGoal]:
    return PlanGoal.objects.filter(
        version__trajectory__in=trajectories_visible_to(membership)
    ).select_related(
        "version",
        "version__trajectory",
        "version__trajectory__candidate",
        "version__trajectory__organisation",
        "competence",
    )


def learning_moments_visible_to(membership: Membership) -> QuerySet[LearningMoment]:
    return LearningMoment.objects.filter(
        version__trajectory__in=trajectories_visible_to(membership)
    ).select_related(
        "version",
        "version__trajectory",
        "version__trajectory__candidate",
        "version__trajectory__organisation",
        "led_by",
    )


def plan_current(trajectory: Trajectory) -> PlanVersion | None:
    """The version that counts: the agreed one, else the draft being written."""
    versions = {
        version.status: version
        for version in PlanVersion.objects.filter(
            trajectory=trajectory,
            status__in=[PlanVersion.Status.AGREED, PlanVersion.Status.DRAFT],
        )
    }
    return versions.get(PlanVersion.Status.AGREED) or versions.get(PlanVersion.Status.DRAFT)


def plan_draft(trajectory: Trajectory) -> PlanVersion | None:
    return PlanVersion.objects.filter(
        trajectory=trajectory, status=PlanVersion.Status.DRAFT
    ).first()


def version_goals(version: PlanVersion) -> list[PlanGoal]:
    return list(
        version.goals.select_related("competence__framework__scale").order_by("position", "id")
    )


def version_moments(
    version: PlanVersion, *, start: date | None = None, end: date | None = None
) -> list[LearningMoment]:
    moments = version.moments.select_related("led_by").prefetch_related(
        Prefetch("goals", queryset=PlanGoal.objects.select_related("competence"))
    )
    if start:
        moments = moments.filter(date__gte=start)
    if end:
        moments = moments.filter(date__lte=end)
    return list(moments.order_by("date", "start_time", "id"))


def logged_moment_lineages(trajectory: Trajectory) -> set:
    """Planned moments (by lineage, across versions) that have a logbook entry."""
    return set(
        LearningMoment.objects.filter(
            version__trajectory=trajectory, log_entries__isnull=False
        ).values_list("lineage", flat=True)
    )


def last_dispatch(version: PlanVersion) -> PlanDispatch | None:
    return version.dispatches.select_related("sent_by").first()


@dataclass
class CompetenceProgress:
    competence: Competence
    baseline: CompetenceRating | None
    latest: CompetenceRating | None
    target_level: int | None
    target_date: date | None
    scale_values: list[int]
    achieved_level: int
    label_for: object = field(repr=False, default=None)

    @property
    def steps(self) -> list[tuple[int, bool, bool]]:
        """Per level of the scale: (value, reached, is the target) — for a segmented bar."""
        return [
            (value, value <= self.level, value == self.goal_level) for value in self.scale_values
        ]

    @property
    def level(self) -> int:
        return self.latest.level if self.latest else 0

    @property
    def goal_level(self) -> int:
        return self.target_level or self.achieved_level

    @property
    def reached(self) -> bool:
        return self.latest is not None and self.latest.level >= self.goal_level

    @property
    def level_label(self) -> str:
        return self.label_for(self.latest.level) if self.latest else ""

    @property
    def baseline_label(self) -> str:
        return self.label_for(self.baseline.level) if self.baseline else ""

    @property
    def target_label(self) -> str:
        return self.label_for(self.goal_level)


@dataclass
class ProgressOverview:
    framework: CompetenceFramework | None
    rows: list[CompetenceProgress]
    has_plan: bool

    @property
    def reached_count(self) -> int:
        return sum(1 for row in self.rows if row.target_level and row.reached)

    @property
    def goal_count(self) -> int:
        return sum(1 for row in self.rows if row.target_level)


def competence_progress(trajectory: Trajectory, *, only_goals: bool = False) -> ProgressOverview:
    """Per competence: baseline, latest assessed level and the plan's target.

    Four queries whatever the number of competences, goals and ratings.
    """
    # The framework with its active competences in one query; the framework alone (a second
    # query) only when it has none.
    competences = list(
        Competence.objects.filter(
            framework=Subquery(frameworks_for(trajectory).values("pk")[:1]), is_active=True
        )
        .select_related("framework__scale")
        .order_by("position", "id")
    )
    framework = competences[0].framework if competences else framework_for(trajectory)
    if framework is None:
        return ProgressOverview(framework=None, rows=[], has_plan=False)
    latest: dict[int, CompetenceRating] = {}
    baselines: dict[int, CompetenceRating] = {}
    for rating in CompetenceRating.objects.filter(trajectory=trajectory).order_by(
        "rated_on", "created_at", "id"
    ):
        latest[rating.competence_id] = rating
        if rating.source == CompetenceRating.Source.BASELINE:
            baselines[rating.competence_id] = rating
    goals = list(
        PlanGoal.objects.filter(
            version__trajectory=trajectory,
            version__status__in=[PlanVersion.Status.AGREED, PlanVersion.Status.DRAFT],
            competence__isnull=False,
        ).values_list("version__status", "competence_id", "target_level", "target_date")
    )
    statuses = {status for status, *_rest in goals}
    counting = PlanVersion.Status.AGREED if PlanVersion.Status.AGREED in statuses else "draft"
    targets: dict[int, tuple[int | None, date | None]] = {}
    for status, competence_id, level, target_date in goals:
        if status != counting:
            continue
        known = targets.get(competence_id)
        if known is None or (level or 0) > (known[0] or 0):
            targets[competence_id] = (level, target_date)
    scale = framework.scale
    rows = [
        CompetenceProgress(
            competence=competence,
            baseline=baselines.get(competence.pk),
            latest=latest.get(competence.pk),
            target_level=targets.get(competence.pk, (None, None))[0]
            or (scale.achieved_level if competence.pk in targets else None),
            target_date=targets.get(competence.pk, (None, None))[1],
            scale_values=scale.values,
            achieved_level=scale.achieved_level,
            label_for=scale.label_for,
        )
        for competence in competences
        if not only_goals or competence.pk in targets
    ]
    return ProgressOverview(framework=framework, rows=rows, has_plan=bool(goals))
