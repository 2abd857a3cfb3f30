from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.competences.models import Competence, CompetenceRating
from werkplek.competences.selectors import framework_for
from werkplek.competences.services import competence_profile_set
from werkplek.core.hooks import trajectory_changed
from werkplek.core.i18n import in_every_language
from werkplek.plans.emails import send_planning
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal, PlanVersion
from werkplek.plans.selectors import plan_draft
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import mentor_choices

Status = PlanVersion.Status


def check_in_period(trajectory: Trajectory, day: date, field_name: str) -> None:
    """A date of the plan lies within the trajectory (its actual, else planned, dates)."""
    start, end = trajectory.period_start, trajectory.period_end
    if start is None or end is None:
        raise ValidationError(
            {field_name: _("Set the planned start and end dates of the trajectory first.")}
        )
    if not start <= day <= end:
        raise ValidationError(
            {
                field_name: _("Choose a date within the trajectory: %(start)s – %(end)s.")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
            }
        )


def _check_draft(version: PlanVersion) -> None:
    """Only a draft changes; the state is read again under a lock (the instance may be old)."""
    current = PlanVersion.objects.select_for_update().get(pk=version.pk)
    version.status = current.status
    if not current.is_draft:
        raise ValidationError(
            _("Version %(number)s is agreed and no longer changes: change the plan instead.")
            % {"number": current.number}
        )


def _draft_changed(version: PlanVersion) -> None:
    """The draft's content changed: acknowledgements given to a proposed draft were given to
    something else, so they are withdrawn and every party is asked again."""
    from werkplek.evaluations.models import Signature

    withdrawn, _counts = Signature.objects.filter(plan_version_id=version.pk).delete()
    if withdrawn:
        # A new round: the inbox and the e-mail digest ask each party again (the key changes).
        version.proposed_at = timezone.now()
        PlanVersion.objects.filter(pk=version.pk).update(proposed_at=version.proposed_at)
        trajectory_log(
            version.trajectory, "plans.version.acknowledgements_reset", number=version.number
        )


def _next_position(version: PlanVersion) -> int:
    last = version.goals.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def plan_start(*, trajectory: Trajectory, by: User) -> PlanVersion:
    """Draw up the opleidingsplan: version 1, a draft. Returns the draft if one exists."""
    existing = plan_draft(trajectory)
    if existing is not None:
        return existing
    if trajectory.plan_versions.exists():
        raise ValidationError(_("This trajectory already has a plan: change it instead."))
    version = PlanVersion.objects.create(trajectory=trajectory, number=1, created_by=by)
    trajectory_log(trajectory, "plans.version.started", by=by, number=1)
    return version


@transaction.atomic
def plan_goal_save(*, goal: PlanGoal) -> PlanGoal:
    version = goal.version
    trajectory = version.trajectory
    _check_draft(version)
    if goal.competence_id is not None:
        competence = goal.competence
        if competence.framework.organisation_id != trajectory.organisation_id:
            raise ValidationError({"competence": _("Choose a competence of your organisation.")})
        competence_profile_set(trajectory=trajectory, framework=competence.framework)
        scale = competence.framework.scale
        if goal.target_level is None:
            goal.target_level = scale.achieved_level
        if goal.target_level not in scale.values:
            raise ValidationError({"target_level": _("Choose a level of the scale.")})
    elif goal.target_level is not None:
        raise ValidationError({"target_level": _("A target level needs a competence.")})
    if goal.target_date is not None:
        check_in_period(trajectory, goal.target_date, "target_date")
    if goal.pk is None:
        goal.position = _next_position(version)
    goal.description = goal.description.strip()
    goal.full_clean()
    goal.save()
    _draft_changed(version)
    return goal


@transaction.atomic
def plan_goal_delete(*, goal: PlanGoal) -> None:
    _check_draft(goal.version)
    try:
        goal.delete()
    except RestrictedError as error:
        raise ValidationError(
            _("A follow-up rule follows this goal: change or delete that rule first.")
        ) from error
    _draft_changed(goal.version)


@transaction.atomic
def plan_goals_from_baseline(*, version: PlanVersion) -> int:
    """A goal for every competence the baseline shows as not yet acquired (and unplanned).

    Target: the scale's "acquired" level by the end of the trajectory. Returns how many.
    """
    _check_draft(version)
    trajectory = version.trajectory
    framework = framework_for(trajectory)
    if framework is None:
        return 0
    baseline = dict(
        CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        ).values_list("competence_id", "level")
    )
    planned = set(version.goals.values_list("competence_id", flat=True))
    achieved = framework.scale.achieved_level
    position = _next_position(version)
    added = []
    for competence in framework.competences.filter(is_active=True).order_by("position", "id"):
        level = baseline.get(competence.pk)
        if competence.pk in planned or level is None or level >= achieved:
            continue
        added.append(
            PlanGoal(
                version=version,
                competence=competence,
                target_level=achieved,
                target_date=trajectory.period_end,
                position=position,
            )
        )
        position += 1
    PlanGoal.objects.bulk_create(added)
    if added:
        competence_profile_set(trajectory=trajectory, framework=framework)
        _draft_changed(version)
    return len(added)


def _check_leader(trajectory: Trajectory, led_by: User | None) -> None:
    if led_by is not None and not mentor_choices(trajectory.organisation).filter(pk=led_by.pk):
        raise ValidationError({"led_by": _("Choose a mentor or coordinator of the organisation.")})


@transaction.atomic
def learning_moment_save(
    *, moment: LearningMoment, goals: Iterable[PlanGoal] = ()
) -> LearningMoment:
    version = moment.version
    _check_draft(version)
    check_in_period(version.trajectory, moment.date, "date")
    _check_leader(version.trajectory, moment.led_by)
    goals = list(goals)
    if any(goal.version_id != version.pk for goal in goals):
        raise ValidationError({"goals": _("Choose goals of this version of the plan.")})
    if moment.duration_hours is None or not 0 < moment.duration_hours <= 24:
        raise ValidationError(
            {"duration_hours": _("Enter a duration of more than 0 and at most 24 hours.")}
        )
    moment.topic = moment.topic.strip()
    moment.full_clean(exclude=["version", "led_by"], validate_constraints=False)  # checked above
    moment.save()
    moment.goals.set(goals)
    _draft_changed(version)
    return moment


@transaction.atomic
def learning_moment_delete(*, moment: LearningMoment) -> None:
    _check_draft(moment.version)
    try:
        moment.delete()
    except RestrictedError as error:
        raise ValidationError(
            _("This moment is in the logbook already; it cannot be deleted.")
        ) from error
    _draft_changed(moment.version)


@transaction.atomic
def plan_version_agree(*, version: PlanVersion, by: User) -> PlanVersion:
    """The plan is agreed: it replaces the previously agreed version, which stays readable."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _check_draft(version)
    if not version.goals.exists():
        raise ValidationError(_("Add at least one goal before the plan is agreed."))
    PlanVersion.objects.filter(trajectory_id=version.trajectory_id, status=Status.AGREED).update(
        status=Status.SUPERSEDED
    )
    version.status, version.agreed_at, version.agreed_by = Status.AGREED, timezone.now(), by
    version.save()
    trajectory_log(version.trajectory, "plans.version.agreed", by=by, number=version.number)
    trajectory_changed(version.trajectory, fact="plans.version")
    return version


@dataclass(frozen=True)
class GoalSpec:
    """A goal to add to the plan, e.g. from an action point of an evaluation."""

    competence: Competence | None
    target_level: int | None = None
    target_date: date | None = None
    description: str = ""


@dataclass(frozen=True)
class MomentSpec:
    """A learning moment to add; linked to the version's goals for `competences`."""

    date: date
    topic: str
    duration_hours: Decimal
    start_time: time | None = None
    led_by: User | None = None
    led_by_name: str = ""
    place: str = ""
    competences: Sequence[Competence] = field(default_factory=tuple)


def _goal_for(version: PlanVersion, spec: GoalSpec) -> PlanGoal:
    """The goal a spec adds: the version's goal on the same competence (or, without one, with
    the same words) gets the new words added, so one subject is never planned twice."""
    description = spec.description.strip()
    same = version.goals.filter(competence=spec.competence) if spec.competence else None
    if same is None:
        same = version.goals.filter(competence__isnull=True, description=description)
    goal = same.order_by("position", "id").first()
    if goal is None:
        return PlanGoal(
            version=version,
            competence=spec.competence,
            target_level=spec.target_level,
            target_date=spec.target_date,
            description=description,
        )
    if description and description not in goal.description.splitlines():
        goal.description = f"{goal.description}\n{description}".strip()
    return goal


def _copy_version(
    source: PlanVersion, *, reason: str, reasons_coded: list[dict], by: User
) -> PlanVersion:
    version = PlanVersion.objects.create(
        trajectory=source.trajectory,
        number=source.number + 1,
        reason=reason,
        reasons_coded=reasons_coded,
        created_by=by,
    )
    goal_copies = {}
    for goal in source.goals.order_by("position", "id"):
        goal_copies[goal.pk] = PlanGoal.objects.create(
            version=version,
            lineage=goal.lineage,
            competence_id=goal.competence_id,
            description=goal.description,
            target_level=goal.target_level,
            target_date=goal.target_date,
            position=goal.position,
        )
    for moment in source.moments.prefetch_related("goals").order_by("date", "id"):
        copy = LearningMoment.objects.create(
            version=version,
            lineage=moment.lineage,
            date=moment.date,
            start_time=moment.start_time,
            duration_hours=moment.duration_hours,
            topic=moment.topic,
            led_by_id=moment.led_by_id,
            led_by_name=moment.led_by_name,
            place=moment.place,
            notes=moment.notes,
        )
        copy.goals.set([goal_copies[goal.pk] for goal in moment.goals.all()])
    return version


@transaction.atomic
def plan_revise(
    *,
    trajectory: Trajectory,
    reason: str = "",
    reason_coded: dict | None = None,
    by: User,
    goals: Sequence[GoalSpec] = (),
    moments: Sequence[MomentSpec] = (),
) -> PlanVersion:
    """Change an agreed plan: a new draft version (a copy, with the reason), plus additions.

    The reason is typed (`reason`) or given by the system as a code with parameters
    (`reason_coded`, see core.i18n.coded). When a changed version is already being drafted,
    the additions go into that draft.
    """
    reason = reason.strip()
    coded_reasons = [reason_coded] if reason_coded else []
    draft = plan_draft(trajectory)
    if draft is None:
        latest = trajectory.plan_versions.order_by("-number").first()
        if latest is None:
            raise ValidationError(_("This trajectory has no plan yet."))
        if not reason and not coded_reasons:
            raise ValidationError({"reason": _("Say why the plan changes.")})
        draft = _copy_version(latest, reason=reason, reasons_coded=coded_reasons, by=by)
        trajectory_log(
            trajectory,
            "plans.version.revised",
            by=by,
            number=draft.number,
            reason=reason or reason_coded,
        )
    else:
        if reason and reason not in draft.reason:
            draft.reason = f"{draft.reason}\n{reason}".strip()
        new = [entry for entry in coded_reasons if entry not in draft.reasons_coded]
        draft.reasons_coded += new
        draft.save(update_fields=["reason", "reasons_coded", "updated_at"])
    for spec in goals:
        plan_goal_save(goal=_goal_for(draft, spec))
    for spec in moments:
        linked = [
            goal
            for goal in draft.goals.all()
            if goal.competence_id in {competence.pk for competence in spec.competences}
        ]
        learning_moment_save(
            moment=LearningMoment(
                version=draft,
                date=spec.date,
                topic=spec.topic,
                duration_hours=spec.duration_hours,
                start_time=spec.start_time,
                led_by=spec.led_by,
                led_by_name=spec.led_by_name,
                place=spec.place,
            ),
            goals=linked,
        )
    return draft


@transaction.atomic
def plan_send(
    *, version: PlanVersion, method: str, by: User, message: str = "", base_url: str = ""
) -> PlanDispatch:
    """Hand the planning to the candidate ("bezorg de planning aan de kandidaat")."""
    if version.status != Status.AGREED:
        raise ValidationError(_("Only the agreed version of the plan can be sent."))
    candidate = version.trajectory.candidate
    if method == PlanDispatch.Method.EMAIL and not candidate.email:
        raise ValidationError(
            {"method": _("The candidate has no e-mail address: add it, or hand the plan over.")}
        )
    dispatch = PlanDispatch(
        version=version,
        method=method,
        sent_to=candidate.email if method == PlanDispatch.Method.EMAIL else "",
        sent_by=by,
    )
    dispatch.full_clean()
    if method == PlanDispatch.Method.EMAIL:
        try:
            send_planning(version=version, message=message, sender=by, base_url=base_url)
        except OSError as error:  # smtplib errors included
            raise ValidationError(
                _("The e-mail could not be sent (%(error)s). Try again later.") % {"error": error}
            ) from error
    dispatch.save()
    trajectory_log(
        version.trajectory,
        "plans.planning.sent",
        by=by,
        number=version.number,
        method=in_every_language(PlanDispatch.Method(method).label),
    )
    trajectory_changed(version.trajectory, fact="plans.version")
    return dispatch
