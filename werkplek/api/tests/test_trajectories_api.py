import pytest

from werkplek.api.tests.helpers import org_url
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.services import checklist_item_tick, checklist_item_waive
from werkplek.trajectories.models import Status, Trajectory

TRAJECTORIES = org_url("trajectories")


def action(trajectory, name: str) -> str:
    return f"{TRAJECTORIES}/{trajectory.public_id}/actions/{name}"


def resolve_gate(trajectory, by):
    """Tick the gate's open items; waive those that tick themselves from other apps' facts."""
    for item in trajectory.checklist_items.filter(
        state="open", required=True, phase__in=["preparation", "before_start"]
    ).exclude(rule="all_children_done"):
        if item.rule:
            checklist_item_waive(item=item, by=by, reason="Not what this test is about")
        else:
            checklist_item_tick(item=item, by=by)


@pytest.fixture
def planned(make_trajectory, mentor):
    return make_trajectory(
        mentors=[mentor], planned_start="2026-12-01", planned_end="2027-03-01", hours_per_week=38
    )


def test_a_mentor_lists_only_the_trajectories_they_mentor(
    api_for, mentor, other_mentor, make_trajectory
):
    mine = make_trajectory(mentors=[mentor])
    make_trajectory(mentors=[other_mentor])
    body = api_for(mentor).get(TRAJECTORIES).json()
    assert [item["id"] for item in body["items"]] == [str(mine.public_id)]
    assert body["items"][0]["mentors"][0]["full_name"] == "Mats Mentor"


def test_the_list_filters_like_the_web_page(
    api_for, coordinator, mentor, other_mentor, make_trajectory
):
    stage = make_trajectory(mentors=[mentor], kind="stage")
    make_trajectory(mentors=[other_mentor], kind="ibo")
    api = api_for(coordinator)
    by_kind = api.get(TRAJECTORIES, kind="stage").json()["items"]
    by_mentor = api.get(TRAJECTORIES, mentor=str(mentor.public_id)).json()["items"]
    assert [item["id"] for item in by_kind] == [str(stage.public_id)]
    assert [item["id"] for item in by_mentor] == [str(stage.public_id)]
    assert api.get(TRAJECTORIES, status="running").json()["items"] == []
    assert len(api.get(TRAJECTORIES, status="open").json()["items"]) == 2


def test_filtering_by_someone_who_is_no_mentor_here_is_an_error(api_for, coordinator, outsider):
    response = api_for(coordinator).get(TRAJECTORIES, mentor=str(outsider.public_id))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mentor"


def test_the_detail_shows_checklist_progress_and_what_can_be_done(api_for, coordinator, planned):
    body = api_for(coordinator).get(f"{TRAJECTORIES}/{planned.public_id}").json()
    assert body["status"] == "draft" and body["step"] == 1
    assert body["checklist"]["required"] > body["checklist"]["resolved"] > 0
    assert (
        body["checklist"]["open"] == body["checklist"]["required"] - body["checklist"]["resolved"]
    )
    actions = {item["action"]: item for item in body["actions"]}
    assert set(actions) == {"confirm", "stop"}
    assert actions["confirm"]["allowed"] is True
    assert actions["confirm"]["label"] == "Intake bevestigen"


def test_a_trajectory_is_created_in_draft_with_its_own_checklist(
    api_for, coordinator, mentor, organisation
):
    candidate = CandidateFactory(organisation=organisation)
    response = api_for(coordinator).post(
        TRAJECTORIES,
        {
            "candidate": str(candidate.public_id),
            "kind": "stage",
            "job_title": "Buschauffeur",
            "coordinator": str(coordinator.public_id),
            "mentors": [str(mentor.public_id)],
            "planned_start": "2027-02-01",
            "planned_end": "2027-05-31",
            "hours_per_week": 19.5,
        },
    )
    assert response.status_code == 201, response.content
    trajectory = Trajectory.objects.get(public_id=response.json()["id"])
    assert trajectory.status == Status.DRAFT
    assert list(trajectory.mentors.all()) == [mentor]
    assert trajectory.checklist_items.exists()
    assert response.json()["hours_per_week"] == 19.5
    assert trajectory.events.get(action="trajectories.trajectory.created").actor == coordinator


def test_creating_with_people_or_a_candidate_of_another_organisation_is_refused(
    api_for, coordinator, outsider, other_organisation, organisation
):
    foreign = CandidateFactory(organisation=other_organisation)
    api = api_for(coordinator)
    response = api.post(TRAJECTORIES, {"candidate": str(foreign.public_id), "kind": "ibo"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "candidate"
    ours = CandidateFactory(organisation=organisation)
    response = api.post(
        TRAJECTORIES,
        {"candidate": str(ours.public_id), "kind": "ibo", "mentors": [str(outsider.public_id)]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mentors.0"
    assert not Trajectory.objects.exists()


def test_dates_are_checked_like_on_the_web_form(api_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation)
    response = api_for(coordinator).post(
        TRAJECTORIES,
        {
            "candidate": str(candidate.public_id),
            "kind": "ibo",
            "planned_start": "2027-03-01",
            "planned_end": "2027-02-01",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "planned_end",
            "code": "invalid",
            "message": "De einddatum valt na de startdatum.",
        }
    ]


def test_status_and_step_cannot_be_written(api_for, coordinator, planned):
    response = api_for(coordinator).patch(
        f"{TRAJECTORIES}/{planned.public_id}", {"status": "running", "step": 5}
    )
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"status", "step"}
    planned.refresh_from_db()
    assert planned.status == Status.DRAFT


def test_a_patch_replaces_the_mentors_and_keeps_the_rest(
    api_for, coordinator, mentor, other_mentor, planned
):
    response = api_for(coordinator).patch(
        f"{TRAJECTORIES}/{planned.public_id}", {"mentors": [str(other_mentor.public_id)]}
    )
    assert response.status_code == 200, response.content
    assert [m["full_name"] for m in response.json()["mentors"]] == ["Olga Other"]
    planned.refresh_from_db()
    assert str(planned.planned_start) == "2026-12-01"
    assert planned.events.filter(action="trajectories.mentor.assigned").exists()


def test_the_kind_is_fixed_after_the_intake(api_for, coordinator, planned):
    api = api_for(coordinator)
    api.post(action(planned, "confirm"))
    response = api.patch(f"{TRAJECTORIES}/{planned.public_id}", {"kind": "stage"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"


def test_transitions_are_actions_with_the_same_rules_as_the_buttons(api_for, coordinator, planned):
    api = api_for(coordinator)
    confirmed = api.post(action(planned, "confirm"))
    assert confirmed.status_code == 200
    assert (confirmed.json()["status"], confirmed.json()["step"]) == ("preparing", 1)

    refused = api.post(action(planned, "start"))
    assert refused.status_code == 409
    error = refused.json()["errors"][0]
    assert error["code"] == "transition_refused"
    assert "verplichte checklistpunten staan nog open" in error["message"]

    resolve_gate(planned, coordinator)
    started = api.post(action(planned, "start"), {"on": "2026-11-02"})
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "running"
    assert started.json()["actual_start"] == "2026-11-02"
    event = planned.events.get(action="trajectories.trajectory.started")
    assert event.actor == coordinator


def test_only_staff_move_the_step_by_hand_and_with_a_reason(api_for, coordinator, mentor, planned):
    api_for(coordinator).post(action(planned, "confirm"))
    api = api_for(mentor)
    assert api.post(action(planned, "confirm")).status_code == 403
    assert api.post(action(planned, "move-step"), {"step": 2, "reason": "x"}).status_code == 403
    staff = api_for(coordinator)
    assert staff.post(action(planned, "move-step"), {"step": 2, "reason": ""}).status_code == 422
    moved = staff.post(action(planned, "move-step"), {"step": 2, "reason": "Kennismaking gebeurd"})
    assert moved.status_code == 200
    assert moved.json()["step"] == 2
    assert planned.events.get(action="trajectories.trajectory.step_moved").data["reason"] == (
        "Kennismaking gebeurd"
    )


def test_stop_needs_a_reason_and_close_an_outcome(api_for, coordinator, planned):
    api = api_for(coordinator)
    assert api.post(action(planned, "stop"), {"reason": ""}).status_code == 422
    not_yet = api.post(action(planned, "close"), {"continue_training": True})
    assert not_yet.status_code == 422  # not in the final evaluation phase
    stopped = api.post(action(planned, "stop"), {"reason": "Vond ander werk"})
    assert stopped.status_code == 200
    assert stopped.json()["stop_reason"] == "Vond ander werk"
    assert stopped.json()["outcome"] == "stopped"
    assert stopped.json()["actions"] == []


def test_a_future_day_is_refused(api_for, coordinator, planned):
    response = api_for(coordinator).post(
        action(planned, "stop"), {"reason": "Verhuist", "on": "2999-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "on"


def test_the_api_closes_the_one_way_with_several_continuations_and_waivers(
    api_for, coordinator, mentor, make_trajectory
):
    """The same close as the decision page: continuations together, a reason per open end
    formality, refused (422, per field) while one is open."""
    from werkplek.competences.tests.factories import running
    from werkplek.evaluations.models import Evaluation, OutcomeDecision
    from werkplek.evaluations.services import courses_seed
    from werkplek.evaluations.tests.factories import held, scheduled
    from werkplek.trajectories.models import Status, Step, Trajectory

    trajectory = running(make_trajectory, mentors=[mentor], days_ago=60)
    courses_seed(organisation=trajectory.organisation)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    held(scheduled(trajectory, mentor, Evaluation.Kind.FINAL), mentor)
    body = {
        "contract": True,
        "contract_date": "2027-06-01",
        "contract_type": "Vast",
        "courses": ["prodata"],
    }
    api = api_for(coordinator)
    refused = api.post(action(trajectory, "close"), body)
    assert refused.status_code == 422
    stage_file = trajectory.checklist_items.get(code="stage_file")
    assert f"waive_{stage_file.public_id}" in {e["field"] for e in refused.json()["errors"]}
    unknown = api.post(action(trajectory, "close"), {**body, "courses": ["nope"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "courses"
    waivers = {
        str(item.public_id): "Op papier"
        for item in trajectory.checklist_items.filter(code__in=["attendance_end", "stage_file"])
    }
    closed = api.post(action(trajectory, "close"), {**body, "waivers": waivers})
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "hired")
    decision = OutcomeDecision.objects.get(trajectory=trajectory)
    assert decision.contract and decision.courses.get().code == "prodata"
