"""What each kind of trajectory requires, declared once: the forms, the services and the
start transition read it from here.

Which credentials a kind needs before the start is sector-pack data on each credential type
(`CredentialType.required_for`): the credentials page, the credential guard and the ready
gate's checklist all read that same list.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.trajectories.models import Kind


@dataclass(frozen=True)
class KindRules:
    name: Promise
    min_months: int | None = None
    max_months: int | None = None
    # The contract fixes the first day: the trajectory cannot start before its planned start.
    starts_on_contract_date: bool = False


KIND_RULES = {
    Kind.IBO: KindRules(
        gettext_lazy("An IBO"), min_months=1, max_months=6, starts_on_contract_date=True
    ),
}


def rules_for(kind: str) -> KindRules:
    return KIND_RULES.get(kind, KindRules(gettext_lazy("A trajectory")))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_errors(kind: str, start: date | None, end: date | None) -> dict[str, str]:
    """{field: message} when the planned period does not fit the kind."""
    rules = rules_for(kind)
    if not (start and end) or end < start:
        return {}
    shortest = add_months(start, rules.min_months) - timedelta(days=1) if rules.min_months else None
    longest = add_months(start, rules.max_months) - timedelta(days=1) if rules.max_months else None
    if (shortest and end < shortest) or (longest and end > longest):
        return {
            "planned_end": _(
                "%(kind)s lasts %(low)s to %(high)s months: with this start it ends between "
                "%(first)s and %(last)s."
            )
            % {
                "kind": rules.name,
                "low": rules.min_months or 0,
                "high": rules.max_months,
                "first": (shortest or start).strftime("%d/%m/%Y"),
                "last": longest.strftime("%d/%m/%Y") if longest else "…",
            }
        }
    return {}


def start_reasons(kind: str, planned_start: date | None, on: date) -> list[str]:
    """Why the trajectory may not start on `on` (the START transition's guard)."""
    rules = rules_for(kind)
    if rules.starts_on_contract_date and planned_start and on < planned_start:
        return [
            _(
                "%(kind)s starts on the day of its contract (%(date)s), not before. If the "
                "contract changed, change the planned start first."
            )
            % {"kind": rules.name, "date": planned_start.strftime("%d/%m/%Y")}
        ]
    return []


def credential_types_for(trajectory) -> list:
    """Every credential type of the trajectory's organisation (active or not) in their order,
    once per request (core.memo): the ready gate and the credentials panel share them."""
    from django.apps import apps

    from werkplek.core.memo import memoized

    credential_type = apps.get_model("credentials", "CredentialType")
    return memoized(
        trajectory,
        "credentials.types",
        lambda: list(
            credential_type.objects.filter(organisation_id=trajectory.organisation_id).order_by(
                "position", "id"
            )
        ),
    )


def items_not_needed_to_start(trajectory) -> set[str]:
    """Checklist items of credentials that only some kinds need before the start (the
    credential type's `required_for`), for the other kinds: they do not hold the ready
    gate. One query, kept on the trajectory for the request (core.memo)."""
    # A type without kinds holds no start of its own: its item stays as the checklist says.
    return {
        credential_type.checklist_item
        for credential_type in credential_types_for(trajectory)
        if credential_type.checklist_item
        and credential_type.required_for
        and trajectory.kind not in credential_type.required_for
    }
