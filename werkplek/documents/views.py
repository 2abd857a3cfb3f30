from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.core.downloads import download_filename
from werkplek.core.tenancy import member_required
from werkplek.documents import services
from werkplek.documents.forms import DocumentUploadForm, Scope, SlotForm
from werkplek.documents.selectors import documents_visible_to, slot_types_for, trajectory_documents
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _tab(
    request: HttpRequest,
    trajectory: Trajectory,
    *,
    bound: SlotForm | None = None,
    bound_code: str = "",
    status: int = 200,
) -> HttpResponse:
    rows, others = trajectory_documents(trajectory=trajectory, membership=request.membership)
    can_manage = request.membership.is_staff_role and trajectory.is_open
    for row in rows:
        if not can_manage:
            row.form = None
        elif bound is not None and row.slot_type.code == bound_code:
            row.form = bound
        else:
            row.form = SlotForm(
                prefix=f"slot-{row.slot_type.code}",
                initial={"status": row.status, "note": row.slot.note if row.slot else ""},
            )
    context = {
        "trajectory": trajectory,
        "rows": rows,
        "others": others,
        "can_manage": can_manage,
        "can_upload": request.membership.is_staff_role,
        "can_delete": request.membership.is_staff_role,
    }
    return render(request, "documents/trajectory_documents.html", context, status=status)


@member_required(*READ_ROLES)
def documents_tab(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _tab(request, _trajectory(request, public_id))


@member_required(*STAFF_ROLES)
@require_POST
def slot_update(request: HttpRequest, public_id: UUID, code: str) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    slot_type = next((t for t in slot_types_for(trajectory) if t.code == code), None)
    if slot_type is None:
        raise Http404
    form = SlotForm(request.POST, request.FILES, prefix=f"slot-{code}")
    if not trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its documents can no longer change."))
        return _tab(request, trajectory, status=422)
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"]
        if data["file"]:
            status = services.slot_status_after_upload(status)
        try:
            with transaction.atomic():
                slot = services.document_slot_update(
                    trajectory=trajectory,
                    slot_type=slot_type,
                    status=status,
                    note=data["note"],
                    by=request.user,
                )
                if data["file"]:
                    services.document_upload(
                        candidate=trajectory.candidate,
                        trajectory=trajectory,
                        slot=slot,
                        file=data["file"],
                        kind=slot_type.document_kind,
                        by=request.user,
                        title=str(slot_type),
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%s” saved.") % slot_type)
            return redirect(
                "documents:trajectory",
                org=request.organisation.slug,
                public_id=trajectory.public_id,
            )
    return _tab(request, trajectory, bound=form, bound_code=code, status=422)


@member_required(*STAFF_ROLES)
def document_upload(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    form = DocumentUploadForm(
        request.POST or None, request.FILES or None, trajectory_open=trajectory.is_open
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.document_upload(
                    candidate=trajectory.candidate,
                    trajectory=trajectory if data["scope"] == Scope.TRAJECTORY else None,
                    file=data["file"],
                    kind=data["kind"],
                    title=data["title"],
                    expires_on=data["expires_on"],
                    staff_only=data["staff_only"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Document added."))
                return redirect(
                    "documents:trajectory",
                    org=request.organisation.slug,
                    public_id=trajectory.public_id,
                )
        return render(
            request,
            "documents/document_upload.html",
            {"form": form, "trajectory": trajectory},
            status=422,
        )
    return render(
        request, "documents/document_upload.html", {"form": form, "trajectory": trajectory}
    )


@member_required(*READ_ROLES)
def document_download(request: HttpRequest, public_id: UUID) -> FileResponse:
    document = get_object_or_404(documents_visible_to(request.membership), public_id=public_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_filename(document.original_name),
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required(*STAFF_ROLES)
@require_POST
def document_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    document = get_object_or_404(documents_visible_to(request.membership), public_id=public_id)
    services.document_delete(document=document, by=request.user)
    messages.success(request, _("“%s” deleted.") % document.title)
    back = (
        trajectories_visible_to(request.membership)
        .filter(
            candidate_id=document.candidate_id,
            public_id__in=_uuids(request.POST.get("trajectory", "")),
        )
        .first()
    )
    if back is None:
        return redirect(
            "candidates:detail",
            org=request.organisation.slug,
            public_id=document.candidate.public_id,
        )
    return redirect("documents:trajectory", org=request.organisation.slug, public_id=back.public_id)


def _uuids(value: str) -> list[UUID]:
    try:
        return [UUID(value)]
    except ValueError:
        return []
