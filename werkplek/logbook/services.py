from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.competences.models import Competence, CompetenceRating
from werkplek.competences.services import competence_rating_record, competence_ratings_delete
from werkplek.core.hooks import trajectory_changed
from werkplek.logbook.models import LogEntry
from werkplek.logbook.photos import photo_prepare
from werkplek.plans.models import LearningMoment
from werkplek.plans.services import check_in_period
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory

# Checked by _validate (with clearer messages than the model's); the database enforces the
# constraints again, so a full model validation would only repeat lookups.
CHECKED_FIELDS = ["trajectory", "author", "planned_moment", "hours", "date", "kind"]


@dataclass(frozen=True)
class Observation:
    """A competence the moment touched, with the level seen (None: touched, not rated)."""

    competence: Competence
    level: int | None = None


def _check_open(trajectory: Trajectory) -> None:
    """A closed or stopped trajectory's logbook is kept as it was: no new, changed or
    deleted entries."""
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory is closed; its logbook no longer changes."))


def _validate(
    trajectory: Trajectory,
    *,
    day: date,
    kind: str,
    planned_moment: LearningMoment | None,
    hours: Decimal | None,
    observations: list[Observation],
    by_trainee: bool,
    topics: list = (),
) -> None:
    check_in_period(trajectory, day, "date")
    if day > timezone.localdate():
        raise ValidationError({"date": _("A learning moment cannot be in the future.")})
    if hours is not None and not 0 < hours <= 24:
        raise ValidationError({"hours": _("Enter more than 0 and at most 24 hours.")})
    if kind == LogEntry.Kind.ORGANISED:
        if planned_moment is None:
            raise ValidationError(
                {"planned_moment": _("Choose the planned learning moment from the plan.")}
            )
        if planned_moment.version.trajectory_id != trajectory.pk:
            raise ValidationError({"planned_moment": _("Choose a moment of this trajectory.")})
    for observation in observations:
        if observation.competence.framework.organisation_id != trajectory.organisation_id:
            raise ValidationError({"competences": _("Choose competences of your organisation.")})
        if observation.level is not None and by_trainee:
            raise ValidationError(
                {"competences": _("Levels are given by the mentor, not by the trainee.")}
            )
    for topic in topics:  # follow-up rules on a topic (the follow-up app's)
        if topic.trajectory_id != trajectory.pk or topic.subject != "topic":
            raise ValidationError(
                {"followup_topics": _("Choose a follow-up topic of this trajectory.")}
            )


def _record_observations(entry: LogEntry, observations: list[Observation], by: User) -> None:
    entry.competences.set([observation.competence for observation in observations])
    competence_ratings_delete(source_ref=entry.public_id)
    for observation in observations:
        if observation.level is not None:
            competence_rating_record(
                trajectory=entry.trajectory,
                competence=observation.competence,
                level=observation.level,
                on=entry.date,
                source=CompetenceRating.Source.LOGBOOK,
                by=by,
                source_ref=entry.public_id,
            )


@transaction.atomic
def log_entry_create(
    *,
    trajectory: Trajectory,
    author: User,
    by_trainee: bool,
    day: date,
    description: str,
    kind: str = LogEntry.Kind.UNORGANISED,
    planned_moment: LearningMoment | None = None,
    hours: Decimal | None = None,
    observations: list[Observation] = (),
    photo: UploadedFile | None = None,
    topics: list = (),
) -> LogEntry:
    """`topics`: the follow-up topics (FollowUpRule) this moment followed up."""
    _check_open(trajectory)
    observations, topics = list(observations), list(topics)
    _validate(
        trajectory,
        day=day,
        kind=kind,
        planned_moment=planned_moment,
        hours=hours,
        observations=observations,
        by_trainee=by_trainee,
        topics=topics,
    )
    entry = LogEntry(
        trajectory=trajectory,
        author=author,
        by_trainee=by_trainee,
        date=day,
        kind=kind,
        planned_moment=planned_moment if kind == LogEntry.Kind.ORGANISED else None,
        description=description.strip(),
        hours=hours,
    )
    if photo:
        entry.photo = photo_prepare(photo)
    entry.full_clean(exclude=CHECKED_FIELDS, validate_constraints=False)
    entry.save()
    _record_observations(entry, observations, author)
    entry.followup_topics.set(topics)
    trajectory_log(trajectory, "logbook.entry.created", by=author, date=day.strftime("%d/%m/%Y"))
    trajectory_changed(trajectory, fact="logbook.entry")
    return entry


@transaction.atomic
def log_entry_update(
    *,
    entry: LogEntry,
    by: User,
    day: date,
    description: str,
    kind: str,
    planned_moment: LearningMoment | None = None,
    hours: Decimal | None = None,
    observations: list[Observation] = (),
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    topics: list = (),
) -> LogEntry:
    _check_open(entry.trajectory)
    observations, topics = list(observations), list(topics)
    _validate(
        entry.trajectory,
        day=day,
        kind=kind,
        planned_moment=planned_moment,
        hours=hours,
        observations=observations,
        by_trainee=entry.by_trainee,
        topics=topics,
    )
    old_photo = entry.photo.name if entry.photo else ""
    entry.date, entry.kind, entry.hours = day, kind, hours
    entry.planned_moment = planned_moment if kind == LogEntry.Kind.ORGANISED else None
    entry.description = description.strip()
    if photo:
        entry.photo = photo_prepare(photo)
    elif remove_photo:
        entry.photo = ""
    entry.full_clean(exclude=CHECKED_FIELDS, validate_constraints=False)
    entry.save()
    if old_photo and (photo or remove_photo):
        storage = entry.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    _record_observations(entry, observations, by)
    entry.followup_topics.set(topics)
    trajectory_changed(entry.trajectory, fact="logbook.entry")
    return entry


@transaction.atomic
def log_entry_delete(*, entry: LogEntry, by: User) -> None:
    trajectory = entry.trajectory
    _check_open(trajectory)
    photo = entry.photo.name if entry.photo else ""
    storage = entry.photo.storage
    competence_ratings_delete(source_ref=entry.public_id)
    entry.delete()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))
    trajectory_log(trajectory, "logbook.entry.deleted", by=by, date=entry.date.strftime("%d/%m/%Y"))
    trajectory_changed(trajectory, fact="logbook.entry")


# --- Stored fact: the trajectory's last log ---------------------------------------------------


def last_log_refresh(
    *, trajectory_ids: list[int] | None = None, organisation_id: int | None = None
) -> int:
    """Store the date of the latest logbook entry on the trajectories (all when no ids)."""
    latest = LogEntry.objects.filter(trajectory=OuterRef("pk")).order_by("-date").values("date")[:1]
    trajectories = Trajectory.objects.all()
    if trajectory_ids is not None:
        trajectories = trajectories.filter(pk__in=trajectory_ids)
    if organisation_id is not None:
        trajectories = trajectories.filter(organisation_id=organisation_id)
    return trajectories.update(last_log_on=Subquery(latest))


def last_log_listener(*, trajectory: Trajectory, fact: str) -> None:
    """An entry was written, changed or deleted: read the trajectory's last log again."""
    if fact == "logbook.entry":
        last_log_refresh(trajectory_ids=[trajectory.pk])
        trajectory.last_log_on = (
            Trajectory.objects.filter(pk=trajectory.pk).values_list("last_log_on", flat=True).get()
        )
