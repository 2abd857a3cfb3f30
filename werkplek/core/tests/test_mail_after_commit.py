"""E-mails leave after the change they tell about is committed, from the task worker: a slow
mail server never holds a database lock (issue 19 item 7)."""

import io

import pytest
from asgiref.local import Local
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import task_backends
from django_tasks_db.models import DBTaskResult

from werkplek.accounts.models import User
from werkplek.accounts.services import member_invite
from werkplek.trajectories.services import trajectory_update


@pytest.fixture
def database_queue(settings):
    """Tasks go through the database queue instead of running at once, as in production."""

    def reset():  # django.tasks reads TASKS once; make it read the setting again
        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local()

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    reset()
    yield
    reset()


def invite(organisation, admin):
    return member_invite(
        organisation=organisation,
        email="nieuw@example.be",
        full_name="Nieuwe Collega",
        role="mentor",
        language="nl",
        invited_by=admin,
        base_url="https://werkplek.example",
    )


@transaction.atomic
def invite_then_fail(organisation, admin):
    invite(organisation, admin)
    raise RuntimeError("the rest of the change failed")


def run_worker():
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)  # real commits; the worker has its own connection
def test_an_invitation_is_sent_by_the_worker_after_commit(database_queue, organisation, admin):
    invite(organisation, admin)
    assert mail.outbox == []  # nothing talked to the mail server during the change
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "werkplek.core.mail.send_email"
    assert queued.status == "READY"

    run_worker()

    assert [message.to for message in mail.outbox] == [["nieuw@example.be"]]
    assert "Autocars" in mail.outbox[0].subject
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_change_that_is_rolled_back_sends_nothing(database_queue, organisation, admin):
    with pytest.raises(RuntimeError):
        invite_then_fail(organisation, admin)
    run_worker()
    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()
    assert not User.objects.filter(email="nieuw@example.be").exists()


@pytest.mark.django_db(transaction=True)
def test_a_prompt_to_act_is_sent_by_the_worker_after_commit(
    database_queue, coordinator, mentor, other_mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    mail.outbox.clear()
    DBTaskResult.objects.all().delete()
    trajectory_update(trajectory=trajectory, by=coordinator, mentors=[mentor, other_mentor])
    assert mail.outbox == []  # the request never waits for the mail server
    run_worker()
    assert [message.to for message in mail.outbox] == [[other_mentor.email]]
    assert "Je bent nu de mentor van" in mail.outbox[0].subject
