"""Hooks: what an app announces, and who listens.

An app that owns a fact (a meeting held, an evaluation planned, a credential verified, a
logbook entry written) does not update what others derive from it. It announces the change:

    from werkplek.core.hooks import trajectory_changed

    trajectory_changed(trajectory, fact="intake.meeting")

and whoever derives something from trajectory facts listens, in its AppConfig.ready():

    from werkplek.core.hooks import listen_trajectory_changed

    listen_trajectory_changed(checklist_listener, order=20)

Stored facts (a trajectory's `last_log_on`, a credential's `is_current`) are kept the same way:
the owning app refreshes them in its services or in a listener (e.g. 5 `logbook`: the date of
the latest logbook entry), and registers a function that recomputes them all with
`register_stored_facts(name, refresh)`; `manage.py refresh_facts` runs them (after bulk loads,
restores, or to check).

Listeners run at once, in `order` (lowest first), inside the caller's transaction, with
`(trajectory=…, fact=…)`. Today they are, in order:

- 5 `logbook` — the logbook changed: the trajectory's `last_log_on` is read again;
- 10 `followup` — the logbook changed: follow-up moments tick (or untick) themselves;
- 20 `checklists` — the automatic checklist rules tick or untick their items;
- 30 `trajectories` — the step is derived again from the facts (trajectories/stepping.py).

`fact` names what changed ("<app>.<thing>"); a listener may ignore facts it does not read.

Every extension point of Werkplek
---------------------------------
Each app registers its own things in its own AppConfig.ready(). The registries, by layer
(contract in each module's docstring):

- facts and what is derived from them: `listen_trajectory_changed` (here);
  `register_obligation_source` (core/obligations.py, what waits for whom);
  `register_rule` (checklists/rules.py, self-ticking checklist items);
  `register_guard` (trajectories/transitions.py, conditions of a status change);
- pages: `register_nav`, `register_trajectory_tab`, `register_trajectory_panel`,
  `register_trajectory_badges`, `register_trajectory_action`, `register_trainee_todo`,
  `register_portal_section` (core/extensions.py);
- reminders and background work: `register_scanner`, `register_notification_texts`
  (notifications/scanners.py), `register_calendar_source` (notifications/calendar.py),
  `register_agenda_source` (notifications/agenda.py), `register_periodic_job`
  (notifications/schedule.py);
- documents and data: `register_printable`, `register_dossier_section`
  (printing/registry.py), `register_candidate_extension` (imports/importers.py),
  `register_person_eraser` (audit/gdpr.py).
"""

from collections.abc import Callable
from typing import Any

Listener = Callable[..., Any]
TRAJECTORY_LISTENERS: list[tuple[int, str, Listener]] = []


def listen_trajectory_changed(listener: Listener, *, order: int = 50) -> None:
    name = f"{listener.__module__}.{listener.__qualname__}"
    if any(known == name for _, known, _ in TRAJECTORY_LISTENERS):
        return
    TRAJECTORY_LISTENERS.append((order, name, listener))
    TRAJECTORY_LISTENERS.sort(key=lambda entry: (entry[0], entry[1]))


def trajectory_changed(trajectory, *, fact: str) -> None:
    """A fact of this trajectory changed: let every listener derive again."""
    for _, _, listener in list(TRAJECTORY_LISTENERS):
        listener(trajectory=trajectory, fact=fact)


FACT_REFRESHERS: dict[str, Callable[[], int]] = {}


def register_stored_facts(name: str, refresh: Callable[[], int]) -> None:
    """`refresh()` recomputes every stored fact of one kind and returns how many rows it
    looked at (manage.py refresh_facts)."""
    FACT_REFRESHERS[name] = refresh


def refresh_stored_facts() -> dict[str, int]:
    return {name: refresh() for name, refresh in sorted(FACT_REFRESHERS.items())}
