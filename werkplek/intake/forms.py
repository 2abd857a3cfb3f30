from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.forms import DateInput, DateTimeInput, SubmitOnceMixin, VersionCheckMixin
from werkplek.intake.guides import Answer
from werkplek.intake.models import Application, GuideQuestion, Meeting, MeetingKind
from werkplek.trajectories.models import Kind
from werkplek.trajectories.selectors import mentor_choices


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "received_on",
            "requested_kind",
            "source",
            "contact_name",
            "contact_organisation",
            "contact_email",
            "contact_phone",
            "motivation",
        ]
        widgets = {
            "received_on": DateInput(),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("received_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].widget.attrs.update(type="tel", autocomplete="off")
        self.fields["contact_email"].widget.attrs["autocomplete"] = "off"

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data.get("contact_phone", "").strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 8 or any(c not in "0123456789+ ./()-" for c in phone)):
            raise forms.ValidationError(_("Enter a phone number, e.g. 09 123 45 67."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("source") in ("school", "vdab") and not data.get("contact_organisation"):
            self.add_error(
                "contact_organisation",
                _("Which school or VDAB office sends the candidate?"),
            )
        return data


class ApplicationFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("To be handled (draft)")),
            ("accepted", _("Intake confirmed")),
            ("stopped", _("Declined or stopped")),
            ("all", _("All")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Applies for"), required=False, choices=[("", _("All")), *Kind.choices]
    )


READY_CHOICES = [("", _("Not answered yet")), ("yes", _("Yes")), ("no", _("No, not yet"))]


class MeetingForm(SubmitOnceMixin, VersionCheckMixin, forms.ModelForm):
    ready_to_start = forms.TypedChoiceField(
        label=_("Is the candidate ready to dive in?"),
        choices=READY_CHOICES,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "starts_at",
            "duration_minutes",
            "place",
            "participants",
            "candidate_attends",
            "other_participants",
            "status",
            "cancel_reason",
            "notes",
            "ready_to_start",
            "ready_comment",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "participants": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = mentor_choices(organisation)
        self.fields["participants"].help_text = ""
        self.fields["duration_minutes"].widget.attrs.update(min="5", max="720", step="5")
        self.fields["place"].widget.attrs["placeholder"] = _("E.g. stelplaats Gent, refter")
        kind = self.instance.kind if self.instance.pk else self.initial.get("kind")
        if self.instance.pk:
            self.fields["kind"].disabled = True
            del self.fields["submit_token"]  # only a new meeting can be planned twice
            self.track_version(self.instance)
        if kind != MeetingKind.WORKPLACE_TOUR:
            del self.fields["ready_to_start"]
            del self.fields["ready_comment"]
        elif self.instance.pk and self.instance.ready_to_start is not None:
            self.initial["ready_to_start"] = "yes" if self.instance.ready_to_start else "no"

    def clean_starts_at(self):
        starts_at = self.cleaned_data.get("starts_at")
        if starts_at and abs((starts_at - timezone.now()).days) > 3 * 365:
            raise forms.ValidationError(_("Please check the year."))
        return starts_at


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), max_length=300)


class AnswersForm(forms.Form):
    """One answer per question of a guide, plus room for extra questions."""

    EXTRA = 2

    def __init__(self, *args, answers: list[Answer], **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        for index, answer in enumerate(answers):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=answer.question,
                required=False,
                max_length=4000,
                initial=answer.answer,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for index in range(self.EXTRA):
            self.fields[f"extra_question_{index}"] = forms.CharField(
                label=_("Extra question"), required=False, max_length=300
            )
            self.fields[f"extra_answer_{index}"] = forms.CharField(
                label=_("Answer"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        for index in range(self.EXTRA):
            if (
                data.get(f"extra_answer_{index}", "").strip()
                and not data.get(f"extra_question_{index}", "").strip()
            ):
                self.add_error(f"extra_question_{index}", _("Write the question too."))
        return data

    def result(self) -> list[Answer]:
        data = self.cleaned_data
        answers = [
            Answer(answer.id, answer.question, data.get(f"answer_{index}", "").strip())
            for index, answer in enumerate(self.answers)
        ]
        for index in range(self.EXTRA):
            question = data.get(f"extra_question_{index}", "").strip()
            if question:
                answers.append(Answer("", question, data.get(f"extra_answer_{index}", "").strip()))
        return answers

    def answer_fields(self):
        return [self[f"answer_{index}"] for index in range(len(self.answers))]

    def extra_fields(self):
        return [
            (self[f"extra_question_{index}"], self[f"extra_answer_{index}"])
            for index in range(self.EXTRA)
        ]


class QuestionForm(forms.Form):
    text_nl = forms.CharField(label=_("Question in Dutch"), max_length=300)
    text_fr = forms.CharField(label=_("Question in French"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Question in English"), max_length=300, required=False)

    @classmethod
    def initial_for(cls, question: GuideQuestion) -> dict:
        return {
            f"text_{language}": question.text.get(language, "") for language in ("nl", "fr", "en")
        }

    def text(self) -> dict[str, str]:
        return {
            language: self.cleaned_data[f"text_{language}"].strip()
            for language in ("nl", "fr", "en")
            if self.cleaned_data.get(f"text_{language}", "").strip()
        }
