from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.audit.models import RetentionPolicy


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["years_after_end"]
        widgets = {"years_after_end": forms.NumberInput(attrs={"min": 1, "max": 30})}

    def clean_years_after_end(self):
        years = self.cleaned_data["years_after_end"]
        if years is not None and not 1 <= years <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30 years, or leave it empty."))
        return years


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("E.g. “request of the person by e-mail of 12/03/2026”."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand: names, contact details, credentials and documents are gone for good."
        )
    )
