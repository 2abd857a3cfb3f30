import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format

from werkplek.attendance.models import AttendanceDay
from werkplek.trajectories.models import Trajectory

Status = AttendanceDay.Status


def workdays(start: date, end: date) -> list[date]:
    """Monday to Friday from start to end, both included."""
    days, current = [], start
    while current <= end:
        if current.weekday() < 5:
            days.append(current)
        current += timedelta(days=1)
    return days


def default_hours_per_day(trajectory: Trajectory) -> Decimal:
    """A fifth of the weekly hours (7.60 for a 38-hour week)."""
    weekly = trajectory.hours_per_week or Decimal("38")
    return (weekly / 5).quantize(Decimal("0.01"))


@dataclass
class AttendanceTotals:
    present_days: int = 0
    present_hours: Decimal = Decimal(0)
    sick_days: int = 0
    excused_days: int = 0
    unexcused_days: int = 0
    days_off: int = 0

    @property
    def absent_days(self) -> int:
        return self.sick_days + self.excused_days + self.unexcused_days

    @property
    def absence_rate(self) -> int:
        """Absent days as a percentage of the workdays recorded (present or absent)."""
        worked = self.present_days + self.absent_days
        return round(100 * self.absent_days / worked) if worked else 0

    @property
    def recorded_days(self) -> int:
        return self.present_days + self.absent_days + self.days_off


def _totals_query(days: QuerySet[AttendanceDay]) -> AttendanceTotals:
    found = days.aggregate(
        present_days=Count("id", filter=Q(status=Status.PRESENT)),
        present_hours=Sum("hours"),
        sick_days=Count("id", filter=Q(status=Status.SICK)),
        excused_days=Count("id", filter=Q(status=Status.EXCUSED)),
        unexcused_days=Count("id", filter=Q(status=Status.UNEXCUSED)),
        days_off=Count("id", filter=Q(status=Status.DAY_OFF)),
    )
    found["present_hours"] = found["present_hours"] or Decimal(0)
    return AttendanceTotals(**found)


def attendance_totals(
    *, trajectory: Trajectory, start: date | None = None, end: date | None = None
) -> AttendanceTotals:
    """Totals of the whole trajectory, or of a period of it. One query."""
    days = trajectory.attendance_days.all()
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    return _totals_query(days)


def totals_of(records: list[AttendanceDay]) -> AttendanceTotals:
    totals = AttendanceTotals()
    for record in records:
        if record.status == Status.PRESENT:
            totals.present_days += 1
            totals.present_hours += record.hours
        elif record.status == Status.SICK:
            totals.sick_days += 1
        elif record.status == Status.EXCUSED:
            totals.excused_days += 1
        elif record.status == Status.UNEXCUSED:
            totals.unexcused_days += 1
        else:
            totals.days_off += 1
    return totals


@dataclass
class AttendanceRow:
    day: date
    record: AttendanceDay | None
    in_trajectory: bool
    is_future: bool

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5

    @property
    def can_record(self) -> bool:
        return self.in_trajectory and not self.is_future


@dataclass
class AttendanceMonth:
    first: date
    rows: list[AttendanceRow]
    totals: AttendanceTotals
    previous: date | None
    next: date | None
    missing_workdays: list[date] = field(default_factory=list)

    @property
    def title(self) -> str:
        return date_format(self.first, "F Y")

    @property
    def last(self) -> date:
        return self.rows[-1].day

    @property
    def weeks(self) -> list["AttendanceWeek"]:
        """The rows per calendar week (Monday to Sunday) within the month."""
        weeks: list[AttendanceWeek] = []
        for row in self.rows:
            if not weeks or row.day.weekday() == 0:
                weeks.append(AttendanceWeek(rows=[]))
            weeks[-1].rows.append(row)
        return weeks


@dataclass
class AttendanceWeek:
    rows: list[AttendanceRow]

    @property
    def start(self) -> date:
        return self.rows[0].day

    @property
    def end(self) -> date:
        return self.rows[-1].day

    @property
    def missing_workdays(self) -> int:
        return sum(
            1 for row in self.rows if row.can_record and not row.is_weekend and row.record is None
        )


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _shift_month(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


def attendance_month(
    *, trajectory: Trajectory, year: int, month: int, today: date | None = None
) -> AttendanceMonth:
    """Every day of a month with its record (if any) and the month's totals. One query.

    For the monthly grid and the printable attendance list (aanwezigheidslijst).
    """
    today = today or timezone.localdate()
    first = date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    records = {
        record.date: record
        for record in trajectory.attendance_days.filter(date__range=(first, last))
    }
    start, end = trajectory.period_start, trajectory.period_end
    rows = []
    for number in range(1, last.day + 1):
        day = first.replace(day=number)
        in_trajectory = bool(start and end and start <= day <= end)
        rows.append(AttendanceRow(day, records.get(day), in_trajectory, day > today))
    missing = [
        row.day for row in rows if row.can_record and not row.is_weekend and row.record is None
    ]
    previous = _shift_month(first, -1)
    following = _shift_month(first, 1)
    return AttendanceMonth(
        first=first,
        rows=rows,
        totals=totals_of(list(records.values())),
        previous=previous if start and previous >= _month_start(start) else None,
        next=following if end and following <= end else None,
        missing_workdays=missing,
    )


def recorded_dates(trajectory: Trajectory) -> set[date]:
    return set(trajectory.attendance_days.values_list("date", flat=True))
