from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.rules import attendance_complete, attendance_kept
from werkplek.attendance.selectors import attendance_month, attendance_totals, workdays
from werkplek.attendance.services import DayInput, attendance_fill_present, attendance_save
from werkplek.competences.tests.factories import monday_before, running
from werkplek.trajectories.models import Trajectory

Status = AttendanceDay.Status


@pytest.fixture
def trajectory(make_trajectory, mentor):
    """Started on a Monday three weeks ago."""
    trajectory = running(make_trajectory, mentors=[mentor])
    start = monday_before(timezone.localdate()) - timedelta(weeks=3)
    Trajectory.objects.filter(pk=trajectory.pk).update(actual_start=start, planned_start=start)
    trajectory.refresh_from_db()
    return trajectory


def test_totals_count_days_hours_absences_and_the_absence_rate(trajectory, mentor):
    start = trajectory.actual_start
    attendance_save(
        trajectory=trajectory,
        by=mentor,
        days=[
            DayInput(start, Status.PRESENT, Decimal("7.6")),
            DayInput(start + timedelta(days=1), Status.PRESENT),  # default: 38 / 5 hours
            DayInput(start + timedelta(days=2), Status.SICK, Decimal("7"), "Griep"),
            DayInput(start + timedelta(days=3), Status.UNEXCUSED),
            DayInput(start + timedelta(days=4), Status.DAY_OFF, note="Schooldag"),
        ],
    )
    totals = attendance_totals(trajectory=trajectory)
    assert (totals.present_days, totals.present_hours) == (2, Decimal("15.20"))
    assert (totals.sick_days, totals.unexcused_days, totals.days_off) == (1, 1, 1)
    assert totals.absence_rate == 50  # 2 absent of 4 workdays recorded
    sick = AttendanceDay.objects.get(status=Status.SICK)
    assert sick.hours == 0  # hours only count for a day present
    in_month = AttendanceDay.objects.filter(
        date__year=start.year, date__month=start.month, status=Status.PRESENT
    ).count()
    month = attendance_month(trajectory=trajectory, year=start.year, month=start.month)
    assert month.totals.present_days == in_month


@pytest.mark.parametrize(
    ("offset", "status", "hours", "message"),
    [
        (-1, Status.PRESENT, None, "outside the trajectory"),
        (40, Status.PRESENT, None, "still to come"),
        (0, Status.PRESENT, Decimal("25"), "at most 24 hours"),
    ],
)
def test_bad_days_are_refused_and_nothing_is_saved(
    trajectory, mentor, offset, status, hours, message
):
    good = DayInput(trajectory.actual_start + timedelta(days=1), Status.PRESENT)
    bad = DayInput(trajectory.actual_start + timedelta(days=offset), status, hours)
    with pytest.raises(ValidationError, match=message):
        attendance_save(trajectory=trajectory, days=[good, bad], by=mentor)
    assert not AttendanceDay.objects.exists()


@pytest.mark.dates
def test_fast_entry_fills_the_open_workdays_up_to_today_only(trajectory, mentor):
    start = trajectory.actual_start
    attendance_save(trajectory=trajectory, days=[DayInput(start, Status.SICK)], by=mentor)
    filled = attendance_fill_present(
        trajectory=trajectory,
        start=start - timedelta(days=10),
        end=start + timedelta(weeks=8),
        by=mentor,
    )
    expected = [d for d in workdays(start, timezone.localdate()) if d != start]
    assert filled == len(expected)
    days = AttendanceDay.objects.filter(trajectory=trajectory)
    assert days.get(date=start).status == Status.SICK  # recorded days are left alone
    assert not days.filter(date__week_day__in=[1, 7]).exists()  # no weekends
    assert not days.filter(date__gt=timezone.localdate()).exists()


@pytest.mark.dates
def test_attendance_kept_needs_the_first_week_and_no_gaps(trajectory, mentor):
    start = trajectory.actual_start  # a Monday
    assert not attendance_kept(trajectory)
    week = [DayInput(start + timedelta(days=n), Status.PRESENT) for n in range(4)]
    attendance_save(trajectory=trajectory, days=week, by=mentor)
    assert not attendance_kept(trajectory)  # four days is not the first week
    attendance_save(
        trajectory=trajectory, days=[DayInput(start + timedelta(days=4), Status.PRESENT)], by=mentor
    )
    assert attendance_kept(trajectory)
    assert trajectory.checklist_items.get(code="attendance_during").state == "done"
    # a day recorded after a gap reopens it until the gap is filled
    attendance_save(
        trajectory=trajectory, days=[DayInput(start + timedelta(days=9), Status.PRESENT)], by=mentor
    )
    assert trajectory.checklist_items.get(code="attendance_during").state == "open"
    attendance_fill_present(
        trajectory=trajectory, start=start, end=start + timedelta(days=9), by=mentor
    )
    assert trajectory.checklist_items.get(code="attendance_during").state == "done"


@pytest.mark.dates
def test_attendance_complete_when_every_workday_of_the_trajectory_is_recorded(
    make_trajectory, mentor
):
    trajectory = running(make_trajectory, mentors=[mentor], days_ago=30, weeks=2, kind="stage")
    Trajectory.objects.filter(pk=trajectory.pk).update(
        actual_end=trajectory.actual_start + timedelta(days=13)
    )
    trajectory.refresh_from_db()
    assert not attendance_complete(trajectory)
    attendance_fill_present(
        trajectory=trajectory, start=trajectory.actual_start, end=trajectory.actual_end, by=mentor
    )
    assert attendance_complete(trajectory)
    assert trajectory.checklist_items.get(code="attendance_end").state == "done"


def test_the_month_grid_saves_in_one_go_and_shows_totals(client_for, trajectory, mentor):
    start = trajectory.actual_start
    url = f"/o/autocars/attendance/{trajectory.public_id}/?month={start:%Y-%m}"
    page = client_for(mentor).get(url).content.decode()
    assert "Aanwezigheidslijst" in page
    key = f"{start:%Y%m%d}"
    following = start + timedelta(days=1)
    data = {
        "month": f"{start:%Y-%m}",
        f"status_{key}": "present",
        f"hours_{key}": "6",
        f"status_{following:%Y%m%d}": "excused" if following.month == start.month else "",
        f"note_{following:%Y%m%d}": "Afspraak VDAB",
    }
    response = client_for(mentor).post(url, data)
    assert response.status_code == 302
    assert AttendanceDay.objects.get(date=start).hours == Decimal("6")


def test_the_month_grid_shows_bad_hours_beside_the_day_and_saves_nothing(
    client_for, trajectory, mentor
):
    start = trajectory.actual_start
    url = f"/o/autocars/attendance/{trajectory.public_id}/?month={start:%Y-%m}"
    response = client_for(mentor).post(
        url, {f"status_{start:%Y%m%d}": "present", f"hours_{start:%Y%m%d}": "25"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "hoogstens 24 uur" in page and 'value="25"' in page
    assert not AttendanceDay.objects.exists()


def test_a_trainee_reads_their_attendance_but_cannot_change_it(
    client_for, trajectory, trainee, mentor
):
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    attendance_save(
        trajectory=trajectory, days=[DayInput(trajectory.actual_start, Status.PRESENT)], by=mentor
    )
    url = f"/o/autocars/attendance/{trajectory.public_id}/?month={trajectory.actual_start:%Y-%m}"
    client = client_for(trainee)
    page = client.get(url).content.decode()
    assert "Aanwezig" in page and 'name="status_' not in page
    assert client.post(url, {}).status_code == 403
    assert client.post(f"/o/autocars/attendance/{trajectory.public_id}/fill/").status_code == 403


def test_the_month_page_queries_do_not_grow_with_the_days(
    client_for, trajectory, mentor, django_assert_max_num_queries
):
    url = f"/o/autocars/attendance/{trajectory.public_id}/"
    client = client_for(mentor)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    attendance_fill_present(
        trajectory=trajectory, start=trajectory.actual_start, end=timezone.localdate(), by=mentor
    )
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(url)


def test_the_month_selector_lists_every_day_for_the_printed_list(trajectory, mentor):
    month = attendance_month(trajectory=trajectory, year=2024, month=2)
    assert [row.day for row in month.rows][-1] == date(2024, 2, 29)
    assert not any(row.in_trajectory for row in month.rows)


def test_one_day_is_one_day_not_1_dagen(client_for, trajectory, mentor):
    # "Aanwezigheid bewaard: 1 dagen gewijzigd", "1 dagen aanwezig": counts use plural forms.
    start = trajectory.actual_start
    url = f"/o/autocars/attendance/{trajectory.public_id}/?month={start:%Y-%m}"
    data = {"month": f"{start:%Y-%m}", f"status_{start:%Y%m%d}": "present"}
    data[f"hours_{start:%Y%m%d}"] = "7.6"
    page = client_for(mentor).post(url, data, follow=True).content.decode()
    assert "Aanwezigheid bewaard: 1 dag gewijzigd." in page
    assert "1 dag aanwezig" in page and "0 dagen afwezig" in page
    assert "1 dagen" not in page
    from werkplek.trajectories.events import event_text

    event = trajectory.events.get(action="attendance.days.recorded")
    assert event_text(event).startswith("Aanwezigheid genoteerd: 1 dag (")


def test_at_the_end_the_list_is_complete_once_every_workday_up_to_today_is_recorded(
    trajectory, mentor
):
    """A trajectory in its final phase ends when it is closed, often before its planned end:
    the days after today cannot be recorded, so the end item asks for the days up to today."""
    assert trajectory.planned_end > timezone.localdate()
    attendance_fill_present(
        trajectory=trajectory, start=trajectory.actual_start, end=timezone.localdate(), by=mentor
    )
    assert trajectory.checklist_items.get(code="attendance_end").state == "open"  # running
    Trajectory.objects.filter(pk=trajectory.pk).update(status="finishing")
    trajectory.refresh_from_db()
    assert attendance_complete(trajectory)
    yesterday = timezone.localdate() - timedelta(days=1)
    while yesterday.weekday() >= 5:
        yesterday -= timedelta(days=1)
    attendance_save(trajectory=trajectory, days=[DayInput(yesterday, "")], by=mentor)
    assert trajectory.checklist_items.get(code="attendance_end").state == "open"  # a gap
    attendance_save(trajectory=trajectory, days=[DayInput(yesterday, Status.SICK)], by=mentor)
    assert trajectory.checklist_items.get(code="attendance_end").state == "done"
