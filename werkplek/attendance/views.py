from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.attendance import services
from werkplek.attendance.forms import AttendanceMonthForm
from werkplek.attendance.selectors import (
    attendance_month,
    attendance_totals,
    default_hours_per_day,
)
from werkplek.core.tenancy import member_required
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

ATTENDANCE_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _month_of(trajectory: Trajectory, value: str | None) -> date:
    """The month asked for (YYYY-MM), else this month within the trajectory."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        pass
    today = timezone.localdate()
    start, end = trajectory.period_start, trajectory.period_end
    if end and today > end:
        today = end
    if start and today < start:
        today = start
    return today.replace(day=1)


def _month_url(trajectory: Trajectory, first: date) -> str:
    url = reverse(
        "attendance:month",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )
    return f"{url}?month={first:%Y-%m}"


@member_required(*ATTENDANCE_ROLES)
def month_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The attendance list of one month: a grid a mentor fills in, with the totals."""
    trajectory = _trajectory(request, public_id)
    first = _month_of(trajectory, request.GET.get("month") or request.POST.get("month"))
    if not 2000 <= first.year <= 2100:
        first = _month_of(trajectory, None)
    month = attendance_month(trajectory=trajectory, year=first.year, month=first.month)
    can_edit = request.membership.role in MENTORING_ROLES and trajectory.is_open
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    default_hours = default_hours_per_day(trajectory)
    form = (
        AttendanceMonthForm(request.POST or None, month=month, default_hours=default_hours)
        if can_edit
        else None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.attendance_save(
                    trajectory=trajectory, days=form.day_inputs(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Attendance saved: %(count)s day changed.",
                        "Attendance saved: %(count)s days changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(_month_url(trajectory, first))
        status = 422
    context = {
        "trajectory": trajectory,
        "month": month,
        "form": form,
        "weeks": form.weeks() if form else [(w, [(r, None) for r in w.rows]) for w in month.weeks],
        "can_edit": can_edit,
        "default_hours": default_hours,
        "overall": attendance_totals(trajectory=trajectory),
    }
    return render(request, "attendance/month.html", context, status=status)


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@member_required(*MENTORING_ROLES)
@require_POST
def fill_present(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Fast entry: every open workday of a week or month (up to today) becomes "present"."""
    trajectory = _trajectory(request, public_id)
    start, end = _iso(request.POST.get("start", "")), _iso(request.POST.get("end", ""))
    if start is None or end is None or end < start or not trajectory.is_open:
        messages.error(request, _("Choose a week or month of the trajectory."))
        return redirect(_month_url(trajectory, _month_of(trajectory, None)))
    try:
        filled = services.attendance_fill_present(
            trajectory=trajectory, start=start, end=end, by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s workday marked present. Change the day if it was different.",
                "%(count)s workdays marked present. Change the days that were different.",
                filled,
            )
            % {"count": filled},
        )
    return redirect(_month_url(trajectory, start.replace(day=1)))
