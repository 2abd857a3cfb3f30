from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.models import BaseModel


class ImportBatch(BaseModel):
    """One uploaded spreadsheet on its way in: its rows, the column mapping, the dry run's
    outcome and, once imported, what happened. The uploaded file itself is not kept."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded: choose the columns")
        CHECKED = "checked", _("Checked: ready to import")
        IMPORTED = "imported", _("Imported")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("what"), max_length=30)
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list, help_text="Cell texts; emptied after the import.")
    lines = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="Column index → field key.")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.UPLOADED)
    summary = models.JSONField(default=dict)
    results = models.JSONField(default=list)
    skip_errors = models.BooleanField(default=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["uploaded", "checked", "imported"]),
                name="import_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=["xlsx", "csv"]), name="import_format_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="import_org_created_idx")
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def row_count(self) -> int:
        return self.summary.get("rows", len(self.rows))
