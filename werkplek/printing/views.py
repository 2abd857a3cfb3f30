from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.core.downloads import content_disposition
from werkplek.core.tenancy import member_required
from werkplek.documents.models import Document
from werkplek.documents.selectors import current_versions, documents_visible_to
from werkplek.documents.services import document_may_be_added
from werkplek.printing import services
from werkplek.printing.forms import LogoForm, WorkstationSheetForm
from werkplek.printing.printables import READERS
from werkplek.printing.registry import PRINTABLES, Printable, printables_for
from werkplek.printing.selectors import (
    month_of,
    organisation_logo,
    trajectory_months,
    workstation_sheet_of,
)
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related(
            "candidate", "organisation", "coordinator"
        ),
        public_id=public_id,
    )


def _printable(request: HttpRequest, code: str) -> Printable:
    printable = PRINTABLES.get(code)
    if printable is None:
        raise Http404
    if request.membership.role not in printable.roles:
        raise PermissionDenied
    return printable


def _params(data) -> dict:
    return {"month": data.get("month", "")[:7]}


@member_required(*READERS)
def trajectory_print(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    generated = (
        current_versions(documents_visible_to(request.membership))
        .filter(trajectory=trajectory, source=Document.Source.GENERATED)
        .select_related("organisation", "uploaded_by")
        .order_by("-created_at", "-id")[:50]
    )
    printables = printables_for(request.membership.role)
    context = {
        "trajectory": trajectory,
        "evaluations": _held_evaluations(trajectory),
        "printables": printables,
        # what may still be kept as a copy (after close: the end-of-trajectory paperwork only)
        "storable": {
            printable.code
            for printable in printables
            if request.membership.is_staff_role
            and document_may_be_added(trajectory, kind=printable.document_kind, generated=True)
        },
        "months": trajectory_months(trajectory),
        "current_month": month_of(trajectory),
        "generated": generated,
        "can_store": request.membership.is_staff_role,
        "can_edit_sheet": request.membership.role in MENTORING_ROLES and trajectory.is_open,
    }
    return render(request, "printing/trajectory_print.html", context)


def _held_evaluations(trajectory: Trajectory) -> list:
    from django.apps import apps

    if not apps.is_installed("werkplek.evaluations"):
        return []
    from werkplek.evaluations.selectors import trajectory_evaluations

    return [evaluation for evaluation in trajectory_evaluations(trajectory) if evaluation.is_held]


@member_required(*READERS)
def pdf_download(request: HttpRequest, public_id: UUID, code: str) -> HttpResponse:
    """The PDF, made now from what the trajectory holds, for reading or printing."""
    trajectory = _trajectory(request, public_id)
    printable = _printable(request, code)
    content, context = services.printable_render(
        printable, trajectory=trajectory, membership=request.membership, params=_params(request.GET)
    )
    return _pdf_response(content, context["document_title"])


@member_required(*STAFF_ROLES)
@require_POST
def pdf_store(request: HttpRequest, public_id: UUID, code: str) -> HttpResponse:
    """Keep the PDF as it is now as a document (a new version of the earlier copy)."""
    trajectory = _trajectory(request, public_id)
    printable = _printable(request, code)
    try:
        document = services.printable_store(
            printable,
            trajectory=trajectory,
            membership=request.membership,
            params=_params(request.POST),
            by=request.user,
        )
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("printing:trajectory", org=request.organisation.slug, public_id=public_id)
    messages.success(
        request,
        _("“%(title)s” kept as version %(version)s.")
        % {"title": document.title, "version": document.version},
    )
    return redirect("printing:trajectory", org=request.organisation.slug, public_id=public_id)


@member_required(*MENTORING_ROLES)
def workstation_sheet_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    sheet = workstation_sheet_of(trajectory)
    form = WorkstationSheetForm(request.POST or None, instance=sheet)
    context = {"form": form, "trajectory": trajectory, "sheet": sheet}
    if request.method != "POST":
        return render(request, "printing/workstation_sheet_form.html", context)
    if not trajectory.is_open:
        messages.error(
            request, _("This trajectory is closed; its werkpostfiche no longer changes.")
        )
        return render(request, "printing/workstation_sheet_form.html", context, status=422)
    if form.is_valid():
        try:
            services.workstation_sheet_save(
                sheet=form.instance, risks=form.risks(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Workstation sheet saved."))
            return redirect(
                "printing:trajectory", org=request.organisation.slug, public_id=public_id
            )
    return render(request, "printing/workstation_sheet_form.html", context, status=422)


def _evaluation(request: HttpRequest, public_id: UUID):
    from django.apps import apps

    if not apps.is_installed("werkplek.evaluations"):
        raise Http404
    from werkplek.printing.evaluations import evaluation_for

    evaluation = evaluation_for(request.membership, public_id)
    if evaluation is None:
        raise Http404
    return evaluation


def _pdf_response(content: bytes, title: str) -> HttpResponse:
    """The PDF to read in the browser, named after its title (cleaned by core.downloads:
    no "/" from a month, no line break from a name)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"{title}.pdf", attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response


@member_required(*READERS, Membership.Role.GUEST)
def evaluation_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The report of an evaluation: self vs mentor, action points, signatures. A guest gets
    the evaluations they were invited to, as long as they read the trajectory (the same
    door as the evaluation page: evaluations_visible_to)."""
    evaluation = _evaluation(request, public_id)
    content, title = services.evaluation_render(evaluation, membership=request.membership)
    return _pdf_response(content, title)


@member_required(*STAFF_ROLES)
@require_POST
def evaluation_store(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    document = services.evaluation_store(evaluation, membership=request.membership, by=request.user)
    messages.success(
        request,
        _("“%(title)s” kept as version %(version)s.")
        % {"title": document.title, "version": document.version},
    )
    return redirect(
        "printing:trajectory",
        org=request.organisation.slug,
        public_id=evaluation.trajectory.public_id,
    )


@member_required(*STAFF_ROLES)
def print_settings(request: HttpRequest) -> HttpResponse:
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.organisation_logo_set(
                    organisation=request.organisation,
                    file=form.cleaned_data["logo"],
                    remove=form.cleaned_data["remove"],
                )
            except ValidationError as error:
                form.add_error("logo", error)
            else:
                messages.success(request, _("Print settings saved."))
                return redirect("printing:settings", org=request.organisation.slug)
        status = 422
    else:
        status = 200
    context = {"form": form, "logo": organisation_logo(request.organisation)}
    return render(request, "printing/print_settings.html", context, status=status)
