from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.competences.models import CompetenceRating
from werkplek.competences.selectors import framework_for
from werkplek.core.tenancy import member_required
from werkplek.plans import acknowledgements, services
from werkplek.plans.calendar import CalendarView, calendar_for
from werkplek.plans.forms import AcknowledgeForm, GoalForm, MomentForm, ReviseForm, SendForm
from werkplek.plans.models import LearningMoment, PlanGoal, PlanVersion
from werkplek.plans.selectors import (
    competence_progress,
    last_dispatch,
    learning_moments_visible_to,
    logged_moment_lineages,
    plan_goals_visible_to,
    plan_versions_visible_to,
    version_goals,
    version_moments,
)
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

PLAN_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _can_edit(request: HttpRequest) -> bool:
    return request.membership.role in MENTORING_ROLES


def _plan_url(trajectory: Trajectory) -> str:
    return reverse(
        "plans:plan",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


def _version_context(version: PlanVersion) -> dict:
    trajectory = version.trajectory
    logged = logged_moment_lineages(trajectory)
    moments = version_moments(version)
    today = timezone.localdate()
    for moment in moments:
        moment.is_logged = moment.lineage in logged
        moment.is_past = moment.date < today
    return {
        "version": version,
        "goals": version_goals(version),
        "moments": moments,
        "dispatch": last_dispatch(version) if not version.is_draft else None,
        "today": today,
        "can_log": trajectory.is_open,
    }


@member_required(*PLAN_ROLES)
def plan(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The trajectory's opleidingsplan: the version that counts, or the draft being written."""
    trajectory = _trajectory(request, public_id)
    versions = list(trajectory.plan_versions.select_related("agreed_by").order_by("-number"))
    agreed = next((v for v in versions if v.status == PlanVersion.Status.AGREED), None)
    draft = next((v for v in versions if v.is_draft), None)
    can_edit = _can_edit(request)
    shown = (draft or agreed) if can_edit else agreed
    context = {
        "trajectory": trajectory,
        "versions": versions if can_edit else [v for v in versions if not v.is_draft],
        "agreed": agreed,
        "draft": draft,
        "can_edit": can_edit and trajectory.is_open,
        "progress": competence_progress(trajectory, only_goals=True),
    }
    if shown is not None:
        context.update(_version_context(shown))
        context["editable"] = context["can_edit"] and shown.is_draft
    if can_edit:
        context["baseline_count"] = CompetenceRating.objects.filter(
            trajectory=trajectory, source=CompetenceRating.Source.BASELINE
        ).count()
        framework = framework_for(trajectory)
        context["competence_count"] = (
            framework.competences.filter(is_active=True).count() if framework else 0
        )
    return render(request, "plans/plan.html", context)


@member_required(*PLAN_ROLES)
def version_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    versions = plan_versions_visible_to(request.membership)
    if not _can_edit(request):
        versions = versions.exclude(status=PlanVersion.Status.DRAFT)
    version = get_object_or_404(versions.select_related("agreed_by"), public_id=public_id)
    context = {"trajectory": version.trajectory, **_version_context(version)}
    return render(request, "plans/version_detail.html", context)


@member_required(*MENTORING_ROLES)
@require_POST
def plan_start(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    try:
        services.plan_start(trajectory=trajectory, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_plan_url(trajectory))


def _draft_or_redirect(request: HttpRequest, trajectory: Trajectory) -> PlanVersion | None:
    if not trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its plan no longer changes."))
        return None
    draft = trajectory.plan_versions.filter(status=PlanVersion.Status.DRAFT).first()
    if draft is None:
        messages.error(
            request, _("The plan is agreed: change the plan first, then add or edit in the draft.")
        )
    return draft


def _editable(request: HttpRequest, version: PlanVersion) -> bool:
    if not version.trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its plan no longer changes."))
        return False
    if not version.is_draft:
        messages.error(request, _("This version is agreed and no longer changes."))
        return False
    return True


def _goal_form_page(
    request: HttpRequest, form: GoalForm, version: PlanVersion, goal: PlanGoal | None
) -> HttpResponse:
    trajectory = version.trajectory
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_goal_save(goal=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect(_plan_url(trajectory) + "#goals")
    context = {"form": form, "trajectory": trajectory, "version": version, "goal": goal}
    status = 422 if request.method == "POST" else 200
    return render(request, "plans/goal_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
def goal_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    version = _draft_or_redirect(request, trajectory)
    if version is None:
        return redirect(_plan_url(trajectory))
    form = GoalForm(
        request.POST or None,
        instance=PlanGoal(version=version),
        framework=framework_for(trajectory),
        initial={"target_date": trajectory.period_end},
    )
    return _goal_form_page(request, form, version, None)


def _goal(request: HttpRequest, public_id: UUID) -> PlanGoal:
    return get_object_or_404(plan_goals_visible_to(request.membership), public_id=public_id)


@member_required(*MENTORING_ROLES)
def goal_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    goal = _goal(request, public_id)
    trajectory = goal.version.trajectory
    if not _editable(request, goal.version):
        return redirect(_plan_url(trajectory))
    form = GoalForm(request.POST or None, instance=goal, framework=framework_for(trajectory))
    return _goal_form_page(request, form, goal.version, goal)


@member_required(*MENTORING_ROLES)
@require_POST
def goal_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    goal = _goal(request, public_id)
    try:
        services.plan_goal_delete(goal=goal)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Goal deleted."))
    return redirect(_plan_url(goal.version.trajectory) + "#goals")


@member_required(*MENTORING_ROLES)
@require_POST
def goals_from_baseline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    version = _draft_or_redirect(request, trajectory)
    if version is not None:
        added = services.plan_goals_from_baseline(version=version)
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s goal added from the baseline.",
                    "%(count)s goals added from the baseline.",
                    added,
                )
                % {"count": added},
            )
        else:
            messages.info(request, _("No competence below the acquired level without a goal."))
    return redirect(_plan_url(trajectory) + "#goals")


def _moment_form_page(
    request: HttpRequest, form: MomentForm, version: PlanVersion, moment: LearningMoment | None
) -> HttpResponse:
    trajectory = version.trajectory
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_moment_save(
                moment=form.save(commit=False), goals=form.cleaned_data["goals"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Learning moment saved."))
            return redirect(_plan_url(trajectory) + "#moments")
    context = {"form": form, "trajectory": trajectory, "version": version, "moment": moment}
    status = 422 if request.method == "POST" else 200
    return render(request, "plans/moment_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
def moment_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    version = _draft_or_redirect(request, trajectory)
    if version is None:
        return redirect(_plan_url(trajectory))
    mentor = trajectory.mentors.first()
    form = MomentForm(
        request.POST or None,
        instance=LearningMoment(version=version),
        version=version,
        initial={"led_by": mentor.pk if mentor else None},
    )
    return _moment_form_page(request, form, version, None)


def _moment(request: HttpRequest, public_id: UUID) -> LearningMoment:
    return get_object_or_404(learning_moments_visible_to(request.membership), public_id=public_id)


@member_required(*MENTORING_ROLES)
def moment_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    moment = _moment(request, public_id)
    if not _editable(request, moment.version):
        return redirect(_plan_url(moment.version.trajectory))
    form = MomentForm(request.POST or None, instance=moment, version=moment.version)
    return _moment_form_page(request, form, moment.version, moment)


@member_required(*MENTORING_ROLES)
@require_POST
def moment_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    moment = _moment(request, public_id)
    try:
        services.learning_moment_delete(moment=moment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Learning moment deleted."))
    return redirect(_plan_url(moment.version.trajectory) + "#moments")


@member_required(*MENTORING_ROLES)
@require_POST
def version_agree(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Put the draft to its parties: it is agreed when they have all acknowledged it."""
    version = get_object_or_404(plan_versions_visible_to(request.membership), public_id=public_id)
    try:
        version = acknowledgements.plan_version_propose(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if version.is_draft:
            text = _("Version %(number)s goes to the trainee and the mentor to agree.")
        else:
            text = _("Version %(number)s of the opleidingsplan is agreed.")
        messages.success(request, text % {"number": version.number})
    return redirect(_plan_url(version.trajectory))


@member_required(*PLAN_ROLES, Membership.Role.GUEST)
def version_acknowledge(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A party reads the proposed version and acknowledges it (typed name and a tick)."""
    version = get_object_or_404(
        plan_versions_visible_to(request.membership).filter(
            status=PlanVersion.Status.DRAFT, proposed_at__isnull=False
        ),
        public_id=public_id,
    )
    parties = acknowledgements.plan_parties(version)
    signatures = list(version.acknowledgements.order_by("signed_at"))
    signed = {signature.signer_id for signature in signatures}
    may_sign = request.user.pk in {p.user_id for p in parties} and request.user.pk not in signed
    form = AcknowledgeForm(request.POST or None, initial={"typed_name": request.user.full_name})
    if request.method == "POST" and may_sign and form.is_valid():
        try:
            acknowledgements.plan_version_acknowledge(
                version=version,
                membership=request.membership,
                typed_name=form.cleaned_data["typed_name"],
                agreed=form.cleaned_data["agreed"],
                ip_address=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your agreement is recorded."))
            return redirect(request.path)
    context = {
        "trajectory": version.trajectory,
        "form": form,
        "may_sign": may_sign,
        "signatures": signatures,
        "waiting": len({p.user_id for p in parties} - signed),
        **_version_context(version),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "plans/acknowledge.html", context, status=status)


@member_required(*MENTORING_ROLES)
def plan_revise(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    form = ReviseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.plan_revise(
                trajectory=trajectory, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(number)s is a draft now: change it, then agree it.")
                % {"number": version.number},
            )
            return redirect(_plan_url(trajectory))
    status = 422 if request.method == "POST" else 200
    return render(
        request, "plans/revise.html", {"form": form, "trajectory": trajectory}, status=status
    )


@member_required(*MENTORING_ROLES)
def plan_send(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    version = trajectory.plan_versions.filter(status=PlanVersion.Status.AGREED).first()
    if version is None:
        messages.error(request, _("Agree the plan before you send the planning."))
        return redirect(_plan_url(trajectory))
    form = SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch = services.plan_send(
                version=version,
                method=form.cleaned_data["method"],
                message=form.cleaned_data["message"],
                by=request.user,
                base_url=request.build_absolute_uri(_plan_url(trajectory)),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if dispatch.sent_to:
                messages.success(
                    request, _("The planning was sent to %(email)s.") % {"email": dispatch.sent_to}
                )
            else:
                messages.success(request, _("Recorded: the planning was handed over."))
            return redirect(_plan_url(trajectory))
    context = {
        "form": form,
        "trajectory": trajectory,
        "version": version,
        "moments": version_moments(version, start=timezone.localdate()),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "plans/send.html", context, status=status)


def _parse_day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@member_required(*PLAN_ROLES)
def calendar(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The planned learning moments of one trainee per week or per month."""
    trajectory = _trajectory(request, public_id)
    view = CalendarView.WEEK if request.GET.get("view") == "week" else CalendarView.MONTH
    day = _parse_day(request.GET.get("day"))
    if day.year < 2000 or day.year > 2100:
        day = timezone.localdate()
    calendar_page = calendar_for(
        trajectory=trajectory, day=day, view=view, include_drafts=_can_edit(request)
    )
    return render(
        request,
        "plans/calendar.html",
        {"trajectory": trajectory, "calendar": calendar_page, "today": timezone.localdate()},
    )


@member_required(Membership.Role.TRAINEE)
def my_plan(request: HttpRequest) -> HttpResponse:
    """A trainee's own opleidingsplan (their open trajectory, else the latest one)."""
    trajectories = trajectories_visible_to(request.membership).order_by("-created_at")
    trajectory = trajectories.filter(status__in=OPEN_STATUSES).first() or trajectories.first()
    if trajectory is None:
        raise Http404
    return redirect(_plan_url(trajectory))
