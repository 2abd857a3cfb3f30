from django.http import HttpRequest, HttpResponse

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.candidates.selectors import candidates_search, candidates_visible_to
from werkplek.core.tenancy import member_required
from werkplek.exports.tables import CANDIDATES, CHUNK, TRAJECTORIES, export_response
from werkplek.trajectories.forms import TrajectoryFilterForm
from werkplek.trajectories.selectors import trajectories_for_list


@member_required(*MENTORING_ROLES)
def trajectories_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The trajectory list with the filters of the list page (same query string)."""
    form = TrajectoryFilterForm(request.GET or None, organisation=request.organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    trajectories = trajectories_for_list(
        request.membership,
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        step=filters.get("step"),
        kind=filters.get("kind", ""),
        mentor=filters.get("mentor"),
    )
    return export_response(request, TRAJECTORIES, trajectories.iterator(CHUNK), fmt)


@member_required(*STAFF_ROLES)
def candidates_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The candidate list with the search of the list page."""
    search = request.GET.get("q", "").replace("\x00", "")[:100]  # PostgreSQL refuses NUL
    candidates = candidates_search(candidates_visible_to(request.membership), search)
    candidates = candidates.order_by("last_name", "first_name", "id")
    return export_response(request, CANDIDATES, candidates.iterator(CHUNK), fmt)
