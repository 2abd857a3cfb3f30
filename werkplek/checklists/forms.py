from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.checklists.models import TemplateItem
from werkplek.checklists.rules import all_rules
from werkplek.checklists.services import descendant_ids
from werkplek.trajectories.models import Kind


class TickForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class WaiveForm(forms.Form):
    reason = forms.CharField(label=_("Why does this not apply?"), max_length=500)


class TemplateItemForm(forms.ModelForm):
    label_nl = forms.CharField(label=_("Label in Dutch"), max_length=300)
    label_fr = forms.CharField(label=_("Label in French"), max_length=300, required=False)
    label_en = forms.CharField(label=_("Label in English"), max_length=300, required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Applies to"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every kind of trajectory."),
    )
    rule = forms.ChoiceField(label=_("Ticks itself"), required=False)

    class Meta:
        model = TemplateItem
        fields = ["phase", "parent", "required", "due_days", "due_anchor", "kinds", "rule"]

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        label = self.instance.label or {}
        for language in ("nl", "fr", "en"):
            self.fields[f"label_{language}"].initial = label.get(language, "")
        self.fields["rule"].choices = [("", _("No: a person ticks it"))] + [
            (rule.code, rule.description) for rule in all_rules()
        ]
        parents = template.items.all()
        if self.instance.pk:
            excluded = [self.instance.pk, *descendant_ids(template, self.instance.pk)]
            parents = parents.exclude(pk__in=excluded)
        self.fields["parent"].queryset = parents.order_by("position")
        self.fields["parent"].label = _("Sub-item of")
        self.fields["parent"].required = False
        self.fields["due_days"].widget.attrs.update(min="-365", max="365")
        self.order_fields(["label_nl", "label_fr", "label_en"])

    def clean_due_days(self):
        days = self.cleaned_data.get("due_days")
        if days is not None and not -365 <= days <= 365:
            raise forms.ValidationError(_("Enter a number of days between -365 and 365."))
        return days

    def save(self, commit=True):
        item = super().save(commit=False)
        item.template = self.template
        item.label = {
            language: self.cleaned_data[f"label_{language}"].strip()
            for language in ("nl", "fr", "en")
            if self.cleaned_data.get(f"label_{language}", "").strip()
        }
        return item
