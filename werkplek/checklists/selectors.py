from dataclasses import dataclass, field

from django.db.models import QuerySet

from werkplek.checklists.models import GATE_PHASES, ChecklistItem, Phase
from werkplek.checklists.rules import ALL_CHILDREN_DONE, get_rule
from werkplek.trajectories.kinds import items_not_needed_to_start
from werkplek.trajectories.models import Trajectory


@dataclass
class PhaseChecklist:
    phase: Phase
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def required_count(self) -> int:
        return sum(1 for item in self.items if item.required)

    @property
    def resolved_count(self) -> int:
        return sum(1 for item in self.items if item.required and item.is_resolved)

    @property
    def is_complete(self) -> bool:
        return self.resolved_count == self.required_count


def checklist_by_phase(*, trajectory: Trajectory) -> list[PhaseChecklist]:
    """The trajectory's checklist in tree order per phase; every item gets a `depth`."""
    items = list(trajectory.checklist_items.select_related("resolved_by").order_by("position"))
    depth: dict[int, int] = {}
    phases = {phase: PhaseChecklist(phase=phase) for phase in Phase}
    for item in items:
        item.depth = depth[item.pk] = depth.get(item.parent_id, -1) + 1
        phases[Phase(item.phase)].items.append(item)
    return list(phases.values())


def gate_open_items(*, trajectory: Trajectory) -> QuerySet[ChecklistItem]:
    """Required items of Preparation and Before the start that nobody resolved yet.

    Items that only summarise their sub-items are left out: the open sub-items are listed.
    So are the items of credentials this kind of trajectory does not need to start
    (trajectories.kinds): the credentials page and the gate say the same.
    """
    return (
        trajectory.checklist_items.filter(
            phase__in=GATE_PHASES, required=True, state=ChecklistItem.State.OPEN
        )
        .exclude(rule=ALL_CHILDREN_DONE)
        .exclude(code__in=items_not_needed_to_start(trajectory))
        .order_by("position")
    )


def gate_open_items_of(phases: list[PhaseChecklist], trajectory: Trajectory) -> list[ChecklistItem]:
    """`gate_open_items` picked from a `checklist_by_phase` result: one query less on the
    trajectory page, which shows both."""
    not_needed = items_not_needed_to_start(trajectory)
    return [
        item
        for phase in phases
        if phase.phase in GATE_PHASES
        for item in phase.items
        if item.required
        and item.state == ChecklistItem.State.OPEN
        and item.rule != ALL_CHILDREN_DONE
        and item.code not in not_needed
    ]


def end_formalities_open(*, trajectory: Trajectory) -> list[ChecklistItem]:
    """The end formalities nobody resolved yet: required items of the phase "At the end" that
    are open. An item that summarises its sub-items is represented by its open sub-items (a
    person who waived the summary waived them too); an item that ticks from the decision
    recorded with the close itself (rule `at_close`) does not hold the close up."""
    items = list(trajectory.checklist_items.filter(phase=Phase.END).order_by("position"))
    settled: set[int] = set()  # resolved or ticked by the close: their sub-items follow
    found = []
    for item in items:  # tree order: a parent comes before its sub-items
        rule = get_rule(item.rule) if item.rule else None
        if item.parent_id in settled or item.is_resolved or (rule and rule.at_close):
            settled.add(item.pk)
            continue
        if item.required and item.rule != ALL_CHILDREN_DONE:
            found.append(item)
    return found


def checklist_items_visible_to(membership) -> QuerySet[ChecklistItem]:
    """Items of the trajectories the member may see (see trajectories_visible_to)."""
    from werkplek.trajectories.selectors import trajectories_visible_to

    return ChecklistItem.objects.filter(
        trajectory__in=trajectories_visible_to(membership)
    ).select_related("trajectory", "trajectory__organisation", "trajectory__candidate")


def template_for(organisation):
    from werkplek.checklists.models import ChecklistTemplate

    return ChecklistTemplate.objects.filter(organisation=organisation).first()
