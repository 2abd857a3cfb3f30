from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from werkplek.audit.backup import RestoreRefused, organisation_restore


class Command(BaseCommand):
    help = "Restore an organisation from a zip written by backup_organisation."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip file to read")

    def handle(self, *args, path, **options):
        try:
            result = organisation_restore(path=Path(path))
        except RestoreRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"{result['organisation']}: {result['records']} records and "
            f"{result['files']} files restored"
        )
