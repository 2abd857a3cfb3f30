from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.core.models import BaseModel


class AttendanceDay(BaseModel):
    """One day of the attendance list (aanwezigheidslijst) of a trajectory."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        SICK = "sick", _("Absent: sick")
        EXCUSED = "excused", _("Absent: excused")
        UNEXCUSED = "unexcused", _("Absent: unexcused")
        DAY_OFF = "day_off", _("No workday (school, leave, holiday)")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="attendance_days"
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("attendance"), max_length=10, choices=Status)
    hours = models.DecimalField(_("hours present"), max_digits=4, decimal_places=2, default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance day")
        verbose_name_plural = _("attendance days")
        ordering = ["trajectory", "date"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "date"], name="attendance_day_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "sick", "excused", "unexcused", "day_off"]),
                name="attendance_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=24), name="attendance_hours_range"
            ),
            models.CheckConstraint(
                condition=Q(status="present") | Q(hours=0),
                name="attendance_hours_only_when_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_status_display()}"

    @property
    def is_absence(self) -> bool:
        return self.status in ABSENCES


ABSENCES = (
    AttendanceDay.Status.SICK,
    AttendanceDay.Status.EXCUSED,
    AttendanceDay.Status.UNEXCUSED,
)
