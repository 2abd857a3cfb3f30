"""What can be printed, and what the stagemap dossier is made of.

- `register_printable(...)`: a PDF of a trajectory (opleidingsplan, attendance list,
  werkpostfiche, dossier, …). Its `context` function gets (trajectory, membership, params)
  and returns the template's context; `title` names the stored document (one version chain
  per title, e.g. one per month for attendance lists).
- `register_dossier_section(order, template, context_fn, roles)`: a section of the stagemap
  dossier. `context_fn(trajectory, membership)` returns the section's context, or None to
  leave the section out; `roles` are the reader roles that get the section at all.
  Apps register in their AppConfig.ready(), like the extensions in core/extensions.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Printable:
    code: str
    label: Promise | str
    template: str
    context: Callable[..., dict]  # (trajectory, membership, params) -> context
    title: Callable[[Any, dict], str]  # (trajectory, context) -> stored document title
    document_kind: str
    roles: tuple[str, ...]
    order: int = 50
    # Whether what was printed may show details only staff see (then stored staff-only).
    staff_details: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class DossierSection:
    order: int
    template: str
    context: Callable[[Any, Any], dict | None]  # (trajectory, membership) -> context or None
    roles: tuple[str, ...]
    title: Promise | str = ""  # the section's heading, also listed in the table of contents


PRINTABLES: dict[str, Printable] = {}
DOSSIER_SECTIONS: list[DossierSection] = []


def register_printable(printable: Printable) -> None:
    PRINTABLES.setdefault(printable.code, printable)


def printables_for(role: str) -> list[Printable]:
    return sorted(
        (printable for printable in PRINTABLES.values() if role in printable.roles),
        key=lambda printable: printable.order,
    )


def register_dossier_section(
    order: int,
    template: str,
    context_fn: Callable,
    roles: tuple[str, ...],
    *,
    title: Promise | str = "",
) -> None:
    """A section of the stagemap dossier. The template gets the context as `section`."""
    if not any(section.template == template for section in DOSSIER_SECTIONS):
        DOSSIER_SECTIONS.append(DossierSection(order, template, context_fn, tuple(roles), title))
        DOSSIER_SECTIONS.sort(key=lambda section: section.order)


@dataclass(frozen=True)
class RenderedSection:
    title: str
    template: str
    context: dict


def dossier_sections(trajectory, membership) -> list[RenderedSection]:
    """The sections this reader gets, in order, with their contexts."""
    found = []
    for section in DOSSIER_SECTIONS:
        if membership.role not in section.roles:
            continue
        context = section.context(trajectory, membership)
        if context is not None:
            found.append(RenderedSection(str(section.title), section.template, context))
    return found
