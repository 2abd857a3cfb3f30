from pathlib import Path

from django.core.management.base import BaseCommand

from werkplek.audit.backup import organisation_restore


class Command(BaseCommand):
    help = "Restore an organisation from a zip written by backup_organisation."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip file to read")

    def handle(self, *args, path, **options):
        result = organisation_restore(path=Path(path))
        self.stdout.write(
            f"{result['organisation']}: {result['records']} records and "
            f"{result['files']} files restored"
        )
