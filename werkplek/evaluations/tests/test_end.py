"""One way to end (issue 16 point 5): one decision page where several continuations are
chosen together, and one close that refuses while end formalities are open unless each is
waived with a reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from werkplek.evaluations import services
from werkplek.evaluations.models import Course, Evaluation, OutcomeDecision
from werkplek.evaluations.tests.factories import held, scheduled
from werkplek.trajectories.events import event_text
from werkplek.trajectories.models import Status, Step, Trajectory

ORG = "/o/autocars/evaluations"
FORMALITIES = ("attendance_end", "stage_file")


@pytest.fixture
def finishing(trajectory, organisation, mentor):
    services.courses_seed(organisation=organisation)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    trajectory.refresh_from_db()
    held(scheduled(trajectory, mentor, Evaluation.Kind.FINAL), mentor)
    return trajectory


def course(organisation, code):
    return Course.objects.get(organisation=organisation, code=code)


def formality(trajectory, code):
    return trajectory.checklist_items.get(code=code)


def waivers(trajectory, reason="Op papier bij VDAB"):
    return {str(formality(trajectory, code).public_id): reason for code in FORMALITIES}


def test_a_contract_and_prodata_are_recorded_together(finishing, organisation, staff):
    starts = finishing.period_end + timedelta(days=1)
    decision = services.outcome_record(
        trajectory=finishing,
        membership=staff,
        contract=True,
        contract_date=starts,
        contract_type="Vast",
        courses=[course(organisation, "prodata")],
        waivers=waivers(finishing),
    )
    assert decision.contract and list(decision.courses.values_list("code", flat=True)) == [
        "prodata"
    ]
    finishing.refresh_from_db()
    assert (finishing.status, finishing.outcome) == (Status.CLOSED, "hired")
    items = {item.code: item.state for item in finishing.checklist_items.all()}
    assert items["contract_signed"] == "done"
    assert items["additional_training"] == "done"
    assert items["additional_training_prodata"] == "done"  # not silently dropped
    assert items["additional_training_nodw"] == "open"
    assert items["continue_training"] == "open"
    day = starts.strftime("%d/%m/%Y")
    with translation.override("fr"):
        note = finishing.outcome_note_text
    assert "Vast" in note and day in note and "Prodata" in note
    assert "Formations complémentaires" in note


def test_continue_training_with_a_course_of_the_catalogue_and_another(
    finishing, organisation, staff
):
    Course.objects.create(organisation=organisation, code="vca", name="VCA basis")
    services.outcome_record(
        trajectory=finishing,
        membership=staff,
        continue_training=True,
        courses=[course(organisation, "vca"), course(organisation, "nodw")],
        course_other="Rijbewijs D",
        waivers=waivers(finishing),
    )
    finishing.refresh_from_db()
    assert finishing.outcome == "continue"
    items = {item.code: item.state for item in finishing.checklist_items.all()}
    assert items["continue_training"] == items["additional_training_nodw"] == "done"
    assert items["additional_training_other"] == "done"  # VCA and Rijbewijs D
    assert items["additional_training_prodata"] == "open"
    with translation.override("en"):
        note = finishing.outcome_note_text
    assert "The training continues" in note and "VCA basis" in note and "Rijbewijs D" in note


def test_stop_goes_alone_and_needs_a_reason_and_something_must_be_chosen(finishing, staff):
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(trajectory=finishing, membership=staff)
    assert "decision" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            trajectory=finishing, membership=staff, stop=True, continue_training=True
        )
    assert {"stop", "reason"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(trajectory=finishing, membership=staff, contract=True)
    assert {"contract_date", "contract_type"} <= set(refused.value.message_dict)
    assert "stop" not in refused.value.message_dict
    finishing.refresh_from_db()
    assert finishing.status == Status.FINISHING and not OutcomeDecision.objects.exists()
    services.outcome_record(
        trajectory=finishing,
        membership=staff,
        stop=True,
        reason="Geen vacature",
        waivers=waivers(finishing),
    )
    finishing.refresh_from_db()
    assert (finishing.status, finishing.outcome) == (Status.CLOSED, "not_hired")


def test_the_close_refuses_while_end_formalities_are_open(finishing, staff, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(trajectory=finishing, membership=staff, continue_training=True)
    errors = refused.value.message_dict
    for code in FORMALITIES:
        field = f"waive_{formality(finishing, code).public_id}"
        assert "Waive it with a reason" in errors[field][0]
    finishing.refresh_from_db()
    assert finishing.status == Status.FINISHING and not OutcomeDecision.objects.exists()
    assert formality(finishing, "stage_file").state == "open"  # nothing half done

    only_one = {str(formality(finishing, "stage_file").public_id): "Op papier"}
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            trajectory=finishing, membership=staff, continue_training=True, waivers=only_one
        )
    assert list(refused.value.message_dict) == [
        f"waive_{formality(finishing, 'attendance_end').public_id}"
    ]
    assert formality(finishing, "stage_file").state == "open"  # rolled back with the refusal

    services.outcome_record(
        trajectory=finishing,
        membership=staff,
        continue_training=True,
        waivers=waivers(finishing, "Lijst op papier bij de werkgever"),
    )
    finishing.refresh_from_db()
    assert finishing.status == Status.CLOSED
    for code in FORMALITIES:
        item = formality(finishing, code)
        assert (item.state, item.note, item.resolved_by) == (
            "waived",
            "Lijst op papier bij de werkgever",
            coordinator,
        )
    event = finishing.events.filter(action="checklists.item.waived").first()
    assert event.data["item"]["fr"] in ("liste de présences", "dossiers de stage")
    with translation.override("fr"):
        assert event_text(event).startswith("Sans objet")
        assert "Lijst op papier bij de werkgever" in event_text(event)


def test_a_reason_for_an_item_that_is_not_an_open_end_formality_waives_nothing(finishing, staff):
    other = finishing.checklist_items.get(code="mentor_assigned")
    services.outcome_record(
        trajectory=finishing,
        membership=staff,
        continue_training=True,
        waivers={**waivers(finishing), str(other.public_id): "Zomaar"},
    )
    assert finishing.checklist_items.get(code="mentor_assigned").state == "done"


def test_the_decision_page_takes_several_continuations_and_the_waivers(
    client_for, finishing, organisation, coordinator, mentor
):
    Course.objects.create(organisation=organisation, code="vca", name="VCA basis")
    client = client_for(coordinator)
    url = f"{ORG}/{finishing.public_id}/outcome/"
    page = client.get(url).content.decode()
    for text in ("Prodata", "NODW", "VCA basis", "stagemapjes", "aanwezigheidslijst"):
        assert text in page
    assert 'type="checkbox" name="contract"' in page
    assert 'type="checkbox" name="continue_training"' in page
    stage_file = formality(finishing, "stage_file")
    attendance = formality(finishing, "attendance_end")
    data = {
        "contract": "on",
        "contract_date": (finishing.period_end + timedelta(days=1)).isoformat(),
        "contract_type": "Vast",
        "courses": [course(organisation, "prodata").pk],
        f"waive_{stage_file.public_id}": "Op papier bij VDAB",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_waive_{attendance.public_id}_error"' in page  # beside the field
    assert 'value="Vast"' in page and "Op papier bij VDAB" in page  # what was typed stays
    assert not OutcomeDecision.objects.exists()
    data[f"waive_{attendance.public_id}"] = "Aanwezigheden in het loonpakket"
    response = client.post(url, data)
    assert response.status_code == 302
    finishing.refresh_from_db()
    assert (finishing.status, finishing.outcome) == (Status.CLOSED, "hired")
    decision = OutcomeDecision.objects.get(trajectory=finishing)
    assert decision.contract and decision.courses.get().code == "prodata"
    overview = client.get(finishing.get_absolute_url()).content.decode()
    assert "Prodata" in overview and "Vast" in overview
    assert client_for(mentor).get(url).status_code == 403


def test_the_old_close_address_leads_to_the_decision_page(client_for, finishing, coordinator):
    client = client_for(coordinator)
    old = f"/o/autocars/trajectories/{finishing.public_id}/close/"
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == f"{ORG}/{finishing.public_id}/outcome/"
    assert client.post(old, {"outcome": "hired"}).status_code == 302
    finishing.refresh_from_db()
    assert finishing.status == Status.FINISHING  # the old form no longer closes anything
    overview = client.get(finishing.get_absolute_url()).content.decode()
    assert f'href="{ORG}/{finishing.public_id}/outcome/"' in overview


def test_the_trajectory_page_links_its_close_button_to_the_decision_page(
    client_for, finishing, coordinator
):
    overview = client_for(coordinator).get(finishing.get_absolute_url()).content.decode()
    assert "/close/" not in overview
