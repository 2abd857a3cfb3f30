from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.attendance.models import AttendanceDay
from werkplek.attendance.selectors import AttendanceMonth, AttendanceRow, AttendanceWeek
from werkplek.attendance.services import DayInput

Status = AttendanceDay.Status


class AttendanceMonthForm(forms.Form):
    """A status, hours and a note for every day of the month that can be recorded."""

    def __init__(self, *args, month: AttendanceMonth, default_hours: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.recordable = [row for row in month.rows if row.can_record]
        for row in self.recordable:
            key = row.day.strftime("%Y%m%d")
            record = row.record
            day = row.day.strftime("%d/%m/%Y")
            # The rows show the day, not a <label>: each control names itself (aria-label).
            label = _("Attendance on %(day)s") % {"day": day}
            self.fields[f"status_{key}"] = forms.ChoiceField(
                label=label,
                choices=[("", "—"), *Status.choices],
                required=False,
                initial=record.status if record else "",
                widget=forms.Select(attrs={"aria-label": label}),
            )
            self.fields[f"hours_{key}"] = forms.DecimalField(
                label=_("Hours on %(day)s") % {"day": day},
                required=False,
                max_digits=4,
                decimal_places=2,
                initial=record.hours if record and record.status == Status.PRESENT else None,
                widget=forms.NumberInput(
                    attrs={
                        "min": "0.25",
                        "max": "24",
                        "step": "0.25",
                        "placeholder": default_hours,
                        "aria-label": _("Hours on %(day)s") % {"day": day},
                    }
                ),
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Note on %(day)s") % {"day": day},
                max_length=300,
                required=False,
                initial=record.note if record else "",
                widget=forms.TextInput(attrs={"aria-label": _("Note on %(day)s") % {"day": day}}),
            )

    def clean(self):
        data = super().clean()
        for row in self.recordable:
            key = row.day.strftime("%Y%m%d")
            hours = data.get(f"hours_{key}")
            present = data.get(f"status_{key}") == Status.PRESENT
            if present and hours is not None and not 0 < hours <= 24:
                self.add_error(f"hours_{key}", _("Enter more than 0 and at most 24 hours."))
        return data

    def weeks(self) -> list[tuple[AttendanceWeek, list[tuple[AttendanceRow, dict | None]]]]:
        """Per week, each day with its bound fields (None for a day that cannot be recorded)."""
        return [
            (week, [(row, self.fields_of(row)) for row in week.rows]) for week in self.month.weeks
        ]

    def fields_of(self, row: AttendanceRow) -> dict | None:
        if not row.can_record:
            return None
        key = row.day.strftime("%Y%m%d")
        return {
            "status": self[f"status_{key}"],
            "hours": self[f"hours_{key}"],
            "note": self[f"note_{key}"],
        }

    def day_inputs(self) -> list[DayInput]:
        inputs = []
        for row in self.recordable:
            key = row.day.strftime("%Y%m%d")
            status = self.cleaned_data.get(f"status_{key}", "")
            if not status and row.record is None:
                continue
            inputs.append(
                DayInput(
                    row.day,
                    status,
                    self.cleaned_data.get(f"hours_{key}"),
                    self.cleaned_data.get(f"note_{key}", ""),
                )
            )
        return inputs
