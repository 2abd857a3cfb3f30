from datetime import date, timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership, User
from werkplek.checklists.selectors import end_formalities_open
from werkplek.competences.selectors import competences_of, framework_for
from werkplek.core.tenancy import member_required
from werkplek.evaluations import services
from werkplek.evaluations.forms import (
    ActionPointForm,
    CorrectForm,
    GoalsForm,
    HoldForm,
    KeptForm,
    LevelsForm,
    OutcomeForm,
    PeriodForm,
    ScheduleForm,
    SignForm,
    ToPlanForm,
)
from werkplek.evaluations.models import ActionPoint, Evaluation, MentorScore, SelfAssessment
from werkplek.evaluations.selectors import (
    evaluations_visible_to,
    outcome_decision_for,
    outcomes_overview,
    plan_goals_for_final,
    side_by_side,
    trainee_sees_mentor_view,
    trajectory_evaluations,
)
from werkplek.trajectories.models import OPEN_STATUSES, Status, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

TRAINEE = Membership.Role.TRAINEE
GUEST = Membership.Role.GUEST
VIEW_ROLES = (*MENTORING_ROLES, TRAINEE)
SIGN_ROLES = (*MENTORING_ROLES, TRAINEE, GUEST)


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


def _evaluation(request: HttpRequest, public_id: UUID) -> Evaluation:
    return get_object_or_404(
        evaluations_visible_to(request.membership).select_related(
            "trajectory__candidate",
            "trajectory__organisation",
            "mentor",
            "coordinator",
            "guest__user",
            "previous",
            "correction",
        ),
        public_id=public_id,
    )


def _list_url(trajectory: Trajectory) -> str:
    return reverse(
        "evaluations:list",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


def _detail_url(evaluation: Evaluation) -> str:
    return reverse(
        "evaluations:detail",
        kwargs={
            "org": evaluation.trajectory.organisation.slug,
            "public_id": evaluation.public_id,
        },
    )


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@member_required(TRAINEE)
def mine(request: HttpRequest) -> HttpResponse:
    """A trainee's evaluations: those of their open trajectory, else the latest one."""
    trajectories = trajectories_visible_to(request.membership).order_by("-created_at")
    trajectory = trajectories.filter(status__in=OPEN_STATUSES).first() or trajectories.first()
    if trajectory is None:
        raise Http404
    return redirect(_list_url(trajectory))


@member_required(*VIEW_ROLES)
def evaluation_list(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    evaluations = trajectory_evaluations(trajectory)
    context = {
        "trajectory": trajectory,
        "evaluations": evaluations,
        "can_schedule": request.membership.role in MENTORING_ROLES and trajectory.is_open,
        "is_staff": request.membership.is_staff_role,
        "decision": outcome_decision_for(trajectory),
        "can_decide": (
            request.membership.is_staff_role
            and trajectory.status == Status.FINISHING
            and any(e.is_final and e.is_held for e in evaluations)
        ),
    }
    return render(request, "evaluations/list.html", context)


def _schedule_page(request, form, trajectory, evaluation=None) -> HttpResponse:
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "evaluations/schedule.html",
        {"form": form, "trajectory": trajectory, "evaluation": evaluation},
        status=status,
    )


@member_required(*MENTORING_ROLES)
def schedule(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    has_interim = trajectory.evaluations.filter(kind=Evaluation.Kind.INTERIM).exists()
    initial = {
        "kind": Evaluation.Kind.FINAL if has_interim else Evaluation.Kind.INTERIM,
        "mentor": trajectory.mentors.first(),
        "coordinator": trajectory.coordinator,
    }
    form = ScheduleForm(request.POST or None, trajectory=trajectory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_schedule(
                trajectory=trajectory,
                kind=form.cleaned_data["kind"],
                by=request.user,
                **form.schedule(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Evaluation scheduled."))
            return redirect(_detail_url(evaluation))
    return _schedule_page(request, form, trajectory)


@member_required(*MENTORING_ROLES)
def reschedule(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    trajectory = evaluation.trajectory
    initial = {
        "scheduled_on": evaluation.scheduled_on,
        "scheduled_at": evaluation.scheduled_at,
        "place": evaluation.place,
        "mentor": evaluation.mentor,
        "coordinator": evaluation.coordinator,
        "guest": evaluation.guest,
    }
    form = ScheduleForm(
        request.POST or None, trajectory=trajectory, evaluation=evaluation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_reschedule(
                evaluation=evaluation, by=request.user, **form.schedule()
            )
        except services.EvaluationLocked as error:
            messages.error(request, error.messages[0])
            return redirect(_detail_url(evaluation))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Evaluation changed."))
            return redirect(_detail_url(evaluation))
    return _schedule_page(request, form, trajectory, evaluation)


@member_required(*SIGN_ROLES)
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _detail_page(request, _evaluation(request, public_id))


def _detail_page(
    request: HttpRequest, evaluation: Evaluation, *, action_form=None, status: int = 200
) -> HttpResponse:
    membership = request.membership
    with_mentor = trainee_sees_mentor_view(evaluation, membership)
    framework = framework_for(evaluation.trajectory)
    rows = side_by_side(evaluation, with_mentor=with_mentor, framework=framework)
    signatures = list(evaluation.signatures.select_related("recorded_by"))
    signed = {signature.party for signature in signatures}
    parties = services.required_parties(evaluation)
    can_edit = membership.role in MENTORING_ROLES and not evaluation.is_locked
    points = []
    if with_mentor:  # this evaluation's action points and the earlier ones it checks
        points = list(
            ActionPoint.objects.filter(
                Q(evaluation=evaluation)
                | Q(pk__in=services.earlier_action_points(evaluation).values("pk"))
            )
            .select_related("competence", "owner", "evaluation")
            .order_by("evaluation__held_on", "position", "id")
        )
    goal_results = []
    if evaluation.is_final and with_mentor:
        goal_results = list(
            evaluation.goal_results.select_related("goal__competence").order_by(
                "goal__position", "goal_id"
            )
        )
    context = {
        "trajectory": evaluation.trajectory,
        "evaluation": evaluation,
        "rows": rows,
        "earlier": rows[0].earlier if rows else [],
        "with_mentor": with_mentor,
        "action_points": [p for p in points if p.evaluation_id == evaluation.pk],
        "earlier_points": [p for p in points if p.evaluation_id != evaluation.pk],
        "kept_form": KeptForm(),
        "goal_results": goal_results,
        "signatures": signatures,
        "missing_parties": [
            (party, label)
            for party, label in services.Party.choices
            if party in parties and party not in signed
        ],
        "can_edit": can_edit,
        "can_plan": membership.role in MENTORING_ROLES and evaluation.is_held,
        "can_sign": evaluation.is_held
        and not evaluation.is_locked
        and _sign_parties(evaluation, membership, signed),
        "can_correct": membership.is_staff_role and evaluation.is_locked and evaluation.is_current,
        "is_trainee": membership.role == TRAINEE,
        "action_form": (
            action_form or ActionPointForm(framework=framework, owners=_owners(evaluation))
        )
        if can_edit
        else None,
        "plan_form": ToPlanForm(),
        "hold_form": HoldForm() if can_edit and not evaluation.is_held else None,
    }
    return render(request, "evaluations/detail.html", context, status=status)


def _levels_form(request, evaluation, model, *, with_summary=False):
    framework = framework_for(evaluation.trajectory)
    if framework is None:
        return None
    existing = {row.competence_id: row for row in model.objects.filter(evaluation=evaluation)}
    return LevelsForm(
        request.POST or None,
        framework=framework,
        competences=competences_of(framework),
        existing=existing,
        with_summary=with_summary,
        evaluation=evaluation,
    )


@member_required(TRAINEE, *STAFF_ROLES)
def self_assessment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The trainee's own screen before the talk, in plain language (staff may record it from
    paper)."""
    evaluation = _evaluation(request, public_id)
    if evaluation.is_held:
        messages.error(request, _("The talk was held: the self-assessment no longer changes."))
        return redirect(_detail_url(evaluation))
    form = _levels_form(request, evaluation, SelfAssessment)
    if form is None:
        messages.error(request, _("Your competences are not listed yet. Ask your mentor."))
        return redirect(_detail_url(evaluation))
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_save(
                evaluation=evaluation, levels=form.levels(), by=request.user
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(_detail_url(evaluation))
        messages.success(request, _("Thank you: your self-assessment is saved."))
        return redirect(_detail_url(evaluation))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "evaluation": evaluation, "trajectory": evaluation.trajectory}
    return render(request, "evaluations/self_assessment.html", context, status=status)


@member_required(*MENTORING_ROLES)
def score(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    form = _levels_form(request, evaluation, MentorScore, with_summary=True)
    if form is None:
        messages.error(request, _("Choose the trajectory's competence framework first."))
        return redirect(_detail_url(evaluation))
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_scores_save(
                evaluation=evaluation,
                levels=form.levels(),
                strengths=form.cleaned_data["strengths"],
                improvements=form.cleaned_data["improvements"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(_detail_url(evaluation))
        messages.success(request, _("Scores saved."))
        return redirect(_detail_url(evaluation))
    status = 422 if request.method == "POST" else 200
    scale = framework_for(evaluation.trajectory).scale
    form.others = {}
    for row in SelfAssessment.objects.filter(evaluation=evaluation):
        row.label = scale.label_for(row.level)
        form.others[row.competence_id] = row
    context = {"form": form, "evaluation": evaluation, "trajectory": evaluation.trajectory}
    return render(request, "evaluations/score.html", context, status=status)


@member_required(*MENTORING_ROLES)
def goals(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    if not evaluation.is_final:
        raise Http404
    plan_goals = plan_goals_for_final(evaluation.trajectory)
    existing = {row.goal_id: row for row in evaluation.goal_results.all()}
    form = GoalsForm(
        request.POST or None, goals=plan_goals, existing=existing, evaluation=evaluation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_results_save(
                evaluation=evaluation,
                results=form.verdicts(),
                judgement=form.cleaned_data["judgement"],
                judgement_note=form.cleaned_data["judgement_note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(_detail_url(evaluation))
        messages.success(request, _("Goals judged."))
        return redirect(_detail_url(evaluation))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "evaluation": evaluation, "trajectory": evaluation.trajectory}
    return render(request, "evaluations/goals.html", context, status=status)


@member_required(*MENTORING_ROLES)
@require_POST
def action_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    form = ActionPointForm(
        request.POST, framework=framework_for(evaluation.trajectory), owners=_owners(evaluation)
    )
    if form.is_valid():
        try:
            services.action_point_add(
                evaluation=evaluation,
                text=form.cleaned_data["text"],
                competence=form.cleaned_data.get("competence"),
                owner=User.objects.filter(pk=form.cleaned_data["owner"]).first(),
                due_on=form.cleaned_data["due_on"],
                by=request.user,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, error.messages[0])
                return redirect(_detail_url(evaluation) + "#actions")
            form.add_error(None, error)
        else:
            messages.success(request, _("Action point added."))
            return redirect(_detail_url(evaluation) + "#actions")
    return _detail_page(request, evaluation, action_form=form, status=422)


def _owners(evaluation: Evaluation) -> list[tuple[int, str]]:
    """Who can own an action point, from what the page loaded: the trainee, the mentor and
    the coordinator of the evaluation."""
    candidate = evaluation.trajectory.candidate
    people = [(candidate.user_id, candidate.full_name)] if candidate.user_id else []
    for person in (evaluation.mentor, evaluation.coordinator):
        if person is not None and person.pk not in {pk for pk, _name in people}:
            people.append((person.pk, person.full_name))
    return people


@member_required(*MENTORING_ROLES)
@require_POST
def action_check(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """At this (next) evaluation: record whether an earlier action point was kept."""
    evaluation = _evaluation(request, public_id)
    form = KeptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose kept or not kept."))
    else:
        point = _action_point(request, form.cleaned_data["point"])
        try:
            services.action_point_check(
                point=point, evaluation=evaluation, kept=form.cleaned_data["kept"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect(_detail_url(evaluation) + "#kept")


def _action_point(request: HttpRequest, public_id: UUID) -> ActionPoint:
    return get_object_or_404(
        ActionPoint.objects.filter(
            evaluation__in=evaluations_visible_to(request.membership).values("pk")
        ).select_related("evaluation__trajectory__organisation", "competence"),
        public_id=public_id,
    )


@member_required(*MENTORING_ROLES)
@require_POST
def action_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    point = _action_point(request, public_id)
    try:
        services.action_point_delete(point=point, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_detail_url(point.evaluation) + "#actions")


@member_required(*MENTORING_ROLES)
@require_POST
def action_to_plan(request: HttpRequest, public_id: UUID) -> HttpResponse:
    point = _action_point(request, public_id)
    form = ToPlanForm(request.POST)
    if form.is_valid():
        try:
            services.action_point_to_plan(
                point=point,
                as_=form.cleaned_data["as_"],
                on=form.cleaned_data["on"],
                hours=form.cleaned_data["hours"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Added to a new version of the opleidingsplan."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_detail_url(point.evaluation) + "#actions")


@member_required(*MENTORING_ROLES)
@require_POST
def hold(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    form = HoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of the talk as dd/mm/yyyy."))
        return redirect(_detail_url(evaluation))
    try:
        services.evaluation_hold(
            evaluation=evaluation, on=form.cleaned_data["held_on"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The evaluation is held; the parties can sign it now."))
    return redirect(_detail_url(evaluation))


def _sign_parties(evaluation: Evaluation, membership: Membership, signed: set) -> list:
    """The parties this member may sign for: their own; staff also on behalf of others."""
    required = services.required_parties(evaluation)
    own = services.parties_of(evaluation, membership)
    return [
        (party, label if party in own else _("%(party)s (on their behalf)") % {"party": label})
        for party, label in services.Party.choices
        if party in required and party not in signed and (party in own or membership.is_staff_role)
    ]


@member_required(*SIGN_ROLES)
def sign(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    membership = request.membership
    if evaluation.is_locked:
        messages.error(request, _("This evaluation is signed and locked."))
        return redirect(_detail_url(evaluation))
    if not evaluation.is_held:
        messages.error(request, _("An evaluation is signed after the talk is held."))
        return redirect(_detail_url(evaluation))
    signed = set(evaluation.signatures.values_list("party", flat=True))
    parties = _sign_parties(evaluation, membership, signed)
    if not parties:
        messages.error(request, _("There is nothing left for you to sign."))
        return redirect(_detail_url(evaluation))
    own = services.parties_of(evaluation, membership)
    initial = {"typed_name": request.user.full_name if parties[0][0] in own else ""}
    others = any(party not in own for party, _label in parties)
    form = SignForm(request.POST or None, parties=parties, others=others, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_sign(
                evaluation=evaluation,
                party=form.cleaned_data["party"],
                typed_name=form.cleaned_data["typed_name"],
                agreed=form.cleaned_data["agreed"],
                membership=membership,
                ip_address=_ip(request),
                on_behalf=form.cleaned_data.get("on_behalf", False),
                on_behalf_reason=form.cleaned_data.get("on_behalf_reason", ""),
            )
        except services.EvaluationLocked as error:
            messages.error(request, error.messages[0])
            return redirect(_detail_url(evaluation))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Signed."))
            return redirect(_detail_url(evaluation))
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "evaluation": evaluation,
        "trajectory": evaluation.trajectory,
        "own": own,
        "is_staff": membership.is_staff_role,
    }
    return render(request, "evaluations/sign.html", context, status=status)


@member_required(*STAFF_ROLES)
def correct(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evaluation = _evaluation(request, public_id)
    form = CorrectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.evaluation_correct(
                evaluation=evaluation, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(number)s drafted; the signed version stays as it was.")
                % {"number": copy.version},
            )
            return redirect(_detail_url(copy))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "evaluation": evaluation, "trajectory": evaluation.trajectory}
    return render(request, "evaluations/correct.html", context, status=status)


def _add_service_errors(form, error: ValidationError) -> None:
    """The service's refusal beside the fields it names; the rest on top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_of_field in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_of_field)


@member_required(*STAFF_ROLES)
def outcome(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The one way to end: what happens next (several continuations together, or stop), the
    end formalities still open (each waived with a reason) and the close, in one step."""
    trajectory = _trajectory(request, public_id)
    if request.method == "GET":
        services.courses_seed(organisation=request.organisation)
    final = services.final_evaluation_held(trajectory)
    decision = outcome_decision_for(trajectory)
    formalities = end_formalities_open(trajectory=trajectory) if decision is None and final else []
    form = OutcomeForm(
        request.POST or None, organisation=request.organisation, formalities=formalities
    )
    if request.method == "POST" and decision is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_record(
                trajectory=trajectory,
                membership=request.membership,
                contract=data["contract"],
                contract_date=data["contract_date"],
                contract_type=data["contract_type"],
                continue_training=data["continue_training"],
                courses=data["courses"],
                course_other=data["course_other"],
                stop=data["stop"],
                reason=data["reason"],
                waivers=form.waivers(),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded; the trajectory is closed."))
            return redirect(trajectory.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "trajectory": trajectory, "final": final, "decision": decision}
    return render(request, "evaluations/outcome.html", context, status=status)


@member_required(*STAFF_ROLES)
def outcomes(request: HttpRequest) -> HttpResponse:
    """The organisation's outcomes: closed trajectories in a period (default: the last year)."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = date(today.year - 1, today.month, 1), today
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    if end < start:
        start, end = end, start
    if (end - start) > timedelta(days=3660):
        start = end - timedelta(days=3660)
    overview = outcomes_overview(request.organisation, start=start, end=end)
    return render(request, "evaluations/outcomes.html", {"form": form, "overview": overview})
