from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.competences.models import CompetenceFramework
from werkplek.core.forms import DateInput, TimeInput
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal, PlanVersion
from werkplek.trajectories.selectors import mentor_choices


class GoalForm(forms.ModelForm):
    target_level = forms.TypedChoiceField(
        label=_("Target level"), coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = PlanGoal
        fields = ["competence", "target_level", "target_date", "description"]
        widgets = {"target_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, framework: CompetenceFramework | None, **kwargs):
        super().__init__(*args, **kwargs)
        if framework is None:
            del self.fields["competence"]
            del self.fields["target_level"]
            self.fields["description"].required = True
            return
        self.fields["competence"].queryset = framework.competences.filter(is_active=True)
        self.fields["competence"].required = False
        self.fields["competence"].help_text = _(
            "Leave empty for a goal that is not about one competence, and describe it below."
        )
        self.fields["target_level"].choices = [
            ("", _("— the level that counts as acquired")),
            *framework.scale.choices(),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("competence") and not (data.get("description") or "").strip():
            self.add_error("description", _("Choose a competence or describe the goal."))
        return data


class MomentForm(forms.ModelForm):
    class Meta:
        model = LearningMoment
        fields = [
            "date",
            "start_time",
            "duration_hours",
            "topic",
            "led_by",
            "led_by_name",
            "place",
            "goals",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "goals": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["led_by"].queryset = mentor_choices(version.trajectory.organisation)
        self.fields["goals"].queryset = version.goals.select_related("competence").order_by(
            "position", "id"
        )
        self.fields["duration_hours"].widget.attrs.update(min="0.25", max="24", step="0.25")
        if not self.instance.pk:
            self.fields["duration_hours"].initial = Decimal("2")

    def clean_duration_hours(self):
        hours = self.cleaned_data.get("duration_hours")
        if hours is not None and not 0 < hours <= 24:
            raise forms.ValidationError(_("Enter a duration of more than 0 and at most 24 hours."))
        return hours


class ReviseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the plan change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("E.g. the outcome of the interim evaluation, a new route, an absence."),
    )


class SendForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How does the candidate get the planning?"),
        choices=PlanDispatch.Method.choices,
        widget=forms.RadioSelect,
        initial=PlanDispatch.Method.EMAIL,
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcknowledgeForm(forms.Form):
    typed_name = forms.CharField(label=_("Full name of the one who signs"), max_length=150)
    agreed = forms.BooleanField(
        label=_("I have read this version of the opleidingsplan and agree with it."),
        required=True,
    )
