from werkplek.checklists.models import ChecklistTemplate, Phase, TemplateItem
from werkplek.checklists.rules import get_rule
from werkplek.sectorpacks.models import SectorPack
from werkplek.trajectories.models import Kind


class PackDataError(ValueError):
    pass


def load_checklist(pack: SectorPack, data: dict) -> ChecklistTemplate:
    """Replace the pack's checklist template with the one in the file.

    Organisations work from copies, so their templates and trajectories are not touched.
    """
    ChecklistTemplate.objects.filter(organisation__isnull=True, sector_pack=pack).delete()
    template = ChecklistTemplate.objects.create(
        sector_pack=pack, name=data["name"]["nl"], organisation=None
    )
    position = 0

    def add(entry: dict, parent: TemplateItem | None) -> None:
        nonlocal position
        position += 1
        phase = parent.phase if parent else entry.get("phase", "")
        _validate(entry, phase)
        item = TemplateItem.objects.create(
            template=template,
            parent=parent,
            phase=phase,
            code=entry["code"],
            label=entry["label"],
            required=entry.get("required", True),
            rule=entry.get("rule", ""),
            due_days=entry.get("due_days"),
            due_anchor=entry.get("due_anchor", "start"),
            kinds=entry.get("kinds", []),
            position=position,
        )
        for child in entry.get("children", []):
            add(child, item)

    for entry in data["items"]:
        add(entry, None)
    return template


def _validate(entry: dict, phase: str) -> None:
    code = entry.get("code", "?")
    if phase not in Phase.values:
        raise PackDataError(f"{code}: unknown phase {phase!r}")
    if not entry.get("label", {}).get("nl"):
        raise PackDataError(f"{code}: a Dutch label is required")
    if entry.get("rule") and get_rule(entry["rule"]) is None:
        raise PackDataError(f"{code}: unknown rule {entry['rule']!r}")
    unknown_kinds = set(entry.get("kinds", [])) - set(Kind.values)
    if unknown_kinds:
        raise PackDataError(f"{code}: unknown kinds {sorted(unknown_kinds)}")


def adopt_checklist(organisation, pack: SectorPack) -> None:
    from werkplek.checklists.services import checklist_template_copy

    source = ChecklistTemplate.objects.filter(organisation__isnull=True, sector_pack=pack).first()
    if source is not None:
        checklist_template_copy(source=source, organisation=organisation)
