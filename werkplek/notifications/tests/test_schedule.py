"""Periodic jobs and the task worker: each slot runs once; the database worker runs them."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from werkplek.checklists.models import ChecklistItem
from werkplek.notifications.models import Notification, PeriodicRun
from werkplek.notifications.schedule import periodic_tick
from werkplek.notifications.tasks import scan_notifications
from werkplek.notifications.tests.factories import set_due

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def due_item(make_trajectory, mentor):
    trajectory = make_trajectory(mentors=[mentor])
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    return set_due(trajectory, "driving_test", timezone.localdate() + timedelta(days=1))


@pytest.mark.dates
def test_every_slot_runs_once_however_often_the_scheduler_ticks(due_item, mentor):
    # 02:10 does not exist the night summer time starts: read as 03:10 summer time.
    night = timezone.localtime().replace(hour=2, minute=10, second=0, microsecond=0)
    night = night.astimezone(UTC)  # so that "+ 1 hour" is an hour, not a move of the clock
    first = periodic_tick(now=night)
    assert "notifications.scan" in first
    assert periodic_tick(now=night + timedelta(minutes=5)) == []
    later = periodic_tick(now=night + timedelta(hours=1))
    assert "notifications.scan" in later  # a new hour, a new slot
    assert set(first) & set(later) == {"notifications.scan"}  # daily jobs ran once
    assert PeriodicRun.objects.count() == len(first) + len(later)
    assert Notification.objects.filter(recipient=mentor).count() == 1


def test_the_hour_repeated_when_summer_time_ends_is_scanned_twice(db):
    summer = datetime(2027, 10, 31, 2, 10, tzinfo=BRUSSELS)  # 02:10 CEST
    winter = (summer.astimezone(UTC) + timedelta(hours=1)).astimezone(BRUSSELS)
    assert (winter.hour, winter.minute) == (2, 10)  # the clock shows 02:10 again (CET)
    assert periodic_tick(now=summer) == ["notifications.scan"]
    assert periodic_tick(now=winter) == ["notifications.scan"]


def test_run_periodic_command_ticks_once(due_item):
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "enqueued notifications.scan" in out.getvalue()
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "notifications.scan" not in out.getvalue()


def test_scan_notifications_command_reports_what_it_found(due_item):
    out = io.StringIO()
    call_command("scan_notifications", stdout=out)
    assert "checklists.items: 2 found, 2 new" in out.getvalue()


@pytest.fixture
def database_queue(settings):
    """Tasks go through the database queue instead of running at once, as in production."""

    def reset():  # django.tasks reads TASKS once; make it read the setting again
        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local()

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    reset()
    yield
    reset()


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_the_database_worker_runs_the_scan(database_queue, due_item, mentor):
    result = scan_notifications.enqueue(today=timezone.localdate().isoformat())
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"
    assert not Notification.objects.exists()  # queued, not run

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())

    finished = DBTaskResult.objects.get(pk=result.id)
    assert finished.status == "SUCCESSFUL"
    assert finished.return_value == {"found": 2, "created": 2}
    assert Notification.objects.filter(recipient=mentor).count() == 1
