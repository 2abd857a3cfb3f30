from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkplek.accounts.models import Membership, Organisation
from werkplek.candidates.models import Candidate
from werkplek.core.i18n import localized
from werkplek.core.memo import memoized
from werkplek.credentials.models import Credential, CredentialType
from werkplek.credentials.validity import (
    MEDICAL_STATUS_FOR_OTHERS,
    Status,
    Validity,
    credential_validity,
    current_of,
    qualifies,
    usable_q,
)
from werkplek.trajectories.kinds import credential_types_for
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def credentials_visible_to(membership: Membership) -> QuerySet[Credential]:
    """Staff see the organisation's credentials; a mentor those of the candidates they mentor,
    a trainee their own. Medical details are further hidden by the pages (see CredentialRow)."""
    credentials = Credential.objects.filter(organisation=membership.organisation)
    if membership.is_staff_role:
        return credentials
    if membership.role in (Membership.Role.MENTOR, Membership.Role.TRAINEE):
        return credentials.filter(
            candidate__in=trajectories_visible_to(membership).values("candidate")
        )
    return credentials.none()


def credential_types_of(organisation: Organisation | int) -> QuerySet[CredentialType]:
    return CredentialType.objects.filter(organisation=organisation, is_active=True).order_by(
        "position", "id"
    )


@dataclass
class CredentialRow:
    """One credential type for one candidate: the current credential, older ones, status."""

    type: CredentialType
    current: Credential | None
    validity: Validity
    older: list[Credential] = field(default_factory=list)
    show_medical: bool = True
    required: bool = False  # the trajectory cannot start without a valid one

    @property
    def hides_details(self) -> bool:
        return self.type.is_medical and not self.show_medical

    @property
    def status(self) -> Status:
        if self.hides_details:
            return MEDICAL_STATUS_FOR_OTHERS[self.validity.status]
        return self.validity.status

    @property
    def status_label(self) -> str:
        if self.status == Status.EXPIRING and self.validity.within:
            within = self.validity.within
            return ngettext(
                "Expires within %(days)s day", "Expires within %(days)s days", within
            ) % {"days": within}
        return str(Status(self.status).label)

    @property
    def badge(self) -> str:
        """The CSS modifier of the status badge: expiring ones by their band."""
        if self.status == Status.EXPIRING:
            return f"expiring-{self.validity.within}"
        return str(self.status)


Loaded = tuple[list[CredentialType], dict[int, list[Credential]]]


def load_credentials(
    *, candidate_id: int, organisation_id: int, types: list[CredentialType] | None = None
) -> Loaded:
    """The organisation's active credential types (`types` when the caller has them) and
    the candidate's credentials per type."""
    if types is None:
        types = list(credential_types_of(organisation_id))
    by_pk = {credential_type.pk: credential_type for credential_type in types}
    by_type: dict[int, list[Credential]] = {}
    for credential in Credential.objects.filter(
        candidate_id=candidate_id, type__in=list(by_pk)
    ).select_related("verified_by", "evidence"):
        credential.type = by_pk[credential.type_id]
        by_type.setdefault(credential.type_id, []).append(credential)
    return types, by_type


def trajectory_credentials(trajectory: Trajectory) -> Loaded:
    """`load_credentials` for the trajectory's candidate, once per request (see core.memo)."""
    return memoized(
        trajectory,
        "credentials",
        lambda: load_credentials(
            candidate_id=trajectory.candidate_id,
            organisation_id=trajectory.organisation_id,
            types=[kind for kind in credential_types_for(trajectory) if kind.is_active],
        ),
    )


def credential_rows(
    *, loaded: Loaded, today: date, show_medical: bool, kind: str = ""
) -> list[CredentialRow]:
    """Every active credential type with the candidate's credentials; `kind` (of the
    trajectory) marks the types required to start."""
    types, by_type = loaded
    rows = []
    for credential_type in types:
        credentials = by_type.get(credential_type.pk, [])
        current = current_of(credentials)
        rows.append(
            CredentialRow(
                type=credential_type,
                current=current,
                validity=credential_validity(current, today=today),
                older=sorted(
                    (c for c in credentials if c is not current),
                    key=lambda c: c.expires_on or c.issued_on or date.min,
                    reverse=True,
                ),
                show_medical=show_medical,
                required=credential_type.required_for_kind(kind),
            )
        )
    return rows


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def credential_warnings(
    *, trajectory: Trajectory, rows: list[CredentialRow], today: date
) -> list[str]:
    """What the coordinator and mentor should know: expiry before the planned end, licence
    categories and ages (code 121), periodic training still to do."""
    warnings: list[str] = []
    by_code = {row.type.code: row for row in rows}
    for row in rows:
        current = row.current
        if current is None or row.hides_details:
            continue
        if (
            trajectory.is_open
            and current.expires_on
            and trajectory.planned_end
            and today <= current.expires_on < trajectory.planned_end
        ):
            warnings.append(
                _("%(type)s expires on %(date)s, before the planned end (%(end)s).")
                % {
                    "type": row.type,
                    "date": current.expires_on.strftime("%d/%m/%Y"),
                    "end": trajectory.planned_end.strftime("%d/%m/%Y"),
                }
            )
        if row.type.is_licence:
            warnings.extend(_licence_warnings(trajectory.candidate, row, by_code, today))
        hours = row.type.rules.get("training_hours")
        if (
            hours
            and row.validity.status == Status.EXPIRING
            and (current.training_hours or 0) < hours
        ):
            warnings.append(
                _(
                    "%(type)s: %(done)s of %(needed)s hours of periodic training done; "
                    "it expires on %(date)s."
                )
                % {
                    "type": row.type,
                    "done": number_format((current.training_hours or Decimal(0)).normalize()),
                    "needed": hours,
                    "date": current.expires_on.strftime("%d/%m/%Y"),
                }
            )
    return warnings


def _licence_warnings(
    candidate: Candidate, row: CredentialRow, by_code: dict[str, CredentialRow], today: date
) -> list[str]:
    licence, rules = row.current, row.type.rules
    held = licence.category_list
    warnings = []
    if row.type.qualifying_categories and not qualifies(licence):
        warnings.append(
            _("%(type)s does not include category %(categories)s.")
            % {"type": row.type, "categories": " / ".join(row.type.qualifying_categories)}
        )
    age = candidate.age_on(today)
    if age is None:
        if rules.get("minimum_ages") and held:
            warnings.append(_("Record the date of birth to check the minimum ages."))
        return warnings
    competence = by_code.get(rules.get("professional_competence", ""))
    has_competence = competence is not None and competence.validity.is_usable
    for rule in rules.get("minimum_ages", []):
        if rule["category"] not in held:
            continue
        if age < rule["with_professional_competence"]:
            warnings.append(
                _("Too young for category %(category)s: the minimum age is %(age)s.")
                % {"category": rule["category"], "age": rule["with_professional_competence"]}
            )
        elif age < rule["age"] and not has_competence:
            warnings.append(
                _(
                    "Under %(age)s, category %(category)s needs a valid professional "
                    "competence (code 95)."
                )
                % {"age": rule["age"], "category": rule["category"]}
            )
    for restriction in rules.get("restrictions", []):
        applies_to = restriction.get("categories") or held
        if restriction["from_age"] <= age < restriction["below_age"] and set(applies_to) & set(
            held
        ):
            until = _add_years(candidate.date_of_birth, restriction["below_age"]) - timedelta(
                days=1
            )
            warnings.append(
                _("%(restriction)s (until %(date)s)")
                % {
                    "restriction": localized(restriction["label"]),
                    "date": until.strftime("%d/%m/%Y"),
                }
            )
    return warnings


def holds_usable(*, trajectory: Trajectory, checklist_item: str, on: date) -> bool:
    """Whether the candidate holds a valid, verified credential that ticks `checklist_item`
    (`checklist_usable_q` says the same in SQL)."""
    types, by_type = trajectory_credentials(trajectory)
    return any(
        credential_validity(credential, today=on).is_usable and qualifies(credential)
        for credential_type in types
        if credential_type.checklist_item == checklist_item
        for credential in by_type.get(credential_type.pk, [])
    )


def checklist_usable_q(*, types: list[CredentialType], on: date) -> Q:
    """`holds_usable` as a filter on credentials, for set-based queries over many candidates."""
    condition = Q(pk__in=[])
    for credential_type in types:
        per_type = Q(type_id=credential_type.pk)
        if credential_type.qualifying_categories:
            any_category = Q(pk__in=[])
            for category in credential_type.qualifying_categories:
                any_category |= Q(categories__contains=f",{category},")
            per_type &= any_category
        condition |= per_type
    return condition & usable_q(on=on)


# --- The expiry radar ----------------------------------------------------------------------

RADAR_SORTS = {
    "expires_on": ("expires_on", "candidate__last_name", "id"),
    "-expires_on": ("-expires_on", "candidate__last_name", "id"),
    "candidate": ("candidate__last_name", "candidate__first_name", "expires_on", "id"),
    "-candidate": ("-candidate__last_name", "-candidate__first_name", "expires_on", "id"),
    "type": ("type__position", "expires_on", "id"),
    "-type": ("-type__position", "expires_on", "id"),
}
RADAR_WINDOWS = (7, 30, 90)


def credentials_radar(
    membership: Membership,
    *,
    today: date,
    within: int = 90,
    expired: bool = True,
    credential_type: CredentialType | None = None,
    sort: str = "expires_on",
) -> QuerySet[Credential]:
    """Current credentials of candidates with an open trajectory that expire within `within`
    days (and, with `expired`, those already expired), with each candidate's mentors."""
    open_trajectory = Trajectory.objects.filter(
        candidate=OuterRef("candidate"), status__in=OPEN_STATUSES
    )
    window = Q(expires_on__lte=today + timedelta(days=within))
    if not expired:
        window &= Q(expires_on__gte=today)
    credentials = (
        credentials_visible_to(membership)
        # is_current: no newer credential of the type (a stored fact, see the services).
        .filter(window, expires_on__isnull=False, is_current=True, type__is_active=True)
        .filter(Exists(open_trajectory))
    )
    if credential_type is not None:
        credentials = credentials.filter(type=credential_type)
    open_trajectories = Trajectory.objects.filter(status__in=OPEN_STATUSES).prefetch_related(
        "mentors"
    )
    return (
        credentials.select_related("candidate", "type", "verified_by", "organisation")
        .prefetch_related(
            Prefetch(
                "candidate__trajectories", queryset=open_trajectories, to_attr="open_trajectories"
            )
        )
        .order_by(*RADAR_SORTS.get(sort, RADAR_SORTS["expires_on"]))
    )


# --- The ready gate ------------------------------------------------------------------------


def gate_reasons(trajectory: Trajectory, *, today: date, on: date) -> list[str]:
    """Why the trajectory may not become ready or start on `on` because of its credentials.

    An expired required credential always refuses. A missing or unverified one refuses too,
    unless a person waived its checklist item with a reason.
    """
    types, by_type = trajectory_credentials(trajectory)
    reasons, waivable = [], []
    for credential_type in types:
        if not credential_type.required_for_kind(trajectory.kind):
            continue
        found = by_type.get(credential_type.pk, [])
        if any(credential_validity(c, today=on).is_usable and qualifies(c) for c in found):
            continue
        current = current_of(found)
        status = credential_validity(current, today=on).status
        if status == Status.EXPIRED and current.expires_on >= today:
            reasons.append(
                _("%(type)s will have expired by the planned start (%(date)s).")
                % {"type": credential_type, "date": on.strftime("%d/%m/%Y")}
            )
        elif status == Status.EXPIRED:
            reasons.append(_("%(type)s has expired.") % {"type": credential_type})
        elif status == Status.UNVERIFIED:
            waivable.append((credential_type, _("%(type)s is not verified yet.")))
        else:
            waivable.append((credential_type, _("No valid %(type)s is recorded.")))
    if waivable:
        waived = memoized(
            trajectory,
            "waived_items",
            lambda: set(
                trajectory.checklist_items.filter(state="waived").values_list("code", flat=True)
            ),
        )
        reasons += [
            text % {"type": credential_type}
            for credential_type, text in waivable
            if not (credential_type.checklist_item and credential_type.checklist_item in waived)
        ]
    return reasons
