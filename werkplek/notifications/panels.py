"""'What is next' at the top of the trajectory overview: what is late and what comes in the
next weeks (checklist items, meetings, evaluations, learning moments, follow-up), from the
same agenda sources as the Today page."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from werkplek.core.i18n import localized
from werkplek.core.memo import MISSING, recalled
from werkplek.notifications.agenda import agenda_for
from werkplek.notifications.foundation import CHECKLIST_ITEMS, open_items_of, open_required_items
from werkplek.trajectories.models import Trajectory

NEXT_DAYS = 30
NEXT_SHOWN = 6


def next_panel(request: HttpRequest, trajectory: Trajectory) -> dict | None:
    if not trajectory.is_open:
        return None
    today = timezone.localdate()
    agenda = agenda_for(
        membership=request.membership,
        trajectory_ids=[trajectory.pk],
        today=today,
        until=today + timedelta(days=NEXT_DAYS),
        loaded={trajectory.pk: trajectory},
    )[trajectory.pk]
    entries = [*agenda.late, *agenda.today, *agenda.coming]
    undated = []
    shown = recalled(trajectory, CHECKLIST_ITEMS)
    if len(entries) < NEXT_SHOWN and shown is not MISSING:  # picked from the page's checklist
        undated = [
            (item.public_id, item.label)
            for item in sorted(open_items_of(trajectory, shown), key=lambda item: item.position)
            if item.due_date is None
        ][: NEXT_SHOWN - len(entries)]
    elif len(entries) < NEXT_SHOWN:  # then the next open items without a date, in their order
        undated = list(
            open_required_items()
            .filter(trajectory=trajectory, due_date__isnull=True)
            .order_by("position")
            .values_list("public_id", "label")[: NEXT_SHOWN - len(entries)]
        )
    return {
        "entries": entries[:NEXT_SHOWN],
        "more": max(len(entries) - NEXT_SHOWN, 0),
        "undated": [(f"#item-{public_id}", localized(label)) for public_id, label in undated],
        "today": today,
        "days": NEXT_DAYS,
    }
