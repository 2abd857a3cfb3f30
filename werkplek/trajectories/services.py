from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.candidates.models import Candidate
from werkplek.checklists.models import ChecklistTemplate
from werkplek.checklists.services import (
    checklist_copy_to_trajectory,
    checklist_reschedule,
)
from werkplek.core.concurrency import version_claim
from werkplek.core.hooks import trajectory_changed
from werkplek.core.i18n import in_every_language
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.kinds import period_errors
from werkplek.trajectories.models import MentorAssignment, Status, Trajectory
from werkplek.trajectories.selectors import coordinator_choices, mentor_choices, mentor_loads

EDITABLE_FIELDS = (
    "kind",
    "coordinator",
    "planned_start",
    "planned_end",
    "hours_per_week",
    "job_title",
)


def _check_kind(trajectory: Trajectory) -> None:
    errors = period_errors(trajectory.kind, trajectory.planned_start, trajectory.planned_end)
    if errors:
        raise ValidationError(errors)


def _check_people(trajectory: Trajectory, mentors: Iterable[User]) -> None:
    organisation = trajectory.organisation
    allowed_mentors = set(mentor_choices(organisation).values_list("pk", flat=True))
    if any(mentor.pk not in allowed_mentors for mentor in mentors):
        raise ValidationError({"mentors": _("A mentor must be a member of this organisation.")})
    if (
        trajectory.coordinator_id
        and not coordinator_choices(organisation).filter(pk=trajectory.coordinator_id).exists()
    ):
        raise ValidationError(
            {"coordinator": _("The coordinator must be a coordinator of this organisation.")}
        )


def mentors_over_capacity(trajectory: Trajectory, mentors: Iterable[User]) -> dict[int, int]:
    """The mentors newly put on this open trajectory who already have the organisation's
    maximum of open trajectories (Organisation.max_trainees_per_mentor), with that load."""
    if not trajectory.is_open:
        return {}
    current = (
        set(trajectory.mentorassignment_set.values_list("mentor_id", flat=True))
        if trajectory.pk
        else set()
    )
    new = [mentor for mentor in mentors if mentor.pk not in current]
    if not new:
        return {}
    limit = trajectory.organisation.max_trainees_per_mentor
    loads = mentor_loads(trajectory.organisation)
    return {
        mentor.pk: loads.get(mentor.pk, 0) for mentor in new if loads.get(mentor.pk, 0) >= limit
    }


def _check_capacity(trajectory: Trajectory, mentors: list[User], reason: str) -> dict[int, int]:
    """Over the limit only with a reason; returns the mentors over it with their load."""
    over = mentors_over_capacity(trajectory, mentors)
    if over and not reason.strip():
        limit = trajectory.organisation.max_trainees_per_mentor
        names = {mentor.pk: mentor.full_name for mentor in mentors}
        raise ValidationError(
            {
                "mentor_reason": [
                    _(
                        "%(mentor)s already mentors %(load)s open trajectories (at most "
                        "%(limit)s). Give a reason to assign them anyway."
                    )
                    % {"mentor": names[pk], "load": load, "limit": limit}
                    for pk, load in over.items()
                ]
            }
        )
    return over


@transaction.atomic
def trajectory_create(
    *,
    candidate: Candidate,
    created_by: User,
    mentors: Iterable[User] = (),
    mentor_reason: str = "",
    **fields,
) -> Trajectory:
    """Open a trajectory in draft with its own copy of the organisation's checklist."""
    mentors = list(mentors)
    trajectory = Trajectory(
        organisation=candidate.organisation, candidate=candidate, status=Status.DRAFT, **fields
    )
    trajectory.full_clean()
    _check_kind(trajectory)
    _check_people(trajectory, mentors)
    over = _check_capacity(trajectory, mentors, mentor_reason)
    trajectory.save()
    trajectory_log(trajectory, "trajectories.trajectory.created", by=created_by)
    template = ChecklistTemplate.objects.filter(organisation=trajectory.organisation).first()
    if template is not None:
        checklist_copy_to_trajectory(trajectory=trajectory, template=template)
    _set_mentors(trajectory, mentors, by=created_by, over=over, reason=mentor_reason)
    trajectory_changed(trajectory, fact="trajectories.trajectory")
    return trajectory


@transaction.atomic
def trajectory_update(
    *,
    trajectory: Trajectory,
    by: User,
    mentors: Iterable[User] | None = None,
    version: str | None = None,
    mentor_reason: str = "",
    **fields,
) -> Trajectory:
    """Change the editable fields; only those are written (a copy loaded earlier does not
    undo someone else's change of status or step). `version`: the version the editor opened
    (refused when someone saved since)."""
    version_claim(trajectory, version)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    if "kind" in fields and fields["kind"] != trajectory.kind and trajectory.status != Status.DRAFT:
        raise ValidationError(
            {"kind": _("The kind can only change while the trajectory is a draft.")}
        )
    old = {name: getattr(trajectory, name) for name in fields}
    for name, value in fields.items():
        setattr(trajectory, name, value)
    trajectory.full_clean()
    if {"kind", "planned_start", "planned_end"} & set(fields):
        _check_kind(trajectory)
    over: dict[int, int] = {}
    if mentors is not None:
        mentors = list(mentors)
        _check_people(trajectory, mentors)
        over = _check_capacity(trajectory, mentors, mentor_reason)
    else:
        _check_people(trajectory, [])
    trajectory.save(update_fields=[*fields, "updated_at"])
    changed = [name for name in fields if old[name] != getattr(trajectory, name)]
    if changed:
        names = in_every_language(
            lambda: ", ".join(
                str(Trajectory._meta.get_field(name).verbose_name) for name in changed
            )
        )
        trajectory_log(trajectory, "trajectories.trajectory.updated", by=by, fields=names)
    if {"planned_start", "planned_end"} & set(fields):
        checklist_reschedule(trajectory=trajectory)
    if mentors is not None:
        _set_mentors(trajectory, mentors, by=by, over=over, reason=mentor_reason)
    trajectory_changed(trajectory, fact="trajectories.trajectory")
    return trajectory


def _set_mentors(
    trajectory: Trajectory,
    mentors: list[User],
    *,
    by: User,
    over: dict[int, int] | None = None,
    reason: str = "",
) -> None:
    over = over or {}
    current = {
        assignment.mentor_id: assignment for assignment in trajectory.mentorassignment_set.all()
    }
    wanted = {mentor.pk: mentor for mentor in mentors}
    for mentor_id in current.keys() - wanted.keys():
        mentor = current[mentor_id].mentor
        current[mentor_id].delete()
        trajectory_log(trajectory, "trajectories.mentor.removed", by=by, mentor=mentor.full_name)
    for mentor_id in wanted.keys() - current.keys():
        assignment = MentorAssignment.objects.create(
            trajectory=trajectory, mentor=wanted[mentor_id]
        )
        if mentor_id in over:
            trajectory_log(
                trajectory,
                "trajectories.mentor.assigned_over_capacity",
                by=by,
                mentor=wanted[mentor_id].full_name,
                load=over[mentor_id] + 1,
                limit=trajectory.organisation.max_trainees_per_mentor,
                reason=reason.strip(),
            )
        else:
            trajectory_log(
                trajectory,
                "trajectories.mentor.assigned",
                by=by,
                mentor=wanted[mentor_id].full_name,
            )
        if mentor_id != by.pk:
            _tell_mentor(trajectory, assignment)


def _tell_mentor(trajectory: Trajectory, assignment: MentorAssignment) -> None:
    """The new mentor hears it at once: in the inbox and by e-mail."""
    from werkplek.notifications.obligations import notification_prompt
    from werkplek.notifications.scanners import NotificationSpec

    notification_prompt(
        spec=NotificationSpec(
            recipient_id=assignment.mentor_id,
            organisation_id=trajectory.organisation_id,
            kind="trajectories.mentor_assigned",
            key=f"trajectories.mentor_assigned:{assignment.pk}",
            params={"trainee": trajectory.candidate.full_name},
            link=trajectory.get_absolute_url(),
            trajectory_id=trajectory.pk,
        )
    )
