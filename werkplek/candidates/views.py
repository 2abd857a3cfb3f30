from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.selectors import candidates_search, candidates_visible_to
from werkplek.candidates.services import candidate_update
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.trajectories.selectors import trajectories_visible_to


@member_required(*STAFF_ROLES)
def candidate_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").replace("\x00", "")[:100]  # PostgreSQL refuses NUL
    candidates = candidates_search(candidates_visible_to(request.membership), search)
    page = paginate(request, candidates.order_by("last_name", "first_name", "id"))
    context = {"page": page, "q": search, "query": query_without_page(request)}
    return render(request, "candidates/candidate_list.html", context)


@member_required(*MENTORING_ROLES)
def candidate_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    candidate = get_object_or_404(candidates_visible_to(request.membership), public_id=public_id)
    trajectories = trajectories_visible_to(request.membership).filter(candidate=candidate)
    return render(
        request,
        "candidates/candidate_detail.html",
        {
            "candidate": candidate,
            "trajectories": trajectories,
            "can_edit": request.membership.is_staff_role,
        },
    )


@member_required(*STAFF_ROLES)
def candidate_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    candidate = get_object_or_404(candidates_visible_to(request.membership), public_id=public_id)
    form = CandidateForm(request.POST or None, instance=candidate)
    if request.method == "POST":
        if form.is_valid():
            try:
                candidate_update(
                    candidate=candidate.__class__.objects.get(pk=candidate.pk),
                    version=form.opened_version,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(
                    "candidates:detail", org=request.organisation.slug, public_id=public_id
                )
        return render(
            request,
            "candidates/candidate_form.html",
            {"form": form, "candidate": candidate},
            status=422,
        )
    return render(request, "candidates/candidate_form.html", {"form": form, "candidate": candidate})
