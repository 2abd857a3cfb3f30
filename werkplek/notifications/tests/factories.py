from datetime import date

import factory

from werkplek.notifications.models import Level, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notification as the scan stores it: about a checklist deadline."""

    class Meta:
        model = Notification

    kind = "checklists.items_due"
    key = factory.Sequence(lambda n: f"test.fact:{n}")
    level = Level.SOON
    params = factory.LazyAttribute(
        lambda n: {
            "count": 1,
            "trainee": "Kevin Mertens",
            "due_date": "2026-12-01",
            "details": [{"nl": "rijtest", "fr": "test de conduite", "en": "driving test"}],
        }
    )
    link = "/o/autocars/trajectories/"
    due_date = date(2026, 12, 1)


def set_due(trajectory, code: str, due: date | None):
    """Give one checklist item of the trajectory a due date (and return it)."""
    item = trajectory.checklist_items.get(code=code)
    item.due_date = due
    item.save(update_fields=["due_date"])
    return item
