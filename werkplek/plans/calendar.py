"""A week or month calendar of one trainee's planned learning moments."""

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.utils import timezone
from django.utils.formats import date_format

from werkplek.plans.models import LearningMoment, PlanVersion
from werkplek.plans.selectors import logged_moment_lineages
from werkplek.trajectories.models import Trajectory


class CalendarView(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass
class CalendarDay:
    day: date
    in_range: bool  # in the month shown (always true for a week)
    in_trajectory: bool
    is_today: bool
    moments: list[LearningMoment] = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass
class CalendarPage:
    view: CalendarView
    day: date
    title: str
    weeks: list[list[CalendarDay]]
    previous_day: date
    next_day: date
    version: PlanVersion | None

    @property
    def weekday_names(self) -> list[str]:
        return [date_format(day.day, "D") for day in self.weeks[0]]

    @property
    def moment_count(self) -> int:
        return sum(len(day.moments) for week in self.weeks for day in week)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, 1)


def calendar_for(
    *, trajectory: Trajectory, day: date, view: CalendarView, include_drafts: bool
) -> CalendarPage:
    """Three queries: the version, its moments in the range, and which were logged."""
    statuses = [PlanVersion.Status.AGREED]
    if include_drafts:
        statuses.append(PlanVersion.Status.DRAFT)
    versions = sorted(
        PlanVersion.objects.filter(trajectory=trajectory, status__in=statuses),
        key=lambda version: version.status != PlanVersion.Status.AGREED,
    )
    version = versions[0] if versions else None
    if view == CalendarView.MONTH:
        first = day.replace(day=1)
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        start, end = first - timedelta(days=first.weekday()), last + timedelta(6 - last.weekday())
        title = date_format(first, "F Y")
        previous_day, next_day = _add_months(first, -1), _add_months(first, 1)
    else:
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
        first, last = start, end
        title = f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
        previous_day, next_day = start - timedelta(days=7), start + timedelta(days=7)
    moments: list[LearningMoment] = []
    if version is not None:
        moments = list(
            version.moments.filter(date__range=(start, end))
            .select_related("led_by")
            .order_by("date", "start_time", "id")
        )
        logged = logged_moment_lineages(trajectory) if moments else set()
        for moment in moments:
            moment.is_logged = moment.lineage in logged
    by_day: dict[date, list[LearningMoment]] = {}
    for moment in moments:
        by_day.setdefault(moment.date, []).append(moment)
    today = timezone.localdate()
    period_start, period_end = trajectory.period_start, trajectory.period_end
    days = []
    current = start
    while current <= end:
        days.append(
            CalendarDay(
                day=current,
                in_range=first <= current <= last,
                in_trajectory=bool(
                    period_start and period_end and period_start <= current <= period_end
                ),
                is_today=current == today,
                moments=by_day.get(current, []),
            )
        )
        current += timedelta(days=1)
    weeks = [days[index : index + 7] for index in range(0, len(days), 7)]
    return CalendarPage(
        view=view,
        day=day,
        title=title,
        weeks=weeks,
        previous_day=previous_day,
        next_day=next_day,
        version=version,
    )
