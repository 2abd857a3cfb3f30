from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from werkplek.core.forms import DateInput, VersionCheckMixin
from werkplek.core.i18n import localized
from werkplek.credentials.models import Category, Credential, CredentialType
from werkplek.credentials.selectors import RADAR_SORTS, RADAR_WINDOWS
from werkplek.credentials.services import FIELDS
from werkplek.documents import filetypes
from werkplek.documents.forms import DocumentFileField
from werkplek.trajectories.models import Kind

LABELS = {
    Category.LICENCE: {"number": _("Licence number")},
    Category.DRIVER_CARD: {"number": _("Card number")},
    Category.MEDICAL: {"expires_on": _("Fit for group 2, valid until")},
    Category.TEST: {"issued_on": _("Date of the test")},
}
VERIFIED_LABELS = {
    Category.MEDICAL: _("I have seen the fitness certificate (group 2)"),
    Category.TEST: _("I confirm this result"),
}


class CredentialForm(VersionCheckMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=40, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput())
    expires_on = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    training_hours = forms.DecimalField(
        label=_("Hours of periodic training done"),
        required=False,
        min_value=0,
        max_value=500,
        max_digits=5,
        decimal_places=1,
        help_text=_("Towards the next renewal (35 hours in 5 years)."),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=Credential.Result.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    examiner = forms.CharField(label=_("Examiner"), max_length=120, required=False)
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = DocumentFileField(
        label=_("Proof (scan or photo)"), required=False, allowed=filetypes.EVIDENCE_TYPES
    )
    verified = forms.BooleanField(label=_("I have seen and checked the original"), required=False)

    def __init__(
        self, *args, credential_type: CredentialType, record: Credential | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        category = Category(credential_type.category)
        keep = set(FIELDS[category]) | {"verified"}
        if credential_type.evidence_allowed and not credential_type.is_medical:
            keep.add("evidence_file")
        if not credential_type.has_number:
            keep.discard("number")
        if not credential_type.has_expiry and category != Category.MEDICAL:
            keep.discard("expires_on")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name, label in LABELS.get(category, {}).items():
            if name in self.fields:
                self.fields[name].label = label
        if category in VERIFIED_LABELS:
            self.fields["verified"].label = VERIFIED_LABELS[category]
        if "categories" in self.fields:
            self.fields["categories"].choices = [(c, c) for c in credential_type.categories]
            self.fields["categories"].required = True
        if "number" in self.fields:
            self.fields["number"].required = True
            self.fields["number"].widget.attrs["autocomplete"] = "off"
        if "expires_on" in self.fields and credential_type.has_expiry:
            self.fields["expires_on"].required = True
        if category == Category.TEST:
            self.fields["issued_on"].required = True
            self.fields["result"].required = True
        if category == Category.MEDICAL:
            self.fields["expires_on"].help_text = _(
                "Only this date is kept: no diagnosis, no scan of the certificate."
            )
        rules = credential_type.rules or {}
        if "training_hours" in self.fields and rules.get("training_hours"):
            self.fields["training_hours"].help_text = _(
                "Towards the next renewal (%(hours)s hours)."
            ) % {"hours": rules["training_hours"]}
        if record is not None:
            self.track_version(record)
            if record.is_verified:
                self.fields["verified"].help_text = _(
                    "Checked by %(name)s on %(date)s. Tick only when you checked the original "
                    "now; a changed number, category, date or result needs a new check."
                ) % {
                    "name": record.verified_by.full_name if record.verified_by else "—",
                    "date": date_format(
                        timezone.localtime(record.verified_at), "SHORT_DATE_FORMAT"
                    ),
                }
        elif "training_hours" in self.fields:
            self.fields["training_hours"].help_text = ""

    @classmethod
    def initial_for(cls, credential: Credential) -> dict:
        return {
            "number": credential.number,
            "categories": credential.category_list,
            "issued_on": credential.issued_on,
            "expires_on": credential.expires_on,
            "training_hours": credential.training_hours,
            "result": credential.result,
            "examiner": credential.examiner,
            "remarks": credential.remarks,
        }

    def credential_fields(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("evidence_file", "verified")
        }


class RadarFilterForm(forms.Form):
    SHOW_ALL, SHOW_UPCOMING, SHOW_EXPIRED = "all", "upcoming", "expired"

    within = forms.TypedChoiceField(
        label=_("Expiring within"),
        coerce=int,
        choices=[
            (days, ngettext_lazy("%(days)s day", "%(days)s days", days) % {"days": days})
            for days in RADAR_WINDOWS
        ],
        initial=90,
        required=False,
        empty_value=90,
    )
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (SHOW_ALL, _("Expired and expiring")),
            (SHOW_UPCOMING, _("Not expired yet")),
            (SHOW_EXPIRED, _("Expired only")),
        ],
        required=False,
    )
    type = forms.ModelChoiceField(
        label=_("Credential"),
        queryset=None,
        required=False,
        empty_label=_("All"),
        to_field_name="public_id",
    )
    sort = forms.ChoiceField(
        choices=[(key, key) for key in RADAR_SORTS], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = CredentialType.objects.filter(
            organisation=organisation, is_active=True, has_expiry=True
        )
        self.fields["type"].queryset = queryset
        self.fields["type"].label_from_instance = lambda t: localized(t.label)


class CredentialTypeForm(forms.ModelForm):
    label_nl = forms.CharField(label=_("Name in Dutch"), max_length=120)
    label_fr = forms.CharField(label=_("Name in French"), max_length=120, required=False)
    label_en = forms.CharField(label=_("Name in English"), max_length=120, required=False)
    required_for = forms.MultipleChoiceField(
        label=_("Required to start"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A trajectory of these kinds cannot start without a valid one."),
    )

    class Meta:
        model = CredentialType
        fields = [
            "required_for",
            "has_number",
            "has_expiry",
            "max_validity_years",
            "evidence_allowed",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = self.instance.label or {}
        for language in ("nl", "fr", "en"):
            self.fields[f"label_{language}"].initial = label.get(language, "")
        self.fields["required_for"].initial = self.instance.required_for
        self.fields["max_validity_years"].widget.attrs.update(min="1", max="50")
        if self.instance.pk and self.instance.category != Category.OTHER:
            # The behaviour of the sector's own types comes with the sector pack.
            for name in ("has_number", "has_expiry", "max_validity_years", "evidence_allowed"):
                self.fields[name].disabled = True
        self.order_fields(["label_nl", "label_fr", "label_en"])

    def clean_max_validity_years(self):
        years = self.cleaned_data.get("max_validity_years")
        if years is not None and not 1 <= years <= 50:
            raise forms.ValidationError(_("Enter between 1 and 50 years."))
        return years

    def labels(self) -> dict[str, str]:
        return {
            language: self.cleaned_data[f"label_{language}"].strip()
            for language in ("nl", "fr", "en")
            if self.cleaned_data.get(f"label_{language}", "").strip()
        }
