from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.competences import services
from werkplek.competences.forms import (
    BaselineForm,
    CompetenceForm,
    FrameworkForm,
    RatingScaleForm,
)
from werkplek.competences.models import (
    Competence,
    CompetenceFramework,
    CompetenceRating,
    RatingScale,
)
from werkplek.competences.packs import framework_copy
from werkplek.competences.selectors import (
    baseline_ratings,
    by_group,
    competences_of,
    competences_visible_to,
    framework_for,
    frameworks_visible_to,
    pack_frameworks_to_adopt,
)
from werkplek.core.tenancy import member_required
from werkplek.trajectories.selectors import trajectories_visible_to


@member_required(*MENTORING_ROLES)
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = list(frameworks_visible_to(request.membership).order_by("position", "id"))
    to_adopt = (
        list(pack_frameworks_to_adopt(request.organisation))
        if request.membership.is_staff_role
        else []
    )
    return render(
        request,
        "competences/framework_list.html",
        {
            "frameworks": frameworks,
            "to_adopt": to_adopt,
            "can_edit": request.membership.is_staff_role,
        },
    )


def _framework(request: HttpRequest, public_id: UUID) -> CompetenceFramework:
    return get_object_or_404(frameworks_visible_to(request.membership), public_id=public_id)


@member_required(*MENTORING_ROLES)
def framework_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = _framework(request, public_id)
    competences = competences_of(framework, active_only=False)
    return render(
        request,
        "competences/framework_detail.html",
        {
            "framework": framework,
            "groups": by_group(competences),
            "can_edit": request.membership.is_staff_role,
        },
    )


@member_required(*STAFF_ROLES)
@require_POST
def framework_adopt(request: HttpRequest, public_id: UUID) -> HttpResponse:
    source = get_object_or_404(pack_frameworks_to_adopt(request.organisation), public_id=public_id)
    framework = framework_copy(source=source, organisation=request.organisation)
    messages.success(request, _("“%s” is now one of your frameworks.") % framework)
    return redirect(
        "competences:detail", org=request.organisation.slug, public_id=framework.public_id
    )


@member_required(*STAFF_ROLES)
def framework_new(request: HttpRequest) -> HttpResponse:
    form = FrameworkForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                framework = services.framework_create(
                    organisation=request.organisation,
                    name=form.translated_value("name"),
                    description=form.translated_value("description"),
                    scale=form.cleaned_data["scale"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Framework created. Now add its competences."))
                return redirect(
                    "competences:detail",
                    org=request.organisation.slug,
                    public_id=framework.public_id,
                )
        return render(request, "competences/framework_form.html", {"form": form}, status=422)
    return render(request, "competences/framework_form.html", {"form": form})


@member_required(*STAFF_ROLES)
def framework_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = _framework(request, public_id)
    form = FrameworkForm(
        request.POST or None, organisation=request.organisation, framework=framework
    )
    context = {"form": form, "framework": framework}
    if request.method == "POST":
        if form.is_valid():
            services.framework_update(
                framework=framework,
                name=form.translated_value("name"),
                description=form.translated_value("description"),
            )
            messages.success(request, _("Changes saved."))
            return redirect(
                "competences:detail", org=request.organisation.slug, public_id=framework.public_id
            )
        return render(request, "competences/framework_form.html", context, status=422)
    return render(request, "competences/framework_form.html", context)


@member_required(*STAFF_ROLES)
def scale_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    scale = get_object_or_404(
        RatingScale.objects.filter(organisation=request.organisation), public_id=public_id
    )
    form = RatingScaleForm(request.POST or None, scale=scale)
    framework = None
    try:
        back = UUID(request.GET.get("framework", ""))
    except ValueError:
        pass  # no framework to return to: back to the list
    else:
        framework = (
            frameworks_visible_to(request.membership).filter(public_id=back, scale=scale).first()
        )
    context = {"form": form, "scale": scale, "framework": framework}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rating_scale_update(
                    scale=scale,
                    name=form.translated_value("name"),
                    level_texts=form.level_texts(),
                    achieved_level=form.cleaned_data["achieved_level"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                if framework is not None:
                    return redirect(
                        "competences:detail",
                        org=request.organisation.slug,
                        public_id=framework.public_id,
                    )
                return redirect("competences:list", org=request.organisation.slug)
        return render(request, "competences/scale_form.html", context, status=422)
    return render(request, "competences/scale_form.html", context)


def _competence_form_response(
    request: HttpRequest, form: CompetenceForm, framework: CompetenceFramework
) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            competence = form.save(commit=False)
            competence.framework = framework
            try:
                services.competence_save(competence=competence)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Competence saved."))
                return redirect(
                    "competences:detail",
                    org=request.organisation.slug,
                    public_id=framework.public_id,
                )
        status = 422
    else:
        status = 200
    context = {"form": form, "framework": framework, "competence": form.instance}
    return render(request, "competences/competence_form.html", context, status=status)


@member_required(*STAFF_ROLES)
def competence_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = _framework(request, public_id)
    form = CompetenceForm(request.POST or None, instance=Competence(framework=framework))
    return _competence_form_response(request, form, framework)


def _competence(request: HttpRequest, public_id: UUID) -> Competence:
    return get_object_or_404(competences_visible_to(request.membership), public_id=public_id)


@member_required(*STAFF_ROLES)
def competence_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    competence = _competence(request, public_id)
    form = CompetenceForm(request.POST or None, instance=competence)
    return _competence_form_response(request, form, competence.framework)


@member_required(*STAFF_ROLES)
@require_POST
def competence_move(request: HttpRequest, public_id: UUID, direction: str) -> HttpResponse:
    competence = _competence(request, public_id)
    services.competence_move(competence=competence, up=direction == "up")
    return redirect(
        "competences:detail",
        org=request.organisation.slug,
        public_id=competence.framework.public_id,
    )


@member_required(*MENTORING_ROLES)
def baseline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """ "Breng de competenties in kaart": a level per competence at intake."""
    trajectory = get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )
    ratings = baseline_ratings(trajectory)
    framework = framework_for(trajectory)
    frameworks = list(frameworks_visible_to(request.membership))
    can_switch = (
        len(frameworks) > 1 and not CompetenceRating.objects.filter(trajectory=trajectory).exists()
    )
    wanted = request.POST.get("framework") or request.GET.get("framework")
    if can_switch and wanted:
        framework = next((f for f in frameworks if str(f.public_id) == wanted), framework)
    context = {
        "trajectory": trajectory,
        "framework": framework,
        "frameworks": frameworks if can_switch else [],
    }
    if framework is None:
        return render(request, "competences/baseline.html", context)
    competences = competences_of(framework)
    form = BaselineForm(
        request.POST or None, framework=framework, competences=competences, ratings=ratings
    )
    context["form"] = form
    context["groups"] = by_group(form.rows(), competence_of=lambda row: row[0])
    if request.method == "POST":
        if form.is_valid():
            try:
                mapped = services.baseline_save(
                    trajectory=trajectory,
                    framework=framework,
                    levels=[
                        services.BaselineLevel(competence, level, note)
                        for competence, level, note in form.levels()
                    ],
                    on=form.cleaned_data["rated_on"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Competences mapped: %(count)s of %(total)s.")
                    % {"count": mapped, "total": len(competences)},
                )
                return redirect(trajectory)
        return render(request, "competences/baseline.html", context, status=422)
    return render(request, "competences/baseline.html", context)
