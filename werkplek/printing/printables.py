"""The PDFs this app prints for a trajectory, and the sections of the stagemap dossier."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.documents.models import Document
from werkplek.printing import selectors
from werkplek.printing.registry import (
    Printable,
    dossier_sections,
    register_dossier_section,
    register_printable,
)

READERS = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _titled(label: str, trajectory) -> str:
    return f"{label} – {trajectory.candidate.full_name}"


def dossier_context(trajectory, membership, params) -> dict:
    return {
        "sections": dossier_sections(trajectory, membership),
        "contacts": selectors.contacts(trajectory),
        "mentors": selectors.trajectory_mentors(trajectory),
    }


def register() -> None:
    register_printable(
        Printable(
            code="plan",
            label=gettext_lazy("Training plan (opleidingsplan)"),
            template="printing/pdf/plan.html",
            context=selectors.plan_context,
            title=lambda trajectory, context: _titled(_("Training plan"), trajectory),
            document_kind=Document.Kind.TRAINING_PLAN,
            roles=READERS,
            order=10,
        )
    )
    register_printable(
        Printable(
            code="attendance",
            label=gettext_lazy("Attendance list per month"),
            template="printing/pdf/attendance.html",
            context=selectors.attendance_context,
            title=lambda trajectory, context: _titled(
                _("Attendance list %(month)s")
                % {"month": date_format(context["month"].first, "m/Y")},
                trajectory,
            ),
            document_kind=Document.Kind.ATTENDANCE_LIST,
            roles=READERS,
            order=20,
        )
    )
    register_printable(
        Printable(
            code="workstation-sheet",
            label=gettext_lazy("Workstation sheet (werkpostfiche)"),
            template="printing/pdf/workstation_sheet.html",
            context=selectors.workstation_sheet_context,
            title=lambda trajectory, context: _titled(_("Workstation sheet"), trajectory),
            document_kind=Document.Kind.WORKSTATION_SHEET,
            roles=READERS,
            order=30,
        )
    )
    register_printable(
        Printable(
            code="dossier",
            label=gettext_lazy("Placement file (stagemap dossier)"),
            template="printing/pdf/dossier.html",
            context=dossier_context,
            title=lambda trajectory, context: _titled(_("Placement file"), trajectory),
            document_kind=Document.Kind.DOSSIER,
            roles=MENTORING_ROLES,
            order=90,
            staff_details=lambda membership: membership.sees_medical_data,
        )
    )
    sections = "printing/pdf/sections/"
    for order, name, context_fn, title in [
        (10, "contacts", selectors.contacts_section, gettext_lazy("Contacts")),
        (20, "checklist", selectors.checklist_section, gettext_lazy("Checklist per phase")),
        (30, "credentials", selectors.credentials_section, gettext_lazy("Credentials")),
        (40, "plan", selectors.plan_section, gettext_lazy("Training plan")),
        (50, "logbook", selectors.logbook_section, gettext_lazy("Logbook")),
        (60, "attendance", selectors.attendance_section, gettext_lazy("Attendance")),
        (90, "outcome", selectors.outcome_section, gettext_lazy("Outcome")),
    ]:
        register_dossier_section(
            order, f"{sections}{name}.html", context_fn, MENTORING_ROLES, title=title
        )
