from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.imports.importers import IMPORTERS
from werkplek.imports.readers import Table, UnreadableFile, read_upload


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you import?"), choices=())
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An Excel file (.xlsx) or a CSV file, with a header row. "
            "The first sheet of a workbook is read."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(code, imp.label) for code, imp in IMPORTERS.items()]
        self.fields["kind"].initial = next(iter(IMPORTERS))
        if len(IMPORTERS) == 1:
            self.fields["kind"].widget = forms.HiddenInput()
        self.table: Table | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = read_upload(upload)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: which field it fills, if any."""

    def __init__(self, *args, batch, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = IMPORTERS[batch.kind].columns(organisation)
        choices = [("", _("— do not import —"))] + [
            (column.key, f"{column.label}{' *' if column.required else ''}")
            for column in self.columns
        ]
        for index, header in enumerate(batch.headers):
            samples = [row[index] for row in batch.rows[:3] if row[index]]
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=batch.mapping.get(str(index), ""),
                help_text=_("e.g. %(examples)s") % {"examples": " · ".join(samples)}
                if samples
                else _("empty in the first rows"),
            )

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for name, key in list(data.items()):
            if not key:
                continue
            if key in chosen:
                self.add_error(name, _("Another column already fills this field."))
            chosen[key] = name
        for column in self.columns:
            if column.required and column.key not in chosen:
                self.add_error(
                    None,
                    _("Choose the column with the %(field)s: it is required.")
                    % {"field": column.label},
                )
        return data

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): key for name, key in self.cleaned_data.items() if key}


class RunForm(forms.Form):
    skip_errors = forms.BooleanField(
        label=_("Import the other rows and skip the rows with errors"), required=False
    )
