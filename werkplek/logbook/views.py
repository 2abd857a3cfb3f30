from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.competences.models import CompetenceRating
from werkplek.competences.selectors import competences_of, framework_for
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.followup.models import FollowUpRule
from werkplek.logbook import services
from werkplek.logbook.forms import LogEntryForm
from werkplek.logbook.models import LogEntry
from werkplek.logbook.selectors import (
    can_change,
    is_changeable,
    log_entries_for,
    log_entries_visible_to,
    logbook_totals,
)
from werkplek.plans.models import LearningMoment
from werkplek.plans.selectors import plan_current
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

LOGBOOK_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _list_url(trajectory: Trajectory) -> str:
    return reverse(
        "logbook:list",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


@member_required(*LOGBOOK_ROLES)
def entry_list(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    kind = request.GET.get("kind", "")
    if kind not in LogEntry.Kind.values:
        kind = ""
    page = paginate(request, log_entries_for(trajectory, kind=kind))
    for entry in page.object_list:
        entry.trajectory = trajectory
        entry.changeable = is_changeable(entry) and can_change(entry, request.membership)
    return render(
        request,
        "logbook/entry_list.html",
        {
            "trajectory": trajectory,
            "page": page,
            "query": query_without_page(request),
            "kind": kind,
            "kinds": LogEntry.Kind.choices,
            "totals": logbook_totals(trajectory),
            "can_write": trajectory.is_open,
        },
    )


def _moments_for(trajectory: Trajectory, entry: LogEntry | None = None):
    version = plan_current(trajectory)
    wanted = Q(version=version, date__lte=timezone.localdate()) if version else Q(pk__in=[])
    if entry is not None and entry.planned_moment_id:
        wanted |= Q(pk=entry.planned_moment_id)
    return LearningMoment.objects.filter(wanted).order_by("-date", "-start_time")


def _form(request: HttpRequest, trajectory: Trajectory, entry: LogEntry | None = None, **kw):
    framework = framework_for(trajectory)
    competences = competences_of(framework) if framework else []
    levels = {}
    if entry is not None:
        levels = dict(
            CompetenceRating.objects.filter(source_ref=entry.public_id).values_list(
                "competence_id", "level"
            )
        )
    return LogEntryForm(
        request.POST or None,
        request.FILES or None,
        framework=framework,
        competences=competences,
        moments=_moments_for(trajectory, entry),
        may_rate=request.membership.role in MENTORING_ROLES,
        entry=entry,
        levels=levels,
        topics=FollowUpRule.objects.filter(
            trajectory=trajectory, subject=FollowUpRule.Subject.TOPIC
        ).order_by("topic", "id"),
        **kw,
    )


def _next_url(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, {request.get_host()}, request.is_secure()
    ):
        return wanted
    return default


def _render_form(request, trajectory, form, entry, status=200) -> HttpResponse:
    context = {
        "trajectory": trajectory,
        "form": form,
        "entry": entry,
        "next": _next_url(request, ""),
    }
    return render(request, "logbook/entry_form.html", context, status=status)


@member_required(*LOGBOOK_ROLES)
def entry_create(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    if not trajectory.is_open:
        return _closed(request, trajectory)
    initial = {}
    moment_id = request.GET.get("moment", "")
    if moment_id:
        moment = _moments_for(trajectory).filter(public_id__in=_uuids(moment_id)).first()
        if moment is not None:
            initial = {
                "kind": LogEntry.Kind.ORGANISED,
                "planned_moment": moment.pk,
                "date": moment.date,
                "hours": moment.duration_hours,
            }
    topic = FollowUpRule.objects.filter(
        trajectory=trajectory,
        subject=FollowUpRule.Subject.TOPIC,
        public_id__in=_uuids(request.GET.get("topic", "")),
    ).first()
    if topic is not None:  # "log it" from a follow-up moment on this topic
        initial["followup_topics"] = [topic.pk]
    form = _form(request, trajectory, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.log_entry_create(
                    trajectory=trajectory,
                    author=request.user,
                    by_trainee=request.membership.role == Membership.Role.TRAINEE,
                    day=data["date"],
                    kind=data["kind"],
                    description=data["description"],
                    planned_moment=data["planned_moment"],
                    hours=data["hours"],
                    observations=form.observations(),
                    photo=data["photo"],
                    topics=data.get("followup_topics") or [],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Logged for %(name)s.") % {"name": trajectory.candidate.first_name},
                )
                return redirect(_next_url(request, _list_url(trajectory)))
        return _render_form(request, trajectory, form, None, status=422)
    return _render_form(request, trajectory, form, None)


def _uuids(value: str) -> list[UUID]:
    try:
        return [UUID(value)]
    except ValueError:
        return []


def _closed(request: HttpRequest, trajectory: Trajectory) -> HttpResponse:
    messages.error(request, _("This trajectory is closed; its logbook no longer changes."))
    return redirect(_list_url(trajectory))


def _entry(request: HttpRequest, public_id: UUID) -> LogEntry:
    entry = get_object_or_404(log_entries_visible_to(request.membership), public_id=public_id)
    if not can_change(entry, request.membership):
        raise PermissionDenied
    return entry


@member_required(*LOGBOOK_ROLES)
def entry_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    entry = _entry(request, public_id)
    trajectory = entry.trajectory
    if not is_changeable(entry):
        return _closed(request, trajectory)
    form = _form(
        request,
        trajectory,
        entry,
        initial={
            "date": entry.date,
            "kind": entry.kind,
            "planned_moment": entry.planned_moment_id,
            "description": entry.description,
            "hours": entry.hours,
            "followup_topics": list(entry.followup_topics.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.log_entry_update(
                    entry=entry,
                    by=request.user,
                    day=data["date"],
                    kind=data["kind"],
                    description=data["description"],
                    planned_moment=data["planned_moment"],
                    hours=data["hours"],
                    observations=form.observations(),
                    photo=data["photo"],
                    topics=data.get("followup_topics") or [],
                    remove_photo=data.get("remove_photo", False),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(_list_url(trajectory))
        return _render_form(request, trajectory, form, entry, status=422)
    return _render_form(request, trajectory, form, entry)


@member_required(*LOGBOOK_ROLES)
@require_POST
def entry_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    entry = _entry(request, public_id)
    trajectory = entry.trajectory
    try:
        services.log_entry_delete(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_list_url(trajectory))
    messages.success(request, _("The logbook entry was deleted."))
    return redirect(_list_url(trajectory))


@member_required(*LOGBOOK_ROLES)
def entry_photo(request: HttpRequest, public_id: UUID) -> FileResponse:
    entry = get_object_or_404(log_entries_visible_to(request.membership), public_id=public_id)
    if not entry.photo:
        raise Http404
    try:
        handle = entry.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_required(Membership.Role.TRAINEE)
def my_logbook(request: HttpRequest) -> HttpResponse:
    trajectories = trajectories_visible_to(request.membership).order_by("-created_at")
    trajectory = trajectories.filter(status__in=OPEN_STATUSES).first() or trajectories.first()
    if trajectory is None:
        raise Http404
    return redirect(_list_url(trajectory))
