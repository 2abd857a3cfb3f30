"""Competence frameworks and rating scales in sector packs: loading and adopting.

A pack's frameworks and scales have no organisation. An organisation adopting the pack gets
its own copy of each framework (and its scale) it does not have yet; copies it already has
are left alone, because its plans and ratings refer to them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from werkplek.competences.models import (
    Competence,
    CompetenceFramework,
    Group,
    RatingScale,
)
from werkplek.sectorpacks.models import SectorPack


class PackDataError(ValueError):
    pass


def _label(entry: dict, key: str, code: str, *, required: bool = True) -> dict:
    value = entry.get(key, {})
    if required and not value.get("nl"):
        raise PackDataError(f"{code}: a Dutch {key} is required")
    return value


@transaction.atomic
def load_competences(pack: SectorPack, data: dict) -> list[CompetenceFramework]:
    """Replace the pack's scales and frameworks with those in the file."""
    CompetenceFramework.objects.filter(organisation__isnull=True, sector_pack=pack).delete()
    RatingScale.objects.filter(organisation__isnull=True, sector_pack=pack).delete()
    scales = {}
    for entry in data.get("scales", []):
        code = entry["code"]
        scale = RatingScale(
            sector_pack=pack,
            code=code,
            name=_label(entry, "name", code),
            achieved_level=entry["achieved"],
            levels=[
                {
                    "value": level["value"],
                    "label": _label(level, "label", code),
                    "description": level.get("description", {}),
                }
                for level in entry["levels"]
            ],
        )
        try:
            scale.full_clean(exclude=["sector_pack"])
        except ValidationError as error:
            raise PackDataError(f"{code}: {error.messages}") from error
        scale.save()
        scales[code] = scale
    frameworks = []
    for position, entry in enumerate(data.get("frameworks", []), start=1):
        code = entry["code"]
        if entry.get("scale") not in scales:
            raise PackDataError(f"{code}: unknown scale {entry.get('scale')!r}")
        framework = CompetenceFramework.objects.create(
            sector_pack=pack,
            code=code,
            name=_label(entry, "name", code),
            description=entry.get("description", {}),
            scale=scales[entry["scale"]],
            position=position,
        )
        seen = set()
        for index, item in enumerate(entry.get("competences", []), start=1):
            item_code = item["code"]
            if item.get("group") not in Group.values:
                raise PackDataError(f"{item_code}: unknown group {item.get('group')!r}")
            if item_code in seen:
                raise PackDataError(f"{item_code}: the code is used twice")
            seen.add(item_code)
            Competence.objects.create(
                framework=framework,
                code=item_code,
                group=item["group"],
                label=_label(item, "label", item_code),
                description=item.get("description", {}),
                position=index,
            )
        frameworks.append(framework)
    return frameworks


@transaction.atomic
def framework_copy(
    *, source: CompetenceFramework, organisation, position: int | None = None
) -> CompetenceFramework:
    """The organisation's own copy of a (pack) framework, with its own copy of the scale."""
    scale = RatingScale.objects.filter(organisation=organisation, code=source.scale.code).first()
    if scale is None:
        scale = RatingScale.objects.create(
            organisation=organisation,
            sector_pack=source.scale.sector_pack,
            code=source.scale.code,
            name=source.scale.name,
            levels=source.scale.levels,
            achieved_level=source.scale.achieved_level,
        )
    if position is None:
        position = CompetenceFramework.objects.filter(organisation=organisation).count() + 1
    framework = CompetenceFramework.objects.create(
        organisation=organisation,
        sector_pack=source.sector_pack,
        code=source.code,
        name=source.name,
        description=source.description,
        scale=scale,
        position=position,
    )
    Competence.objects.bulk_create(
        Competence(
            framework=framework,
            code=competence.code,
            group=competence.group,
            label=competence.label,
            description=competence.description,
            position=competence.position,
            is_active=competence.is_active,
        )
        for competence in source.competences.order_by("position", "id")
    )
    return framework


def adopt_competences(organisation, pack: SectorPack) -> None:
    have = set(
        CompetenceFramework.objects.filter(organisation=organisation).values_list("code", flat=True)
    )
    sources = CompetenceFramework.objects.filter(
        organisation__isnull=True, sector_pack=pack
    ).select_related("scale")
    for source in sources:
        if source.code not in have:
            framework_copy(source=source, organisation=organisation)
