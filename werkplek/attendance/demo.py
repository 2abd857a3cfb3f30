"""Demo Autocars: attendance lists of the running trajectories."""

from datetime import timedelta
from decimal import Decimal

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.selectors import workdays
from werkplek.attendance.services import DayInput, attendance_save
from werkplek.trajectories.models import Trajectory

Status = AttendanceDay.Status

KEPT = ["kevin", "nina", "bram", "elise", "fatima", "jonas", "ruben"]
# Days before today that are not recorded yet (the mentor is behind).
BEHIND = {"bram": 3}
# Absences: days before today (moved back to a workday), status and note.
ABSENCES = {
    "kevin": [
        (8, Status.SICK, "Griep, doktersbriefje afgegeven"),
        (7, Status.SICK, "Griep"),
        (3, Status.UNEXCUSED, "Niet opgedaagd, niet verwittigd"),
    ],
    "elise": [(20, Status.EXCUSED, "Afspraak bij de VDAB-consulent")],
    "bram": [(30, Status.SICK, "Rugpijn")],
    "ruben": [(14, Status.UNEXCUSED, "Niet verwittigd")],
}
SCHOOL_DAYS = {"nina": (3, 4)}  # Thursday and Friday at school


def seed(context) -> None:
    for key in KEPT:
        trajectory = Trajectory.objects.get(pk=context.trajectories[key].pk)  # fresh state
        if not trajectory.attendance_days.exists():
            _attendance(trajectory, key, context)


def _workday_before(day):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _attendance(trajectory: Trajectory, key: str, context) -> None:
    today = context.today
    start, end = trajectory.actual_start, trajectory.period_end
    last = min(end, today - timedelta(days=1 + BEHIND.get(key, 0)))
    absences = {
        _workday_before(today - timedelta(days=days)): (status, note)
        for days, status, note in ABSENCES.get(key, [])
    }
    school = SCHOOL_DAYS.get(key, ())
    hours = Decimal("8") if school else None
    days = []
    for day in workdays(start, last):
        if day in absences:
            status, note = absences[day]
            days.append(DayInput(day, status, note=note))
        elif day.weekday() in school:
            days.append(DayInput(day, Status.DAY_OFF, note="Schooldag"))
        else:
            days.append(DayInput(day, Status.PRESENT, hours))
    by_month: dict[tuple[int, int], list[DayInput]] = {}
    for entry in days:
        by_month.setdefault((entry.day.year, entry.day.month), []).append(entry)
    recorder = trajectory.mentors.first() or context.users["coordinator"]
    for month_days in by_month.values():
        attendance_save(trajectory=trajectory, days=month_days, by=recorder)
