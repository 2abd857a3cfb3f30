from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.competences.models import CompetenceFramework
from werkplek.core.forms import DateInput
from werkplek.followup.models import FollowUpRule, FollowUpSettings
from werkplek.plans.models import PlanVersion
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import mentor_choices


class FollowUpRuleForm(forms.ModelForm):
    class Meta:
        model = FollowUpRule
        fields = [
            "subject",
            "competence",
            "goal",
            "topic",
            "frequency",
            "interval",
            "workdays_only",
            "starts_on",
            "ends_on",
            "responsible",
        ]
        widgets = {
            "subject": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(
        self,
        *args,
        trajectory: Trajectory,
        framework: CompetenceFramework | None,
        version: PlanVersion | None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        competences = framework.competences.filter(is_active=True) if framework else None
        self.fields["competence"].queryset = (
            competences if competences is not None else (self.fields["competence"].queryset.none())
        )
        goals = version.goals.select_related("competence") if version else None
        self.fields["goal"].queryset = (
            goals if goals is not None else (self.fields["goal"].queryset.none())
        )
        self.fields["goal"].label_from_instance = _goal_label
        self.fields["responsible"].queryset = mentor_choices(trajectory.organisation)
        self.fields["interval"].widget.attrs.update(min="1", max="365")
        self.fields["topic"].help_text = _("E.g. punctuality, the weekly talk about the planning.")

    def clean_interval(self):
        interval = self.cleaned_data.get("interval")
        if interval is not None and not 1 <= interval <= 365:
            raise forms.ValidationError(_("Enter a number from 1 to 365."))
        return interval

    def clean(self):
        data = super().clean()
        subject = data.get("subject")
        if subject == FollowUpRule.Subject.COMPETENCE and not data.get("competence"):
            self.add_error("competence", _("Choose the competence to follow up."))
        if subject == FollowUpRule.Subject.GOAL and not data.get("goal"):
            self.add_error("goal", _("Choose the goal to follow up."))
        if subject == FollowUpRule.Subject.TOPIC and not (data.get("topic") or "").strip():
            self.add_error("topic", _("Say what is followed up."))
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end comes after the start."))
        return data


class ResolveForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = FollowUpSettings
        fields = ["no_log_days", "absence_limit", "absence_period_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["no_log_days"].widget.attrs.update(min="1", max="365")
        self.fields["absence_limit"].widget.attrs.update(min="1", max="100")
        self.fields["absence_period_days"].widget.attrs.update(min="7", max="365")

    def clean(self):
        data = super().clean()
        limits = {
            "no_log_days": (1, 365),
            "absence_limit": (1, 100),
            "absence_period_days": (7, 365),
        }
        for name, (low, high) in limits.items():
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(
                    name,
                    _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high},
                )
        return data


def _goal_label(goal) -> str:
    """A goal as the list shows it: its competence and its words, so two goals on one
    competence can be told apart."""
    words = goal.description.splitlines()[0][:80] if goal.description else ""
    if goal.competence_id and words:
        return f"{goal.competence} — {words}"
    return str(goal.competence) if goal.competence_id else words
