from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkplek.accounts.models import STAFF_ROLES
from werkplek.core.pagination import paginate
from werkplek.core.tenancy import member_required
from werkplek.exports.writers import xlsx_response
from werkplek.imports import services
from werkplek.imports.forms import MappingForm, RunForm, UploadForm
from werkplek.imports.importers import CREATE, ERROR, IMPORTERS, UNCHANGED, UPDATE
from werkplek.imports.models import ImportBatch
from werkplek.imports.selectors import import_batches_visible_to, outcomes_page

SHOW_CHOICES = (ERROR, CREATE, UPDATE, UNCHANGED)


def _get_batch(request: HttpRequest, public_id: UUID) -> ImportBatch:
    return get_object_or_404(import_batches_visible_to(request.membership), public_id=public_id)


@member_required(*STAFF_ROLES)
def import_list(request: HttpRequest) -> HttpResponse:
    """Earlier imports, and the form to upload a new file."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = services.import_batch_create(
            organisation=request.organisation,
            by=request.user,
            kind=form.cleaned_data["kind"],
            file_name=form.cleaned_data["file"].name,
            table=form.table,
        )
        return redirect("imports:columns", org=request.organisation.slug, public_id=batch.public_id)
    page = paginate(request, import_batches_visible_to(request.membership), per_page=20)
    status = 422 if request.method == "POST" else 200
    return render(request, "imports/import_list.html", {"form": form, "page": page}, status=status)


@member_required(*STAFF_ROLES)
def import_columns(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Which column of the file fills which field; saving runs the dry run."""
    batch = _get_batch(request, public_id)
    if batch.status == ImportBatch.Status.IMPORTED:
        return redirect("imports:detail", org=request.organisation.slug, public_id=public_id)
    form = MappingForm(request.POST or None, batch=batch, organisation=request.organisation)
    if request.method == "POST":
        if form.is_valid():
            services.import_batch_check(batch=batch, mapping=form.mapping())
            return redirect("imports:detail", org=request.organisation.slug, public_id=public_id)
        context = {"form": form, "batch": batch}
        return render(request, "imports/import_columns.html", context, status=422)
    return render(request, "imports/import_columns.html", {"form": form, "batch": batch})


@member_required(*STAFF_ROLES)
def import_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The dry run (or, once imported, the outcome), row by row."""
    batch = _get_batch(request, public_id)
    if batch.status == ImportBatch.Status.UPLOADED:
        return redirect("imports:columns", org=request.organisation.slug, public_id=public_id)
    show = request.GET.get("show", "")
    if show not in SHOW_CHOICES:
        show = ERROR if batch.summary.get(ERROR) else ""
    page = Paginator(outcomes_page(batch, show), 50).get_page(request.GET.get("page"))
    context = {
        "batch": batch,
        "importer": IMPORTERS[batch.kind],
        "page": page,
        "show": show,
        "query": f"show={show}",
        "tabs": [(code, batch.summary.get(code, 0)) for code in SHOW_CHOICES],
        "run_form": RunForm(),
        "can_import": batch.status == ImportBatch.Status.CHECKED
        and (batch.summary.get(CREATE, 0) + batch.summary.get(UPDATE, 0)) > 0,
    }
    return render(request, "imports/import_detail.html", context)


@member_required(*STAFF_ROLES)
@require_POST
def import_run(request: HttpRequest, public_id: UUID) -> HttpResponse:
    batch = _get_batch(request, public_id)
    form = RunForm(request.POST)
    skip_errors = form.is_valid() and form.cleaned_data["skip_errors"]
    try:
        batch = services.import_batch_run(batch=batch, by=request.user, skip_errors=skip_errors)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        summary = batch.summary
        counts = {"new": summary[CREATE], "updated": summary[UPDATE], "skipped": summary[ERROR]}
        message = ngettext(
            "Imported: %(new)d new, %(updated)d updated, %(skipped)d row skipped.",
            "Imported: %(new)d new, %(updated)d updated, %(skipped)d rows skipped.",
            counts["skipped"],
        )
        messages.success(request, message % counts)
    return redirect("imports:detail", org=request.organisation.slug, public_id=public_id)


@member_required(*STAFF_ROLES)
@require_POST
def import_discard(request: HttpRequest, public_id: UUID) -> HttpResponse:
    batch = _get_batch(request, public_id)
    try:
        services.import_batch_discard(batch=batch)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("imports:detail", org=request.organisation.slug, public_id=public_id)
    messages.success(request, _("The uploaded file is discarded."))
    return redirect("imports:list", org=request.organisation.slug)


@member_required(*STAFF_ROLES)
def import_template(request: HttpRequest, kind: str = "candidates") -> HttpResponse:
    """An empty spreadsheet with the columns the importer recognises, and one example row."""
    importer = IMPORTERS[kind]
    columns = importer.columns(request.organisation)
    example = importer.example_row()
    rows = [[example.get(column.key, "") for column in columns]]
    return xlsx_response(
        f"{kind}-import.xlsx",
        title=str(importer.label),
        headers=[str(column.label) for column in columns],
        rows=rows,
    )
