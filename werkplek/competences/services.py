from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import Organisation, User
from werkplek.competences.models import (
    Competence,
    CompetenceFramework,
    CompetenceProfile,
    CompetenceRating,
    RatingScale,
)
from werkplek.core.hooks import trajectory_changed
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory

# Ratings come in dozens (a baseline, a logbook entry): their relations and level are checked
# by the services, and the database enforces the constraints again, so the model validation
# skips the lookups it would repeat.
RELATIONS = ["trajectory", "competence", "rated_by"]


def _check_level(scale: RatingScale, level: int, field: str = "level") -> None:
    if level not in scale.values:
        raise ValidationError(
            {
                field: _("Choose a level of the scale “%(scale)s”: %(levels)s.")
                % {"scale": scale, "levels": ", ".join(str(value) for value in scale.values)}
            }
        )


def _check_competence(trajectory: Trajectory, competence: Competence) -> None:
    if competence.framework.organisation_id != trajectory.organisation_id:
        raise ValidationError(_("This competence belongs to another organisation."))


@transaction.atomic
def competence_profile_set(
    *, trajectory: Trajectory, framework: CompetenceFramework
) -> CompetenceProfile:
    """Choose the framework of a trajectory; it cannot change once competences are rated."""
    if framework.organisation_id != trajectory.organisation_id:
        raise ValidationError(_("This framework belongs to another organisation."))
    profile = CompetenceProfile.objects.filter(trajectory=trajectory).first()
    if profile is not None and profile.framework_id == framework.pk:
        return profile
    rated_elsewhere = (
        CompetenceRating.objects.filter(trajectory=trajectory)
        .exclude(competence__framework=framework)
        .exists()
    )
    if rated_elsewhere:
        raise ValidationError(
            _("Competences of this trajectory are already rated on another framework.")
        )
    if profile is None:
        return CompetenceProfile.objects.create(trajectory=trajectory, framework=framework)
    profile.framework = framework
    profile.save()
    return profile


@dataclass(frozen=True)
class BaselineLevel:
    competence: Competence
    level: int | None  # None: not mapped (yet)
    note: str = ""


@transaction.atomic
def baseline_save(
    *,
    trajectory: Trajectory,
    framework: CompetenceFramework,
    levels: list[BaselineLevel],
    on: date,
    by: User,
) -> int:
    """Map the candidate's competences at intake ("breng de competenties in kaart").

    One baseline rating per competence; a competence left empty has none. Returns how many
    competences are mapped.
    """
    if on > timezone.localdate():
        raise ValidationError({"rated_on": _("The date cannot be in the future.")})
    competence_profile_set(trajectory=trajectory, framework=framework)
    existing = {
        rating.competence_id: rating
        for rating in CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        )
    }
    for entry in levels:
        if entry.competence.framework_id != framework.pk:
            raise ValidationError(_("This competence is not part of the trajectory's framework."))
        rating = existing.get(entry.competence.pk)
        if entry.level is None:
            if rating is not None:
                rating.delete()
            continue
        _check_level(framework.scale, entry.level)
        if rating is None:
            rating = CompetenceRating(
                trajectory=trajectory,
                competence=entry.competence,
                source=CompetenceRating.Source.BASELINE,
            )
        rating.level, rating.rated_on, rating.rated_by = entry.level, on, by
        rating.note = entry.note.strip()
        rating.full_clean(exclude=RELATIONS, validate_constraints=False)  # checked above
        rating.save()
    mapped = CompetenceRating.objects.filter(
        trajectory=trajectory, source=CompetenceRating.Source.BASELINE
    ).count()
    trajectory_log(
        trajectory,
        "competences.baseline.saved",
        by=by,
        count=mapped,
        total=framework.competences.filter(is_active=True).count(),
    )
    trajectory_changed(trajectory, fact="competences.rating")
    return mapped


@transaction.atomic
def competence_rating_record(
    *,
    trajectory: Trajectory,
    competence: Competence,
    level: int,
    on: date,
    source: str,
    by: User | None,
    source_ref: UUID | None = None,
    note: str = "",
) -> CompetenceRating:
    """Record a level seen in the logbook or given in an evaluation; the latest one counts."""
    if source == CompetenceRating.Source.BASELINE:
        raise ValueError("Use baseline_save for the baseline.")
    _check_competence(trajectory, competence)
    _check_level(competence.framework.scale, level)
    rating = CompetenceRating(
        trajectory=trajectory,
        competence=competence,
        level=level,
        rated_on=on,
        source=source,
        source_ref=source_ref,
        rated_by=by,
        note=note.strip(),
    )
    rating.full_clean(exclude=RELATIONS, validate_constraints=False)
    rating.save()
    return rating


def competence_ratings_delete(*, source_ref: UUID) -> int:
    """Remove the ratings a logbook entry or evaluation gave (when it is changed or deleted)."""
    deleted, _detail = CompetenceRating.objects.filter(source_ref=source_ref).delete()
    return deleted


# --- Frameworks --------------------------------------------------------------------------


@transaction.atomic
def framework_create(
    *, organisation: Organisation, name: dict, description: dict, scale: RatingScale
) -> CompetenceFramework:
    if scale.organisation_id != organisation.pk:
        raise ValidationError({"scale": _("Choose one of your organisation's scales.")})
    position = CompetenceFramework.objects.filter(organisation=organisation).count() + 1
    code = f"framework-{position}"
    while CompetenceFramework.objects.filter(organisation=organisation, code=code).exists():
        position += 1
        code = f"framework-{position}"
    framework = CompetenceFramework(
        organisation=organisation,
        code=code,
        name=name,
        description=description,
        scale=scale,
        position=position,
    )
    framework.full_clean()
    framework.save()
    return framework


@transaction.atomic
def framework_update(
    *, framework: CompetenceFramework, name: dict, description: dict
) -> CompetenceFramework:
    framework.name, framework.description = name, description
    framework.full_clean()
    framework.save()
    return framework


def rating_scale_update(
    *, scale: RatingScale, name: dict, level_texts: list[dict], achieved_level: int
) -> RatingScale:
    """New names and descriptions for the scale's levels, in order, and the level that counts
    as acquired; the levels themselves (their number and values) do not change."""
    if len(level_texts) != len(scale.levels):
        raise ValidationError(_("Give a name to each level of the scale."))
    scale.name = name
    scale.levels = [
        {**level, "label": texts["label"], "description": texts["description"]}
        for level, texts in zip(scale.levels, level_texts, strict=True)
    ]
    scale.achieved_level = achieved_level
    scale.full_clean()
    scale.save()
    return scale


@transaction.atomic
def competence_save(*, competence: Competence) -> Competence:
    if competence.pk is None:
        framework = competence.framework
        last = framework.competences.order_by("-position").values_list("position", flat=True)
        competence.position = (last.first() or 0) + 1
        competence.code = competence.code or f"competence-{competence.position}"
        while framework.competences.filter(code=competence.code).exists():
            competence.code = f"{competence.code}-{competence.position}"
    competence.full_clean()
    competence.save()
    return competence


@transaction.atomic
def competence_move(*, competence: Competence, up: bool) -> None:
    """Swap the competence with its neighbour in the framework's order."""
    siblings = list(competence.framework.competences.order_by("position", "id"))
    index = [sibling.pk for sibling in siblings].index(competence.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for number, sibling in enumerate(siblings, start=1):
        sibling.position = number
    Competence.objects.bulk_update(siblings, ["position"])
