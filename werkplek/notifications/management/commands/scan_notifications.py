from datetime import date

from django.core.management.base import BaseCommand

from werkplek.notifications.services import notifications_scan


class Command(BaseCommand):
    help = "Run the reminder scan now (idempotent: what was notified before is not repeated)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=date.fromisoformat, default=None, help="Scan as if today were DATE."
        )

    def handle(self, *args, date: date | None, **options):
        result = notifications_scan(today=date)
        for code, found in result.found.items():
            self.stdout.write(f"{code}: {found} found, {result.created[code]} new")
