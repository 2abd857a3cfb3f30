from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.selectors import candidates_visible_to
from werkplek.candidates.services import candidate_create
from werkplek.core.downloads import content_disposition
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.intake import services
from werkplek.intake.forms import (
    AnswersForm,
    ApplicationFilterForm,
    ApplicationForm,
    CancelForm,
    MeetingForm,
    QuestionForm,
)
from werkplek.intake.models import Application, GuideQuestion, Meeting, MeetingKind, QuestionGuide
from werkplek.intake.selectors import (
    applications_for_list,
    applications_visible_to,
    guide_for_meeting_kind,
    guide_questions,
    latest_ready_answer,
    meeting_answers,
    meeting_guide,
    meetings_visible_to,
    policy_answers,
    preparation_answers,
    trajectory_meetings,
)
from werkplek.printing.pdf import render_pdf
from werkplek.printing.selectors import organisation_logo
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except (TypeError, ValueError):
        return None


def _trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related(
            "candidate", "organisation", "coordinator"
        ),
        public_id=public_id,
    )


def _to_intake(request: HttpRequest, trajectory: Trajectory) -> HttpResponse:
    return redirect(
        "intake:trajectory", org=request.organisation.slug, public_id=trajectory.public_id
    )


# --- Applications -----------------------------------------------------------------------------


@member_required(*STAFF_ROLES)
def application_list(request: HttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    state = filters.get("state") or "open"
    applications = applications_for_list(
        request.membership, state="" if state == "all" else state, kind=filters.get("kind", "")
    )
    context = {
        "form": form,
        "page": paginate(request, applications),
        "query": query_without_page(request),
    }
    return render(request, "intake/application_list.html", context)


@member_required(*STAFF_ROLES)
def application_new(request: HttpRequest) -> HttpResponse:
    """A new application: the candidate (new, or known with ?candidate=) and what they apply for."""
    existing = None
    if request.GET.get("candidate"):
        existing = (
            candidates_visible_to(request.membership)
            .filter(public_id=_uuid(request.GET["candidate"]))
            .first()
        )
        if existing is None:
            raise Http404
    candidate_form = CandidateForm(request.POST or None, prefix="candidate")
    del candidate_form.fields["source"]  # the application's source is the candidate's
    application_form = ApplicationForm(request.POST or None, prefix="application")
    if request.method == "POST":
        candidate_ok = existing is not None or candidate_form.is_valid()
        if candidate_ok and application_form.is_valid():
            data = application_form.cleaned_data
            try:
                with transaction.atomic():
                    candidate = existing or candidate_create(
                        organisation=request.organisation,
                        **{**candidate_form.cleaned_data, "source": data["source"]},
                    )
                    application = services.application_create(
                        candidate=candidate, by=request.user, coordinator=request.user, **data
                    )
            except ValidationError as error:
                application_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Application of %s recorded. Next: plan the motivation interview.")
                    % candidate.full_name,
                )
                return _to_intake(request, application.trajectory)
    context = {
        "candidate_form": candidate_form,
        "application_form": application_form,
        "existing_candidate": existing,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/application_form.html", context, status=status)


@member_required(*STAFF_ROLES)
def application_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_object_or_404(
        applications_visible_to(request.membership).select_related("candidate", "trajectory"),
        public_id=public_id,
    )
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.application_update(
                    application=Application.objects.select_related("candidate", "trajectory").get(
                        pk=application.pk
                    ),
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return _to_intake(request, application.trajectory)
        context = {"form": form, "trajectory": application.trajectory}
        return render(request, "intake/application_edit.html", context, status=422)
    context = {"form": form, "trajectory": application.trajectory}
    return render(request, "intake/application_edit.html", context)


@member_required(*STAFF_ROLES)
def application_record(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Record the application of a trajectory that was opened without one."""
    trajectory = _trajectory(request, public_id)
    if Application.objects.filter(trajectory=trajectory).exists():
        return _to_intake(request, trajectory)
    form = ApplicationForm(
        request.POST or None,
        initial={"requested_kind": trajectory.kind, "source": trajectory.candidate.source},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.application_record(
                    trajectory=trajectory, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Application recorded."))
                return _to_intake(request, trajectory)
        context = {"form": form, "trajectory": trajectory}
        return render(request, "intake/application_edit.html", context, status=422)
    return render(request, "intake/application_edit.html", {"form": form, "trajectory": trajectory})


# --- The trajectory's intake tab ---------------------------------------------------------------


@member_required(*MENTORING_ROLES)
def intake_tab(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    meetings = trajectory_meetings(trajectory)
    preparation, prepared = preparation_answers(trajectory)
    context = {
        "trajectory": trajectory,
        "candidate": trajectory.candidate,
        "application": Application.objects.filter(trajectory=trajectory).first()
        if request.membership.is_staff_role
        else None,
        "meetings": meetings,
        "ready": latest_ready_answer(meetings),
        "kinds": MeetingKind.choices,
        "preparation": preparation,
        "prepared": prepared,
        "is_staff": request.membership.is_staff_role,
        "can_plan": trajectory.is_open,
        "now": timezone.now(),
    }
    return render(request, "intake/trajectory_intake.html", context)


# --- Meetings ---------------------------------------------------------------------------------


def _meeting(request: HttpRequest, public_id: UUID) -> Meeting:
    return get_object_or_404(
        meetings_visible_to(request.membership).select_related(
            "trajectory", "trajectory__candidate", "organisation", "created_by"
        ),
        public_id=public_id,
    )


def _answers_form(request: HttpRequest, meeting: Meeting) -> AnswersForm | None:
    code = guide_for_meeting_kind(meeting.kind)
    if code is None:
        return None
    return AnswersForm(request.POST or None, prefix="answers", answers=meeting_answers(meeting))


@member_required(*MENTORING_ROLES)
def meeting_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    if not trajectory.is_open:
        raise Http404
    kind = request.GET.get("kind", "")
    if kind not in MeetingKind.values:
        kind = MeetingKind.MOTIVATION_INTERVIEW
    meeting = Meeting(organisation=request.organisation, trajectory=trajectory, kind=kind)
    initial = {
        "kind": kind,
        "participants": [person for person in [request.user] if person],
        "status": Meeting.Status.PLANNED,
    }
    form = MeetingForm(request.POST or None, initial=initial, organisation=request.organisation)
    answers_form = _answers_form(request, meeting)
    if request.method == "POST":
        valid = form.is_valid() & (answers_form is None or answers_form.is_valid())
        if valid:
            data = dict(form.cleaned_data)
            participants = data.pop("participants")
            try:
                meeting = services.meeting_plan(
                    trajectory=trajectory,
                    by=request.user,
                    participants=participants,
                    answers=answers_form.result() if answers_form else None,
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%s saved.") % meeting.get_kind_display())
                return _to_intake(request, trajectory)
    context = {
        "form": form,
        "answers_form": answers_form,
        "trajectory": trajectory,
        "meeting": None,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/meeting_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
def meeting_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    meeting = _meeting(request, public_id)
    answers = meeting_answers(meeting)
    context = {
        "meeting": meeting,
        "trajectory": meeting.trajectory,
        "participants": list(meeting.participants.all()),
        "answers": answers,
        "has_answers": any(answer.answer.strip() for answer in answers),
        "guide": meeting_guide(meeting),
        "candidate": meeting.trajectory.candidate,
        "cancel_form": CancelForm(),
        "can_change": meeting.trajectory.is_open,
    }
    return render(request, "intake/meeting_detail.html", context)


@member_required(*MENTORING_ROLES)
def meeting_guide_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The meeting's question guide on paper, to prepare it or take notes in it."""
    meeting = _meeting(request, public_id)
    answers = meeting_answers(meeting)
    if not answers:
        raise Http404
    trajectory = meeting.trajectory
    title = f"{meeting.get_kind_display()} · {trajectory.candidate.full_name}"
    context = {
        "organisation": request.organisation,
        "logo": organisation_logo(request.organisation),
        "meeting": meeting,
        "candidate": trajectory.candidate,
        "participants": list(meeting.participants.all()),
        "answers": answers,
        "guide": meeting_guide(meeting),
        "document_title": title,
    }
    content = render_pdf(
        "intake/pdf/meeting_guide.html", context, language=translation.get_language()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"{title}.pdf", attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response


@member_required(*MENTORING_ROLES)
def meeting_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    meeting = _meeting(request, public_id)
    if not meeting.trajectory.is_open:
        raise Http404
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initial={"participants": list(meeting.participants.all())},
        organisation=request.organisation,
    )
    answers_form = _answers_form(request, meeting)
    if request.method == "POST":
        valid = form.is_valid() & (answers_form is None or answers_form.is_valid())
        if valid:
            data = {
                name: value
                for name, value in form.cleaned_data.items()
                if name != "participants" and not form.fields[name].disabled
            }
            try:
                services.meeting_update(
                    meeting=Meeting.objects.select_related("trajectory").get(pk=meeting.pk),
                    by=request.user,
                    participants=form.cleaned_data["participants"],
                    answers=answers_form.result() if answers_form else None,
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(meeting)
    context = {
        "form": form,
        "answers_form": answers_form,
        "trajectory": meeting.trajectory,
        "meeting": meeting,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/meeting_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
@require_POST
def meeting_status(request: HttpRequest, public_id: UUID, code: str) -> HttpResponse:
    meeting = _meeting(request, public_id)
    if code not in (Meeting.Status.HELD, Meeting.Status.CANCELLED, Meeting.Status.PLANNED):
        raise Http404
    if not meeting.trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its meetings can no longer change."))
        return redirect(meeting)
    reason = ""
    if code == Meeting.Status.CANCELLED:
        form = CancelForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.meeting_set_status(meeting=meeting, by=request.user, status=code, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(meeting)s: %(status)s.")
            % {"meeting": meeting.get_kind_display(), "status": meeting.get_status_display()},
        )
    return redirect(meeting)


# --- Policy and operational preparation -------------------------------------------------------


@member_required(*MENTORING_ROLES)
def policy(request: HttpRequest) -> HttpResponse:
    answers, saved = policy_answers(request.organisation)
    context = {"answers": answers, "policy": saved, "can_edit": request.membership.is_staff_role}
    return render(request, "intake/policy.html", context)


@member_required(*STAFF_ROLES)
def policy_edit(request: HttpRequest) -> HttpResponse:
    answers, _saved = policy_answers(request.organisation)
    form = AnswersForm(request.POST or None, answers=answers)
    if request.method == "POST":
        if form.is_valid():
            services.policy_save(
                organisation=request.organisation, by=request.user, answers=form.result()
            )
            messages.success(request, _("The workplace learning policy is saved."))
            return redirect("intake:policy", org=request.organisation.slug)
        return render(request, "intake/policy_edit.html", {"form": form}, status=422)
    return render(request, "intake/policy_edit.html", {"form": form})


@member_required(*MENTORING_ROLES)
def preparation_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _trajectory(request, public_id)
    if not trajectory.is_open:
        raise Http404
    answers, _saved = preparation_answers(trajectory)
    form = AnswersForm(request.POST or None, answers=answers)
    if request.method == "POST":
        if form.is_valid():
            services.preparation_save(trajectory=trajectory, by=request.user, answers=form.result())
            messages.success(request, _("The operational preparation is saved."))
            return _to_intake(request, trajectory)
        context = {"form": form, "trajectory": trajectory}
        return render(request, "intake/preparation_edit.html", context, status=422)
    return render(request, "intake/preparation_edit.html", {"form": form, "trajectory": trajectory})


# --- Question guides --------------------------------------------------------------------------


def _guide(request: HttpRequest, public_id: UUID) -> QuestionGuide:
    return get_object_or_404(
        QuestionGuide.objects.filter(organisation=request.organisation), public_id=public_id
    )


def _question(request: HttpRequest, public_id: UUID) -> GuideQuestion:
    return get_object_or_404(
        GuideQuestion.objects.filter(guide__organisation=request.organisation).select_related(
            "guide"
        ),
        public_id=public_id,
    )


@member_required(*STAFF_ROLES)
def guide_list(request: HttpRequest) -> HttpResponse:
    guides = QuestionGuide.objects.filter(organisation=request.organisation).order_by("code")
    return render(request, "intake/guide_list.html", {"guides": guides})


@member_required(*STAFF_ROLES)
def guide_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    guide = _guide(request, public_id)
    questions = guide_questions(request.organisation, guide.code)
    return render(
        request,
        "intake/guide_detail.html",
        {"guide": guide, "questions": questions, "form": QuestionForm()},
    )


@member_required(*STAFF_ROLES)
def question_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    guide = _guide(request, public_id)
    return _question_form(request, guide, GuideQuestion(guide=guide))


@member_required(*STAFF_ROLES)
def question_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    question = _question(request, public_id)
    return _question_form(request, question.guide, question)


def _question_form(request: HttpRequest, guide: QuestionGuide, question: GuideQuestion):
    initial = QuestionForm.initial_for(question) if question.pk else None
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.question_save(question=question, text=form.text())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question saved."))
                return redirect(
                    "intake:guide", org=request.organisation.slug, public_id=guide.public_id
                )
        context = {"form": form, "guide": guide, "question": question}
        return render(request, "intake/question_form.html", context, status=422)
    return render(
        request, "intake/question_form.html", {"form": form, "guide": guide, "question": question}
    )


@member_required(*STAFF_ROLES)
@require_POST
def question_move(request: HttpRequest, public_id: UUID, direction: str) -> HttpResponse:
    question = _question(request, public_id)
    services.question_move(question=question, up=direction == "up")
    return redirect(
        "intake:guide", org=request.organisation.slug, public_id=question.guide.public_id
    )


@member_required(*STAFF_ROLES)
@require_POST
def question_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    question = _question(request, public_id)
    services.question_delete(question=question)
    messages.success(request, _("Question deleted. Answers already given keep it."))
    return redirect(
        "intake:guide", org=request.organisation.slug, public_id=question.guide.public_id
    )
