from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import Organisation, User
from werkplek.candidates.models import Candidate
from werkplek.candidates.services import candidate_update
from werkplek.checklists.models import ChecklistItem
from werkplek.core.concurrency import version_claim
from werkplek.core.hooks import trajectory_changed
from werkplek.core.i18n import in_every_language
from werkplek.intake.guides import Answer
from werkplek.intake.models import (
    Application,
    GuideQuestion,
    Meeting,
    MeetingKind,
    OperationalPreparation,
    QuestionGuide,
    WorkplaceLearningPolicy,
)
from werkplek.intake.rules import OPERATIONAL_RULE, POLICY_RULE
from werkplek.intake.selectors import policy_complete
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import mentor_choices
from werkplek.trajectories.services import trajectory_create

APPLICATION_FIELDS = (
    "received_on",
    "requested_kind",
    "source",
    "contact_name",
    "contact_organisation",
    "contact_email",
    "contact_phone",
    "motivation",
)


def _check_application(application: Application, *, today: date) -> None:
    if application.received_on and application.received_on > today:
        raise ValidationError({"received_on": _("This date lies in the future.")})
    application.full_clean(exclude=["trajectory"])


def _follow_source(candidate: Candidate, source: str) -> None:
    """The candidate's source is where their latest application came from."""
    if candidate.source != source:
        candidate_update(candidate=candidate, source=source)


@transaction.atomic
def application_create(
    *, candidate: Candidate, by: User, coordinator: User | None = None, **fields
) -> Application:
    """Record an application and open a draft trajectory of the requested kind for it."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"Not an application field: {', '.join(sorted(unknown))}")
    application = Application(
        organisation=candidate.organisation, candidate=candidate, recorded_by=by, **fields
    )
    _check_application(application, today=timezone.localdate())
    _follow_source(candidate, application.source)
    application.trajectory = trajectory_create(
        candidate=candidate,
        created_by=by,
        kind=application.requested_kind,
        coordinator=coordinator,
    )
    application.save()
    trajectory_log(
        application.trajectory,
        "intake.application.recorded",
        by=by,
        received_on=application.received_on.strftime("%d/%m/%Y"),
    )
    return application


@transaction.atomic
def application_record(*, trajectory: Trajectory, by: User, **fields) -> Application:
    """Record the application of a trajectory that was opened without one."""
    if hasattr(trajectory, "application"):
        raise ValidationError(_("This trajectory already has an application."))
    fields.setdefault("requested_kind", trajectory.kind)
    application = Application(
        organisation=trajectory.organisation,
        candidate=trajectory.candidate,
        trajectory=trajectory,
        recorded_by=by,
        **fields,
    )
    _check_application(application, today=timezone.localdate())
    _follow_source(trajectory.candidate, application.source)
    application.save()
    trajectory_log(
        trajectory,
        "intake.application.recorded",
        by=by,
        received_on=application.received_on.strftime("%d/%m/%Y"),
    )
    trajectory_changed(trajectory, fact="intake.meeting")
    return application


@transaction.atomic
def application_update(*, application: Application, by: User, **fields) -> Application:
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"Not an application field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(application, name, value)
    _check_application(application, today=timezone.localdate())
    application.save()
    _follow_source(application.candidate, application.source)
    trajectory_log(application.trajectory, "intake.application.updated", by=by)
    trajectory_changed(application.trajectory, fact="intake.meeting")
    return application


# --- Meetings ------------------------------------------------------------------------------

MEETING_FIELDS = (
    "kind",
    "starts_at",
    "duration_minutes",
    "place",
    "candidate_attends",
    "other_participants",
    "notes",
    "status",
    "cancel_reason",
    "ready_to_start",
    "ready_comment",
)


def _check_meeting(meeting: Meeting, participants: list[User]) -> None:
    errors = {}
    if meeting.status == Meeting.Status.HELD and not meeting.day_has_come:
        errors["status"] = _("A meeting in the future cannot have been held yet.")
    if meeting.status == Meeting.Status.CANCELLED and not meeting.cancel_reason.strip():
        errors["cancel_reason"] = _("Say why the meeting is cancelled.")
    if meeting.status != Meeting.Status.CANCELLED:
        meeting.cancel_reason = ""
    if not meeting.asks_ready:
        meeting.ready_to_start, meeting.ready_comment = None, ""
    allowed = set(mentor_choices(meeting.trajectory.organisation).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in participants):
        errors["participants"] = _("Participants must be members of this organisation.")
    if errors:
        raise ValidationError(errors)
    meeting.full_clean()


@transaction.atomic
def meeting_plan(
    *,
    trajectory: Trajectory,
    by: User,
    participants: Iterable[User] = (),
    answers: list[Answer] | None = None,
    **fields,
) -> Meeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {', '.join(sorted(unknown))}")
    participants = list(participants)
    meeting = Meeting(
        organisation=trajectory.organisation, trajectory=trajectory, created_by=by, **fields
    )
    if answers is not None:
        meeting.answers = [answer.as_data() for answer in answers]
    _check_meeting(meeting, participants)
    meeting.save()
    meeting.participants.set(participants)
    trajectory_log(
        trajectory,
        "intake.meeting.planned",
        by=by,
        meeting=in_every_language(MeetingKind(meeting.kind).label),
        at=timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M"),
    )
    trajectory_changed(trajectory, fact="intake.meeting")
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by: User,
    participants: Iterable[User] | None = None,
    answers: list[Answer] | None = None,
    version: str | None = None,
    **fields,
) -> Meeting:
    """`version`: the version the editor opened (refused when someone saved since)."""
    version_claim(meeting, version)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {', '.join(sorted(unknown))}")
    if "kind" in fields and fields["kind"] != meeting.kind:
        raise ValidationError({"kind": _("The kind of a meeting cannot change.")})
    old_status = meeting.status
    for name, value in fields.items():
        setattr(meeting, name, value)
    if answers is not None:
        meeting.answers = [answer.as_data() for answer in answers]
    people = list(participants) if participants is not None else list(meeting.participants.all())
    _check_meeting(meeting, people)
    meeting.save()
    if participants is not None:
        meeting.participants.set(people)
    action = {
        Meeting.Status.HELD: "intake.meeting.held",
        Meeting.Status.CANCELLED: "intake.meeting.cancelled",
    }.get(meeting.status, "intake.meeting.updated")
    trajectory_log(
        meeting.trajectory,
        action if meeting.status != old_status else "intake.meeting.updated",
        by=by,
        meeting=in_every_language(MeetingKind(meeting.kind).label),
        at=timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M"),
    )
    trajectory_changed(meeting.trajectory, fact="intake.meeting")
    return meeting


def meeting_set_status(*, meeting: Meeting, by: User, status: str, reason: str = "") -> Meeting:
    if status not in Meeting.Status.values:
        raise ValidationError(_("Choose a status."))
    return meeting_update(meeting=meeting, by=by, status=status, cancel_reason=reason)


# --- Policy and operational preparation ---------------------------------------------------


def _clean_answers(answers: list[Answer]) -> list[dict]:
    """Keep every guide question; an extra question stays only with its answer."""
    return [
        answer.as_data()
        for answer in answers
        if not answer.is_extra or (answer.question.strip() and answer.answer.strip())
    ]


@transaction.atomic
def policy_save(*, organisation: Organisation, by: User, answers: list[Answer]) -> None:
    """Save the organisation's answers to the strategic questions; the item "strategic
    preparation" of every open trajectory follows."""
    policy, _created = WorkplaceLearningPolicy.objects.get_or_create(organisation=organisation)
    policy.answers, policy.updated_by = _clean_answers(answers), by
    policy.save()
    _refresh_policy_items(organisation)


def _refresh_policy_items(organisation: Organisation) -> None:
    """Refresh only the open trajectories whose strategic item must change."""
    stale_state = (
        ChecklistItem.State.OPEN if policy_complete(organisation) else ChecklistItem.State.DONE
    )
    _refresh_trajectories(organisation, rule=POLICY_RULE, state=stale_state)


def _refresh_trajectories(
    organisation: Organisation, *, rule: str, state: str | None = None
) -> None:
    items = {"checklist_items__rule": rule}
    if state is not None:
        items["checklist_items__state"] = state
    for trajectory in (
        Trajectory.objects.filter(organisation=organisation, status__in=OPEN_STATUSES, **items)
        .distinct()
        .select_related("candidate", "organisation")
    ):
        trajectory_changed(trajectory, fact="intake.meeting")


@transaction.atomic
def preparation_save(*, trajectory: Trajectory, by: User, answers: list[Answer]) -> None:
    preparation, _created = OperationalPreparation.objects.get_or_create(
        trajectory=trajectory, defaults={"organisation": trajectory.organisation}
    )
    preparation.answers, preparation.updated_by = _clean_answers(answers), by
    preparation.save()
    trajectory_log(trajectory, "intake.preparation.saved", by=by)
    trajectory_changed(trajectory, fact="intake.meeting")


# --- Question guides ------------------------------------------------------------------------


@transaction.atomic
def question_save(*, question: GuideQuestion, text: dict[str, str]) -> GuideQuestion:
    if not text.get("nl", "").strip():
        raise ValidationError({"text_nl": _("Write the question in Dutch.")})
    question.text = text
    created = question.pk is None
    if created:
        last = (
            question.guide.questions.order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        question.position = (last or 0) + 1
    question.full_clean()
    question.save()
    if created:
        _after_guide_change(question.guide)
    return question


@transaction.atomic
def question_move(*, question: GuideQuestion, up: bool) -> None:
    siblings = list(question.guide.questions.order_by("position", "id"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        item.position = position
    GuideQuestion.objects.bulk_update(siblings, ["position"])


@transaction.atomic
def question_delete(*, question: GuideQuestion) -> None:
    """Answers already given keep their question (they are snapshots)."""
    guide = question.guide
    question.delete()
    guide.questions.filter(position__gt=question.position).update(position=F("position") - 1)
    _after_guide_change(guide)


def _after_guide_change(guide: QuestionGuide) -> None:
    """A question more or less can complete or reopen the preparation items."""
    if guide.code == QuestionGuide.Code.STRATEGIC:
        _refresh_policy_items(guide.organisation)
    elif guide.code == QuestionGuide.Code.OPERATIONAL:
        _refresh_trajectories(guide.organisation, rule=OPERATIONAL_RULE)
