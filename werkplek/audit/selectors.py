"""Reads of the audit trail, always for one trajectory of one organisation, in bounded queries.

The timeline merges the history tables of the records that belong to a trajectory. One UNION
query pages through (model, history_id, date) triples; then each model on the page costs two
queries (its rows with the id of their previous row, and those previous rows), whatever the
length of the history.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import CharField, ForeignKey, OuterRef, Q, Subquery, Value
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import User
from werkplek.audit.models import NOISE_FIELDS
from werkplek.candidates.models import Candidate
from werkplek.checklists.models import ChecklistItem
from werkplek.core.i18n import localized
from werkplek.credentials.models import Credential
from werkplek.documents.models import Document
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.logbook.models import LogEntry
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.trajectories.models import Trajectory

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
MASKED = "•••"


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class Entry:
    at: datetime
    action: str
    kind: str
    label: str
    user: object | None
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


def _sources(trajectory: Trajectory) -> dict[str, object]:
    """Each audited model's history rows that belong to this trajectory."""
    plan_ids = PlanVersion.history.filter(trajectory_id=trajectory.pk).values("id")
    return {
        "trajectory": Trajectory.history.filter(id=trajectory.pk),
        "candidate": Candidate.history.filter(id=trajectory.candidate_id),
        "checklistitem": ChecklistItem.history.filter(trajectory_id=trajectory.pk),
        "credential": Credential.history.filter(candidate_id=trajectory.candidate_id),
        "planversion": PlanVersion.history.filter(trajectory_id=trajectory.pk),
        "plangoal": PlanGoal.history.filter(version_id__in=plan_ids),
        "document": Document.history.filter(
            Q(trajectory_id=trajectory.pk)
            | Q(trajectory_id__isnull=True, candidate_id=trajectory.candidate_id)
        ),
        "evaluation": Evaluation.history.filter(trajectory_id=trajectory.pk),
        "outcomedecision": OutcomeDecision.history.filter(trajectory_id=trajectory.pk),
        "logentry": LogEntry.history.filter(trajectory_id=trajectory.pk),
    }


def _label(kind: str, row) -> str:
    model = row.instance_type
    name = {
        "trajectory": lambda: "",
        "candidate": lambda: f"{row.first_name} {row.last_name}",
        "checklistitem": lambda: localized(row.label),
        "credential": lambda: row._type_name,
        "planversion": lambda: f"{model._meta.verbose_name} {row.number}",
        "plangoal": lambda: str(model._meta.verbose_name).capitalize(),
        "document": lambda: row.title,
        "evaluation": lambda: f"{row.get_kind_display()} {_short_date(row.scheduled_on)}",
        "outcomedecision": lambda: str(model._meta.verbose_name).capitalize(),
        "logentry": lambda: _short_date(row.date),
    }
    if kind not in name:  # a kind without a label of its own: its model's name
        return str(model._meta.verbose_name)
    try:
        return name[kind]()
    except AttributeError:
        return str(model._meta.verbose_name)


def _short_date(value: date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _display(model_field, value, *, masked: bool, users: dict) -> str:
    if value is None or value == "":
        return "—"
    if masked:
        return MASKED
    if isinstance(model_field, ForeignKey):
        if model_field.related_model is User and value in users:
            return users[value]
        return "#" + str(value)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, dict) and model_field.name == "label":
        return localized(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def _user_ids(rows) -> set[int]:
    ids = set()
    for row in rows:
        for model_field in row.instance_type._meta.concrete_fields:
            if isinstance(model_field, ForeignKey) and model_field.related_model is User:
                value = getattr(row, model_field.attname, None)
                if value:
                    ids.add(value)
    return ids


def _changes(kind: str, row, previous, *, show_medical: bool, users: dict) -> list[Change]:
    model = row.instance_type
    masked = kind == "credential" and getattr(row, "_medical", False) and not show_medical
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in NOISE_FIELDS or model_field.name == "updated_at":
            continue
        attname = model_field.attname
        after = getattr(row, attname, None)
        before = getattr(previous, attname, None) if previous is not None else None
        if previous is None and row.history_type != "+":
            continue
        if row.history_type == "-" or before == after:
            continue
        changes.append(
            Change(
                str(model_field.verbose_name),
                _display(model_field, before, masked=masked, users=users),
                _display(model_field, after, masked=masked, users=users),
            )
        )
    return changes


def trajectory_audit_page(
    trajectory: Trajectory, *, page: str | None, per_page: int = 25, show_medical: bool = True
) -> tuple[Page, list[Entry]]:
    sources = _sources(trajectory)
    parts = [
        qs.order_by()
        .annotate(audit_source=Value(kind, output_field=CharField()))
        .values_list("audit_source", "history_id", "history_date")
        for kind, qs in sources.items()
    ]
    union = parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")
    page_obj = Paginator(union, per_page).get_page(page)
    wanted: dict[str, list[int]] = {}
    for kind, history_id, _date in page_obj.object_list:
        wanted.setdefault(kind, []).append(history_id)
    loaded = []
    for kind, ids in wanted.items():
        history = sources[kind].model.objects
        previous_id = Subquery(
            history.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        found = list(
            history.filter(history_id__in=ids)
            .annotate(audit_previous_id=previous_id)
            .select_related("history_user")
        )
        if kind == "credential":
            from werkplek.credentials.models import CredentialType

            types = CredentialType.objects.in_bulk({row.type_id for row in found})
            for row in found:
                credential_type = types.get(row.type_id)
                row._medical = credential_type is None or credential_type.is_medical
                row._type_name = str(credential_type) if credential_type else ""
        previous = history.in_bulk(
            [row.audit_previous_id for row in found if row.audit_previous_id]
        )
        loaded.append((kind, found, previous))
    user_ids = set()
    for _kind, found, previous in loaded:
        user_ids |= _user_ids(found) | _user_ids(previous.values())
    users = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "full_name"))
    rows: dict[tuple[str, int], Entry] = {}
    for kind, found, previous in loaded:
        for row in found:
            before = previous.get(row.audit_previous_id)
            rows[(kind, row.history_id)] = Entry(
                at=row.history_date,
                action=str(ACTIONS.get(row.history_type, row.history_type)),
                kind=str(row.instance_type._meta.verbose_name),
                label=_label(kind, row),
                user=row.history_user,
                reason=row.history_change_reason or "",
                changes=_changes(kind, row, before, show_medical=show_medical, users=users),
            )
    entries = [rows[(kind, hid)] for kind, hid, _d in page_obj.object_list if (kind, hid) in rows]
    return page_obj, entries
