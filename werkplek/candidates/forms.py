from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.candidates.models import Candidate
from werkplek.core.forms import DateInput, VersionCheckMixin

RELATIONS_CHOICES = [("", _("Not asked yet")), ("yes", _("Yes")), ("no", _("No"))]


class CandidateForm(VersionCheckMixin, forms.ModelForm):
    has_relations_in_company = forms.TypedChoiceField(
        label=_("Acquaintances, friends or family in the company?"),
        choices=RELATIONS_CHOICES,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Candidate
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "language",
            "date_of_birth",
            "street",
            "postal_code",
            "city",
            "target_group",
            "target_group_note",
            "subsector_interest",
            "has_relations_in_company",
            "relations_in_company",
            "source",
        ]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.track_version(self.instance)
        if self.instance.pk and self.instance.has_relations_in_company is not None:
            self.initial["has_relations_in_company"] = (
                "yes" if self.instance.has_relations_in_company else "no"
            )
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update(type="tel", autocomplete="off")

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data.get("date_of_birth")
        if born is None:
            return born
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < 15:
            raise forms.ValidationError(_("A trainee is at least 15 years old."))
        if age > 100:
            raise forms.ValidationError(_("Please check the year of birth."))
        return born

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 8 or any(c not in "0123456789+ ./()-" for c in phone)):
            raise forms.ValidationError(_("Enter a phone number, e.g. 0470 12 34 56."))
        return phone

    def clean_postal_code(self) -> str:
        code = self.cleaned_data.get("postal_code", "").strip()
        if code and not (code.isdigit() and len(code) == 4) and not code.isalnum():
            raise forms.ValidationError(_("Enter a postal code, e.g. 9000."))
        return code

    def clean(self):
        data = super().clean()
        if data.get("has_relations_in_company") is False and data.get("relations_in_company"):
            self.add_error(
                "relations_in_company",
                _("The answer above is “No”, yet a person is named: choose “Yes” or clear this."),
            )
        return data
