from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from werkplek.accounts.models import Organisation
from werkplek.audit.backup import organisation_backup


class Command(BaseCommand):
    help = "Write one organisation's data and files to a zip (restore_organisation reads it)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's slug")
        parser.add_argument("path", help="the zip file to write")

    def handle(self, *args, organisation, path, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation {organisation!r}.")
        result = organisation_backup(organisation=found, path=Path(path))
        self.stdout.write(f"{result['records']} records and {result['files']} files → {path}")
