from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from werkplek.accounts.models import Organisation, User
from werkplek.checklists.models import (
    ChecklistItem,
    ChecklistTemplate,
    DueAnchor,
    TemplateItem,
)
from werkplek.checklists.rules import ALL_CHILDREN_DONE, get_rule
from werkplek.core.i18n import localized
from werkplek.core.memo import forget
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory

State = ChecklistItem.State


def due_date_for(
    *, due_days: int | None, anchor: str, start: date | None, end: date | None
) -> date | None:
    base = end if anchor == DueAnchor.END else start
    if due_days is None or base is None:
        return None
    return base + timedelta(days=due_days)


@transaction.atomic
def checklist_copy_to_trajectory(
    *, trajectory: Trajectory, template: ChecklistTemplate
) -> list[ChecklistItem]:
    """Copy the template's items that apply to the trajectory's kind, in tree order.

    The copy is the trajectory's own: later template edits do not touch it.
    """
    items = list(template.items.order_by("position", "id"))
    children_of: dict[int | None, list[TemplateItem]] = {}
    for item in items:
        children_of.setdefault(item.parent_id, []).append(item)

    copies: list[ChecklistItem] = []
    position = 0

    def copy(source: TemplateItem, parent: ChecklistItem | None) -> None:
        nonlocal position
        if not source.applies_to(trajectory.kind):
            return
        position += 1
        copied = ChecklistItem.objects.create(
            trajectory=trajectory,
            parent=parent,
            phase=parent.phase if parent else source.phase,
            code=source.code,
            label=source.label,
            required=source.required,
            rule=source.rule,
            due_days=source.due_days,
            due_anchor=source.due_anchor,
            due_date=due_date_for(
                due_days=source.due_days,
                anchor=source.due_anchor,
                start=trajectory.planned_start,
                end=trajectory.planned_end,
            ),
            position=position,
        )
        copies.append(copied)
        for child in children_of.get(source.pk, []):
            copy(child, copied)

    for root in children_of.get(None, []):
        copy(root, None)
    return copies


def checklist_reschedule(*, trajectory: Trajectory) -> None:
    """Recompute due dates after the planned start or end date changed."""
    changed = []
    now = timezone.now()
    for item in trajectory.checklist_items.all():
        due = due_date_for(
            due_days=item.due_days,
            anchor=item.due_anchor,
            start=trajectory.planned_start,
            end=trajectory.planned_end,
        )
        if due != item.due_date:
            item.due_date, item.updated_at = due, now
            changed.append(item)
    bulk_update_with_history(changed, ChecklistItem, ["due_date", "updated_at"])


@transaction.atomic
def checklist_refresh(*, trajectory: Trajectory) -> list[ChecklistItem]:
    """Let the automatic rules tick or untick their items; returns the items that changed.

    A rule owns its item: it ticks it when its fact holds and unticks it when the fact no
    longer holds. A waiver by a person is left alone. Rules may memoize the facts they load
    on the trajectory (core.memo); the memo lives for this refresh only.
    """
    forget(trajectory)
    try:
        return _refresh(trajectory)
    finally:
        forget(trajectory)


def _refresh(trajectory: Trajectory) -> list[ChecklistItem]:
    items = list(trajectory.checklist_items.order_by("position"))
    children_of: dict[int, list[ChecklistItem]] = {}
    for item in items:
        if item.parent_id:
            children_of.setdefault(item.parent_id, []).append(item)

    changed: list[ChecklistItem] = []
    # Deepest items first, so a parent sees its children's new states.
    for item in sorted(items, key=lambda i: -i.position):
        if not item.rule or item.state == State.WAIVED:
            continue
        if item.rule == ALL_CHILDREN_DONE:
            holds = all(
                child.state != State.OPEN
                for child in children_of.get(item.pk, [])
                if child.required
            )
        else:
            rule = get_rule(item.rule)
            if rule is None or rule.check is None:
                continue
            holds = rule.check(trajectory)
        if holds and item.state == State.OPEN:
            item.state, item.resolved_at, item.resolved_by = State.DONE, timezone.now(), None
            changed.append(item)
            trajectory_log(trajectory, "checklists.item.auto_ticked", item=item.label)
        elif not holds and item.state == State.DONE:
            item.state, item.resolved_at, item.resolved_by = State.OPEN, None, None
            changed.append(item)
            trajectory_log(trajectory, "checklists.item.auto_unticked", item=item.label)
    now = timezone.now()
    for item in changed:
        item.updated_at = now
    # Automatic ticks are checklist ticks too: the audit trail records them (one query).
    bulk_update_with_history(
        changed, ChecklistItem, ["state", "resolved_at", "resolved_by", "updated_at"]
    )
    return changed


def checklist_listener(*, trajectory: Trajectory, fact: str) -> None:
    """A fact of the trajectory changed (core.hooks): the rules look again."""
    checklist_refresh(trajectory=trajectory)


def end_formalities_reasons(trajectory: Trajectory) -> list[str]:
    """The close's guard: every end formality is resolved, or waived with a reason."""
    from werkplek.checklists.selectors import end_formalities_open

    open_items = end_formalities_open(trajectory=trajectory)
    if not open_items:
        return []
    labels = ", ".join(f"“{localized(item.label)}”" for item in open_items)
    return [
        _("End formalities are still open: %(items)s. Resolve them, or waive each with a reason.")
        % {"items": labels}
    ]


def checklist_refresh_many(*, trajectories) -> None:
    for trajectory in trajectories:
        checklist_refresh(trajectory=trajectory)


def _refuse_automatic(item: ChecklistItem) -> None:
    rule = get_rule(item.rule)
    description = rule.description if rule else item.rule
    raise ValidationError(
        _("“%(item)s” ticks itself %(rule)s.")
        % {"item": localized(item.label), "rule": description}
    )


@transaction.atomic
def checklist_item_tick(*, item: ChecklistItem, by: User, note: str = "") -> ChecklistItem:
    if item.rule:
        _refuse_automatic(item)
    if item.state == State.DONE:
        raise ValidationError(_("This item is already done."))
    item.state, item.resolved_at, item.resolved_by = State.DONE, timezone.now(), by
    item.note = note.strip()
    item.full_clean()
    item.save()
    trajectory_log(item.trajectory, "checklists.item.ticked", by=by, item=item.label)
    checklist_refresh(trajectory=item.trajectory)
    return item


@transaction.atomic
def checklist_item_untick(*, item: ChecklistItem, by: User) -> ChecklistItem:
    if item.state == State.OPEN:
        raise ValidationError(_("This item is not ticked."))
    if item.rule and item.state == State.DONE:
        _refuse_automatic(item)
    item.state, item.resolved_at, item.resolved_by, item.note = State.OPEN, None, None, ""
    item.save()
    trajectory_log(item.trajectory, "checklists.item.unticked", by=by, item=item.label)
    checklist_refresh(trajectory=item.trajectory)
    item.refresh_from_db()
    return item


@transaction.atomic
def checklist_item_waive(*, item: ChecklistItem, by: User, reason: str) -> ChecklistItem:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this item does not apply.")})
    if item.state != State.OPEN:
        raise ValidationError(_("Only an open item can be waived."))
    item.state, item.resolved_at, item.resolved_by, item.note = (
        State.WAIVED,
        timezone.now(),
        by,
        reason,
    )
    item.full_clean()
    item.save()
    trajectory_log(item.trajectory, "checklists.item.waived", by=by, item=item.label, reason=reason)
    checklist_refresh(trajectory=item.trajectory)
    return item


# --- Templates ---------------------------------------------------------------------------


@transaction.atomic
def checklist_template_copy(
    *, source: ChecklistTemplate, organisation: Organisation
) -> ChecklistTemplate:
    """Give an organisation its own editable copy of a (sector pack) template.

    Replaces the organisation's previous template; trajectories keep their own copies.
    """
    ChecklistTemplate.objects.filter(organisation=organisation).delete()
    template = ChecklistTemplate.objects.create(
        organisation=organisation, sector_pack=source.sector_pack, name=source.name
    )
    mapping: dict[int, TemplateItem] = {}
    for item in source.items.order_by("position", "id"):
        mapping[item.pk] = TemplateItem.objects.create(
            template=template,
            parent=mapping.get(item.parent_id),
            phase=item.phase,
            code=item.code,
            label=item.label,
            required=item.required,
            rule=item.rule,
            due_days=item.due_days,
            due_anchor=item.due_anchor,
            position=item.position,
            kinds=item.kinds,
        )
    return template


def template_item_save(*, item: TemplateItem) -> TemplateItem:
    if item.parent_id:
        item.phase = item.parent.phase
    if item.pk is None:
        last = item.template.items.order_by("-position").values_list("position", flat=True).first()
        item.position = (last or 0) + 1
        _make_room_after_parent(item)
    item.full_clean()
    item.save()
    return item


def _make_room_after_parent(item: TemplateItem) -> None:
    """A new sub-item goes right after its parent's last descendant."""
    if not item.parent_id:
        return
    descendants = descendant_ids(item.template, item.parent_id)
    last = (
        item.template.items.filter(pk__in=[item.parent_id, *descendants])
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    item.template.items.filter(position__gt=last).update(position=F("position") + 1)
    item.position = last + 1


def descendant_ids(template: ChecklistTemplate, parent_id: int) -> list[int]:
    pairs = list(template.items.values_list("pk", "parent_id"))
    found, frontier = [], [parent_id]
    while frontier:
        current = frontier.pop()
        for pk, parent in pairs:
            if parent == current:
                found.append(pk)
                frontier.append(pk)
    return found


@transaction.atomic
def template_item_move(*, item: TemplateItem, up: bool) -> None:
    """Swap the item (with its sub-items) with its previous or next sibling."""
    siblings = list(
        item.template.items.filter(parent=item.parent, phase=item.phase).order_by("position")
    )
    index = siblings.index(item)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return
    first, second = sorted([item, siblings[other_index]], key=lambda i: i.position)
    block_first = [first.pk, *descendant_ids(item.template, first.pk)]
    block_second = [second.pk, *descendant_ids(item.template, second.pk)]
    positions = sorted(
        item.template.items.filter(pk__in=block_first + block_second).values_list(
            "position", flat=True
        )
    )
    ordered = list(item.template.items.filter(pk__in=block_second).order_by("position")) + list(
        item.template.items.filter(pk__in=block_first).order_by("position")
    )
    for new_position, moved in zip(positions, ordered, strict=True):
        moved.position = new_position
    TemplateItem.objects.bulk_update(ordered, ["position"])


def template_item_delete(*, item: TemplateItem) -> None:
    item.delete()
