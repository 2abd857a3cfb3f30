from django.db import IntegrityError, transaction
from django.utils import translation

from werkplek.accounts.models import Membership, User
from werkplek.core.concurrency import NEW, stale_error, version_claim
from werkplek.documents.models import Document
from werkplek.documents.services import document_store_generated
from werkplek.printing.models import RISK_CODES, PrintSettings, WorkstationSheet
from werkplek.printing.pdf import render_pdf
from werkplek.printing.registry import Printable
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory


def trajectory_language(trajectory: Trajectory) -> str:
    """Documents of a trajectory are printed in the trainee's language."""
    return trajectory.candidate.language or trajectory.organisation.default_language


def print_context(
    printable: Printable, *, trajectory: Trajectory, membership: Membership, params: dict
) -> dict:
    from werkplek.printing.selectors import organisation_logo

    language = trajectory_language(trajectory)
    with translation.override(language):
        context = printable.context(trajectory, membership, params)
        context = {
            "organisation": trajectory.organisation,
            "logo": organisation_logo(trajectory.organisation),
            "trajectory": trajectory,
            "candidate": trajectory.candidate,
            "reader": membership,
            **context,
        }
        context["document_title"] = printable.title(trajectory, context)
    return context


def printable_render(
    printable: Printable, *, trajectory: Trajectory, membership: Membership, params: dict
) -> tuple[bytes, dict]:
    """The PDF (in the trainee's language) and the context it was made from."""
    context = print_context(printable, trajectory=trajectory, membership=membership, params=params)
    content = render_pdf(printable.template, context, language=trajectory_language(trajectory))
    return content, context


@transaction.atomic
def printable_store(
    printable: Printable,
    *,
    trajectory: Trajectory,
    membership: Membership,
    params: dict,
    by: User,
) -> Document:
    """Render the PDF now and keep it as (the next version of) a document of the trajectory.

    What a coordinator sees may hold details others may not see (e.g. medical fitness in the
    dossier): such a copy is stored for coordinators only.
    """
    content, context = printable_render(
        printable, trajectory=trajectory, membership=membership, params=params
    )
    title = context["document_title"]
    return document_store_generated(
        trajectory=trajectory,
        content=content,
        kind=printable.document_kind,
        title=title,
        filename=f"{title}.pdf",
        by=by,
        staff_only=bool(printable.staff_details and printable.staff_details(membership)),
    )


@transaction.atomic
def workstation_sheet_save(
    *, sheet: WorkstationSheet, risks: dict[str, str], by: User, version: str | None = None
) -> WorkstationSheet:
    """Save the werkpostfiche; `risks` maps each risk that applies to its measures.

    `version`: the version the editor opened (refused when someone saved since); `NEW` for
    a sheet not saved when it was opened (refused when someone saved a first one since)."""
    if sheet.pk is None and version == NEW:
        first = WorkstationSheet.objects.filter(trajectory_id=sheet.trajectory_id).first()
        if first is not None:
            raise stale_error(WorkstationSheet, first.pk)
    else:
        version_claim(sheet, version)
    sheet.risks = {code: risks[code].strip() for code in RISK_CODES if code in risks}
    sheet.updated_by = by
    sheet.full_clean()
    try:
        with transaction.atomic():
            sheet.save()
    except IntegrityError as error:  # two first saves at once: one trajectory, one sheet
        first = WorkstationSheet.objects.filter(trajectory_id=sheet.trajectory_id).first()
        if first is None:
            raise
        raise stale_error(WorkstationSheet, first.pk) from error
    trajectory_log(sheet.trajectory, "printing.workstation_sheet.saved", by=by)
    return sheet


@transaction.atomic
def organisation_logo_set(*, organisation, file=None, remove: bool = False) -> PrintSettings:
    """Store (or remove) the logo printed in the header of the organisation's documents.

    The file's type is checked from its content by the form (PNG or JPEG only)."""
    from werkplek.documents import filetypes

    settings_row, _created = PrintSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    old = settings_row.logo.name if settings_row.logo else ""
    if file is not None:
        file_type = filetypes.validate_upload(file, allowed=(filetypes.PNG, filetypes.JPEG))
        settings_row.logo.save(filetypes.clean_filename(file.name, file_type), file, save=False)
        settings_row.logo_type = file_type.content_type
    elif remove:
        settings_row.logo, settings_row.logo_type = "", ""
    settings_row.save()
    if old and old != (settings_row.logo.name if settings_row.logo else ""):
        storage = settings_row.logo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return settings_row


def evaluation_render(evaluation, *, membership: Membership) -> tuple[bytes, str]:
    """The evaluation report PDF (in the trainee's language) and its title."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from werkplek.printing.evaluations import report_context
    from werkplek.printing.selectors import organisation_logo, trajectory_mentors

    trajectory = evaluation.trajectory
    language = trajectory_language(trajectory)
    with translation.override(language):
        context = {
            "organisation": trajectory.organisation,
            "logo": organisation_logo(trajectory.organisation),
            "trajectory": trajectory,
            "candidate": trajectory.candidate,
            "reader": membership,
            "mentors": trajectory_mentors(trajectory),
            **report_context(evaluation),
        }
        day = date_format(evaluation.held_on or evaluation.scheduled_on, "d/m/Y")
        title = f"{evaluation.get_kind_display()} {day} – {trajectory.candidate.full_name}"
        context["document_title"] = title
        context["footer_left"] = f"{_('Evaluation report')} · {title}"
    from werkplek.printing.evaluations import REPORT_TEMPLATE

    return render_pdf(REPORT_TEMPLATE, context, language=language), title


@transaction.atomic
def evaluation_store(evaluation, *, membership: Membership, by: User) -> Document:
    content, title = evaluation_render(evaluation, membership=membership)
    return document_store_generated(
        trajectory=evaluation.trajectory,
        content=content,
        kind=Document.Kind.EVALUATION_REPORT,
        title=title,
        filename=f"{title}.pdf",
        by=by,
    )
