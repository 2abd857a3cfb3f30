from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.api.tests.helpers import org_url
from werkplek.checklists.models import ChecklistItem
from werkplek.conftest import membership_of
from werkplek.trajectories import transitions

ITEMS = org_url("checklist-items")


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return make_trajectory(mentors=[mentor], planned_start="2026-12-01")


def manual_item(trajectory) -> ChecklistItem:
    """An item a person ticks (the pack's items all tick from facts now): an organisation's own."""
    return ChecklistItem.objects.create(
        trajectory=trajectory,
        phase="during",
        code="own_item",
        label={"nl": "eigen punt", "fr": "point propre", "en": "own item"},
        required=True,
        position=999,
    )


def test_the_list_gives_one_trajectorys_items_with_their_labels(
    api_for, mentor, trajectory, make_trajectory
):
    make_trajectory(mentors=[mentor])
    body = api_for(mentor).get(ITEMS, trajectory=str(trajectory.public_id), limit=200).json()
    assert len(body["items"]) == trajectory.checklist_items.count()
    assert {item["trajectory"] for item in body["items"]} == {str(trajectory.public_id)}
    contract = next(item for item in body["items"] if item["code"] == "contract")
    assert contract["label"] == "contract"
    assert contract["labels"]["fr"] == "contrat"
    assert contract["state"] == "open" and contract["required"] is True


def test_overdue_gives_open_required_items_past_their_due_date(api_for, coordinator, trajectory):
    late = manual_item(trajectory)
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    ChecklistItem.objects.filter(pk=late.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    body = api_for(coordinator).get(ITEMS, overdue="true").json()
    assert [item["id"] for item in body["items"]] == [str(late.public_id)]


def test_ticking_records_who_and_shows_in_a_sync_since_before(api_for, mentor, trajectory):
    item = manual_item(trajectory)
    api = api_for(mentor)
    before = timezone.now().isoformat()
    response = api.post(f"{ITEMS}/{item.public_id}/tick", {"note": "Besproken op 3/11"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "done"
    assert body["resolved_by"]["full_name"] == "Mats Mentor"
    assert body["note"] == "Besproken op 3/11"
    assert trajectory.events.filter(action="checklists.item.ticked", actor=mentor).exists()
    changed = api.get(ITEMS, updated_since=before).json()["items"]
    assert str(item.public_id) in [entry["id"] for entry in changed]


def test_ticking_twice_or_an_automatic_item_is_a_conflict(api_for, mentor, trajectory):
    item = manual_item(trajectory)
    api = api_for(mentor)
    api.post(f"{ITEMS}/{item.public_id}/tick")
    again = api.post(f"{ITEMS}/{item.public_id}/tick")
    assert again.status_code == 409
    assert again.json()["errors"][0]["message"] == "Dit punt is al gedaan."
    automatic = trajectory.checklist_items.get(rule="mentor_assigned")
    refused = api.post(f"{ITEMS}/{automatic.public_id}/tick")
    assert refused.status_code == 409
    assert "vinkt zichzelf aan" in refused.json()["errors"][0]["message"]


def test_waiving_needs_a_reason_and_unticking_opens_it_again(api_for, coordinator, trajectory):
    item = manual_item(trajectory)
    api = api_for(coordinator)
    blank = api.post(f"{ITEMS}/{item.public_id}/waive", {"reason": "   "})
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "reason"
    waived = api.post(f"{ITEMS}/{item.public_id}/waive", {"reason": "Niet van toepassing"})
    assert waived.json()["state"] == "waived"
    opened = api.post(f"{ITEMS}/{item.public_id}/untick")
    assert opened.json()["state"] == "open"
    assert opened.json()["note"] == ""


def test_the_checklist_of_a_closed_trajectory_does_not_change(
    api_for, coordinator, organisation, trajectory
):
    transitions.trajectory_stop(
        trajectory=trajectory,
        membership=membership_of(coordinator, organisation),
        reason="Gestopt",
    )
    item = manual_item(trajectory)
    response = api_for(coordinator).post(f"{ITEMS}/{item.public_id}/tick")
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "trajectory_closed"
    item.refresh_from_db()
    assert item.state == "open"
