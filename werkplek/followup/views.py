from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.competences.selectors import framework_for
from werkplek.core.pagination import paginate
from werkplek.core.tenancy import member_required
from werkplek.followup import services
from werkplek.followup.forms import FollowUpRuleForm, ResolveForm, SettingsForm
from werkplek.followup.models import FollowUpMoment, FollowUpRule
from werkplek.followup.selectors import (
    at_risk_trajectories,
    attach_risk_facts,
    followup_moments_visible_to,
    followup_overview,
    followup_rules_visible_to,
    risk_signals,
    settings_for,
    with_risk_facts,
)
from werkplek.plans.selectors import plan_current
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _page_url(trajectory: Trajectory) -> str:
    return reverse(
        "followup:trajectory",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


@member_required(*MENTORING_ROLES)
def trajectory_followup(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """What is followed up, how often and when; the moments due and done; the signals."""
    trajectory = _trajectory(request, public_id)
    today = timezone.localdate()
    settings = settings_for(request.organisation)
    facts = with_risk_facts(
        Trajectory.objects.filter(pk=trajectory.pk), today=today, settings=settings
    ).get()
    rules = list(
        trajectory.followup_rules.select_related(
            "competence", "goal", "goal__competence", "responsible"
        ).order_by("starts_on", "id")
    )
    context = {
        "trajectory": trajectory,
        "rules": rules,
        "signals": risk_signals(facts, today=today, settings=settings),
        "last_log": facts.last_log,
        "today": today,
        "can_edit": trajectory.is_open,
        **followup_overview(trajectory, today=today),
    }
    return render(request, "followup/trajectory_followup.html", context)


def _rule_form_page(
    request: HttpRequest, trajectory: Trajectory, rule: FollowUpRule
) -> HttpResponse:
    if not trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its follow-up no longer changes."))
        return redirect(_page_url(trajectory))
    version = plan_current(trajectory)
    now = timezone.localdate()
    start = max(trajectory.period_start or now, now)
    if trajectory.period_end and start > trajectory.period_end:
        start = trajectory.period_start
    initial = {}
    if rule.pk is None:
        mentor = trajectory.mentors.first()
        initial = {
            "starts_on": start,
            "ends_on": trajectory.period_end,
            "responsible": mentor.pk if mentor else None,
            "frequency": FollowUpRule.Frequency.WEEKLY,
            "subject": FollowUpRule.Subject.COMPETENCE,
        }
    form = FollowUpRuleForm(
        request.POST or None,
        instance=rule,
        trajectory=trajectory,
        framework=framework_for(trajectory),
        version=version,
        initial=initial,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.followup_rule_save(rule=form.save(commit=False), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                count = saved.moments.count()
                messages.success(
                    request,
                    ngettext(
                        "Follow-up saved: %(count)s moment planned.",
                        "Follow-up saved: %(count)s moments planned.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(_page_url(trajectory))
        status = 422
    else:
        status = 200
    context = {"form": form, "trajectory": trajectory, "rule": rule if rule.pk else None}
    return render(request, "followup/rule_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
def rule_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    return _rule_form_page(request, trajectory, FollowUpRule(trajectory=trajectory))


@member_required(*MENTORING_ROLES)
def rule_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    rule = get_object_or_404(followup_rules_visible_to(request.membership), public_id=public_id)
    return _rule_form_page(request, rule.trajectory, rule)


@member_required(*MENTORING_ROLES)
@require_POST
def rule_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    rule = get_object_or_404(followup_rules_visible_to(request.membership), public_id=public_id)
    trajectory = rule.trajectory
    services.followup_rule_delete(rule=rule, by=request.user)
    messages.success(request, _("The follow-up rule and its moments were deleted."))
    return redirect(_page_url(trajectory))


def _resolve(request: HttpRequest, public_id: UUID, state: str) -> HttpResponse:
    moment = get_object_or_404(followup_moments_visible_to(request.membership), public_id=public_id)
    form = ResolveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.followup_moment_resolve(moment=moment, by=request.user, state=state, note=note)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Follow-up moment updated."))
    return redirect(_page_url(moment.trajectory))


@member_required(*MENTORING_ROLES)
@require_POST
def moment_done(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _resolve(request, public_id, FollowUpMoment.State.DONE)


@member_required(*MENTORING_ROLES)
@require_POST
def moment_skip(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _resolve(request, public_id, FollowUpMoment.State.SKIPPED)


@member_required(*MENTORING_ROLES)
@require_POST
def moment_reopen(request: HttpRequest, public_id: UUID) -> HttpResponse:
    moment = get_object_or_404(followup_moments_visible_to(request.membership), public_id=public_id)
    try:
        services.followup_moment_reopen(moment=moment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_page_url(moment.trajectory))


@member_required(*MENTORING_ROLES)
def board(request: HttpRequest) -> HttpResponse:
    """Every open trajectory the member sees that shows an at-risk signal."""
    today = timezone.localdate()
    settings = settings_for(request.organisation)
    page = paginate(
        request, at_risk_trajectories(request.membership, today=today, settings=settings)
    )
    rows = list(page.object_list)
    attach_risk_facts(rows, today=today, settings=settings)
    for trajectory in rows:
        trajectory.risk = risk_signals(trajectory, today=today, settings=settings)
    return render(
        request,
        "followup/board.html",
        {"page": page, "settings": settings, "can_configure": request.membership.is_staff_role},
    )


@member_required(*STAFF_ROLES)
def settings_edit(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=settings_for(request.organisation))
    if request.method == "POST":
        if form.is_valid():
            services.followup_settings_save(settings=form.save(commit=False))
            messages.success(request, _("Changes saved."))
            return redirect("followup:board", org=request.organisation.slug)
        return render(request, "followup/settings.html", {"form": form}, status=422)
    return render(request, "followup/settings.html", {"form": form})
