from django.db.models import QuerySet

from werkplek.accounts.models import Membership, Organisation
from werkplek.core.memo import memoized
from werkplek.intake.guides import Answer, answers_complete, merge_answers
from werkplek.intake.models import (
    Application,
    GuideQuestion,
    Meeting,
    MeetingKind,
    OperationalPreparation,
    QuestionGuide,
    WorkplaceLearningPolicy,
)
from werkplek.trajectories.models import Status, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def applications_visible_to(membership: Membership) -> QuerySet[Application]:
    """Applications are the coordinators' work: staff see them, nobody else."""
    if not membership.is_staff_role:
        return Application.objects.none()
    return Application.objects.filter(organisation=membership.organisation)


def applications_for_list(membership: Membership, *, state: str = "", kind: str = ""):
    applications = applications_visible_to(membership)
    if state == "open":
        applications = applications.filter(trajectory__status=Status.DRAFT)
    elif state == "accepted":
        applications = applications.exclude(trajectory__status__in=[Status.DRAFT, Status.STOPPED])
    elif state == "stopped":
        applications = applications.filter(trajectory__status=Status.STOPPED)
    if kind:
        applications = applications.filter(requested_kind=kind)
    return applications.select_related("candidate", "trajectory", "organisation").order_by(
        "-received_on", "-id"
    )


def meetings_visible_to(membership: Membership) -> QuerySet[Meeting]:
    """Meetings of the trajectories the member may see (mentors: their own trainees)."""
    if membership.role not in (
        Membership.Role.ADMIN,
        Membership.Role.COORDINATOR,
        Membership.Role.MENTOR,
    ):
        return Meeting.objects.none()
    return Meeting.objects.filter(
        organisation=membership.organisation,
        trajectory__in=trajectories_visible_to(membership).values("pk"),
    )


def trajectory_meetings(trajectory: Trajectory) -> list[Meeting]:
    """The trajectory's meetings in time order, once per request (see core.memo)."""
    return memoized(
        trajectory, "meetings", lambda: list(trajectory.meetings.order_by("starts_at", "id"))
    )


def latest_ready_answer(meetings: list[Meeting]) -> Meeting | None:
    """The last held workplace tour that answered "ready to dive in?"."""
    answered = [
        meeting
        for meeting in meetings
        if meeting.asks_ready
        and meeting.status == Meeting.Status.HELD
        and meeting.ready_to_start is not None
    ]
    return max(answered, key=lambda meeting: (meeting.starts_at, meeting.pk), default=None)


def has_meeting(trajectory: Trajectory, *, kind: str, statuses: tuple[str, ...]) -> bool:
    return any(
        meeting.kind == kind and meeting.status in statuses
        for meeting in trajectory_meetings(trajectory)
    )


# --- Guides, policy, preparation ------------------------------------------------------------


def guide_questions(organisation: Organisation | int, code: str) -> list[GuideQuestion]:
    return list(
        GuideQuestion.objects.filter(guide__organisation=organisation, guide__code=code).order_by(
            "position", "id"
        )
    )


def _trajectory_guide_questions(trajectory: Trajectory, code: str) -> list[GuideQuestion]:
    """The organisation's guide questions by guide, loaded once for a refresh or request."""
    by_code = memoized(
        trajectory,
        "guide_questions",
        lambda: _questions_by_code(trajectory.organisation_id),
    )
    return by_code.get(code, [])


def _questions_by_code(organisation_id: int) -> dict[str, list[GuideQuestion]]:
    by_code: dict[str, list[GuideQuestion]] = {}
    for question in (
        GuideQuestion.objects.filter(guide__organisation=organisation_id)
        .select_related("guide")
        .order_by("position", "id")
    ):
        by_code.setdefault(question.guide.code, []).append(question)
    return by_code


def guide_for_meeting_kind(kind: str) -> str | None:
    """The code of the question guide a meeting of this kind follows (its own kind's)."""
    return kind if kind in MeetingKind.values and kind in QuestionGuide.Code.values else None


def meeting_guide(meeting: Meeting) -> QuestionGuide | None:
    code = guide_for_meeting_kind(meeting.kind)
    if code is None:
        return None
    return QuestionGuide.objects.filter(organisation=meeting.organisation_id, code=code).first()


def meeting_answers(meeting: Meeting) -> list[Answer]:
    code = guide_for_meeting_kind(meeting.kind)
    questions = guide_questions(meeting.organisation_id, code) if code else []
    return merge_answers(questions, meeting.answers, follow_guide=False)


def policy_answers(
    organisation: Organisation | int,
) -> tuple[list[Answer], WorkplaceLearningPolicy | None]:
    policy = (
        WorkplaceLearningPolicy.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .first()
    )
    questions = guide_questions(organisation, QuestionGuide.Code.STRATEGIC)
    return merge_answers(questions, policy.answers if policy else []), policy


def policy_complete(organisation: Organisation | int) -> bool:
    answers, _policy = policy_answers(organisation)
    return answers_complete(answers)


def trajectory_policy_complete(trajectory: Trajectory) -> bool:
    """`policy_complete` for the trajectory's organisation, sharing the guide questions the
    trajectory's other rules load."""
    policy = WorkplaceLearningPolicy.objects.filter(organisation=trajectory.organisation_id).first()
    questions = _trajectory_guide_questions(trajectory, QuestionGuide.Code.STRATEGIC)
    return answers_complete(merge_answers(questions, policy.answers if policy else []))


def preparation_answers(
    trajectory: Trajectory,
) -> tuple[list[Answer], OperationalPreparation | None]:
    preparation = (
        OperationalPreparation.objects.filter(trajectory=trajectory)
        .select_related("updated_by")
        .first()
    )
    questions = _trajectory_guide_questions(trajectory, QuestionGuide.Code.OPERATIONAL)
    return merge_answers(questions, preparation.answers if preparation else []), preparation


def preparation_complete(trajectory: Trajectory) -> bool:
    answers, _preparation = preparation_answers(trajectory)
    return answers_complete(answers)
