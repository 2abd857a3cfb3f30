from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from werkplek.accounts.models import STAFF_ROLES, Membership
from werkplek.audit.access_report import access_report
from werkplek.audit.forms import ErasureForm, RetentionForm
from werkplek.audit.gdpr import person_erase, person_export_json, person_export_zip
from werkplek.audit.models import Erasure, RetentionPolicy, SensitiveRead
from werkplek.audit.register import PROCESSING_REGISTER
from werkplek.audit.selectors import trajectory_audit_page
from werkplek.audit.services import sensitive_read_log
from werkplek.candidates.selectors import candidates_visible_to
from werkplek.core.downloads import content_disposition
from werkplek.core.pagination import paginate
from werkplek.core.tenancy import member_required
from werkplek.trajectories.selectors import trajectories_visible_to


@member_required(*STAFF_ROLES)
def trajectory_audit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate"),
        public_id=public_id,
    )
    page, entries = trajectory_audit_page(
        trajectory,
        page=request.GET.get("page"),
        show_medical=request.membership.sees_medical_data,
    )
    return render(
        request,
        "audit/trajectory_audit.html",
        {"trajectory": trajectory, "page": page, "entries": entries},
    )


@member_required(*STAFF_ROLES)
def sensitive_reads(request: HttpRequest) -> HttpResponse:
    reads = SensitiveRead.objects.filter(organisation=request.organisation).select_related(
        "user", "candidate"
    )
    return render(request, "audit/sensitive_reads.html", {"page": paginate(request, reads)})


def _candidate(request: HttpRequest, public_id: UUID):
    return get_object_or_404(
        candidates_visible_to(request.membership).select_related("organisation"),
        public_id=public_id,
    )


@member_required(*STAFF_ROLES)
def privacy(request: HttpRequest) -> HttpResponse:
    """The processing register, and (for admins) the retention period."""
    policy = RetentionPolicy.objects.filter(organisation=request.organisation).first()
    policy = policy or RetentionPolicy(
        organisation=request.organisation, years_after_end=settings.RETENTION_YEARS_DEFAULT
    )
    can_edit = request.membership.role == Membership.Role.ADMIN
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("Retention period saved."))
            return redirect("audit:privacy", org=request.organisation.slug)
    context = {
        "register": PROCESSING_REGISTER,
        "form": form,
        "can_edit": can_edit,
        "erasures": Erasure.objects.filter(organisation=request.organisation).select_related("by")[
            :20
        ],
    }
    return render(
        request,
        "audit/privacy.html",
        context,
        status=422 if request.method == "POST" else 200,
    )


@member_required(*STAFF_ROLES)
def person(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Everything Werkplek keeps about one person, readable (and printable)."""
    candidate = _candidate(request, public_id)
    sensitive_read_log(request=request, candidate=candidate, what="gdpr_export")
    return render(
        request, "audit/person.html", {"candidate": candidate, "report": access_report(candidate)}
    )


@member_required(*STAFF_ROLES)
def person_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The same report as a PDF to hand over, in the person's own language."""
    from werkplek.printing.pdf import render_pdf
    from werkplek.printing.selectors import organisation_logo

    candidate = _candidate(request, public_id)
    sensitive_read_log(request=request, candidate=candidate, what="gdpr_export")
    language = candidate.language or request.LANGUAGE_CODE
    with translation.override(language):
        title = _("Your data in Werkplek: %(name)s") % {"name": candidate.full_name}
        report = access_report(candidate)
    content = render_pdf(
        "audit/pdf/access_report.html",
        {
            "candidate": candidate,
            "organisation": candidate.organisation,
            "logo": organisation_logo(candidate.organisation),
            "document_title": title,
            "report": report,
        },
        language=language,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"werkplek-{str(candidate.public_id)[:8]}.pdf", attachment=True
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required(*STAFF_ROLES)
def person_json(request: HttpRequest, public_id: UUID) -> HttpResponse:
    candidate = _candidate(request, public_id)
    sensitive_read_log(request=request, candidate=candidate, what="gdpr_export")
    response = HttpResponse(person_export_json(candidate), content_type="application/json")
    response["Content-Disposition"] = content_disposition(
        f"werkplek-{str(candidate.public_id)[:8]}.json", attachment=True
    )
    return response


@member_required(*STAFF_ROLES)
def person_zip(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The JSON export with the person's files, in one zip."""
    candidate = _candidate(request, public_id)
    sensitive_read_log(request=request, candidate=candidate, what="gdpr_export")
    response = HttpResponse(person_export_zip(candidate), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(
        f"werkplek-{str(candidate.public_id)[:8]}.zip", attachment=True
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required(Membership.Role.ADMIN)
def person_erase_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    candidate = _candidate(request, public_id)
    form = ErasureForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            person_erase(candidate=candidate, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The person is anonymised."))
            return redirect("candidates:detail", org=request.organisation.slug, public_id=public_id)
        return render(
            request, "audit/person_erase.html", {"candidate": candidate, "form": form}, status=422
        )
    return render(request, "audit/person_erase.html", {"candidate": candidate, "form": form})
