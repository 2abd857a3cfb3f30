"""What the attendance list asks (core.obligations): the mentors record last week's days."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.selectors import workdays
from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.trajectories.models import Status, Trajectory

TEXTS = {
    "attendance.log_week": _("Record the attendance of %(trainee)s for the week of %(week_date)s"),
}


def attendance_obligations(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Running trajectories with a workday of last week (Monday to Friday, inside the
    trajectory) not on the attendance list; for each of their mentors. One query: one row per
    trajectory and mentor."""
    monday = today - timedelta(days=today.weekday() + 7)
    friday = monday + timedelta(days=4)
    recorded = (
        AttendanceDay.objects.filter(trajectory=OuterRef("pk"), date__range=(monday, friday))
        .order_by()
        .values("trajectory")
        .annotate(total=Count("id"))
        .values("total")
    )
    rows = list(
        Trajectory.objects.filter(
            pk__in=trajectories.values("pk"),
            status=Status.RUNNING,
            actual_start__lte=friday,
        )
        .annotate(recorded=Coalesce(Subquery(recorded, output_field=IntegerField()), Value(0)))
        .values(
            "pk",
            "public_id",
            "organisation__slug",
            "actual_start",
            "actual_end",
            "planned_end",
            "recorded",
            "candidate__first_name",
            "candidate__last_name",
            "mentors",
        )
    )
    missing: dict[int, dict] = {}
    mentors: dict[int, list[int]] = {}
    for row in rows:
        end = row["actual_end"] or row["planned_end"] or friday
        days = workdays(max(monday, row["actual_start"]), min(friday, end))
        if days and row["recorded"] < len(days):
            missing.setdefault(row["pk"], row)
            if row["mentors"] is not None:
                mentors.setdefault(row["pk"], []).append(row["mentors"])
    if not missing:
        return
    week = monday.isocalendar()
    for row in missing.values():
        url = reverse(
            "attendance:month",
            kwargs={"org": row["organisation__slug"], "public_id": row["public_id"]},
        )
        for mentor_id in mentors.get(row["pk"], []):
            yield Obligation(
                kind="attendance.log_week",
                trajectory_id=row["pk"],
                user_id=mentor_id,
                key=f"attendance.log_week:{row['pk']}:{week.year}-W{week.week:02d}",
                url=f"{url}?month={monday:%Y-%m}",
                params={
                    "trainee": f"{row['candidate__first_name']} {row['candidate__last_name']}",
                    "week_date": monday.isoformat(),
                },
                due=friday + timedelta(days=3),
                level="late" if today > friday + timedelta(days=3) else "soon",
            )


def register() -> None:
    register_obligation_source("attendance", attendance_obligations, texts=TEXTS)
