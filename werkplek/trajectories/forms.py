from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.forms import DateInput, OnePassSelect, VersionCheckMixin
from werkplek.trajectories.kinds import period_errors
from werkplek.trajectories.models import Kind, Status, Step, Trajectory
from werkplek.trajectories.selectors import coordinator_choices, mentor_choices, mentor_loads


class MentorsField(forms.ModelMultipleChoiceField):
    """Each mentor with their open trajectories against the limit, e.g. "Mats Mentor (2/2)".
    The loads come from one grouped query (`mentor_loads`), not one per option."""

    loads: dict[int, int] = {}
    limit: int = 0

    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({self.loads.get(obj.pk, 0)}/{self.limit})"


class TrajectoryForm(VersionCheckMixin, forms.ModelForm):
    mentors = MentorsField(
        label=_("Mentors (peter/meter)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Asked for only when a new mentor already has the organisation's maximum of trainees.
    mentor_reason = forms.CharField(
        label=_("Why does this mentor take on more trainees than the limit?"),
        required=False,
        max_length=500,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Trajectory
        fields = [
            "kind",
            "job_title",
            "coordinator",
            "mentors",
            "planned_start",
            "planned_end",
            "hours_per_week",
        ]
        widgets = {"planned_start": DateInput(), "planned_end": DateInput()}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = mentor_choices(organisation)
        self.fields["mentors"].loads = mentor_loads(organisation)
        self.fields["mentors"].limit = organisation.max_trainees_per_mentor
        if self.is_bound and self.data.get(self.add_prefix("mentor_reason"), "").strip():
            self.show_mentor_reason()
        self.fields["coordinator"].queryset = coordinator_choices(organisation)
        if self.instance.pk:
            self.track_version(self.instance)
        self.fields["hours_per_week"].widget.attrs.update(min="1", max="60", step="0.5")
        if self.instance.pk and self.instance.status != Status.DRAFT:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("The kind is fixed once the intake is confirmed.")

    def show_mentor_reason(self) -> None:
        self.fields["mentor_reason"].widget = forms.Textarea(attrs={"rows": 2})

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        if "mentor_reason" in self.errors:
            self.show_mentor_reason()

    def clean_hours_per_week(self):
        hours = self.cleaned_data.get("hours_per_week")
        if hours is not None and not 0 < hours <= 60:
            raise forms.ValidationError(_("Enter between 1 and 60 hours per week."))
        return hours

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The end date comes after the start date."))
        kind = data.get("kind") or getattr(self.instance, "kind", "")
        for field, message in period_errors(kind, start, end).items():
            self.add_error(field, message)
        return data


class TrajectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Open (not closed)")), *Status.choices],
    )
    step = forms.TypedChoiceField(
        label=_("Step"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("All")),
            *[(s.value, format_lazy("{}. {}", s.value, s.label)) for s in Step],
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    # The id of a mentor: hundreds of them in a large organisation, so (pk, name) pairs and a
    # select built in one pass rather than model instances through the widget templates.
    mentor = forms.TypedChoiceField(
        label=_("Mentor"), required=False, coerce=int, empty_value=None, widget=OnePassSelect
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [
            ("", _("All")),
            *mentor_choices(organisation).values_list("pk", "full_name"),
        ]


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the trajectory stop?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class StepMoveForm(forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), coerce=int, choices=[])
    reason = forms.CharField(
        label=_("Why does the step differ from what the facts say?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, low: int, high: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [
            (s.value, f"{s.value}. {s.label}") for s in Step if low <= s.value <= high
        ]
