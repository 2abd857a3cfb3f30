"""Staff-only documents stay staff-only on the trajectory's timeline (issue 19, item 8)."""

from werkplek.documents.services import document_delete, document_upload
from werkplek.documents.tests.factories import pdf_file
from werkplek.trajectories.models import TrajectoryEvent


def upload(trajectory, by, title, staff_only):
    return document_upload(
        candidate=trajectory.candidate,
        trajectory=trajectory,
        file=pdf_file(f"{title}.pdf"),
        title=title,
        staff_only=staff_only,
        by=by,
    )


def test_a_mentor_does_not_read_staff_only_document_titles_on_the_timeline(
    client_for, make_trajectory, coordinator, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    upload(trajectory, coordinator, "Medisch attest Jan", staff_only=True)
    shared = upload(trajectory, coordinator, "Werkpostfiche getekend", staff_only=False)
    secret = upload(trajectory, coordinator, "Klacht tegen Jan", staff_only=True)
    document_delete(document=secret, by=coordinator)
    detail = f"/o/autocars/trajectories/{trajectory.public_id}/"
    for page in (detail, detail + "history/"):
        seen_by_mentor = client_for(mentor).get(page).content.decode()
        assert "Werkpostfiche getekend" in seen_by_mentor
        assert "Medisch attest" not in seen_by_mentor
        assert "Klacht tegen Jan" not in seen_by_mentor
        seen_by_coordinator = client_for(coordinator).get(page).content.decode()
        assert "Medisch attest Jan" in seen_by_coordinator
        assert "Klacht tegen Jan" in seen_by_coordinator
    assert shared.title == "Werkpostfiche getekend"


def test_the_timeline_hides_as_the_documents_page_does(make_trajectory, coordinator, mentor):
    """One rule: whoever may not see a document on the documents page does not see its
    events. The events keep whether the document was for coordinators only."""
    from werkplek.conftest import membership_of
    from werkplek.trajectories.selectors import trajectory_events_visible_to

    trajectory = make_trajectory(mentors=[mentor])
    upload(trajectory, coordinator, "Medisch attest Jan", staff_only=True)
    upload(trajectory, coordinator, "Werkpostfiche getekend", staff_only=False)
    organisation = trajectory.organisation

    def titles(user):
        events = trajectory_events_visible_to(trajectory, membership_of(user, organisation))
        return {e.data.get("title") for e in events if e.action.startswith("documents.")}

    assert titles(mentor) == {"Werkpostfiche getekend"}
    assert titles(coordinator) == {"Werkpostfiche getekend", "Medisch attest Jan"}
    assert TrajectoryEvent.objects.filter(data__staff_only=True).count() == 1


def test_an_event_that_does_not_say_whether_its_document_was_staff_only_stays_hidden(
    make_trajectory, coordinator, mentor, guest
):
    from werkplek.conftest import membership_of
    from werkplek.trajectories.events import trajectory_log
    from werkplek.trajectories.selectors import trajectory_events_visible_to

    trajectory = make_trajectory(mentors=[mentor])
    trajectory_log(trajectory, "documents.document.deleted", by=coordinator, title="Oud attest")
    upload(trajectory, coordinator, "Werkpostfiche getekend", staff_only=False)
    organisation = trajectory.organisation

    def titles(user):
        events = trajectory_events_visible_to(trajectory, membership_of(user, organisation))
        return {e.data["title"] for e in events if e.action.startswith("documents.")}

    assert titles(mentor) == {"Werkpostfiche getekend"}
    assert titles(guest) == set()  # a guest sees no documents at all
    assert titles(coordinator) == {"Oud attest", "Werkpostfiche getekend"}
    assert len(trajectory_events_visible_to(trajectory, membership_of(guest, organisation))) > 0


def test_the_migration_flags_earlier_events_from_the_document_or_its_history(
    make_trajectory, coordinator
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("werkplek.documents.migrations.0003_timeline_events_say_staff_only")
    trajectory = make_trajectory()
    upload(trajectory, coordinator, "Medisch attest Jan", staff_only=True)
    gone = upload(trajectory, coordinator, "Werkpostfiche getekend", staff_only=False)
    document_delete(document=gone, by=coordinator)
    # the events as they were written before: a title, no flag
    events = list(TrajectoryEvent.objects.filter(action__startswith="documents.").order_by("id"))
    titles = ["Medisch attest Jan", "Werkpostfiche getekend", "Werkpostfiche getekend"]
    for event, title in zip(events, titles, strict=True):
        event.data = {"title": title}
        event.save()
    TrajectoryEvent.objects.create(
        trajectory=trajectory, action="documents.document.deleted", data={"title": "Onbekend"}
    )
    migration.flag_events(apps, None)
    flags = {
        (e.data["title"], e.action.rsplit(".", 1)[1]): e.data.get("staff_only")
        for e in TrajectoryEvent.objects.filter(action__startswith="documents.")
    }
    assert flags == {
        ("Medisch attest Jan", "uploaded"): True,
        ("Werkpostfiche getekend", "uploaded"): False,
        ("Werkpostfiche getekend", "deleted"): False,  # found in the document's history
        ("Onbekend", "deleted"): None,  # not found: no flag, so hidden from mentors
    }
