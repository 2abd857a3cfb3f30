from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.enterprise_number import (
    normalize_enterprise_number,
    validate_enterprise_number,
)
from werkplek.accounts.models import Language, Membership, Organisation


class OrganisationForm(forms.ModelForm):
    enterprise_number = forms.CharField(
        label=_("Enterprise number"),
        max_length=20,
        help_text=_("Ondernemingsnummer (KBO), e.g. 0403.170.701."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0403.170.701"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "enterprise_number",
            "sector",
            "default_language",
            "max_trainees_per_mentor",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty (or posted by an older form): the current limit stays.
        self.fields["max_trainees_per_mentor"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["enterprise_number"] = self.instance.enterprise_number_display

    def clean_enterprise_number(self) -> str:
        value = self.cleaned_data["enterprise_number"]
        validate_enterprise_number(value)
        return normalize_enterprise_number(value)

    def clean_max_trainees_per_mentor(self) -> int:
        value = self.cleaned_data.get("max_trainees_per_mentor")
        return self.instance.max_trainees_per_mentor if value is None else value


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "is_active"]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
