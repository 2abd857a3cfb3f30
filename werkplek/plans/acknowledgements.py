"""The opleidingsplan is agreed by its parties, not by one click.

A draft is put to its parties (`plan_version_propose`); the trainee, every mentor and, for
an IBO, the VDAB guest acknowledge it in the app with a typed name and a tick, stored as a
`Signature` on the plan version (the same mechanism as an evaluation's). When the last one
has acknowledged, the version is agreed. A new version asks again. Until then each open
acknowledgement waits for its person (an obligation, see core/obligations.py).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.accounts.models import Membership
from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.evaluations.models import Signature
from werkplek.plans.models import PlanVersion
from werkplek.plans.services import plan_version_agree
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import OPEN_STATUSES, Kind, MentorAssignment, Trajectory

Party = Signature.Party
KIND = "plans.acknowledge"


@dataclass(frozen=True)
class Asked:
    party: str
    user_id: int


def _asked(trajectory_ids: list[int]) -> dict[int, list[Asked]]:
    """Per trajectory, who acknowledges its plan: the trainee (with an account), each mentor,
    and for an IBO each active guest (VDAB). Three queries for any number of trajectories."""
    from werkplek.portal.models import GuestAccess

    asked: dict[int, list[Asked]] = {pk: [] for pk in trajectory_ids}
    rows = Trajectory.objects.filter(pk__in=trajectory_ids).values_list(
        "pk", "kind", "candidate__user_id"
    )
    ibo = set()
    for pk, kind, trainee_id in rows:
        if trainee_id:
            asked[pk].append(Asked(Party.TRAINEE, trainee_id))
        if kind == Kind.IBO:
            ibo.add(pk)
    for pk, mentor_id in MentorAssignment.objects.filter(
        trajectory_id__in=trajectory_ids
    ).values_list("trajectory_id", "mentor_id"):
        asked[pk].append(Asked(Party.MENTOR, mentor_id))
    if ibo:
        for pk, user_id in GuestAccess.objects.filter(
            trajectory_id__in=ibo, revoked_at__isnull=True
        ).values_list("trajectory_id", "membership__user_id"):
            asked[pk].append(Asked(Party.GUEST, user_id))
    return asked


def plan_parties(version: PlanVersion) -> list[Asked]:
    return _asked([version.trajectory_id])[version.trajectory_id]


def acknowledged_by(version: PlanVersion) -> set[int]:
    return set(version.acknowledgements.values_list("signer_id", flat=True))


@transaction.atomic
def plan_version_propose(*, version: PlanVersion, by) -> PlanVersion:
    """Put the draft to its parties; agreed at once only when nobody is there to ask."""
    version = (
        PlanVersion.objects.select_for_update().select_related("trajectory").get(pk=version.pk)
    )
    if not version.is_draft:
        raise ValidationError(_("This version is agreed and no longer changes."))
    if not version.goals.exists():
        raise ValidationError(_("Add at least one goal before the plan is agreed."))
    version.proposed_at = timezone.now()
    version.save(update_fields=["proposed_at", "updated_at"])
    trajectory_log(version.trajectory, "plans.version.proposed", by=by, number=version.number)
    if not plan_parties(version):
        return plan_version_agree(version=version, by=by)
    return version


@transaction.atomic
def plan_version_acknowledge(
    *,
    version: PlanVersion,
    membership: Membership,
    typed_name: str,
    agreed: bool,
    ip_address: str | None,
) -> Signature:
    """One party acknowledges the plan version; the last one makes it agreed."""
    version = (
        PlanVersion.objects.select_for_update().select_related("trajectory").get(pk=version.pk)
    )
    if not version.is_draft or version.proposed_at is None:
        raise ValidationError(_("This version of the plan is not waiting for agreement."))
    user = membership.user
    parties = [asked.party for asked in plan_parties(version) if asked.user_id == user.pk]
    if not parties:
        raise ValidationError(_("You are not a party to this plan."))
    if user.pk in acknowledged_by(version):
        raise ValidationError(_("You have acknowledged this version already."))
    typed_name = typed_name.strip()
    if not typed_name:
        raise ValidationError({"typed_name": _("Type your name to sign.")})
    if not agreed:
        raise ValidationError({"agreed": _("Tick the box to confirm your signature.")})
    signature = Signature.objects.create(
        plan_version=version,
        party=parties[0],
        signer=user,
        typed_name=typed_name,
        signed_at=timezone.now(),
        ip_address=ip_address or None,
        recorded_by=user,
    )
    trajectory_log(
        version.trajectory,
        "plans.version.acknowledged",
        by=user,
        number=version.number,
        name=typed_name,
    )
    waiting = {asked.user_id for asked in plan_parties(version)} - acknowledged_by(version)
    if not waiting:
        plan_version_agree(version=version, by=user)
    return signature


def open_acknowledgements(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Who still has to acknowledge a proposed draft (four queries for any set)."""
    versions = list(
        PlanVersion.objects.filter(
            trajectory__in=trajectories.filter(status__in=OPEN_STATUSES).values("pk"),
            status=PlanVersion.Status.DRAFT,
            proposed_at__isnull=False,
        ).values_list(
            "pk",
            "public_id",
            "number",
            "trajectory_id",
            "trajectory__organisation__slug",
            "proposed_at",
        )
    )
    if not versions:
        return
    asked = _asked([row[3] for row in versions])
    signed = set(
        Signature.objects.filter(plan_version__in=[row[0] for row in versions]).values_list(
            "plan_version_id", "signer_id"
        )
    )
    for pk, public_id, number, trajectory_id, org, proposed_at in versions:
        # Each round of asking has its own key: after a reset the inbox asks again.
        asked_round = int(proposed_at.timestamp() * 1_000_000)
        url = reverse("plans:acknowledge", kwargs={"org": org, "public_id": public_id})
        for person in asked[trajectory_id]:
            if (pk, person.user_id) in signed:
                continue
            yield Obligation(
                kind=KIND,
                trajectory_id=trajectory_id,
                user_id=person.user_id,
                key=f"{KIND}:{pk}:{person.user_id}:{asked_round}",
                url=url,
                params={"number": number},
            )


def register() -> None:
    register_obligation_source(
        KIND,
        open_acknowledgements,
        texts={KIND: gettext_lazy("Acknowledge version %(number)s of the opleidingsplan")},
    )
