from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.checklists import services
from werkplek.checklists.forms import TemplateItemForm, TickForm, WaiveForm
from werkplek.checklists.models import ChecklistItem, ChecklistTemplate, Phase, TemplateItem
from werkplek.checklists.rules import get_rule
from werkplek.checklists.selectors import checklist_items_visible_to, template_for
from werkplek.core.tenancy import member_required
from werkplek.trajectories.views import detail_context


def _item_response(request: HttpRequest, item: ChecklistItem, status: int = 200) -> HttpResponse:
    trajectory = item.trajectory
    if not request.htmx:
        return redirect(trajectory.get_absolute_url() + "#checklist")
    context = detail_context(request, trajectory)
    return render(request, "trajectories/trajectory_detail.html#work", context, status=status)


def _get_item(request: HttpRequest, public_id: UUID) -> ChecklistItem:
    return get_object_or_404(checklist_items_visible_to(request.membership), public_id=public_id)


def _run(request: HttpRequest, item: ChecklistItem, action, **kwargs) -> HttpResponse:
    if not item.trajectory.is_open:
        messages.error(request, _("This trajectory is closed; its checklist can no longer change."))
        return _item_response(request, item, status=422)
    try:
        action(item=item, by=request.user, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _item_response(request, item, status=422)
    return _item_response(request, item)


@member_required(*MENTORING_ROLES)
@require_POST
def item_tick(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _get_item(request, public_id)
    form = TickForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(request, item, services.checklist_item_tick, note=note)


@member_required(*MENTORING_ROLES)
@require_POST
def item_untick(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _get_item(request, public_id)
    return _run(request, item, services.checklist_item_untick)


@member_required(*MENTORING_ROLES)
@require_POST
def item_waive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _get_item(request, public_id)
    form = WaiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this item does not apply."))
        return _item_response(request, item, status=422)
    return _run(request, item, services.checklist_item_waive, reason=form.cleaned_data["reason"])


# --- The organisation's template ---------------------------------------------------------


@member_required(*STAFF_ROLES)
def template_detail(request: HttpRequest) -> HttpResponse:
    template = template_for(request.organisation)
    pack_templates = ChecklistTemplate.objects.filter(organisation__isnull=True).select_related(
        "sector_pack"
    )
    phases = []
    if template is not None:
        items = list(template.items.order_by("position"))
        depth: dict[int, int] = {}
        for item in items:
            item.depth = depth[item.pk] = depth.get(item.parent_id, -1) + 1
            item.rule_info = get_rule(item.rule) if item.rule else None
        phases = [(phase, [i for i in items if i.phase == phase]) for phase in Phase]
    return render(
        request,
        "checklists/template_detail.html",
        {"template": template, "phases": phases, "pack_templates": pack_templates},
    )


@member_required(*STAFF_ROLES)
@require_POST
def template_copy_pack(request: HttpRequest, public_id: UUID) -> HttpResponse:
    source = get_object_or_404(
        ChecklistTemplate.objects.filter(organisation__isnull=True), public_id=public_id
    )
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that your own template is replaced."))
        return redirect("checklists:template", org=request.organisation.slug)
    services.checklist_template_copy(source=source, organisation=request.organisation)
    messages.success(
        request,
        _("Your checklist now follows “%s”. Running trajectories keep their own checklist.")
        % source.name,
    )
    return redirect("checklists:template", org=request.organisation.slug)


def _uuids(value: str) -> list[UUID]:
    try:
        return [UUID(value)]
    except ValueError:
        return []


def _template_item(request: HttpRequest, public_id: UUID) -> TemplateItem:
    return get_object_or_404(
        TemplateItem.objects.filter(template__organisation=request.organisation),
        public_id=public_id,
    )


@member_required(*STAFF_ROLES)
def template_item_edit(request: HttpRequest, public_id: UUID | None = None) -> HttpResponse:
    template = template_for(request.organisation)
    if template is None:
        template = ChecklistTemplate.objects.create(
            organisation=request.organisation, name=_("Checklist")
        )
    item = _template_item(request, public_id) if public_id else TemplateItem(template=template)
    initial = {}
    if public_id is None and request.GET.get("parent"):
        parent = template.items.filter(public_id__in=_uuids(request.GET["parent"])).first()
        if parent:
            initial = {"parent": parent, "phase": parent.phase}
    form = TemplateItemForm(request.POST or None, instance=item, template=template, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.template_item_save(item=form.save(commit=False))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Checklist item saved."))
                return redirect("checklists:template", org=request.organisation.slug)
        return render(
            request, "checklists/template_item_form.html", {"form": form, "item": item}, status=422
        )
    return render(request, "checklists/template_item_form.html", {"form": form, "item": item})


@member_required(*STAFF_ROLES)
@require_POST
def template_item_move(request: HttpRequest, public_id: UUID, direction: str) -> HttpResponse:
    item = _template_item(request, public_id)
    services.template_item_move(item=item, up=direction == "up")
    return redirect("checklists:template", org=request.organisation.slug)


@member_required(*STAFF_ROLES)
def template_item_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Deleting asks first: the page says what goes (with its sub-items); only a POST that
    confirms deletes."""
    item = _template_item(request, public_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.template_item_delete(item=item)
        messages.success(request, _("Checklist item deleted. Running trajectories keep theirs."))
        return redirect("checklists:template", org=request.organisation.slug)
    context = {"item": item, "children": item.children.order_by("position", "id")}
    return render(request, "checklists/template_item_delete.html", context)
