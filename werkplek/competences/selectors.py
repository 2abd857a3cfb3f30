from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from werkplek.accounts.models import Membership, Organisation
from werkplek.competences.models import (
    Competence,
    CompetenceFramework,
    CompetenceProfile,
    CompetenceRating,
    Group,
)
from werkplek.trajectories.models import Trajectory


def frameworks_visible_to(membership: Membership) -> QuerySet[CompetenceFramework]:
    """The organisation's own frameworks (pack frameworks are adopted first)."""
    return CompetenceFramework.objects.filter(organisation=membership.organisation).select_related(
        "scale"
    )


def competences_visible_to(membership: Membership) -> QuerySet[Competence]:
    return Competence.objects.filter(
        framework__organisation=membership.organisation
    ).select_related("framework", "framework__scale")


def pack_frameworks_to_adopt(organisation: Organisation) -> QuerySet[CompetenceFramework]:
    """Sector pack frameworks the organisation has no copy of yet."""
    have = CompetenceFramework.objects.filter(organisation=organisation).values("code")
    return (
        CompetenceFramework.objects.filter(organisation__isnull=True)
        .exclude(code__in=have)
        .select_related("sector_pack", "scale")
    )


def framework_for(trajectory: Trajectory) -> CompetenceFramework | None:
    """The framework the trajectory uses: the one chosen for it, else the organisation's first.

    One query: the organisation's frameworks, the chosen one first.
    """
    return frameworks_for(trajectory).select_related("scale").first()


def frameworks_for(trajectory: Trajectory) -> QuerySet[CompetenceFramework]:
    """The organisation's frameworks, the one chosen for the trajectory first."""
    chosen = CompetenceProfile.objects.filter(trajectory_id=trajectory.pk, framework=OuterRef("pk"))
    return (
        CompetenceFramework.objects.filter(organisation_id=trajectory.organisation_id)
        .annotate(chosen=Exists(chosen))
        .order_by("-chosen", "position", "id")
    )


def competences_of(framework: CompetenceFramework, *, active_only: bool = True) -> list[Competence]:
    competences = framework.competences.order_by("position", "id")
    if active_only:
        competences = competences.filter(is_active=True)
    return list(competences)


@dataclass
class CompetenceGroup:
    group: Group
    competences: list


def by_group(items: list, *, competence_of=lambda item: item) -> list[CompetenceGroup]:
    """Competences (or rows about one) per group: kennis, vaardigheden, attitudes."""
    groups = {group: CompetenceGroup(group=group, competences=[]) for group in Group}
    for item in items:
        groups[Group(competence_of(item).group)].competences.append(item)
    return [group for group in groups.values() if group.competences]


def baseline_ratings(trajectory: Trajectory) -> dict[int, CompetenceRating]:
    return {
        rating.competence_id: rating
        for rating in CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        ).select_related("rated_by")
    }


def baseline_is_complete(trajectory: Trajectory) -> bool:
    framework = framework_for(trajectory)
    if framework is None:
        return False
    wanted = set(framework.competences.filter(is_active=True).values_list("pk", flat=True))
    if not wanted:
        return False
    rated = set(
        CompetenceRating.objects.filter(
            trajectory=trajectory,
            source=CompetenceRating.Source.BASELINE,
            competence_id__in=wanted,
        ).values_list("competence_id", flat=True)
    )
    return wanted <= rated
