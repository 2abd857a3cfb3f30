"""Periodic jobs: what the scheduler enqueues, and when.

`manage.py run_periodic` ticks once (cron, every few minutes) or keeps ticking (`--loop`;
`make run` starts one). Each tick enqueues the jobs whose time slot has come. A slot is
claimed in the database (PeriodicRun, unique per job and slot) in the same transaction as
the enqueue, so a slot runs once however many schedulers tick, on however many machines.

Other apps add a job with `register_periodic_job(name, slot, enqueue)`: `slot(now)` gets the
local time (Europe/Brussels) and returns the slot's name ("2026-11-25") or None when the job
is not due yet; `enqueue(now)` enqueues the task.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from werkplek.notifications.models import PeriodicRun
from werkplek.notifications.tasks import clean_up, scan_notifications, send_digests

CLEAN_UP_HOUR = 3


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    slot: Callable[[datetime], str | None]
    enqueue: Callable[[datetime], object]


def every_hour(now: datetime) -> str:
    # In UTC: the hour the clock repeats when summer time ends is a slot of its own.
    return now.astimezone(UTC).strftime("%Y-%m-%dT%HZ")


def daily_from(hour: Callable[[], int]) -> Callable[[datetime], str | None]:
    def slot(now: datetime) -> str | None:
        return now.date().isoformat() if now.hour >= hour() else None

    return slot


PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        "notifications.scan",
        every_hour,
        lambda now: scan_notifications.enqueue(today=now.date().isoformat()),
    ),
    PeriodicJob(
        "notifications.digests",
        daily_from(lambda: settings.DIGEST_HOUR),
        lambda now: send_digests.enqueue(today=now.date().isoformat()),
    ),
    PeriodicJob(
        "notifications.clean_up", daily_from(lambda: CLEAN_UP_HOUR), lambda now: clean_up.enqueue()
    ),
]


def register_periodic_job(
    name: str, slot: Callable[[datetime], str | None], enqueue: Callable[[datetime], object]
) -> None:
    if not any(job.name == name for job in PERIODIC_JOBS):
        PERIODIC_JOBS.append(PeriodicJob(name, slot, enqueue))


def periodic_tick(*, now: datetime | None = None) -> list[str]:
    """Enqueue every job whose slot has come and was not claimed yet; returns their names."""
    now = timezone.localtime(now)
    started = []
    for job in PERIODIC_JOBS:
        slot = job.slot(now)
        if slot is None:
            continue
        with transaction.atomic():
            _run, created = PeriodicRun.objects.get_or_create(job=job.name, slot=slot)
            if created:
                job.enqueue(now)
                started.append(job.name)
    return started
