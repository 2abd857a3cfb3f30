"""The trajectory timeline: `trajectory_log` records an event, `event_text` says it in words.

An app whose events name something not every reader of the timeline may see registers an
event filter (`register_event_filter`): a function of the reader's membership that returns a
Q of the events to hide from them (or None to hide nothing). The timeline pages read events
only through `trajectories.selectors.trajectory_events_visible_to`, which applies them all.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.core.i18n import display_value
from werkplek.trajectories.models import Step, Trajectory, TrajectoryEvent

EVENT_TEXTS = {
    "trajectories.trajectory.created": _("Trajectory created"),
    "trajectories.trajectory.updated": _("Trajectory details changed: %(fields)s"),
    "trajectories.trajectory.confirmed": _("Intake confirmed; preparation started"),
    "trajectories.trajectory.marked_ready": _("Ready to start: the introduction is complete"),
    "trajectories.trajectory.started": _("Trajectory started"),
    "trajectories.trajectory.finishing": _("Final evaluation phase started"),
    "trajectories.trajectory.closed": _("Trajectory closed: %(outcome)s"),
    "trajectories.trajectory.stopped": _("Trajectory stopped early: %(reason)s"),
    "trajectories.trajectory.step_changed": _("Moved from step %(from_step)s to step %(to_step)s"),
    "trajectories.trajectory.step_moved": _(
        "Step moved by hand from %(from_step)s to %(to_step)s: %(reason)s"
    ),
    "trajectories.trajectory.step_followed": _("Now in step %(to_step)s, because %(because)s"),
    "trajectories.mentor.assigned": _("%(mentor)s assigned as mentor"),
    "trajectories.mentor.assigned_over_capacity": _(
        "%(mentor)s assigned as mentor over the limit (%(load)s of at most %(limit)s open "
        "trajectories): %(reason)s"
    ),
    "trajectories.mentor.removed": _("%(mentor)s is no longer mentor"),
    "checklists.item.ticked": _("Ticked: %(item)s"),
    "checklists.item.unticked": _("Unticked: %(item)s"),
    "checklists.item.waived": _("Waived: %(item)s (%(reason)s)"),
    "checklists.item.auto_ticked": _("Ticked automatically: %(item)s"),
    "checklists.item.auto_unticked": _("Unticked automatically: %(item)s"),
}


EVENT_FILTERS: list[Callable[[Any], Q | None]] = []


def register_event_filter(hidden_from: Callable[[Any], Q | None]) -> None:
    """`hidden_from(membership)`: a Q of the events this member may not read, or None."""
    if hidden_from not in EVENT_FILTERS:
        EVENT_FILTERS.append(hidden_from)


def trajectory_log(trajectory: Trajectory, action: str, *, by=None, **data: Any) -> TrajectoryEvent:
    return TrajectoryEvent.objects.create(trajectory=trajectory, action=action, actor=by, data=data)


def event_text(event: TrajectoryEvent) -> str:
    template = EVENT_TEXTS.get(event.action)
    if template is None:
        return event.action
    values = {key: display_value(key, value) for key, value in event.data.items()}
    for key in ("from_step", "to_step"):
        if key in event.data:
            values[key] = f"{event.data[key]} ({Step(event.data[key]).label})"
    try:
        return str(template % values)  # a plural text (ngettext_lazy(…, "count")) picks its form
    except (KeyError, TypeError, ValueError):
        return str(template).split(":")[0]
