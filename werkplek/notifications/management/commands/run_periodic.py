import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from werkplek.notifications.schedule import periodic_tick

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs that are due (reminder scan, e-mail digests, clean-up). "
        "Run it from cron every few minutes, or keep it running with --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep ticking until stopped.")
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between ticks with --loop."
        )

    def handle(self, *args, loop: bool, interval: int, **options):
        while True:
            try:
                for name in periodic_tick():
                    self.stdout.write(f"enqueued {name}")
            except DatabaseError:
                if not loop:
                    raise
                logger.exception("periodic tick failed; trying again in %s s", interval)
            if not loop:
                return
            time.sleep(interval)
            close_old_connections()  # a long-running process: drop broken or stale connections
