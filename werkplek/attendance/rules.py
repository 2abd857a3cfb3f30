"""The attendance list (aanwezigheidslijst) items of the checklist tick themselves.

During the trajectory: the list is kept — the first week is recorded and no workday is
missing between the start and the last day recorded. At the end: every workday of the
trajectory is recorded (in the final phase, up to today: the trajectory ends when it is
closed). A workday is Monday to Friday; a day that is no workday for the
trainee (school, leave) is recorded as such.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.attendance.selectors import recorded_dates, workdays
from werkplek.checklists.rules import register_rule
from werkplek.trajectories.models import Status, Trajectory

FIRST_WEEK = 5


@register_rule(
    "attendance_kept",
    _("when attendance is recorded for the first week, without gaps up to the last day recorded"),
)
def attendance_kept(trajectory: Trajectory) -> bool:
    start, end = trajectory.actual_start, trajectory.period_end
    if start is None or end is None:
        return False
    recorded = recorded_dates(trajectory)
    if not recorded:
        return False
    latest = min(max(recorded), end)
    expected = workdays(start, latest)
    first_week = min(FIRST_WEEK, len(workdays(start, end)))
    return len(expected) >= first_week and all(day in recorded for day in expected)


def _last_day(trajectory: Trajectory) -> date | None:
    """The trajectory's last day. In the final phase it ends when it is closed, which is often
    before the planned end: the days still to come cannot be recorded, so it counts to today."""
    end = trajectory.period_end
    if end is not None and trajectory.status == Status.FINISHING and not trajectory.actual_end:
        end = min(end, timezone.localdate())
    return end


@register_rule(
    "attendance_complete",
    _(
        "when attendance is recorded for every workday of the trajectory (in the final phase: "
        "up to today)"
    ),
)
def attendance_complete(trajectory: Trajectory) -> bool:
    start, end = trajectory.actual_start, _last_day(trajectory)
    if start is None or end is None:
        return False
    recorded = recorded_dates(trajectory)
    expected = workdays(start, end)
    return bool(expected) and all(day in recorded for day in expected)
