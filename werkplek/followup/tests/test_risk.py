from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.services import DayInput, attendance_save
from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of
from werkplek.followup.models import FollowUpRule, FollowUpSettings
from werkplek.followup.selectors import (
    at_risk_trajectories,
    risk_signals,
    settings_for,
    with_risk_facts,
)
from werkplek.followup.services import followup_rule_save
from werkplek.logbook.services import log_entry_create
from werkplek.trajectories.models import Trajectory


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor], days_ago=40)


def signals_on(trajectory, day, settings=None):
    settings = settings or settings_for(trajectory.organisation)
    facts = with_risk_facts(
        Trajectory.objects.filter(pk=trajectory.pk), today=day, settings=settings
    ).get()
    return {signal.code for signal in risk_signals(facts, today=day, settings=settings).signals}


def test_no_logbook_entry_for_longer_than_the_setting(trajectory, mentor, organisation):
    start = trajectory.actual_start
    log_entry_create(
        trajectory=trajectory,
        author=mentor,
        by_trainee=False,
        day=start + timedelta(days=10),
        description="Rit",
    )
    last = start + timedelta(days=10)
    assert "no_log" not in signals_on(trajectory, last + timedelta(days=7))
    assert "no_log" in signals_on(trajectory, last + timedelta(days=8))
    FollowUpSettings.objects.create(organisation=organisation, no_log_days=14)
    assert "no_log" not in signals_on(trajectory, last + timedelta(days=8))


def test_without_any_entry_the_days_count_from_the_start(make_trajectory, mentor):
    fresh = running(make_trajectory, mentors=[mentor], days_ago=40)
    assert "no_log" not in signals_on(fresh, fresh.actual_start + timedelta(days=7))
    assert "no_log" in signals_on(fresh, fresh.actual_start + timedelta(days=8))


def test_repeated_absences_within_the_period(trajectory, mentor):
    start = trajectory.actual_start
    days = [start + timedelta(days=n) for n in (1, 2, 8)]
    attendance_save(
        trajectory=trajectory,
        days=[DayInput(day, AttendanceDay.Status.SICK) for day in days],
        by=mentor,
    )
    assert "absences" in signals_on(trajectory, days[-1])
    # thirty days after the first absence it falls out of the period
    assert "absences" not in signals_on(trajectory, days[0] + timedelta(days=30))


def test_overdue_follow_up_and_overdue_checklist_items(trajectory, mentor):
    start = trajectory.actual_start
    followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            subject="topic",
            topic="Gesprek",
            frequency="every_n_days",
            interval=7,
            workdays_only=False,
            starts_on=start,
            ends_on=start + timedelta(days=27),
        ),
        by=mentor,
    )
    assert "followup" not in signals_on(trajectory, start + timedelta(days=6))
    assert "followup" in signals_on(trajectory, start + timedelta(days=7))
    item = (
        trajectory.checklist_items.filter(required=True, state="open", due_date__isnull=False)
        .exclude(rule="all_children_done")
        .order_by("due_date")
        .first()
    )
    assert "checklist" not in signals_on(trajectory, item.due_date)
    assert "checklist" in signals_on(trajectory, item.due_date + timedelta(days=1))


def test_the_board_lists_only_trajectories_at_risk_that_the_member_sees(
    client_for, make_trajectory, trajectory, mentor, other_mentor, coordinator, organisation
):
    quiet = running(make_trajectory, mentors=[other_mentor], days_ago=40)
    busy = running(make_trajectory, mentors=[mentor], days_ago=40)
    log_entry_create(
        trajectory=busy,
        author=mentor,
        by_trainee=False,
        day=timezone.localdate(),
        description="Rit",
    )
    for t in (trajectory, quiet, busy):  # no overdue checklist items in this test
        t.checklist_items.update(due_date=None)
    settings = settings_for(organisation)
    today = timezone.localdate()
    staff = at_risk_trajectories(
        membership_of(coordinator, organisation), today=today, settings=settings
    )
    assert set(staff) == {trajectory, quiet}
    page = client_for(mentor).get("/o/autocars/followup/board/").content.decode()
    assert trajectory.candidate.full_name in page
    assert quiet.candidate.full_name not in page and busy.candidate.full_name not in page


def test_lists_show_the_signals_with_a_fixed_number_of_queries(
    client_for, make_trajectory, coordinator, mentor, django_assert_max_num_queries
):
    running(make_trajectory, mentors=[mentor], days_ago=40)
    client = client_for(coordinator)
    with django_assert_max_num_queries(20) as captured:
        page = client.get("/o/autocars/trajectories/").content.decode()
    assert "Geen logboeknotitie" in page or "Geen log" in page
    for _ in range(6):
        running(make_trajectory, mentors=[mentor], days_ago=40)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get("/o/autocars/trajectories/")


def test_my_trainees_shows_the_signals_and_the_log_button_with_bounded_queries(
    client_for, make_trajectory, mentor, django_assert_max_num_queries
):
    first = running(make_trajectory, mentors=[mentor], days_ago=40)
    client = client_for(mentor)
    with django_assert_max_num_queries(40) as captured:
        page = client.get("/o/autocars/trajectories/mine/").content.decode()
    assert f"/o/autocars/logbook/{first.public_id}/new/" in page
    assert f"/o/autocars/attendance/{first.public_id}/" in page
    for _ in range(6):
        running(make_trajectory, mentors=[mentor], days_ago=40)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get("/o/autocars/trajectories/mine/")


def test_the_settings_page_refuses_numbers_out_of_range(client_for, admin, organisation):
    response = client_for(admin).post(
        "/o/autocars/followup/settings/",
        {"no_log_days": "0", "absence_limit": "3", "absence_period_days": "400"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_no_log_days_error"' in page and 'id="id_absence_period_days_error"' in page
    assert not FollowUpSettings.objects.exists()
    response = client_for(admin).post(
        "/o/autocars/followup/settings/",
        {"no_log_days": "10", "absence_limit": "2", "absence_period_days": "60"},
    )
    assert response.status_code == 302
    assert settings_for(organisation).no_log_days == 10
