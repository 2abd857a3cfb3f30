"""/api/v1/organisations/{org}/checklist-items: each trajectory's checklist, item by item.

Ticking, unticking and waiving are actions through the same services as the checklist on
the trajectory page; an item with an automatic rule ticks itself and refuses a person's tick.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES
from werkplek.api.errors import ApiError, errors_from_django
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import InputSchema, ListQuery, Page, PersonOut, Text, responses
from werkplek.api.tenancy import api_member
from werkplek.checklists import services
from werkplek.checklists.models import ChecklistItem, Phase
from werkplek.checklists.selectors import checklist_items_visible_to
from werkplek.core.i18n import localized

router = Router(tags=["checklist items"])

StateCode = Literal[tuple(ChecklistItem.State.values)]
PhaseCode = Literal[tuple(Phase.values)]


class ChecklistItemOut(Schema):
    id: UUID
    trajectory: UUID
    parent: UUID | None = Field(description="The item this is a sub-item of.")
    phase: PhaseCode
    code: str
    label: str = Field(description="In the request's language.")
    labels: dict[str, str] = Field(description="The label in every language.")
    required: bool
    automatic: bool = Field(description="Ticks itself by a rule; a person cannot tick it.")
    due_date: date | None
    state: StateCode
    resolved_at: datetime | None
    resolved_by: PersonOut | None
    note: str = Field(description="The note when ticked, or the reason when waived.")
    position: int
    updated_at: datetime

    @staticmethod
    def resolve_id(item: ChecklistItem) -> UUID:
        return item.public_id

    @staticmethod
    def resolve_trajectory(item: ChecklistItem) -> UUID:
        return item.trajectory.public_id

    @staticmethod
    def resolve_parent(item: ChecklistItem) -> UUID | None:
        return item.parent.public_id if item.parent_id else None

    @staticmethod
    def resolve_label(item: ChecklistItem) -> str:
        return localized(item.label)

    @staticmethod
    def resolve_labels(item: ChecklistItem) -> dict[str, str]:
        return item.label if isinstance(item.label, dict) else {"nl": str(item.label)}

    @staticmethod
    def resolve_automatic(item: ChecklistItem) -> bool:
        return item.is_automatic


class ChecklistItemQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's items.")
    state: Literal[("", *ChecklistItem.State.values)] = ""
    phase: Literal[("", *Phase.values)] = ""
    overdue: bool = Field(False, description="Only open required items past their due date.")


class TickIn(InputSchema):
    note: Annotated[Text, Field(max_length=500)] = ""


class WaiveIn(InputSchema):
    reason: Annotated[Text, Field(min_length=1, max_length=500)] = Field(
        description="Why the item does not apply."
    )


def _items(request):
    return checklist_items_visible_to(request.membership).select_related("parent", "resolved_by")


def _item(request, public_id: UUID) -> ChecklistItem:
    return get_object_or_404(_items(request), public_id=public_id)


def _run(request, public_id: UUID, action: Callable, **kwargs) -> ChecklistItem:
    item = _item(request, public_id)
    if not item.trajectory.is_open:
        raise ApiError(
            409,
            "trajectory_closed",
            _("This trajectory is closed; its checklist can no longer change."),
        )
    try:
        action(item=item, by=request.user, **kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):  # about the input
            raise ApiError(422, "invalid", "", errors=errors_from_django(error)) from error
        raise ApiError(  # about the item's state: already done, ticks itself, …
            409, "refused", " ".join(error.messages)
        ) from error
    return _item(request, public_id)


@router.get("", response=responses(200, Page[ChecklistItemOut], 403))
@api_member(*MENTORING_ROLES)
def checklist_item_list(request, query: Query[ChecklistItemQuery]):
    """Checklist items of the trajectories you see, in the order they changed."""
    items = _items(request)
    if query.trajectory:
        items = items.filter(trajectory__public_id=query.trajectory)
    if query.state:
        items = items.filter(state=query.state)
    if query.phase:
        items = items.filter(phase=query.phase)
    if query.overdue:
        items = items.filter(
            state=ChecklistItem.State.OPEN, required=True, due_date__lt=timezone.localdate()
        )
    return cursor_page(request, items, query)


@router.get("/{public_id}", response=responses(200, ChecklistItemOut, 403))
@api_member(*MENTORING_ROLES)
def checklist_item_detail(request, public_id: UUID):
    return _item(request, public_id)


ACTION_RESPONSES = responses(200, ChecklistItemOut, 400, 403, 409)


@router.post("/{public_id}/tick", response=ACTION_RESPONSES)
@api_member(*MENTORING_ROLES)
def checklist_item_tick(request, public_id: UUID, payload: TickIn | None = None):
    """Mark the item done, with an optional note."""
    note = payload.note if payload else ""
    return _run(request, public_id, services.checklist_item_tick, note=note)


@router.post("/{public_id}/untick", response=ACTION_RESPONSES)
@api_member(*MENTORING_ROLES)
def checklist_item_untick(request, public_id: UUID):
    """Open the item again (a waived item too)."""
    return _run(request, public_id, services.checklist_item_untick)


@router.post("/{public_id}/waive", response=ACTION_RESPONSES)
@api_member(*MENTORING_ROLES)
def checklist_item_waive(request, public_id: UUID, payload: WaiveIn):
    """The item does not apply to this trajectory; say why."""
    return _run(request, public_id, services.checklist_item_waive, reason=payload.reason)
