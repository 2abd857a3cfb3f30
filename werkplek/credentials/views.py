from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.audit.services import sensitive_read_log
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.credentials import services
from werkplek.credentials.exports import mentor_names, radar_table
from werkplek.credentials.forms import CredentialForm, CredentialTypeForm, RadarFilterForm
from werkplek.credentials.models import Credential, CredentialType
from werkplek.credentials.selectors import (
    credential_rows,
    credential_types_of,
    credential_warnings,
    credentials_radar,
    credentials_visible_to,
    trajectory_credentials,
)
from werkplek.credentials.validity import credential_validity
from werkplek.exports.tables import CHUNK, export_response
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except (TypeError, ValueError):
        return None


def _trajectory(request: HttpRequest, public_id: UUID | None) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _back(request: HttpRequest, credential: Credential) -> HttpResponse:
    """Back to the trajectory the user came from, else to the radar."""
    trajectory = (
        trajectories_visible_to(request.membership)
        .filter(
            candidate_id=credential.candidate_id,
            public_id=_uuid(request.GET.get("trajectory", "")),
        )
        .first()
    )
    if trajectory is None:
        return redirect("credentials:radar", org=request.organisation.slug)
    return redirect(
        "credentials:trajectory", org=request.organisation.slug, public_id=trajectory.public_id
    )


@member_required(*READ_ROLES)
def credentials_tab(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    today = timezone.localdate()
    rows = credential_rows(
        loaded=trajectory_credentials(trajectory),
        today=today,
        show_medical=request.membership.sees_medical_data,
        kind=trajectory.kind,
    )
    if any(row.type.is_medical and row.current and not row.hides_details for row in rows):
        sensitive_read_log(request=request, candidate=trajectory.candidate, what="medical_fitness")
    context = {
        "trajectory": trajectory,
        "rows": rows,
        "warnings": credential_warnings(trajectory=trajectory, rows=rows, today=today),
        "can_manage": request.membership.is_staff_role,
        "today": today,
    }
    return render(request, "credentials/trajectory_credentials.html", context)


def _form_page(request, *, form, trajectory, credential_type, credential=None, status=200):
    context = {
        "form": form,
        "trajectory": trajectory,
        "credential_type": credential_type,
        "credential": credential,
    }
    return render(request, "credentials/credential_form.html", context, status=status)


@member_required(*STAFF_ROLES)
def credential_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    credential_type = get_object_or_404(
        credential_types_of(request.organisation), public_id=_uuid(request.GET.get("type", ""))
    )
    form = CredentialForm(
        request.POST or None,
        request.FILES or None,
        credential_type=credential_type,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.credential_record(
                    candidate=trajectory.candidate,
                    credential_type=credential_type,
                    by=request.user,
                    verified=form.cleaned_data["verified"],
                    evidence_file=form.cleaned_data.get("evidence_file"),
                    **form.credential_fields(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%s recorded.") % credential_type)
                return redirect(
                    "credentials:trajectory",
                    org=request.organisation.slug,
                    public_id=trajectory.public_id,
                )
        return _form_page(
            request, form=form, trajectory=trajectory, credential_type=credential_type, status=422
        )
    return _form_page(request, form=form, trajectory=trajectory, credential_type=credential_type)


def _credential(request: HttpRequest, public_id: UUID) -> Credential:
    return get_object_or_404(
        credentials_visible_to(request.membership).select_related("type", "candidate"),
        public_id=public_id,
    )


@member_required(*STAFF_ROLES)
def credential_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    credential = _credential(request, public_id)
    trajectory = (
        trajectories_visible_to(request.membership)
        .filter(
            candidate_id=credential.candidate_id,
            public_id=_uuid(request.GET.get("trajectory", "")),
        )
        .select_related("candidate")
        .first()
    )
    form = CredentialForm(
        request.POST or None,
        request.FILES or None,
        credential_type=credential.type,
        initial=CredentialForm.initial_for(credential),
        record=credential,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.credential_update(
                    credential=Credential.objects.select_related("type", "candidate").get(
                        pk=credential.pk
                    ),
                    by=request.user,
                    # unticked: no new check, an earlier one stands while what it saw is unchanged
                    verified=form.cleaned_data["verified"] or None,
                    evidence_file=form.cleaned_data.get("evidence_file"),
                    version=form.opened_version,
                    **form.credential_fields(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return _back(request, credential)
        return _form_page(
            request,
            form=form,
            trajectory=trajectory,
            credential_type=credential.type,
            credential=credential,
            status=422,
        )
    if credential.type.is_medical:
        sensitive_read_log(request=request, candidate=credential.candidate, what="medical_fitness")
    return _form_page(
        request,
        form=form,
        trajectory=trajectory,
        credential_type=credential.type,
        credential=credential,
    )


@member_required(*STAFF_ROLES)
@require_POST
def credential_verify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    credential = _credential(request, public_id)
    try:
        services.credential_verify(credential=credential, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%s verified.") % credential.type)
    return _back(request, credential)


@member_required(*STAFF_ROLES)
@require_POST
def credential_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    credential = _credential(request, public_id)
    services.credential_delete(credential=credential, by=request.user)
    messages.success(request, _("%s deleted.") % credential.type)
    return _back(request, credential)


def _radar_credentials(request: HttpRequest, today) -> tuple[RadarFilterForm, QuerySet, str]:
    """The radar's credentials with the filters and sort order of the query string."""
    form = RadarFilterForm(request.GET or None, organisation=request.organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    show = filters.get("show") or RadarFilterForm.SHOW_ALL
    sort = filters.get("sort") or "expires_on"
    credentials = credentials_radar(
        request.membership,
        today=today,
        within=0 if show == RadarFilterForm.SHOW_EXPIRED else filters.get("within") or 90,
        expired=show != RadarFilterForm.SHOW_UPCOMING,
        credential_type=filters.get("type"),
        sort=sort,
    )
    if show == RadarFilterForm.SHOW_EXPIRED:
        credentials = credentials.filter(expires_on__lt=today)
    return form, credentials, sort


@member_required(*STAFF_ROLES)
def radar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, credentials, sort = _radar_credentials(request, today)
    page = paginate(request, credentials)
    for credential in page.object_list:
        credential.validity = credential_validity(credential, today=today)
        credential.days_ago = -(credential.validity.days_left or 0)
        credential.mentor_names = mentor_names(credential)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    context = {
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "sort_query": params.urlencode(),
        "sort": sort,
        "today": today,
    }
    return render(request, "credentials/radar.html", context)


@member_required(*STAFF_ROLES)
def radar_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The radar as a spreadsheet, with the radar page's filters and order."""
    today = timezone.localdate()
    _form, credentials, _sort = _radar_credentials(request, today)
    return export_response(request, radar_table(today), credentials.iterator(CHUNK), fmt)


@member_required(*STAFF_ROLES)
def type_list(request: HttpRequest) -> HttpResponse:
    types = CredentialType.objects.filter(organisation=request.organisation).order_by(
        "position", "id"
    )
    return render(request, "credentials/type_list.html", {"types": types})


@member_required(*STAFF_ROLES)
def type_edit(request: HttpRequest, public_id: UUID | None = None) -> HttpResponse:
    if public_id is None:
        credential_type = CredentialType(organisation=request.organisation)
    else:
        credential_type = get_object_or_404(
            CredentialType.objects.filter(organisation=request.organisation), public_id=public_id
        )
    form = CredentialTypeForm(request.POST or None, instance=credential_type)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.credential_type_save(
                    credential_type=form.instance,
                    labels=form.labels(),
                    **{
                        name: value
                        for name, value in form.cleaned_data.items()
                        if not name.startswith("label_") and not form.fields[name].disabled
                    },
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Credential type saved."))
                return redirect("credentials:types", org=request.organisation.slug)
        context = {"form": form, "credential_type": credential_type}
        return render(request, "credentials/type_form.html", context, status=422)
    context = {"form": form, "credential_type": credential_type}
    return render(request, "credentials/type_form.html", context)
