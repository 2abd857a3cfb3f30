from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.core.forms import VersionCheckMixin
from werkplek.documents import filetypes
from werkplek.documents.forms import DocumentFileField
from werkplek.printing.models import RISKS, WorkstationSheet


class WorkstationSheetForm(VersionCheckMixin, forms.ModelForm):
    """The werkpostfiche: the fixed fields, then per risk "applies" and its measures."""

    class Meta:
        model = WorkstationSheet
        fields = [
            "workstation",
            "location",
            "activities",
            "increased_risk",
            "forbidden_for_young",
            "specific_training",
            "training_note",
            "onboarding_emergencies",
            "protective_equipment",
            "health_surveillance",
            "vaccinations",
        ]
        widgets = {
            "activities": forms.Textarea(attrs={"rows": 4}),
            "protective_equipment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A sheet not saved yet carries the version "new": a first save after another
        # person's first save is refused too.
        self.track_version(self.instance)
        for code, label in RISKS:
            self.fields[f"risk_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"measures_{code}"] = forms.CharField(
                label=_("Measures against: %(risk)s") % {"risk": label},
                required=False,
                max_length=500,
            )
            if not self.is_bound and code in self.instance.risks:
                self.initial[f"risk_{code}"] = True
                self.initial[f"measures_{code}"] = self.instance.risks[code]

    def clean(self):
        data = super().clean()
        for code, _label in RISKS:
            applies = data.get(f"risk_{code}")
            measures = (data.get(f"measures_{code}") or "").strip()
            if applies and not measures:
                self.add_error(f"measures_{code}", _("Say which measures are taken for this risk."))
            elif measures and not applies:
                self.add_error(f"risk_{code}", _("Tick the risk, or leave its measures empty."))
        if data.get("specific_training") and not (data.get("training_note") or "").strip():
            self.add_error("training_note", _("Say which training is needed."))
        return data

    def risks(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"measures_{code}"]
            for code, _label in RISKS
            if self.cleaned_data.get(f"risk_{code}")
        }

    def risk_pairs(self):
        """(applies field, measures field) per risk, for the template."""
        return [(self[f"risk_{code}"], self[f"measures_{code}"]) for code, _label in RISKS]


class LogoForm(forms.Form):
    logo = DocumentFileField(
        label=_("Logo"), allowed=(filetypes.PNG, filetypes.JPEG), required=False
    )
    remove = forms.BooleanField(label=_("Remove the logo"), required=False)
