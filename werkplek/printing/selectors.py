"""The contexts of the printed documents. Reads only; the trajectory is already scoped."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from werkplek.accounts.models import Membership
from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.selectors import AttendanceMonth, attendance_month, attendance_totals
from werkplek.checklists.selectors import checklist_by_phase
from werkplek.competences.selectors import by_group
from werkplek.credentials.selectors import credential_rows, trajectory_credentials
from werkplek.logbook.selectors import log_entries_for, logbook_totals
from werkplek.plans.models import PlanVersion
from werkplek.plans.selectors import plan_current, version_goals, version_moments
from werkplek.printing.models import WorkstationSheet
from werkplek.trajectories.models import Trajectory


@dataclass
class Contact:
    role: str
    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""


def trajectory_mentors(trajectory: Trajectory) -> list:
    return list(trajectory.mentors.order_by("full_name"))


def application_of(trajectory: Trajectory):
    from werkplek.intake.models import Application

    return Application.objects.filter(trajectory=trajectory).first()


def contacts(trajectory: Trajectory) -> list[Contact]:
    """Trainee, mentors, coordinator and the school or VDAB contact from the intake.

    The labels are translated where the contacts are printed (in the reader's language).
    """
    from django.utils.translation import gettext as _

    candidate = trajectory.candidate
    found = [
        Contact(_("Trainee"), candidate.full_name, "", candidate.email, candidate.phone),
    ]
    found += [
        Contact(_("Mentor"), mentor.full_name, trajectory.organisation.name, mentor.email)
        for mentor in trajectory_mentors(trajectory)
    ]
    if trajectory.coordinator_id:
        coordinator = trajectory.coordinator
        found.append(
            Contact(
                _("Coordinator"),
                coordinator.full_name,
                trajectory.organisation.name,
                coordinator.email,
            )
        )
    application = application_of(trajectory)
    if application is not None and (application.contact_name or application.contact_organisation):
        found.append(
            Contact(
                _("School or VDAB contact"),
                application.contact_name or "—",
                application.contact_organisation,
                application.contact_email,
                application.contact_phone,
            )
        )
    return found


def plan_data(trajectory: Trajectory, *, include_draft: bool = True) -> dict:
    """The plan that counts (the agreed version, else the draft for those who may see drafts:
    not the trainee, as on the plan page) with its goals, moments and version history."""
    version = plan_current(trajectory)
    if version is not None and version.is_draft and not include_draft:
        version = None
    goals = version_goals(version) if version else []
    moments = version_moments(version) if version else []
    history = PlanVersion.objects.filter(trajectory=trajectory)
    if not include_draft:
        history = history.exclude(status=PlanVersion.Status.DRAFT)
    history = list(history.select_related("agreed_by").order_by("number"))
    with_competence = [goal for goal in goals if goal.competence_id]
    return {
        "version": version,
        "goal_groups": by_group(with_competence, competence_of=lambda goal: goal.competence),
        "free_goals": [goal for goal in goals if not goal.competence_id],
        "goal_count": len(goals),
        "moments": moments,
        "moment_hours": sum((moment.duration_hours for moment in moments), 0),
        "history": history,
    }


def plan_context(trajectory: Trajectory, membership: Membership | None = None, params=None):
    include_draft = membership is None or membership.role != Membership.Role.TRAINEE
    return {
        "plan": plan_data(trajectory, include_draft=include_draft),
        "mentors": trajectory_mentors(trajectory),
    }


def month_of(trajectory: Trajectory, value: str = "", today: date | None = None) -> date:
    """The month asked for ("2026-11"), else this month within the trajectory's period."""
    today = today or timezone.localdate()
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        pass
    start, end = trajectory.period_start, trajectory.period_end
    day = today
    if end and day > end:
        day = end
    if start and day < start:
        day = start
    return day.replace(day=1)


def trajectory_months(trajectory: Trajectory) -> list[date]:
    """The first day of every month of the trajectory's period."""
    start, end = trajectory.period_start, trajectory.period_end
    if not start or not end:
        return []
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def attendance_context(trajectory: Trajectory, membership=None, params=None) -> dict:
    first = month_of(trajectory, (params or {}).get("month", ""))
    month: AttendanceMonth = attendance_month(
        trajectory=trajectory, year=first.year, month=first.month
    )
    return {
        "month": month,
        "last_day": first.replace(day=calendar.monthrange(first.year, first.month)[1]),
        "mentors": trajectory_mentors(trajectory),
        "Status": AttendanceDay.Status,
    }


def workstation_sheet_of(trajectory: Trajectory) -> WorkstationSheet:
    """The saved werkpostfiche, or an unsaved one filled from the trajectory."""
    sheet = WorkstationSheet.objects.filter(trajectory=trajectory).first()
    if sheet is None:
        sheet = WorkstationSheet(
            trajectory=trajectory,
            workstation=trajectory.job_title,
            location=trajectory.organisation.name,
        )
    return sheet


def workstation_sheet_context(trajectory: Trajectory, membership=None, params=None) -> dict:
    application = application_of(trajectory)
    return {
        "sheet": workstation_sheet_of(trajectory),
        "mentors": trajectory_mentors(trajectory),
        "school": application.contact_organisation if application else "",
        "school_contact": application.contact_name if application else "",
    }


# The dossier's own sections (other apps add theirs with register_dossier_section).


def contacts_section(trajectory, membership) -> dict:
    return {"contacts": contacts(trajectory)}


def checklist_section(trajectory, membership) -> dict | None:
    phases = [phase for phase in checklist_by_phase(trajectory=trajectory) if phase.items]
    return {"phases": phases} if phases else None


def credentials_section(trajectory, membership) -> dict | None:
    rows = credential_rows(
        loaded=trajectory_credentials(trajectory),
        today=timezone.localdate(),
        show_medical=membership.sees_medical_data,
        kind=trajectory.kind,
    )
    return {"rows": rows, "show_medical": membership.sees_medical_data} if rows else None


def plan_section(trajectory, membership) -> dict:
    return {"plan": plan_data(trajectory)}


LOGBOOK_SUMMARY_ENTRIES = 15


def logbook_section(trajectory, membership) -> dict:
    totals = logbook_totals(trajectory)
    return {
        "totals": totals,
        "entries": list(log_entries_for(trajectory)[:LOGBOOK_SUMMARY_ENTRIES]),
        "shown": LOGBOOK_SUMMARY_ENTRIES,
    }


def attendance_section(trajectory, membership) -> dict:
    """Totals per month and for the whole trajectory: two queries, however long it runs."""
    from decimal import Decimal

    from django.db.models import Count, Q, Sum
    from django.db.models.functions import TruncMonth

    from werkplek.attendance.selectors import AttendanceTotals

    status = AttendanceDay.Status
    rows = (
        trajectory.attendance_days.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            present_days=Count("id", filter=Q(status=status.PRESENT)),
            present_hours=Sum("hours"),
            sick_days=Count("id", filter=Q(status=status.SICK)),
            excused_days=Count("id", filter=Q(status=status.EXCUSED)),
            unexcused_days=Count("id", filter=Q(status=status.UNEXCUSED)),
            days_off=Count("id", filter=Q(status=status.DAY_OFF)),
        )
        .order_by("month")
    )
    months = []
    for row in rows:
        month = row.pop("month")
        row["present_hours"] = row["present_hours"] or Decimal(0)
        months.append((month, AttendanceTotals(**row)))
    return {"months": months, "totals": attendance_totals(trajectory=trajectory)}


def outcome_section(trajectory, membership) -> dict:
    from django.apps import apps

    decision = None
    if apps.is_installed("werkplek.evaluations"):
        from werkplek.printing.evaluations import outcome_decision

        decision = outcome_decision(trajectory)
    return {"decision": decision}


def organisation_logo(organisation) -> str | None:
    """The organisation's logo as a data: URL for the PDF header, or None."""
    from werkplek.printing.models import PrintSettings
    from werkplek.printing.pdf import image_data_url

    settings_row = PrintSettings.objects.filter(organisation=organisation).first()
    if settings_row is None or not settings_row.logo:
        return None
    try:
        with settings_row.logo.open("rb") as handle:
            return image_data_url(handle.read(), settings_row.logo_type or "image/png")
    except (FileNotFoundError, OSError):
        return None
