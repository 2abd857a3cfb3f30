"""Writes of the evaluations app. Keyword-only, atomic; every change to an evaluation first
checks that it is not locked (signed by every party), and a refused change is recorded on the
trajectory's timeline even though the change itself is not made."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership, User
from werkplek.competences.models import Competence, CompetenceRating
from werkplek.competences.selectors import framework_for
from werkplek.competences.services import competence_rating_record, competence_ratings_delete
from werkplek.core.hooks import trajectory_changed
from werkplek.core.i18n import coded, in_every_language
from werkplek.evaluations.models import (
    ActionPoint,
    Course,
    Evaluation,
    GoalResult,
    MentorScore,
    OutcomeDecision,
    SelfAssessment,
    Signature,
)
from werkplek.plans.models import PlanGoal
from werkplek.plans.services import GoalSpec, MomentSpec, plan_revise
from werkplek.trajectories import transitions
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import MentorAssignment, Outcome, Status, Trajectory

Kind, EvalStatus, Party = Evaluation.Kind, Evaluation.Status, Signature.Party


class EvaluationLocked(ValidationError):
    """A change to a signed (locked) evaluation: refused, and recorded."""


# Codes of the sentences this app writes into other records (texts in apps.py).
ACTION_POINTS_REASON = "evaluations.plan_reason.action_points"
CONTRACT_NOTE = "evaluations.outcome_note.contract"
CONTINUE_NOTE = "evaluations.outcome_note.continue"
COURSES_NOTE = "evaluations.outcome_note.courses"
STOP_NOTE = "evaluations.outcome_note.stop"
# The whole decision: {"parts": [one coded sentence per continuation]}.
OUTCOME_NOTE = "evaluations.outcome_note.decision"


def _kind(evaluation: Evaluation) -> dict[str, str]:
    """The evaluation's kind as a label, shown later in the reader's language."""
    return in_every_language(Evaluation.Kind(evaluation.kind).label)


def refuse_if_locked(evaluation: Evaluation, *, by: User | None, attempt: str) -> None:
    """Raise EvaluationLocked when the evaluation is locked, after recording the attempt.

    Called outside the writing transaction, so the record stays when the caller's
    transaction is rolled back by the exception.
    """
    locked_at = Evaluation.objects.filter(pk=evaluation.pk).values_list("locked_at", flat=True)
    if evaluation.pk is None or locked_at.first() is None:
        return
    trajectory_log(
        evaluation.trajectory,
        "evaluations.evaluation.change_refused",
        by=by,
        kind=_kind(evaluation),
        attempt=attempt,
        evaluation=str(evaluation.public_id),
    )
    raise EvaluationLocked(
        _("This evaluation is signed and locked: it no longer changes. Make a correction instead.")
    )


def _lock_row(evaluation: Evaluation) -> Evaluation:
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if current.locked_at is not None:  # signed in the meantime
        raise EvaluationLocked(_("This evaluation is signed and locked: it no longer changes."))
    evaluation.status, evaluation.locked_at = current.status, current.locked_at
    return current


def _check_participants(
    trajectory: Trajectory, mentor: User | None, coordinator: User | None, guest
) -> None:
    if mentor is not None and not trajectory.mentors.filter(pk=mentor.pk).exists():
        raise ValidationError({"mentor": _("Choose one of the trajectory's mentors.")})
    staff = Membership.objects.filter(
        organisation_id=trajectory.organisation_id,
        role__in=(Membership.Role.ADMIN, Membership.Role.COORDINATOR),
        is_active=True,
    )
    if coordinator is not None and not staff.filter(user=coordinator).exists():
        raise ValidationError({"coordinator": _("Choose a coordinator of the organisation.")})
    if guest is not None and (
        guest.organisation_id != trajectory.organisation_id or guest.role != Membership.Role.GUEST
    ):
        raise ValidationError({"guest": _("Choose a guest of the organisation.")})


@transaction.atomic
def evaluation_schedule(
    *,
    trajectory: Trajectory,
    kind: str,
    on: date,
    at: time | None = None,
    place: str = "",
    mentor: User | None = None,
    coordinator: User | None = None,
    guest: Membership | None = None,
    by: User,
) -> Evaluation:
    """Plan an interim or final evaluation ("plan een tussentijdse evaluatie in")."""
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory is closed."))
    if (
        kind == Kind.FINAL
        and Evaluation.objects.filter(
            trajectory=trajectory, kind=Kind.FINAL, previous__isnull=True
        ).exists()
    ):
        raise ValidationError({"kind": _("This trajectory already has a final evaluation.")})
    if mentor is None:
        first = (
            MentorAssignment.objects.filter(trajectory=trajectory)
            .select_related("mentor")
            .order_by("assigned_at", "pk")
            .first()
        )
        mentor = first.mentor if first else None
    coordinator = coordinator or trajectory.coordinator
    _check_participants(trajectory, mentor, coordinator, guest)
    evaluation = Evaluation(
        trajectory=trajectory,
        kind=kind,
        scheduled_on=on,
        scheduled_at=at,
        place=place.strip(),
        mentor=mentor,
        coordinator=coordinator,
        guest=guest,
        created_by=by,
    )
    evaluation.full_clean(exclude=["trajectory", "mentor", "coordinator", "guest", "created_by"])
    evaluation.save()
    trajectory_log(
        trajectory,
        "evaluations.evaluation.scheduled",
        by=by,
        kind=_kind(evaluation),
        date=on.strftime("%d/%m/%Y"),
    )
    trajectory_changed(trajectory, fact="evaluations.evaluation")
    return evaluation


def evaluation_reschedule(
    *,
    evaluation: Evaluation,
    on: date,
    at: time | None,
    place: str,
    mentor: User | None,
    coordinator: User | None,
    guest: Membership | None,
    by: User,
) -> Evaluation:
    refuse_if_locked(evaluation, by=by, attempt="schedule")
    return _reschedule(
        evaluation=evaluation,
        on=on,
        at=at,
        place=place,
        mentor=mentor,
        coordinator=coordinator,
        guest=guest,
    )


@transaction.atomic
def _reschedule(*, evaluation, on, at, place, mentor, coordinator, guest) -> Evaluation:
    _lock_row(evaluation)
    _check_participants(evaluation.trajectory, mentor, coordinator, guest)
    evaluation.scheduled_on, evaluation.scheduled_at, evaluation.place = on, at, place.strip()
    evaluation.mentor, evaluation.coordinator, evaluation.guest = mentor, coordinator, guest
    evaluation.save()
    return evaluation


@dataclass(frozen=True)
class Level:
    competence: Competence
    level: int | None
    comment: str = ""


def _check_levels(evaluation: Evaluation, levels: Sequence[Level]) -> None:
    framework = framework_for(evaluation.trajectory)
    if framework is None:
        raise ValidationError(_("Choose the trajectory's competence framework first."))
    for entry in levels:
        if entry.competence.framework_id != framework.pk:
            raise ValidationError(_("This competence is not part of the trajectory's framework."))
        if entry.level is not None and entry.level not in framework.scale.values:
            raise ValidationError(_("Choose a level of the scale."))


def _save_levels(model, evaluation: Evaluation, levels: Sequence[Level], **extra) -> None:
    existing = {row.competence_id: row for row in model.objects.filter(evaluation=evaluation)}
    for entry in levels:
        row = existing.get(entry.competence.pk)
        comment = entry.comment.strip()
        if entry.level is None and not comment:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = model(evaluation=evaluation, competence=entry.competence)
        row.level, row.comment = entry.level, comment
        for key, value in extra.items():
            setattr(row, key, value)
        row.save()


def self_assessment_save(*, evaluation: Evaluation, levels: Sequence[Level], by: User) -> None:
    """The trainee's self-assessment, before the talk; it no longer changes once held."""
    refuse_if_locked(evaluation, by=by, attempt="self-assessment")
    _self_assessment_save(evaluation=evaluation, levels=levels)


@transaction.atomic
def _self_assessment_save(*, evaluation: Evaluation, levels: Sequence[Level]) -> None:
    _lock_row(evaluation)
    if evaluation.is_held:
        raise ValidationError(_("The talk was held: the self-assessment no longer changes."))
    _check_levels(evaluation, levels)
    _save_levels(SelfAssessment, evaluation, levels)


def mentor_scores_save(
    *,
    evaluation: Evaluation,
    levels: Sequence[Level],
    strengths: str,
    improvements: str,
    by: User,
) -> None:
    """The mentor's level and comment per competence, strengths and points to improve."""
    refuse_if_locked(evaluation, by=by, attempt="scores")
    _mentor_scores_save(
        evaluation=evaluation, levels=levels, strengths=strengths, improvements=improvements, by=by
    )


@transaction.atomic
def _mentor_scores_save(*, evaluation, levels, strengths, improvements, by) -> None:
    _lock_row(evaluation)
    _check_levels(evaluation, levels)
    _save_levels(MentorScore, evaluation, levels, scored_by=by)
    evaluation.strengths, evaluation.improvements = strengths.strip(), improvements.strip()
    evaluation.save(update_fields=["strengths", "improvements", "updated_at"])
    if evaluation.is_held:
        _write_ratings(evaluation, by=by)


def _write_ratings(evaluation: Evaluation, *, by: User | None) -> int:
    """The mentor's levels become the trajectory's competence ratings (the latest one is the
    current level), dated on the day of the talk; rewritten whenever the scores change."""
    competence_ratings_delete(source_ref=evaluation.public_id)
    count = 0
    for score in evaluation.mentor_scores.select_related("competence__framework__scale"):
        if score.level is None:
            continue
        competence_rating_record(
            trajectory=evaluation.trajectory,
            competence=score.competence,
            level=score.level,
            on=evaluation.held_on,
            source=CompetenceRating.Source.EVALUATION,
            by=by,
            source_ref=evaluation.public_id,
            note=score.comment[:500],
        )
        count += 1
    return count


def action_point_add(
    *,
    evaluation: Evaluation,
    text: str,
    competence: Competence | None,
    by: User,
    owner: User | None = None,
    due_on: date | None = None,
) -> ActionPoint:
    """`owner` keeps the action point by `due_on`; until the next evaluation records whether
    it was kept, it waits for the owner (an obligation)."""
    refuse_if_locked(evaluation, by=by, attempt="action point")
    return _action_point_add(
        evaluation=evaluation, text=text, competence=competence, owner=owner, due_on=due_on
    )


def action_point_owner_ids(evaluation: Evaluation) -> set[int]:
    """Who can own an action point: the trainee (with an account), the trajectory's mentors,
    its coordinator and the evaluation's."""
    trajectory = evaluation.trajectory
    ids = set(trajectory.mentors.values_list("pk", flat=True))
    ids |= {trajectory.candidate.user_id, trajectory.coordinator_id}
    ids |= {evaluation.mentor_id, evaluation.coordinator_id}
    return ids - {None}


@transaction.atomic
def _action_point_add(*, evaluation, text, competence, owner, due_on) -> ActionPoint:
    _lock_row(evaluation)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe the action point.")})
    if competence is not None:
        _check_levels(evaluation, [Level(competence, None)])
    if owner is not None and owner.pk not in action_point_owner_ids(evaluation):
        raise ValidationError({"owner": _("Choose the trainee, a mentor or the coordinator.")})
    if due_on is not None and due_on < evaluation.scheduled_on:
        raise ValidationError({"due_on": _("The date comes after the evaluation.")})
    last = evaluation.action_points.order_by("-position").values_list("position", flat=True)
    point = ActionPoint(
        evaluation=evaluation,
        text=text,
        competence=competence,
        position=(last.first() or 0) + 1,
        owner=owner,
        due_on=due_on,
    )
    point.full_clean(exclude=["evaluation", "competence", "owner", "checked_in", "checked_by"])
    point.save()
    return point


def earlier_action_points(evaluation: Evaluation):
    """The action points of the trajectory's earlier evaluations that this one checks: not
    checked yet, or checked here."""
    return (
        ActionPoint.objects.filter(
            evaluation__trajectory_id=evaluation.trajectory_id,
            evaluation__status=EvalStatus.HELD,
            evaluation__correction__isnull=True,
            evaluation__scheduled_on__lte=evaluation.scheduled_on,
        )
        .exclude(evaluation=evaluation)
        .filter(Q(kept__isnull=True) | Q(checked_in=evaluation))
        .select_related("owner", "competence", "evaluation")
        .order_by("evaluation__held_on", "position", "id")
    )


def action_point_check(
    *, point: ActionPoint, evaluation: Evaluation, kept: bool, by: User
) -> ActionPoint:
    """At the next evaluation: was the earlier action point kept?"""
    refuse_if_locked(evaluation, by=by, attempt="action point kept")
    with transaction.atomic():
        _lock_row(evaluation)
        if not earlier_action_points(evaluation).filter(pk=point.pk).exists():
            raise ValidationError(_("This action point is not one of an earlier evaluation."))
        point.kept, point.checked_in, point.checked_by = kept, evaluation, by
        point.checked_at = timezone.now()
        point.save(update_fields=["kept", "checked_in", "checked_by", "checked_at", "updated_at"])
        trajectory_log(
            evaluation.trajectory,
            "evaluations.action_point.kept" if kept else "evaluations.action_point.not_kept",
            by=by,
            text=point.text,
        )
    return point


def action_point_delete(*, point: ActionPoint, by: User) -> None:
    refuse_if_locked(point.evaluation, by=by, attempt="action point")
    with transaction.atomic():
        _lock_row(point.evaluation)
        if point.planned_as:
            raise ValidationError(_("This action point is in the opleidingsplan already."))
        point.delete()


@transaction.atomic
def action_point_to_plan(
    *,
    point: ActionPoint,
    as_: str,
    by: User,
    on: date | None = None,
    hours: Decimal | None = None,
) -> ActionPoint:
    """One action: the action point becomes a goal or a learning moment of a new version of
    the opleidingsplan (or of the draft being written). Allowed on a locked evaluation: it
    changes the plan, not the evaluation."""
    point = (
        ActionPoint.objects.select_for_update()
        .select_related("evaluation__trajectory")
        .get(pk=point.pk)
    )
    evaluation = point.evaluation
    if point.planned_as:
        raise ValidationError(_("This action point is in the opleidingsplan already."))
    if not evaluation.is_held:
        raise ValidationError(_("Hold the evaluation first."))
    trajectory = evaluation.trajectory
    reason = coded(
        ACTION_POINTS_REASON,
        kind={code: label.lower() for code, label in _kind(evaluation).items()},
        date=evaluation.held_on.isoformat(),
    )
    if as_ == ActionPoint.Target.GOAL:
        goals = [GoalSpec(competence=point.competence, description=point.text)]
        version = plan_revise(trajectory=trajectory, reason_coded=reason, by=by, goals=goals)
    elif as_ == ActionPoint.Target.MOMENT:
        if on is None:
            raise ValidationError({"on": _("Choose the date of the learning moment.")})
        competences = (point.competence,) if point.competence else ()
        moment = MomentSpec(
            date=on,
            topic=point.text[:200],
            duration_hours=hours or Decimal("1"),
            led_by=evaluation.mentor,
            competences=competences,
        )
        version = plan_revise(trajectory=trajectory, reason_coded=reason, by=by, moments=[moment])
    else:
        raise ValidationError(_("Choose a goal or a learning moment."))
    point.planned_as, point.plan_version = as_, version.number
    point.save(update_fields=["planned_as", "plan_version", "updated_at"])
    trajectory_log(
        trajectory,
        "evaluations.action_point.planned",
        by=by,
        version=version.number,
        text=point.text,
    )
    return point


@dataclass(frozen=True)
class GoalVerdict:
    goal: PlanGoal
    reached: bool | None  # None: not judged yet
    evidence: str = ""


def goal_results_save(
    *,
    evaluation: Evaluation,
    results: Sequence[GoalVerdict],
    judgement: str,
    judgement_note: str,
    by: User,
) -> None:
    """Final evaluation: per goal of the plan reached or not, with evidence; the overall
    judgement ("is het doel bereikt?")."""
    refuse_if_locked(evaluation, by=by, attempt="goals")
    _goal_results_save(
        evaluation=evaluation, results=results, judgement=judgement, judgement_note=judgement_note
    )


@transaction.atomic
def _goal_results_save(*, evaluation, results, judgement, judgement_note) -> None:
    _lock_row(evaluation)
    if not evaluation.is_final:
        raise ValidationError(_("Goals are judged in the final evaluation."))
    if judgement and judgement not in Evaluation.Judgement.values:
        raise ValidationError({"judgement": _("Choose the overall judgement.")})
    existing = {row.goal_id: row for row in evaluation.goal_results.all()}
    for verdict in results:
        if verdict.goal.version.trajectory_id != evaluation.trajectory_id:
            raise ValidationError(_("This goal belongs to another trajectory."))
        row = existing.get(verdict.goal.pk)
        if verdict.reached is None:
            if row is not None:
                row.delete()
            continue
        row = row or GoalResult(evaluation=evaluation, goal=verdict.goal)
        row.reached, row.evidence = verdict.reached, verdict.evidence.strip()
        row.save()
    evaluation.judgement, evaluation.judgement_note = judgement, judgement_note.strip()
    evaluation.save(update_fields=["judgement", "judgement_note", "updated_at"])


def evaluation_hold(*, evaluation: Evaluation, on: date, by: User) -> Evaluation:
    """The talk is held: the mentor's levels become competence ratings, the checklist ticks."""
    refuse_if_locked(evaluation, by=by, attempt="hold")
    return _hold(evaluation=evaluation, on=on, by=by)


@transaction.atomic
def _hold(*, evaluation: Evaluation, on: date, by: User) -> Evaluation:
    _lock_row(evaluation)
    if evaluation.is_held:
        raise ValidationError(_("This evaluation is already held."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if not evaluation.mentor_scores.filter(level__isnull=False).exists():
        raise ValidationError(_("Score the competences before the evaluation is held."))
    if evaluation.is_final and not evaluation.judgement:
        raise ValidationError(_("Give the overall judgement before the final evaluation is held."))
    evaluation.status, evaluation.held_on = EvalStatus.HELD, on
    evaluation.save(update_fields=["status", "held_on", "updated_at"])
    _write_ratings(evaluation, by=by)
    trajectory_log(
        evaluation.trajectory,
        "evaluations.evaluation.held",
        by=by,
        kind=_kind(evaluation),
        date=on.strftime("%d/%m/%Y"),
    )
    trajectory_changed(evaluation.trajectory, fact="evaluations.evaluation")
    _ask_signatures(evaluation)
    return evaluation


def _ask_signatures(evaluation: Evaluation) -> None:
    """Held: every party is asked at once, by e-mail, to sign (not in tomorrow's digest)."""
    from werkplek.notifications.obligations import prompt_obligations

    prompt_obligations(
        trajectory=evaluation.trajectory, key_prefix=f"evaluations.sign:{evaluation.pk}:"
    )


def required_parties(evaluation: Evaluation) -> list[str]:
    parties = [Party.TRAINEE, Party.MENTOR, Party.COORDINATOR]
    if evaluation.guest_id:
        parties.append(Party.GUEST)
    return parties


def parties_of(evaluation: Evaluation, membership: Membership) -> set[str]:
    """The parties this member signs for themselves (a small organisation's coordinator may
    also be the mentor)."""
    user_id, own = membership.user_id, set()
    if membership.role == Membership.Role.TRAINEE:
        if evaluation.trajectory.candidate.user_id == user_id:
            own.add(Party.TRAINEE)
        return own
    if membership.role == Membership.Role.GUEST:
        if evaluation.guest_id == membership.pk:
            own.add(Party.GUEST)
        return own
    if evaluation.mentor_id == user_id:
        own.add(Party.MENTOR)
    if evaluation.coordinator_id == user_id or (
        membership.is_staff_role and evaluation.coordinator_id is None
    ):
        own.add(Party.COORDINATOR)
    return own


def evaluation_sign(
    *,
    evaluation: Evaluation,
    party: str,
    typed_name: str,
    agreed: bool,
    membership: Membership,
    ip_address: str | None,
    on_behalf: bool = False,
    on_behalf_reason: str = "",
) -> Signature:
    """Sign in the app: typed name + checkbox. Staff may record another party's signature
    (e.g. on a shared phone, or signed on paper) only by saying so: `on_behalf` with a reason,
    which is stored and shown with the signature. All required parties → locked."""
    refuse_if_locked(evaluation, by=membership.user, attempt="signature")
    return _sign(
        evaluation=evaluation,
        party=party,
        typed_name=typed_name,
        agreed=agreed,
        membership=membership,
        ip_address=ip_address,
        on_behalf=on_behalf,
        on_behalf_reason=on_behalf_reason.strip(),
    )


def _check_on_behalf(evaluation, party, membership, on_behalf, reason) -> None:
    own = parties_of(evaluation, membership)
    label = Party(party).label
    if party not in own and not membership.is_staff_role:
        raise ValidationError({"party": _("You can only sign for yourself.")})
    if party not in own and not on_behalf:
        raise ValidationError(
            {
                "on_behalf": _(
                    "You are not the %(party)s: to record their signature, choose "
                    "“on behalf of” and say why."
                )
                % {"party": label.lower()}
            }
        )
    if party in own and on_behalf:
        raise ValidationError(
            {"on_behalf": _("You sign as %(party)s yourself.") % {"party": label.lower()}}
        )
    if on_behalf and not reason:
        raise ValidationError({"on_behalf_reason": _("Say why you sign on behalf of this party.")})


@transaction.atomic
def _sign(
    *, evaluation, party, typed_name, agreed, membership, ip_address, on_behalf, on_behalf_reason
) -> Signature:
    _lock_row(evaluation)
    if not evaluation.is_held:
        raise ValidationError(_("An evaluation is signed after the talk is held."))
    if party not in required_parties(evaluation):
        raise ValidationError({"party": _("This party does not sign this evaluation.")})
    typed_name = typed_name.strip()
    if not typed_name:
        raise ValidationError({"typed_name": _("Type your name to sign.")})
    if not agreed:
        raise ValidationError({"agreed": _("Tick the box to confirm your signature.")})
    _check_on_behalf(evaluation, party, membership, on_behalf, on_behalf_reason)
    if evaluation.signatures.filter(party=party).exists():
        raise ValidationError({"party": _("This party has signed already.")})
    signer = {
        Party.TRAINEE: evaluation.trajectory.candidate.user,
        Party.MENTOR: evaluation.mentor,
        Party.COORDINATOR: evaluation.coordinator,
        Party.GUEST: evaluation.guest.user if evaluation.guest_id else None,
    }[party]
    if not on_behalf:
        signer = membership.user
    signature = Signature.objects.create(
        evaluation=evaluation,
        party=party,
        signer=signer,
        typed_name=typed_name,
        signed_at=timezone.now(),
        ip_address=ip_address or None,
        on_behalf=on_behalf,
        on_behalf_reason=on_behalf_reason if on_behalf else "",
        recorded_by=membership.user,
    )
    details = {"reason": on_behalf_reason, "who": membership.user.full_name} if on_behalf else {}
    trajectory_log(
        evaluation.trajectory,
        "evaluations.evaluation.signed_on_behalf" if on_behalf else "evaluations.evaluation.signed",
        by=membership.user,
        kind=_kind(evaluation),
        name=typed_name,
        party=in_every_language(Party(party).label),
        **details,
    )
    signed = set(evaluation.signatures.values_list("party", flat=True))
    if set(required_parties(evaluation)) <= signed:
        evaluation.locked_at = timezone.now()
        evaluation.save(update_fields=["locked_at", "updated_at"])
        trajectory_log(
            evaluation.trajectory,
            "evaluations.evaluation.locked",
            by=membership.user,
            kind=_kind(evaluation),
        )
    return signature


@transaction.atomic
def evaluation_correct(*, evaluation: Evaluation, reason: str, by: User) -> Evaluation:
    """A correction of a signed evaluation: a new version, a copy without signatures; the
    signed version stays unchanged and readable. The copy's levels count from now on."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_locked:
        raise ValidationError(_("Only a signed evaluation needs a correction: change it instead."))
    if Evaluation.objects.filter(previous=evaluation).exists():
        raise ValidationError(_("This version has been corrected already."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is corrected and why.")})
    copy = Evaluation.objects.get(pk=evaluation.pk)
    copy.pk = copy.id = None
    copy.public_id = Evaluation._meta.get_field("public_id").default()
    copy.version, copy.previous, copy.locked_at = evaluation.version + 1, evaluation, None
    copy.correction_reason, copy.created_by = reason, by
    copy.save()
    for model in (SelfAssessment, MentorScore):
        model.objects.bulk_create(
            model(
                evaluation=copy,
                competence_id=row.competence_id,
                level=row.level,
                comment=row.comment,
                **({"scored_by_id": row.scored_by_id} if model is MentorScore else {}),
            )
            for row in model.objects.filter(evaluation=evaluation)
        )
    ActionPoint.objects.bulk_create(
        ActionPoint(
            evaluation=copy,
            text=row.text,
            competence_id=row.competence_id,
            position=row.position,
            planned_as=row.planned_as,
            plan_version=row.plan_version,
            owner_id=row.owner_id,
            due_on=row.due_on,
            kept=row.kept,
            checked_in_id=row.checked_in_id,
            checked_by_id=row.checked_by_id,
            checked_at=row.checked_at,
        )
        for row in evaluation.action_points.all()
    )
    GoalResult.objects.bulk_create(
        GoalResult(evaluation=copy, goal_id=row.goal_id, reached=row.reached, evidence=row.evidence)
        for row in evaluation.goal_results.all()
    )
    competence_ratings_delete(source_ref=evaluation.public_id)
    _write_ratings(copy, by=by)
    trajectory_log(
        evaluation.trajectory,
        "evaluations.evaluation.corrected",
        by=by,
        kind=_kind(evaluation),
        version=copy.version,
        reason=reason,
    )
    return copy


# --- Outcome -------------------------------------------------------------------------------

DEFAULT_COURSES = [("prodata", "Prodata"), ("nodw", "NODW")]


@transaction.atomic
def courses_seed(*, organisation) -> int:
    """Give an organisation the default course catalogue (Prodata, NODW) once."""
    if Course.objects.filter(organisation=organisation).exists():
        return 0
    Course.objects.bulk_create(
        Course(organisation=organisation, code=code, name=name) for code, name in DEFAULT_COURSES
    )
    return len(DEFAULT_COURSES)


def final_evaluation_held(trajectory: Trajectory) -> Evaluation | None:
    return (
        Evaluation.objects.filter(
            trajectory=trajectory, kind=Kind.FINAL, status=EvalStatus.HELD, correction__isnull=True
        )
        .order_by("-version")
        .first()
    )


def _choice_errors(
    trajectory: Trajectory,
    *,
    contract: bool,
    contract_date: date | None,
    contract_type: str,
    continue_training: bool,
    courses: list[Course],
    course_other: str,
    stop: bool,
    reason: str,
) -> dict[str, str]:
    errors = {}
    continues = contract or continue_training or bool(courses) or bool(course_other)
    if not continues and not stop:
        errors["decision"] = _("Choose what happens next: one or more continuations, or stop.")
    if stop and continues:
        errors["stop"] = _("Stopping goes alone: untick the continuations, or do not stop.")
    if stop and not reason:
        errors["reason"] = _("Say why the training stops.")
    if contract and contract_date is None:
        errors["contract_date"] = _("Enter the date the contract starts.")
    if contract and not contract_type:
        errors["contract_type"] = _("Enter the type of contract.")
    if any(course.organisation_id != trajectory.organisation_id for course in courses):
        errors["courses"] = _("Choose courses of your organisation.")
    return errors


def end_formalities_to_waive(
    trajectory: Trajectory, waivers: dict[str, str]
) -> tuple[list[tuple], dict[str, str]]:
    """The open end formalities with the reason each is waived for, and an error for each one
    without a reason. `waivers` maps an item's public id to the reason typed; a reason for an
    item that is no (longer an) open end formality is ignored."""
    from werkplek.checklists.selectors import end_formalities_open

    to_waive, errors = [], {}
    for item in end_formalities_open(trajectory=trajectory):
        reason = (waivers.get(str(item.public_id)) or "").strip()
        if reason:
            to_waive.append((item, reason))
        else:
            errors[f"waive_{item.public_id}"] = _(
                "This end formality is still open. Waive it with a reason, or resolve it first."
            )
    return to_waive, errors


@transaction.atomic
def outcome_record(
    *,
    trajectory: Trajectory,
    membership: Membership,
    contract: bool = False,
    contract_date: date | None = None,
    contract_type: str = "",
    continue_training: bool = False,
    courses: Iterable[Course] = (),
    course_other: str = "",
    stop: bool = False,
    reason: str = "",
    waivers: dict[str, str] | None = None,
    on: date | None = None,
) -> OutcomeDecision:
    """The one way to end a trajectory, after the final evaluation: what happens next (one or
    more continuations chosen together — a contract, continuing the training, additional
    courses —, or stop with a reason), the open end formalities each waived with a reason, and
    the close. All or nothing: any refusal leaves everything as it was. Ticks "bespreek het
    verdere verloop" and its sub-items."""
    from werkplek.checklists.services import checklist_item_waive

    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    final = final_evaluation_held(trajectory)
    if final is None:
        raise ValidationError(_("Hold the final evaluation first: the outcome follows from it."))
    if OutcomeDecision.objects.filter(trajectory=trajectory).exists():
        raise ValidationError(_("The outcome of this trajectory is recorded already."))
    if trajectory.status != Status.FINISHING:
        raise ValidationError(
            _("Begin the final evaluation phase of the trajectory before the outcome is recorded.")
        )
    courses = list(courses)
    contract_type, course_other, reason = (
        contract_type.strip(),
        course_other.strip(),
        reason.strip(),
    )
    errors = _choice_errors(
        trajectory,
        contract=contract,
        contract_date=contract_date,
        contract_type=contract_type,
        continue_training=continue_training,
        courses=courses,
        course_other=course_other,
        stop=stop,
        reason=reason,
    )
    to_waive, waiver_errors = end_formalities_to_waive(trajectory, waivers or {})
    errors.update(waiver_errors)
    if errors:
        raise ValidationError(errors)
    for item, why in to_waive:
        checklist_item_waive(item=item, by=membership.user, reason=why)
    record = OutcomeDecision.objects.create(
        trajectory=trajectory,
        evaluation=final,
        contract=contract,
        contract_date=contract_date if contract else None,
        contract_type=contract_type if contract else "",
        continue_training=continue_training,
        course_other=course_other,
        stop=stop,
        reason=reason,
        decided_by=membership.user,
    )
    record.courses.set(courses)
    note = outcome_note(record)
    trajectory_log(trajectory, "evaluations.outcome.recorded", by=membership.user, decision=note)
    trajectory_changed(trajectory, fact="evaluations.outcome")
    try:
        transitions.trajectory_close(
            trajectory=trajectory,
            membership=membership,
            outcome=main_outcome(record),
            note_coded=note,
            on=on,
        )
    except transitions.TransitionRefused as refused:
        raise ValidationError(refused.reasons) from refused
    return record


def main_outcome(record: OutcomeDecision) -> str:
    """The trajectory's one outcome (for the figures): a contract counts first."""
    if record.contract:
        return Outcome.HIRED
    if record.stop:
        return Outcome.NOT_HIRED
    if record.continue_training:
        return Outcome.CONTINUE_TRAINING
    return Outcome.ADDITIONAL_TRAINING


def outcome_note(record: OutcomeDecision) -> dict:
    """The whole decision as one sentence per continuation, each a code with parameters (shown
    in the reader's language); what a person typed (a type of contract, a course, a reason)
    stays as typed."""
    parts = []
    if record.contract:
        parts.append(
            coded(CONTRACT_NOTE, type=record.contract_type, date=record.contract_date.isoformat())
        )
    if record.continue_training:
        parts.append(coded(CONTINUE_NOTE))
    names = record.course_names()
    if names:
        parts.append(coded(COURSES_NOTE, courses=", ".join(names)))
    if record.stop:
        parts.append(coded(STOP_NOTE, reason=record.reason))
    return coded(OUTCOME_NOTE, parts=parts)
