from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.competences.models import Competence, CompetenceFramework
from werkplek.core.forms import DateInput, SubmitOnceMixin, VersionCheckMixin
from werkplek.followup.models import FollowUpRule
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import Observation
from werkplek.plans.models import LearningMoment

TOUCHED = "touched"


class LogEntryForm(SubmitOnceMixin, VersionCheckMixin, forms.Form):
    """The logbook entry. Only "what happened" must be typed: the date is today and the kind
    is unorganised unless changed, so a mentor logs a moment in three taps on a phone."""

    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "autofocus": True,
                "placeholder": _("E.g. diversion because of road works: drove the new route."),
            }
        ),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Kind of learning moment"),
        choices=LogEntry.Kind.choices,
        widget=forms.RadioSelect,
        initial=LogEntry.Kind.UNORGANISED,
    )
    planned_moment = forms.ModelChoiceField(
        label=_("Planned learning moment"),
        queryset=LearningMoment.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("For an organised moment: which moment of the opleidingsplan."),
    )
    hours = forms.DecimalField(
        label=_("Hours (optional)"),
        required=False,
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": "0.25", "max": "24", "step": "0.25"}),
    )
    followup_topics = forms.ModelMultipleChoiceField(
        label=_("Follow-up topics covered"),
        queryset=FollowUpRule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the follow-up topic this moment followed up; only a ticked one counts."),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("A JPEG, PNG or WebP photo of at most 10 MB."),
    )

    def __init__(
        self,
        *args,
        framework: CompetenceFramework | None,
        competences: list[Competence],
        moments,
        may_rate: bool,
        entry: LogEntry | None = None,
        levels: dict[int, int] | None = None,
        topics=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.competences = competences
        if topics is None or not topics.exists():
            del self.fields["followup_topics"]
        else:
            self.fields["followup_topics"].queryset = topics
            self.fields["followup_topics"].label_from_instance = lambda rule: rule.topic
        self.fields["date"].initial = timezone.localdate()
        self.fields["planned_moment"].queryset = moments
        self.fields["planned_moment"].label_from_instance = lambda moment: (
            f"{moment.date:%d/%m/%Y} · {moment.topic}"
        )
        choices = [("", _("— not this time")), (TOUCHED, _("came up"))]
        if may_rate and framework is not None:
            choices += [
                (str(value), _("seen: %(level)s") % {"level": label})
                for value, label in framework.scale.choices()
            ]
        touched = set(entry.competences.values_list("pk", flat=True)) if entry else set()
        levels = levels or {}
        for competence in competences:
            initial = ""
            if competence.pk in levels:
                initial = str(levels[competence.pk])
            elif competence.pk in touched:
                initial = TOUCHED
            self.fields[f"competence_{competence.pk}"] = forms.ChoiceField(
                label=competence.text, choices=choices, required=False, initial=initial
            )
        if entry is not None:
            del self.fields["submit_token"]  # only a new entry can be made twice
            self.track_version(entry)
            self.fields["remove_photo"] = forms.BooleanField(
                label=_("Remove the photo"), required=False
            )
            if not entry.photo:
                del self.fields["remove_photo"]

    def competence_fields(self) -> list[forms.BoundField]:
        return [self[f"competence_{competence.pk}"] for competence in self.competences]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            field for field in self.visible_fields() if not field.name.startswith("competence_")
        ]

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and not 0 < hours <= 24:
            raise forms.ValidationError(_("Enter more than 0 and at most 24 hours."))
        return hours

    def clean_date(self):
        day = self.cleaned_data.get("date")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("A learning moment cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("kind") == LogEntry.Kind.ORGANISED and not data.get("planned_moment"):
            self.add_error("planned_moment", _("Choose the planned learning moment from the plan."))
        return data

    def observations(self) -> list[Observation]:
        found = []
        for competence in self.competences:
            value = self.cleaned_data.get(f"competence_{competence.pk}")
            if value == TOUCHED:
                found.append(Observation(competence))
            elif value:
                found.append(Observation(competence, int(value)))
        return found
