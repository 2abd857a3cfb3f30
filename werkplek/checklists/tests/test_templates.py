from datetime import date

from werkplek.checklists.models import ChecklistTemplate, TemplateItem
from werkplek.checklists.services import template_item_save
from werkplek.trajectories.models import Kind


def codes(trajectory):
    return set(trajectory.checklist_items.values_list("code", flat=True))


def test_items_follow_the_trajectory_kind(make_trajectory):
    ibo, stage, onboarding = (
        make_trajectory(kind=k) for k in (Kind.IBO, Kind.STAGE, Kind.ONBOARDING)
    )
    assert "ibo_request" in codes(ibo) and "stage_form" not in codes(ibo)
    assert "stage_form" in codes(stage) and "ibo_request" not in codes(stage)
    assert not {"stage_form", "ibo_request", "workstation_sheet"} & codes(onboarding)


def test_due_dates_count_from_start_or_end(make_trajectory):
    trajectory = make_trajectory(planned_start=date(2026, 12, 1), planned_end=date(2027, 3, 1))
    items = {item.code: item for item in trajectory.checklist_items.all()}
    assert items["mentor_assigned"].due_date == date(2026, 11, 24)  # 7 days before the start
    assert items["final_evaluation_planned"].due_date == date(2027, 2, 8)  # 21 days before the end


def test_due_dates_move_with_the_start_date(make_trajectory, coordinator):
    from werkplek.trajectories.services import trajectory_update

    trajectory = make_trajectory(planned_start=date(2026, 12, 1))
    trajectory_update(trajectory=trajectory, by=coordinator, planned_start=date(2027, 1, 5))
    assert trajectory.checklist_items.get(code="mentor_assigned").due_date == date(2026, 12, 29)


def test_editing_the_template_does_not_rewrite_running_trajectories(make_trajectory, organisation):
    trajectory = make_trajectory()
    template = ChecklistTemplate.objects.get(organisation=organisation)
    before = list(trajectory.checklist_items.values_list("code", "label", "required"))
    tour = template.items.get(code="workplace_tour")
    tour.label = {"nl": "rondleiding in de stelplaats"}
    tour.required = False
    tour.save()
    template.items.get(code="contract").delete()
    template_item_save(
        item=TemplateItem(
            template=template, phase="before_start", code="badge", label={"nl": "badge"}
        )
    )
    assert list(trajectory.checklist_items.values_list("code", "label", "required")) == before
    later = make_trajectory()
    assert "badge" in codes(later) and "contract" not in codes(later)
    assert later.checklist_items.get(code="workplace_tour").label == {
        "nl": "rondleiding in de stelplaats"
    }


def test_an_organisation_copy_is_independent_of_the_pack_and_of_other_organisations(
    organisation, other_organisation
):
    mine = ChecklistTemplate.objects.get(organisation=organisation)
    theirs = ChecklistTemplate.objects.get(organisation=other_organisation)
    pack = ChecklistTemplate.objects.get(organisation__isnull=True)
    mine.items.filter(code="driving_test").update(label={"nl": "eigen rijtest"})
    assert (
        theirs.items.get(code="driving_test").label["nl"]
        == "laat de kandidaat een rijtest afleggen"
    )
    assert (
        pack.items.get(code="driving_test").label["nl"] == "laat de kandidaat een rijtest afleggen"
    )
    assert mine.items.count() == theirs.items.count() == pack.items.count()


def test_deleting_a_template_item_asks_for_confirmation_first(
    client_for, make_trajectory, organisation, coordinator
):
    make_trajectory()  # copies the pack's template for the organisation
    template = ChecklistTemplate.objects.get(organisation=organisation)
    item = template.items.get(code="contract")
    client = client_for(coordinator)
    listing = client.get(f"/o/{organisation.slug}/checklist/template/").content.decode()
    url = f"/o/{organisation.slug}/checklist/template/items/{item.public_id}/delete/"
    assert f'href="{url}"' in listing  # "Delete" opens the confirmation, it deletes nothing
    page = client.get(url)
    assert page.status_code == 200
    assert item.text in page.content.decode()
    assert 'name="confirm"' in page.content.decode()
    assert client.post(url).status_code == 200  # a bare POST asks again
    assert template.items.filter(pk=item.pk).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert not template.items.filter(pk=item.pk).exists()
