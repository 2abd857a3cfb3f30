from django.core.management.base import BaseCommand

from werkplek.core.i18n import localized
from werkplek.sectorpacks.loader import load_all


class Command(BaseCommand):
    help = "Load or update the sector packs (checklists and other sector data) from their files."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even when unchanged.")

    def handle(self, *args, force: bool = False, **options):
        for pack, loaded in load_all(force=force):
            state = "loaded" if loaded else "unchanged"
            self.stdout.write(f"Sector pack {pack.code} ({localized(pack.name, 'en')}): {state}")
