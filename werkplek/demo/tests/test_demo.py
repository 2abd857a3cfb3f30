import io
import re

from django.core.management import call_command
from django.utils import timezone

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.sectorpacks.loader import load_all
from werkplek.trajectories.models import Status, Trajectory


def load_demo():
    load_all()
    call_command("load_demo", stdout=io.StringIO())


def test_demo_is_idempotent_and_spread_over_steps_and_kinds(db):
    load_demo()
    load_demo()
    organisation = Organisation.objects.get(slug="demo-autocars")
    trajectories = Trajectory.objects.filter(organisation=organisation)
    assert trajectories.count() == 12
    assert len(set(trajectories.values_list("kind", flat=True))) >= 4
    assert len(set(trajectories.values_list("step", flat=True))) >= 7
    assert set(trajectories.values_list("status", flat=True)) == set(Status.values)
    roles = list(
        Membership.objects.filter(organisation=organisation).values_list("role", flat=True)
    )
    assert roles.count("mentor") == 4 and roles.count("coordinator") == 1
    # demo logins exist only in the demo organisation
    for user in User.objects.filter(email__endswith="@demo-autocars.be"):
        assert set(user.memberships.values_list("organisation__slug", flat=True)) == {
            "demo-autocars"
        }


def test_the_done_means_walkthrough(client, db):
    """Sign in as the demo coordinator, open the trajectory in step 3, see why it cannot
    start, tick the missing items, start it, and see step 4."""
    load_demo()
    client.post(
        "/accounts/login/",
        {"username": "coordinator@demo-autocars.be", "password": "werkplek-demo"},
    )
    listing = client.get("/o/demo-autocars/trajectories/?step=3&status=preparing").content.decode()
    trajectory = Trajectory.objects.get(step=3, status=Status.PREPARING)
    assert trajectory.candidate.full_name in listing
    page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "Het traject kan nog niet starten" in page
    refused = client.post(
        f"/o/demo-autocars/trajectories/{trajectory.public_id}/transition/start/", follow=True
    ).content.decode()
    assert re.search(r"\d+ verplichte? checklistpunt(en)? sta(at|an) nog open", refused)
    open_items = trajectory.checklist_items.filter(
        state="open", required=True, phase__in=["preparation", "before_start"]
    ).exclude(rule="all_children_done")
    assert open_items.exists()
    for item in open_items:
        if item.rule:  # contact details: complete the candidate instead of ticking
            candidate = trajectory.candidate
            response = client.post(
                f"/o/demo-autocars/candidates/{candidate.public_id}/edit/",
                {
                    "first_name": candidate.first_name,
                    "last_name": candidate.last_name,
                    "email": candidate.email,
                    "phone": "0470 98 76 54",
                    "language": "nl",
                    "date_of_birth": candidate.date_of_birth.isoformat(),
                    "street": candidate.street,
                    "postal_code": candidate.postal_code,
                    "city": candidate.city,
                    "subsector_interest": candidate.subsector_interest,
                    "source": candidate.source,
                    "has_relations_in_company": "no",
                },
            )
            assert response.status_code == 302
        else:
            response = client.post(
                f"/o/demo-autocars/checklist/items/{item.public_id}/tick/", HTTP_HX_REQUEST="true"
            )
            assert response.status_code == 200
    page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "het traject kan starten" in page
    # An IBO starts on its contract date, not before (trajectories.kinds): the contract of
    # this demo trajectory starts in a week, so it is moved to today first.
    if trajectory.kind == "ibo":
        Trajectory.objects.filter(pk=trajectory.pk).update(planned_start=timezone.localdate())
    started = client.post(
        f"/o/demo-autocars/trajectories/{trajectory.public_id}/transition/start/", follow=True
    ).content.decode()
    assert "stap 4" in started and 'aria-current="step"' in started
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.step) == (Status.RUNNING, 4)


def test_demo_mentors_are_over_at_and_below_the_limit_with_reasons_on_the_timeline(db):
    from werkplek.trajectories.models import TrajectoryEvent
    from werkplek.trajectories.selectors import mentor_overview

    load_demo()
    organisation = Organisation.objects.get(slug="demo-autocars")
    loads = {row.user.full_name: (row.load, row.limit) for row in mentor_overview(organisation)}
    assert loads["Luc Janssens"] == (4, 2)  # over
    assert loads["Johan Wouters"] == (2, 2)  # at
    assert loads["Mats Mertens"] == (0, 2)  # below
    over = TrajectoryEvent.objects.filter(
        trajectory__organisation=organisation,
        action="trajectories.mentor.assigned_over_capacity",
    )
    assert over.count() == 5 and all(event.data["reason"] for event in over)


def test_building_the_demo_sends_no_e_mail(db):
    # Its people are fictional: on a first `make run` the worker printed their 21 e-mails
    # (~1,250 lines) and the demo logins scrolled away.
    from django.core import mail

    load_all()
    mail.outbox.clear()
    call_command("load_demo", stdout=io.StringIO())
    assert [message.subject for message in mail.outbox] == []
