"""Reminders: the registry of scanners that the periodic scan runs.

"Nobody is told too late." Every hour the scan (`services.notifications_scan`) asks each
registered scanner what people should hear about today, and stores what is new as
notifications (inbox, e-mail digest).

Registering a scanner (one call, in your AppConfig.ready())
----------------------------------------------------------
    from werkplek.notifications.scanners import register_scanner

    register_scanner(
        "credentials.expiry",
        scan_expiring_credentials,
        texts={
            "credentials.expiring": _("%(document)s of %(trainee)s expires on %(due_date)s"),
            "credentials.expired": _("%(document)s of %(trainee)s expired on %(due_date)s"),
        },
    )

The contract
------------
- `scan(*, today: date) -> Iterable[NotificationSpec]`. It READS ONLY; the scan writes.
- SET-BASED: a few queries over all organisations at once, filtered on indexed date columns
  within a window around `today` (`.values()` / `.values_list()` rows, no query per row).
  `scripts/bench_scan.py` times the whole scan over 100k records; it must stay in seconds.
- IDEMPOTENT BY KEY: every spec has a `key` naming the fact, the same each time the fact is
  found again, with the date that makes it new: "credentials.expiring:<credential id>:30:
  <expiry date>". The scan stores each (key, recipient) once (a unique constraint; a second
  scan, or two machines scanning at once, add nothing). A changed date gives a new key, so a
  new reminder. Facts that stay true (overdue, at risk) use a window (`LOOK_BACK_DAYS`) or a
  period in the key (the ISO week) to decide how often they are said again.
- RIGHT PEOPLE: only people who may see the object: active members of its organisation, with
  a role whose pages show it (`trajectory_people` gives a trajectory's mentors and
  coordinator). Trainees hear only about what concerns themselves.
- TEXT: `texts` maps every `kind` the scanner emits to a message with %(name)s
  placeholders filled from the spec's `params` (JSON). When shown, a param that is a label
  dict ({"nl": …, "fr": …, "en": …}) is put in the reader's language, a param whose name
  ends in "date" (ISO string) is shown as dd/mm/yyyy, and a plural message
  (`ngettext_lazy(…, "count")`) picks its form from params["count"]. `params["details"]`
  (a list of labels) is shown as a list under the message.
- LINK: `link` is a path inside the site (the trajectory page, the credential page); the
  inbox opens it, e-mails make it absolute with SITE_URL.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import Promise

from werkplek.accounts.models import Membership
from werkplek.core.i18n import localized, render_text
from werkplek.trajectories.models import MentorAssignment, Trajectory

# How far back a fact that became true (an item overdue, a start date passed) is still
# reported when the scan first sees it; it also bounds what each scan reads.
LOOK_BACK_DAYS = 7


@dataclass(frozen=True)
class NotificationSpec:
    """What one scanner wants to tell one person (see the contract above)."""

    recipient_id: int
    organisation_id: int
    kind: str
    key: str
    level: str = "info"  # models.Level: "info", "soon", "late"
    params: dict[str, Any] = field(default_factory=dict)
    link: str = ""
    trajectory_id: int | None = None
    due_date: date | None = None


Text = Promise | str | Callable[[dict], str]


@dataclass(frozen=True)
class Scanner:
    code: str
    scan: Callable[..., Iterable[NotificationSpec]]


SCANNERS: dict[str, Scanner] = {}
TEXTS: dict[str, Text] = {}


def register_scanner(
    code: str, scan: Callable[..., Iterable[NotificationSpec]], *, texts: dict[str, Text]
) -> None:
    """Add a scanner to the periodic scan (see the module docstring for the contract)."""
    SCANNERS[code] = Scanner(code=code, scan=scan)
    TEXTS.update(texts)


def register_notification_texts(texts: dict[str, Text]) -> None:
    """Texts of notifications that a service sends itself (not a scanner), e.g. at once."""
    TEXTS.update(texts)


def notification_text(kind: str, params: dict) -> str:
    """The message of a notification in the active language."""
    from werkplek.core.obligations import OBLIGATION_TEXTS

    template = TEXTS.get(kind, OBLIGATION_TEXTS.get(kind))
    return kind if template is None else render_text(template, params)


def notification_details(params: dict) -> list[str]:
    return [localized(label) for label in params.get("details", [])]


# --- Helpers for scanners: who may hear about a trajectory ---------------------------------


def trajectory_people(
    trajectories: QuerySet[Trajectory],
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """(mentors, coordinators) per trajectory id, for every trajectory in the queryset.

    Two queries whatever the number of trajectories (the queryset is used as a subquery).
    Only active users with an active membership of the trajectory's organisation count. A
    trajectory without (an active) coordinator falls back to every active coordinator of its
    organisation, or every admin when it has no coordinators.
    """
    mentors: dict[int, set[int]] = defaultdict(set)
    active_member = Membership.objects.filter(
        user=OuterRef("mentor"), organisation=OuterRef("trajectory__organisation"), is_active=True
    )
    assignments = (
        MentorAssignment.objects.filter(trajectory__in=trajectories.values("pk"))
        .filter(Exists(active_member), mentor__is_active=True)
        .values_list("trajectory_id", "mentor_id")
    )
    for trajectory_id, mentor_id in assignments:
        mentors[trajectory_id].add(mentor_id)

    active_coordinator = Membership.objects.filter(
        user=OuterRef("coordinator"),
        organisation=OuterRef("organisation"),
        is_active=True,
        role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR],
    )
    rows = list(
        Trajectory.objects.filter(pk__in=trajectories.values("pk"))
        .annotate(has_coordinator=Exists(active_coordinator))
        .values_list("pk", "organisation_id", "coordinator_id", "has_coordinator")
    )
    fallback = _staff_by_organisation({organisation_id for _pk, organisation_id, *_ in rows})
    coordinators: dict[int, set[int]] = {}
    for pk, organisation_id, coordinator_id, has_coordinator in rows:
        coordinators[pk] = (
            {coordinator_id} if has_coordinator else fallback.get(organisation_id, set())
        )
    return mentors, coordinators


def _staff_by_organisation(organisation_ids: set[int]) -> dict[int, set[int]]:
    by_role: dict[tuple[int, str], set[int]] = defaultdict(set)
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids,
        is_active=True,
        user__is_active=True,
        role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR],
    ).values_list("organisation_id", "role", "user_id")
    for organisation_id, role, user_id in memberships:
        by_role[(organisation_id, role)].add(user_id)
    return {
        organisation_id: by_role.get((organisation_id, Membership.Role.COORDINATOR))
        or by_role.get((organisation_id, Membership.Role.ADMIN), set())
        for organisation_id in organisation_ids
    }
