"""Recompute every stored fact (core.hooks.register_stored_facts): after a bulk load or a
restore that bypassed the services, or to check that they are right."""

from django.core.management.base import BaseCommand
from django.db import transaction

from werkplek.core.hooks import refresh_stored_facts


class Command(BaseCommand):
    help = "Recompute the stored facts (last log of each trajectory, current credentials…)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            counts = refresh_stored_facts()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
