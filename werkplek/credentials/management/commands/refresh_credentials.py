from django.core.management.base import BaseCommand

from werkplek.credentials.services import credentials_refresh_expired


class Command(BaseCommand):
    help = (
        "Untick the credential checklist items of open trajectories whose credential expired. "
        "Run once a day (cron, or the task worker); running it twice changes nothing."
    )

    def handle(self, *args, **options):
        refreshed = credentials_refresh_expired()
        self.stdout.write(f"Credentials checked: {refreshed} trajectories refreshed.")
