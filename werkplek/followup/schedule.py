"""When follow-up moments fall: pure date arithmetic, tested over month ends and leap years.

Each moment covers a period (window) and is due on its last day. Daily: every day.
Every N days and weekly: consecutive periods of N or 7×N days from the start. Monthly: from
the start to the same day N months later (31 January → 29 February in a leap year → 31 March).
The last period stops at the end date. With `workdays_only`, a daily moment on a Saturday,
Sunday or Belgian public holiday is left out and a longer period is due on its last workday.
"""

import calendar
from datetime import date, timedelta
from functools import cache

import holidays

MAX_MOMENTS = 400


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def _public_holidays(year: int) -> frozenset[date]:
    """Belgium's legal public holidays (the `holidays` library keeps the list)."""
    return frozenset(holidays.country_holidays("BE", years=year))


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def _last_workday(start: date, end: date) -> date | None:
    day = end
    while day >= start:
        if is_workday(day):
            return day
        day -= timedelta(days=1)
    return None


def windows(
    *, starts_on: date, ends_on: date, frequency: str, interval: int, workdays_only: bool
) -> list[tuple[date, date]]:
    """The (period start, due date) of every moment from starts_on to ends_on."""
    found: list[tuple[date, date]] = []
    if ends_on < starts_on:
        return found
    k = 0
    while len(found) <= MAX_MOMENTS:
        if frequency == "daily":
            period_start = period_end = starts_on + timedelta(days=k)
        elif frequency == "monthly":
            period_start = add_months(starts_on, k * interval)
            period_end = add_months(starts_on, (k + 1) * interval) - timedelta(days=1)
        else:
            length = 7 * interval if frequency == "weekly" else interval
            period_start = starts_on + timedelta(days=k * length)
            period_end = period_start + timedelta(days=length - 1)
        if period_start > ends_on:
            break
        period_end = min(period_end, ends_on)
        due = _last_workday(period_start, period_end) if workdays_only else period_end
        if due is not None:
            found.append((period_start, due))
        k += 1
    return found
