"""Extension points, so each app plugs into shared pages without editing them.

Apps register in their AppConfig.ready():

- `register_nav(...)`: a link in the header menu, for some roles.
- `register_trajectory_tab(...)`: a tab on every trajectory page (Overview, Intake, Plan, …).
- `register_trajectory_panel(...)`: a panel on the trajectory overview; its context function
  gets (request, trajectory) and must use a bounded number of queries.
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
    column: str = "main"  # "main" or "side"
    order: int = 50


NAV_ITEMS: list[NavItem] = []
TRAJECTORY_TABS: list[TrajectoryTab] = []
TRAJECTORY_PANELS: list[TrajectoryPanel] = []


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
