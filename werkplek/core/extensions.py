"""Extension points, so each app plugs into shared pages without editing them.

Apps register in their AppConfig.ready():

- `register_nav(...)`: a link in the header menu, for some roles.
- `register_trajectory_tab(...)`: a tab on every trajectory page (Overview, Intake, Plan, …).
- `register_trajectory_panel(...)`: a panel on the trajectory overview; its context function
  gets (request, trajectory) and must use a bounded number of queries.
- `register_trajectory_badges(...)`: small badges on the rows of trajectory lists (the list,
  "my trainees"); the function gets (request, trajectories) for a whole page at once and
  returns {trajectory.pk: [Badge, ...]} with a fixed number of queries.
- `register_trajectory_action(...)`: a button on each card of "my trainees" (e.g. "Log").
- `register_trainee_todo(fn)`: what waits for the trainee on their home page ("fill in your
  self-assessment", "sign the evaluation"); fn(request, trajectory) -> [TraineeTodo, ...].
- `register_portal_section(...)`: a section on the trainee home and/or the guest's read-only
  trajectory page (e.g. evaluations); its context function gets (request, trajectory) and
  returns a context or None to hide it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: Promise | str
    url_name: str  # reversed with org=<slug>
    roles: tuple[str, ...]
    order: int = 50


@dataclass(frozen=True)
class TrajectoryTab:
    label: Promise | str
    url_name: str  # reversed with org=<slug>, public_id=<trajectory uuid>
    roles: tuple[str, ...]
    order: int = 50


@dataclass(frozen=True)
class TrajectoryPanel:
    template: str
    context: Callable[[Any, Any], dict | None]  # (request, trajectory) -> context or None to hide
    roles: tuple[str, ...]
    column: str = "main"  # "top" (above the checklist), "main" or "side"
    order: int = 50


@dataclass(frozen=True)
class Badge:
    label: Promise | str
    style: str = "info"  # a badge--<style> class: info, late, warning
    title: Promise | str = ""


@dataclass(frozen=True)
class TrajectoryBadges:
    badges: Callable[[Any, list], dict[int, list[Badge]]]  # (request, trajectories) -> by pk
    roles: tuple[str, ...]


@dataclass(frozen=True)
class TrajectoryAction:
    label: Promise | str
    url_name: str  # reversed with org=<slug>, public_id=<trajectory uuid>
    roles: tuple[str, ...]
    statuses: tuple[str, ...]  # trajectory statuses that show the button
    style: str = "secondary"
    order: int = 50


@dataclass(frozen=True)
class TraineeTodo:
    label: Promise | str
    url: str  # a path inside the site
    due: Any = None  # a date, shown as "before dd/mm/yyyy"
    kind: str = ""  # e.g. "self_assessment", "signature"


@dataclass(frozen=True)
class PortalSection:
    template: str
    context: Callable[[Any, Any], dict | None]  # (request, trajectory) -> context or None
    roles: tuple[str, ...]  # "trainee" (their home), "guest" (the read-only trajectory page)
    order: int = 50


NAV_ITEMS: list[NavItem] = []
TRAJECTORY_TABS: list[TrajectoryTab] = []
TRAJECTORY_PANELS: list[TrajectoryPanel] = []
TRAJECTORY_BADGES: list[TrajectoryBadges] = []
TRAJECTORY_ACTIONS: list[TrajectoryAction] = []
TRAINEE_TODOS: list[Callable[[Any, Any], list[TraineeTodo]]] = []
PORTAL_SECTIONS: list[PortalSection] = []


def register_trainee_todo(fn: Callable[[Any, Any], list[TraineeTodo]]) -> None:
    if fn not in TRAINEE_TODOS:
        TRAINEE_TODOS.append(fn)


def trainee_todos(request, trajectory) -> list[TraineeTodo]:
    todos = [todo for fn in TRAINEE_TODOS for todo in fn(request, trajectory)]
    return sorted(todos, key=lambda todo: (todo.due is None, todo.due or 0, str(todo.label)))


def register_portal_section(
    template: str, context: Callable, *, roles: tuple[str, ...], order: int = 50
) -> None:
    if not any(section.template == template for section in PORTAL_SECTIONS):
        PORTAL_SECTIONS.append(PortalSection(template, context, tuple(roles), order))
        PORTAL_SECTIONS.sort(key=lambda section: section.order)


def portal_sections(request, trajectory, role: str) -> list[tuple[str, dict]]:
    found = []
    for section in PORTAL_SECTIONS:
        if role in section.roles:
            context = section.context(request, trajectory)
            if context is not None:
                found.append((section.template, context))
    return found


def register_nav(label, url_name: str, *, roles: tuple[str, ...], order: int = 50) -> None:
    if not any(item.url_name == url_name for item in NAV_ITEMS):
        NAV_ITEMS.append(NavItem(label, url_name, tuple(roles), order))
        NAV_ITEMS.sort(key=lambda item: item.order)


def register_trajectory_tab(
    label, url_name: str, *, roles: tuple[str, ...], order: int = 50
) -> None:
    if not any(tab.url_name == url_name for tab in TRAJECTORY_TABS):
        TRAJECTORY_TABS.append(TrajectoryTab(label, url_name, tuple(roles), order))
        TRAJECTORY_TABS.sort(key=lambda tab: tab.order)


def register_trajectory_panel(
    template: str,
    context: Callable,
    *,
    roles: tuple[str, ...],
    column: str = "main",
    order: int = 50,
) -> None:
    if not any(panel.template == template for panel in TRAJECTORY_PANELS):
        TRAJECTORY_PANELS.append(TrajectoryPanel(template, context, tuple(roles), column, order))
        TRAJECTORY_PANELS.sort(key=lambda panel: panel.order)


def register_trajectory_badges(badges: Callable, *, roles: tuple[str, ...]) -> None:
    if not any(entry.badges is badges for entry in TRAJECTORY_BADGES):
        TRAJECTORY_BADGES.append(TrajectoryBadges(badges, tuple(roles)))


def register_trajectory_action(
    label,
    url_name: str,
    *,
    roles: tuple[str, ...],
    statuses: tuple[str, ...],
    style: str = "secondary",
    order: int = 50,
) -> None:
    if not any(action.url_name == url_name for action in TRAJECTORY_ACTIONS):
        TRAJECTORY_ACTIONS.append(
            TrajectoryAction(label, url_name, tuple(roles), tuple(statuses), style, order)
        )
        TRAJECTORY_ACTIONS.sort(key=lambda action: action.order)


def attach_row_extras(request, trajectories: list, *, actions: bool = True) -> None:
    """Give each trajectory of a list page its `row_badges` and (unless the page shows none)
    its `row_actions`."""
    from django.urls import reverse

    membership = request.membership
    badges: dict[int, list[Badge]] = {}
    for entry in TRAJECTORY_BADGES:
        if membership.role in entry.roles and trajectories:
            for pk, found in entry.badges(request, trajectories).items():
                badges.setdefault(pk, []).extend(found)
    actions = [
        action for action in TRAJECTORY_ACTIONS if actions and membership.role in action.roles
    ]
    for trajectory in trajectories:
        trajectory.row_badges = badges.get(trajectory.pk, [])
        trajectory.row_actions = [
            (
                action,
                reverse(
                    action.url_name,
                    kwargs={"org": membership.organisation.slug, "public_id": trajectory.public_id},
                ),
            )
            for action in actions
            if trajectory.status in action.statuses
        ]
