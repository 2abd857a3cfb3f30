from datetime import date

from werkplek.followup.schedule import MAX_MOMENTS, add_months, windows


def dues(**kwargs):
    return [due for _start, due in windows(**kwargs)]


def test_daily_runs_over_a_leap_day_and_skips_weekends_when_asked():
    every_day = windows(
        starts_on=date(2028, 2, 27),
        ends_on=date(2028, 3, 2),
        frequency="daily",
        interval=1,
        workdays_only=False,
    )
    assert [due for _start, due in every_day] == [
        date(2028, 2, 27),
        date(2028, 2, 28),
        date(2028, 2, 29),
        date(2028, 3, 1),
        date(2028, 3, 2),
    ]
    assert all(start == due for start, due in every_day)
    # 27/02/2028 is a Sunday
    assert dues(
        starts_on=date(2028, 2, 27),
        ends_on=date(2028, 3, 2),
        frequency="daily",
        interval=1,
        workdays_only=True,
    ) == [date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1), date(2028, 3, 2)]


def test_monthly_keeps_the_day_or_takes_the_last_day_of_a_shorter_month():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    found = windows(
        starts_on=date(2028, 1, 31),
        ends_on=date(2028, 5, 15),
        frequency="monthly",
        interval=1,
        workdays_only=False,
    )
    assert found == [
        (date(2028, 1, 31), date(2028, 2, 28)),
        (date(2028, 2, 29), date(2028, 3, 30)),
        (date(2028, 3, 31), date(2028, 4, 29)),
        (date(2028, 4, 30), date(2028, 5, 15)),  # the last period stops at the end date
    ]


def test_every_n_days_crosses_month_and_year_ends():
    assert dues(
        starts_on=date(2027, 12, 20),
        ends_on=date(2028, 1, 31),
        frequency="every_n_days",
        interval=10,
        workdays_only=False,
    ) == [
        date(2027, 12, 29),
        date(2028, 1, 8),
        date(2028, 1, 18),
        date(2028, 1, 28),
        date(2028, 1, 31),
    ]


def test_weekly_on_workdays_is_due_on_the_last_workday_of_its_week():
    # from Monday 26/02/2029: weeks Monday to Sunday, due on Friday
    found = windows(
        starts_on=date(2029, 2, 26),
        ends_on=date(2029, 3, 18),
        frequency="weekly",
        interval=1,
        workdays_only=True,
    )
    assert found == [
        (date(2029, 2, 26), date(2029, 3, 2)),
        (date(2029, 3, 5), date(2029, 3, 9)),
        (date(2029, 3, 12), date(2029, 3, 16)),
    ]
    # every two weeks from a Wednesday, no moving
    assert dues(
        starts_on=date(2029, 2, 28),
        ends_on=date(2029, 3, 31),
        frequency="weekly",
        interval=2,
        workdays_only=False,
    ) == [date(2029, 3, 13), date(2029, 3, 27), date(2029, 3, 31)]


def test_a_weekend_only_period_has_no_moment_on_workdays():
    assert (
        windows(
            starts_on=date(2028, 3, 4),
            ends_on=date(2028, 3, 5),
            frequency="weekly",
            interval=1,
            workdays_only=True,
        )
        == []
    )


def test_the_number_of_moments_is_capped():
    found = windows(
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 1, 1),
        frequency="daily",
        interval=1,
        workdays_only=False,
    )
    assert len(found) == MAX_MOMENTS + 1  # one past the cap: the service refuses


def test_workdays_skip_belgian_public_holidays():
    # Friday 25/12/2026 is Christmas; Monday 06/04/2026 and 29/03/2027 are Easter Mondays
    assert dues(
        starts_on=date(2026, 12, 23),
        ends_on=date(2026, 12, 29),
        frequency="daily",
        interval=1,
        workdays_only=True,
    ) == [date(2026, 12, 23), date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 29)]
    assert dues(
        starts_on=date(2026, 4, 3),
        ends_on=date(2026, 4, 8),
        frequency="daily",
        interval=1,
        workdays_only=True,
    ) == [date(2026, 4, 3), date(2026, 4, 7), date(2026, 4, 8)]
    assert date(2027, 3, 29) not in dues(
        starts_on=date(2027, 3, 22),
        ends_on=date(2027, 4, 2),
        frequency="daily",
        interval=1,
        workdays_only=True,
    )
    # a week running Tuesday to Easter Monday is due on the Friday before
    assert windows(
        starts_on=date(2026, 3, 31),
        ends_on=date(2026, 4, 30),
        frequency="weekly",
        interval=1,
        workdays_only=True,
    )[0] == (date(2026, 3, 31), date(2026, 4, 3))
    # a week ending on Christmas Friday is due on Thursday; without the option it is not moved
    assert windows(
        starts_on=date(2026, 12, 19),
        ends_on=date(2026, 12, 31),
        frequency="weekly",
        interval=1,
        workdays_only=True,
    )[0] == (date(2026, 12, 19), date(2026, 12, 24))
    assert dues(
        starts_on=date(2026, 12, 25),
        ends_on=date(2026, 12, 25),
        frequency="daily",
        interval=1,
        workdays_only=False,
    ) == [date(2026, 12, 25)]
