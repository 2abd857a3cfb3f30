"""The attendance list (aanwezigheidslijst) items of the checklist tick themselves.

During the trajectory: the list is kept — the first week is recorded and no workday is
missing between the start and the last day recorded. At the end: every workday of the
trajectory is recorded. A workday is Monday to Friday; a day that is no workday for the
trainee (school, leave) is recorded as such.
"""

from django.utils.translation import gettext_lazy as _

from werkplek.attendance.selectors import recorded_dates, workdays
from werkplek.checklists.rules import register_rule
from werkplek.trajectories.models import Trajectory

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


@register_rule(
    "attendance_complete", _("when attendance is recorded for every workday of the trajectory")
)
def attendance_complete(trajectory: Trajectory) -> bool:
    start, end = trajectory.actual_start, trajectory.period_end
    if start is None or end is None:
        return False
    recorded = recorded_dates(trajectory)
    expected = workdays(start, end)
    return bool(expected) and all(day in recorded for day in expected)
