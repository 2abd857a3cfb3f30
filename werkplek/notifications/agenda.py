"""The mentor's "Today" page: what to do today and in the coming days, per trainee.

Each app adds what it knows (open checklist items, meetings, planned learning moments,
follow-up moments, evaluations) through a registered agenda source.

Registering a source (one call, in your AppConfig.ready())
---------------------------------------------------------
    from werkplek.notifications.agenda import register_agenda_source

    register_agenda_source("meetings", meeting_agenda)

The contract
------------
- `source(*, membership: Membership, trajectory_ids: list[int], today: date, until: date)
  -> Iterable[AgendaEntry]`: what is due or planned up to `until` (inclusive) for those
  trajectories; include what is overdue and still open. The ids come from the page (already
  scoped to what the member may see, one page at a time): use them in ONE query.
- `text` is rendered in the active language; `url` is a path inside the site.
- `loaded` maps trajectory ids to the trajectory objects the page already holds (the
  trajectory page passes its own): a source may answer from what that object memoized
  (core.memo) instead of querying again. It may be empty; the ids are what counts.
- `day` (and optionally `at`, an aware datetime) places the entry in "late", "today" or
  "coming days". Return only what is still to do.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from werkplek.accounts.models import Membership

AgendaSource = Callable[..., Iterable["AgendaEntry"]]
AGENDA_SOURCES: dict[str, AgendaSource] = {}


@dataclass(frozen=True)
class AgendaEntry:
    trajectory_id: int
    day: date
    text: str
    url: str = ""
    category: str = ""  # a short label shown beside the entry ("Checklist", "Meeting", …)
    at: datetime | None = None


def register_agenda_source(code: str, source: AgendaSource) -> None:
    """Add entries to the Today page (see the module docstring for the contract)."""
    AGENDA_SOURCES[code] = source


def the_one_loaded(trajectory_ids: list[int], loaded: Mapping[int, Any] | None) -> Any:
    """The page's own trajectory object when the agenda is for that one trajectory alone."""
    if loaded and len(trajectory_ids) == 1:
        return loaded.get(trajectory_ids[0])
    return None


def _entry_order(entry: AgendaEntry) -> tuple:
    return (entry.day, entry.at.timestamp() if entry.at else 0, entry.text)


@dataclass
class TraineeAgenda:
    late: list[AgendaEntry]
    today: list[AgendaEntry]
    coming: list[AgendaEntry]
    late_hidden: int = 0  # late entries beyond the page's limit (the trajectory shows them)

    @property
    def late_count(self) -> int:
        return len(self.late) + self.late_hidden

    @property
    def is_empty(self) -> bool:
        return not (self.late or self.today or self.coming)


def agenda_for(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    late_limit: int | None = None,
    loaded: Mapping[int, Any] | None = None,
) -> dict[int, TraineeAgenda]:
    """Every source's entries for these trajectories, split into late / today / coming; with
    `late_limit`, at most that many late entries per trainee (the longest overdue first)."""
    entries: dict[int, list[AgendaEntry]] = defaultdict(list)
    if trajectory_ids:
        for source in AGENDA_SOURCES.values():
            for entry in source(
                membership=membership,
                trajectory_ids=trajectory_ids,
                today=today,
                until=until,
                loaded=loaded or {},
            ):
                entries[entry.trajectory_id].append(entry)
    agendas = {}
    for trajectory_id in trajectory_ids:
        found = sorted(entries[trajectory_id], key=_entry_order)
        late = [entry for entry in found if entry.day < today]
        shown = late if late_limit is None else late[:late_limit]
        agendas[trajectory_id] = TraineeAgenda(
            late=shown,
            today=[entry for entry in found if entry.day == today],
            coming=[entry for entry in found if today < entry.day <= until],
            late_hidden=len(late) - len(shown),
        )
    return agendas
