from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.selectors import default_hours_per_day, workdays
from werkplek.core.hooks import trajectory_changed
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory

Status = AttendanceDay.Status


@dataclass(frozen=True)
class DayInput:
    day: date
    status: str  # "" removes the day's record
    hours: Decimal | None = None
    note: str = ""


def _check_day(trajectory: Trajectory, entry: DayInput) -> None:
    label = entry.day.strftime("%d/%m/%Y")
    start, end = trajectory.period_start, trajectory.period_end
    if start is None or end is None or not start <= entry.day <= end:
        raise ValidationError(
            _("%(day)s is outside the trajectory: no attendance can be recorded.") % {"day": label}
        )
    if entry.day > timezone.localdate():
        raise ValidationError(_("%(day)s is still to come.") % {"day": label})
    if entry.status and entry.status not in Status.values:
        raise ValidationError(_("%(day)s: choose present, absent or no workday.") % {"day": label})
    if entry.status == Status.PRESENT and entry.hours is not None and not 0 < entry.hours <= 24:
        raise ValidationError(
            _("%(day)s: enter more than 0 and at most 24 hours.") % {"day": label}
        )


@transaction.atomic
def attendance_save(*, trajectory: Trajectory, days: list[DayInput], by: User) -> int:
    """Record (or clear) days of the attendance list; all or nothing. Returns days changed."""
    for entry in days:
        _check_day(trajectory, entry)
    if len({entry.day for entry in days}) != len(days):
        raise ValidationError(_("Each day can be recorded once."))
    existing = {
        record.date: record
        for record in trajectory.attendance_days.filter(date__in=[entry.day for entry in days])
    }
    default_hours = default_hours_per_day(trajectory)
    removed, created, updated = [], [], []
    for entry in days:
        record = existing.get(entry.day)
        if not entry.status:
            if record is not None:
                removed.append(record.pk)
            continue
        hours = (entry.hours or default_hours) if entry.status == Status.PRESENT else Decimal(0)
        values = (entry.status, hours, entry.note.strip())
        if record is None:
            record = AttendanceDay(trajectory=trajectory, date=entry.day)
            created.append(record)
        elif (record.status, record.hours, record.note) == values:
            continue
        else:
            updated.append(record)
        record.status, record.hours, record.note = values
        record.recorded_by, record.updated_at = by, timezone.now()
    # Every value is checked by _check_day; the database enforces the constraints again.
    AttendanceDay.objects.filter(pk__in=removed).delete()
    AttendanceDay.objects.bulk_create(created)
    AttendanceDay.objects.bulk_update(
        updated, ["status", "hours", "note", "recorded_by", "updated_at"]
    )
    changed = len(removed) + len(created) + len(updated)
    if changed:
        first, last = min(e.day for e in days), max(e.day for e in days)
        trajectory_log(
            trajectory,
            "attendance.days.recorded",
            by=by,
            count=changed,
            first=first.strftime("%d/%m/%Y"),
            last=last.strftime("%d/%m/%Y"),
        )
        trajectory_changed(trajectory, fact="attendance.day")
    return changed


@transaction.atomic
def attendance_fill_present(
    *, trajectory: Trajectory, start: date, end: date, by: User, hours: Decimal | None = None
) -> int:
    """Mark every workday from start to end (up to today) without a record as present."""
    period_start, period_end = trajectory.period_start, trajectory.period_end
    if period_start is None or period_end is None:
        raise ValidationError(_("Set the start and end dates of the trajectory first."))
    start = max(start, period_start)
    end = min(end, period_end, timezone.localdate())
    recorded = set(
        trajectory.attendance_days.filter(date__range=(start, end)).values_list("date", flat=True)
    )
    days = [
        DayInput(day, Status.PRESENT, hours) for day in workdays(start, end) if day not in recorded
    ]
    return attendance_save(trajectory=trajectory, days=days, by=by) if days else 0
