from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from werkplek.core.forms import DateInput
from werkplek.documents import filetypes
from werkplek.documents.models import Document, SlotStatus


class DocumentFileField(forms.FileField):
    """A file whose type is checked from its content and whose size is limited."""

    def __init__(
        self, *args, allowed: tuple[filetypes.FileType, ...] = filetypes.DOCUMENT_TYPES, **kwargs
    ):
        self.allowed = allowed
        kwargs.setdefault("label", _("File"))
        kwargs["allow_empty_file"] = True  # refused by validate_upload, with the file's name
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ",".join(
            sorted(
                {t.extension for t in allowed} | ({".jpeg"} if filetypes.JPEG in allowed else set())
            )
        )
        if not self.help_text:
            self.help_text = _("%(types)s, at most %(size)s.") % {
                "types": ", ".join(t.label for t in allowed),
                "size": filesizeformat(filetypes.max_upload_bytes()),
            }

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if isinstance(file, UploadedFile):
            filetypes.validate_upload(file, allowed=self.allowed)
        return file


class SlotForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=SlotStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    file = DocumentFileField(required=False, label=_("Add a document"))


class Scope:
    TRAJECTORY = "trajectory"
    CANDIDATE = "candidate"


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[
            (value, label)
            for value, label in Document.Kind.choices
            if value != Document.Kind.CREDENTIAL_EVIDENCE
        ],
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file name."),
    )
    file = DocumentFileField()
    expires_on = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    scope = forms.ChoiceField(
        label=_("Belongs to"),
        choices=[
            (Scope.TRAJECTORY, _("This trajectory")),
            (Scope.CANDIDATE, _("The candidate, for every trajectory")),
        ],
        initial=Scope.TRAJECTORY,
        widget=forms.RadioSelect,
    )
    staff_only = forms.BooleanField(
        label=_("Only for coordinators (mentors and the trainee do not see it)"), required=False
    )

    def __init__(self, *args, trajectory_open: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory_open = trajectory_open
        if not trajectory_open:
            # A closed or stopped trajectory takes no new documents; its candidate still does
            # (e.g. the employment contract signed after the trajectory).
            field = self.fields["scope"]
            field.choices = [c for c in field.choices if c[0] == Scope.CANDIDATE]
            field.initial = Scope.CANDIDATE
            closed = _("This trajectory is closed: add the document to the candidate.")
            field.help_text = closed
            field.error_messages = {**field.error_messages, "invalid_choice": closed}
