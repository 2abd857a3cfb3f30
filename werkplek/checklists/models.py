from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.i18n import localized
from werkplek.core.models import BaseModel


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    BEFORE_START = "before_start", _("Before the start")
    DURING = "during", _("During the trajectory")
    END = "end", _("At the end")


GATE_PHASES = (Phase.PREPARATION, Phase.BEFORE_START)


class DueAnchor(models.TextChoices):
    START = "start", _("start date")
    END = "end", _("end date")


class ChecklistTemplate(BaseModel):
    """A checklist to copy into new trajectories.

    Templates without an organisation belong to a sector pack; an organisation works
    from its own copy, which it can edit.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checklist_templates",
    )
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_templates",
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(organisation__isnull=False),
                name="one_checklist_template_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["sector_pack"],
                condition=Q(organisation__isnull=True),
                name="one_checklist_template_per_pack",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ItemFields(models.Model):
    """What a template item and its copy in a trajectory have in common."""

    public_id = models.UUIDField(default=uuid4, unique=True, editable=False)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase)
    code = models.SlugField(_("code"), max_length=60, blank=True)
    label = models.JSONField(_("label"), default=dict)
    required = models.BooleanField(_("required"), default=True)
    rule = models.CharField(_("automatic rule"), max_length=60, blank=True)
    due_days = models.SmallIntegerField(
        _("due (days from the start)"),
        null=True,
        blank=True,
        help_text=_("Negative numbers are days before the anchor date."),
    )
    due_anchor = models.CharField(
        _("counted from"), max_length=5, choices=DueAnchor, default=DueAnchor.START
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return localized(self.label)

    @property
    def text(self) -> str:
        return localized(self.label)


class TemplateItem(ItemFields):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kinds = models.JSONField(
        _("applies to"),
        default=list,
        blank=True,
        help_text=_("Trajectory kinds this item applies to; empty means all."),
    )

    class Meta:
        verbose_name = _("checklist template item")
        verbose_name_plural = _("checklist template items")
        ordering = ["template", "position"]

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    @property
    def kind_labels(self) -> list[str]:
        from werkplek.trajectories.models import Kind

        return [str(Kind(kind).label) for kind in self.kinds if kind in Kind.values]


class ChecklistItem(ItemFields):
    """A trajectory's own copy of a template item, with its state."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        WAIVED = "waived", _("Waived")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="checklist_items"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=6, choices=State, default=State.OPEN)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["trajectory", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["open", "done", "waived"]), name="checklist_item_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state="waived") | ~Q(note=""), name="checklist_item_waiver_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["trajectory", "phase", "position"], name="cl_item_traj_idx"),
            models.Index(fields=["state", "due_date"], name="cl_item_due_idx"),
            # A trajectory's open items by due date (at-risk signals, Today): without it the
            # planner walks cl_item_due_idx over every organisation's items per trajectory.
            models.Index(
                fields=["trajectory", "state", "due_date"], name="cl_item_traj_state_due_idx"
            ),
            models.Index(fields=["trajectory", "code"], name="cl_item_code_idx"),
            models.Index(fields=["updated_at", "public_id"], name="cl_item_updated_idx"),
        ]

    @property
    def is_resolved(self) -> bool:
        return self.state != self.State.OPEN

    @property
    def is_automatic(self) -> bool:
        return bool(self.rule)
