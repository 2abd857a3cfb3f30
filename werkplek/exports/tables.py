"""The lists that can be exported: their columns and rows, with the list page's filters.

An app adds its own export by describing an `ExportTable` (in its own module) and a view
that calls `export_response(request, table, rows, fmt)`; see trajectories and candidates
below. Columns take their titles from the model's verbose names where they can, so an
exported candidate list can be imported again as it is.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.candidates.models import Candidate
from werkplek.exports.writers import csv_response, xlsx_response
from werkplek.trajectories.models import Trajectory

FORMATS = ("csv", "xlsx")
CHUNK = 1000


@dataclass(frozen=True)
class ExportColumn:
    title: Promise | str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ExportTable:
    title: Promise | str  # also the file name
    columns: list[ExportColumn]

    def headers(self) -> list[str]:
        return [str(column.title) for column in self.columns]

    def rows(self, objects: Iterable) -> Iterable[list[Any]]:
        for obj in objects:
            yield [column.value(obj) for column in self.columns]


def export_response(
    request: HttpRequest, table: ExportTable, objects: Iterable, fmt: str
) -> HttpResponse:
    """The export file; `objects` is iterated once, lazily (use queryset.iterator())."""
    stamp = timezone.localdate().isoformat()
    filename = f"{slugify(str(table.title))}-{request.organisation.slug}-{stamp}.{fmt}"
    rows = table.rows(objects)
    if fmt == "xlsx":
        return xlsx_response(filename, title=str(table.title), headers=table.headers(), rows=rows)
    return csv_response(filename, headers=table.headers(), rows=rows)


def field_title(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


def choice_text(name: str) -> Callable[[Any], str]:
    return lambda obj: getattr(obj, f"get_{name}_display")() if getattr(obj, name) else ""


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


# --- Trajectories --------------------------------------------------------------------------


def _people(users) -> str:
    return ", ".join(user.full_name for user in users)


TRAJECTORIES = ExportTable(
    title=gettext_lazy("trajectories"),
    columns=[
        ExportColumn(field_title(Candidate, "first_name"), lambda t: t.candidate.first_name),
        ExportColumn(field_title(Candidate, "last_name"), lambda t: t.candidate.last_name),
        ExportColumn(field_title(Candidate, "email"), lambda t: t.candidate.email),
        ExportColumn(field_title(Trajectory, "kind"), choice_text("kind")),
        ExportColumn(field_title(Trajectory, "job_title"), lambda t: t.job_title),
        ExportColumn(field_title(Trajectory, "status"), choice_text("status")),
        ExportColumn(field_title(Trajectory, "step"), lambda t: t.step),
        ExportColumn(gettext_lazy("step name"), choice_text("step")),
        ExportColumn(field_title(Trajectory, "mentors"), lambda t: _people(t.mentors.all())),
        ExportColumn(
            field_title(Trajectory, "coordinator"),
            lambda t: t.coordinator.full_name if t.coordinator else "",
        ),
        ExportColumn(field_title(Trajectory, "planned_start"), lambda t: t.planned_start),
        ExportColumn(field_title(Trajectory, "planned_end"), lambda t: t.planned_end),
        ExportColumn(field_title(Trajectory, "actual_start"), lambda t: t.actual_start),
        ExportColumn(field_title(Trajectory, "actual_end"), lambda t: t.actual_end),
        ExportColumn(field_title(Trajectory, "hours_per_week"), lambda t: t.hours_per_week),
        ExportColumn(gettext_lazy("required checklist items"), lambda t: t.items_required),
        ExportColumn(gettext_lazy("resolved checklist items"), lambda t: t.items_resolved),
        ExportColumn(gettext_lazy("overdue checklist items"), lambda t: t.items_overdue),
        ExportColumn(field_title(Trajectory, "outcome"), choice_text("outcome")),
        ExportColumn(field_title(Trajectory, "outcome_note"), lambda t: t.outcome_note_text),
        ExportColumn(field_title(Trajectory, "stop_reason"), lambda t: t.stop_reason),
        ExportColumn(field_title(Trajectory, "created_at"), lambda t: t.created_at),
        ExportColumn(field_title(Trajectory, "updated_at"), lambda t: t.updated_at),
        ExportColumn(gettext_lazy("Werkplek id"), lambda t: t.public_id),
    ],
)


# --- Candidates ----------------------------------------------------------------------------

CANDIDATE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "language",
    "date_of_birth",
    "street",
    "postal_code",
    "city",
    "target_group",
    "target_group_note",
    "subsector_interest",
    "has_relations_in_company",
    "relations_in_company",
    "source",
]


def _candidate_column(name: str) -> ExportColumn:
    model_field = Candidate._meta.get_field(name)
    if model_field.choices:
        return ExportColumn(model_field.verbose_name, choice_text(name))
    if name == "has_relations_in_company":
        return ExportColumn(model_field.verbose_name, lambda c: yes_no(c.has_relations_in_company))
    return ExportColumn(model_field.verbose_name, lambda c: getattr(c, name))


CANDIDATES = ExportTable(
    title=gettext_lazy("candidates"),
    columns=[
        *[_candidate_column(name) for name in CANDIDATE_FIELDS],
        ExportColumn(field_title(Candidate, "created_at"), lambda c: c.created_at),
        ExportColumn(field_title(Candidate, "updated_at"), lambda c: c.updated_at),
        ExportColumn(gettext_lazy("Werkplek id"), lambda c: c.public_id),
    ],
)
