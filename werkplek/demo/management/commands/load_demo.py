from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from werkplek.demo.foundation import EMAIL_DOMAIN, PEOPLE, build

# Later demo steps, each a function taking the DemoContext, in order. Every app that adds
# demo data adds its step here; a step must be idempotent.
DEMO_STEPS: list[str] = [
    "werkplek.competences.demo.seed",
    "werkplek.plans.demo.seed",
    "werkplek.logbook.demo.seed",
    "werkplek.attendance.demo.seed",
    "werkplek.followup.demo.seed",
    "werkplek.portal.demo.seed",  # before the notifications: the scan sees their logins
    "werkplek.evaluations.demo.seed",
    "werkplek.notifications.demo.seed",
    "werkplek.printing.demo.seed",
]


class Command(BaseCommand):
    help = "Create (or complete) the Demo Autocars organisation. Safe to run repeatedly."

    @transaction.atomic
    def handle(self, *args, **options):
        from django.conf import settings

        from werkplek.core.mail import mail_held

        with mail_held():  # the demo's people are fictional: no e-mail to them
            context = build()
            for step in DEMO_STEPS:
                import_string(step)(context)
        state = "created" if context.created else "already there, completed"
        self.stdout.write(self.style.SUCCESS(f"Demo organisation {context.organisation}: {state}."))
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        from werkplek.portal.demo import LOGINS

        for key, name, role, _language in [*PEOPLE, *LOGINS]:
            self.stdout.write(f"  {role:<12} {name:<15} {key}@{EMAIL_DOMAIN}")
