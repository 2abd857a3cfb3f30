from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.competences.models import Competence, CompetenceFramework, Group, RatingScale
from werkplek.core.forms import DateInput

LANGUAGES = ("nl", "fr", "en")
LANGUAGE_NAMES = {"nl": _("in Dutch"), "fr": _("in French"), "en": _("in English")}


class TranslatedFieldsMixin:
    """Edit a {"nl": …, "fr": …, "en": …} label as three fields; Dutch is required."""

    translated: dict[str, tuple] = {}  # name -> (label, max_length, widget)

    def add_translated_fields(self, values: dict[str, dict]) -> None:
        for name, (label, max_length, widget) in self.translated.items():
            for language in LANGUAGES:
                field = forms.CharField(
                    label=f"{label} ({LANGUAGE_NAMES[language]})",
                    max_length=max_length,
                    required=language == "nl" and name in self.required_translated,
                    widget=widget() if widget else None,
                    initial=(values.get(name) or {}).get(language, ""),
                )
                self.fields[f"{name}_{language}"] = field

    required_translated: tuple[str, ...] = ()

    def translated_value(self, name: str) -> dict[str, str]:
        return {
            language: self.cleaned_data[f"{name}_{language}"].strip()
            for language in LANGUAGES
            if self.cleaned_data.get(f"{name}_{language}", "").strip()
        }


def _textarea():
    return forms.Textarea(attrs={"rows": 2})


class FrameworkForm(TranslatedFieldsMixin, forms.Form):
    translated = {
        "name": (_("Name"), 200, None),
        "description": (_("Description"), 1000, _textarea),
    }
    required_translated = ("name",)
    scale = forms.ModelChoiceField(label=_("Rating scale"), queryset=RatingScale.objects.none())

    def __init__(self, *args, organisation, framework: CompetenceFramework | None = None, **kw):
        super().__init__(*args, **kw)
        values = {"name": framework.name, "description": framework.description} if framework else {}
        self.add_translated_fields(values)
        if framework is None:
            self.fields["scale"].queryset = RatingScale.objects.filter(organisation=organisation)
            self.order_fields(["name_nl", "name_fr", "name_en"])
        else:
            del self.fields["scale"]


class CompetenceForm(TranslatedFieldsMixin, forms.ModelForm):
    translated = {
        "label": (_("Name"), 200, None),
        "description": (_("Description"), 1000, _textarea),
    }
    required_translated = ("label",)

    class Meta:
        model = Competence
        fields = ["group", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields(
            {"label": self.instance.label, "description": self.instance.description}
        )
        self.fields["group"].widget = forms.RadioSelect(choices=Group.choices)
        self.order_fields(
            ["label_nl", "label_fr", "label_en", "group", "description_nl", "description_fr"]
        )

    def save(self, commit=True):
        competence = super().save(commit=False)
        competence.label = self.translated_value("label")
        competence.description = self.translated_value("description")
        return competence


class BaselineForm(forms.Form):
    """A level (or "not mapped yet") and a note per competence of the framework."""

    rated_on = forms.DateField(label=_("Mapped on"), widget=DateInput())

    def __init__(self, *args, framework: CompetenceFramework, competences, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework, self.competences = framework, competences
        choices = [("", _("— not mapped yet")), *framework.scale.choices()]
        dates = [rating.rated_on for rating in ratings.values()]
        self.fields["rated_on"].initial = max(dates) if dates else timezone.localdate()
        for competence in competences:
            rating = ratings.get(competence.pk)
            self.fields[f"level_{competence.pk}"] = forms.TypedChoiceField(
                label=competence.text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=rating.level if rating else "",
            )
            self.fields[f"note_{competence.pk}"] = forms.CharField(
                label=_("Note about “%(competence)s”") % {"competence": competence.text},
                max_length=500,
                required=False,
                initial=rating.note if rating else "",
            )

    def rows(self) -> list[tuple[Competence, forms.BoundField, forms.BoundField]]:
        return [
            (competence, self[f"level_{competence.pk}"], self[f"note_{competence.pk}"])
            for competence in self.competences
        ]

    def levels(self) -> list[tuple[Competence, int | None, str]]:
        return [
            (
                competence,
                self.cleaned_data.get(f"level_{competence.pk}"),
                self.cleaned_data.get(f"note_{competence.pk}", ""),
            )
            for competence in self.competences
        ]


class RatingScaleForm(TranslatedFieldsMixin, forms.Form):
    """The scale's name, each level's name and description, and the level that counts as
    acquired. The number of levels and their values stay: ratings already given refer to them."""

    achieved_level = forms.TypedChoiceField(label=_("Level that counts as acquired"), coerce=int)

    def __init__(self, *args, scale: RatingScale, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = scale.levels
        self.translated = {"name": (_("Name of the scale"), 200, None)}
        self.required_translated = ["name"]
        values = {"name": scale.name}
        for index, level in enumerate(self.levels, start=1):
            name = _("Level %(number)d: name") % {"number": index}
            description = _("Level %(number)d: description") % {"number": index}
            self.translated[f"label{index}"] = (name, 100, None)
            self.translated[f"description{index}"] = (description, 500, _textarea)
            self.required_translated.append(f"label{index}")
            values[f"label{index}"] = level.get("label") or {}
            values[f"description{index}"] = level.get("description") or {}
        self.add_translated_fields(values)
        field = self.fields.pop("achieved_level")
        field.choices = [
            (level["value"], level.get("label", {}).get("nl") or level["value"])
            for level in self.levels
        ]
        field.initial = scale.achieved_level
        self.fields["achieved_level"] = field

    def level_texts(self) -> list[dict]:
        return [
            {
                "label": self.translated_value(f"label{index}"),
                "description": self.translated_value(f"description{index}"),
            }
            for index in range(1, len(self.levels) + 1)
        ]
