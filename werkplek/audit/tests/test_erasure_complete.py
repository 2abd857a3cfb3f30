"""Erasure leaves nothing of the person behind (issue 19, item 6), and the export holds all
that is kept about them: the account, its tokens and calendar feed, reads of their sensitive
data and their files."""

import io
import json
import zipfile

from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from werkplek.accounts.models import Membership, User
from werkplek.api.services import api_token_create
from werkplek.api.tests.helpers import ApiClient
from werkplek.audit.gdpr import person_erase
from werkplek.audit.models import SensitiveRead
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import one_of_each as documents_of_each
from werkplek.notifications.models import CalendarFeed, Notification
from werkplek.notifications.services import calendar_feed_renew
from werkplek.portal.services import trainee_invite
from werkplek.trajectories.events import trajectory_log

FIRST, LAST, EMAIL = "Zebulon", "Quaxleigh", "zebulon.quaxleigh@example.be"
PASSWORD = "a-long-trainee-pass-19"


def cells_naming_the_person() -> list[str]:
    """Every text and JSON cell of every table that still holds the name or the e-mail."""
    found = []
    needles = [FIRST.lower(), LAST.lower(), EMAIL.lower()]
    for model in apps.get_models(include_auto_created=True):
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *fields):
            for name, value in zip(fields, row[1:], strict=True):
                text = json.dumps(value, ensure_ascii=False).lower()
                if any(needle in text for needle in needles):
                    found.append(f"{model._meta.label}.{name}#{row[0]}")
    return found


def sign_in(client):
    return client.post("/accounts/login/", {"username": EMAIL, "password": PASSWORD})


def a_trainee_with_everything(organisation, coordinator, mentor, make_trajectory):
    candidate = CandidateFactory(
        organisation=organisation, first_name=FIRST, last_name=LAST, email=EMAIL
    )
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    user = trainee_invite(trajectory=trajectory, by=coordinator, base_url="http://testserver").user
    user.set_password(PASSWORD)
    user.save()
    candidate.refresh_from_db()
    # What others were told about them, and free text naming them.
    Notification.objects.create(
        recipient=mentor,
        organisation=organisation,
        trajectory=trajectory,
        kind="trajectories.mentor_assigned",
        key="mentor-told",
        params={"trainee": candidate.full_name},
    )
    Notification.objects.create(
        recipient=user, organisation=organisation, kind="test.own", key="own", params={}
    )
    trajectory_log(trajectory, "test.noted", by=coordinator, who=f"{LAST}, {FIRST}")
    documents_of_each(trajectory=trajectory, by=coordinator)
    SensitiveRead.objects.create(
        organisation=organisation, user=coordinator, candidate=candidate, what="credentials"
    )
    # E-mails kept by the task queue (sent last week): one to them, one naming them.
    for to, body in ((EMAIL, "Welcome"), ("mats@example.be", f"{FIRST} {LAST} wrote")):
        DBTaskResult.objects.create(
            status="SUCCESSFUL",
            task_path="werkplek.core.mail.send_email",
            backend_name="default",
            run_after=timezone.now(),
            args_kwargs={"args": [], "kwargs": {"to": [to], "body": body}},
        )
    _token, secret = api_token_create(user=user, name="my token")
    feed = calendar_feed_renew(user=user)
    return candidate, trajectory, user, secret, feed


def test_erasing_a_trainee_closes_the_account_and_leaves_no_name_or_address(
    organisation, admin, coordinator, mentor, make_trajectory
):
    candidate, _trajectory, user, secret, feed = a_trainee_with_everything(
        organisation, coordinator, mentor, make_trajectory
    )
    signed_in = Client()
    assert sign_in(signed_in).status_code == 302
    assert signed_in.get(reverse("notification_settings:settings")).status_code == 200
    feed_url = reverse(
        "notification_settings:calendar_feed", kwargs={"feed": feed.public_id, "token": feed.token}
    )
    assert Client().get(feed_url).status_code == 200
    assert ApiClient(user, secret=secret).get("/api/v1/me").status_code == 200
    files = [document.file.path for document in Document.objects.filter(candidate=candidate)]
    assert cells_naming_the_person()  # the scan sees them before

    response = client_for_admin(admin).post(
        reverse("audit:person_erase", kwargs={"org": "autocars", "public_id": candidate.public_id}),
        {"reason": "Op vraag", "confirm": "on"},
    )
    assert response.status_code == 302

    assert cells_naming_the_person() == []
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["body"].startswith("—")
    settings_page = reverse("notification_settings:settings")
    assert signed_in.get(settings_page).status_code == 302  # the old session is gone
    assert Client().get(feed_url).status_code == 404
    assert ApiClient(user, secret=secret).get("/api/v1/me").status_code == 401
    user = User.objects.get(pk=user.pk)
    assert not user.is_active and not user.has_usable_password()
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert not user.api_tokens.exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not Membership.objects.filter(user=user, is_active=True).exists()
    assert not any(__import__("os").path.exists(path) for path in files)
    assert sign_in(Client()).status_code == 200  # refused
    # The others keep what they were told, without the name.
    told = Notification.objects.get(key="mentor-told")
    assert told.params["trainee"].startswith("—")


def test_a_person_who_is_also_staff_elsewhere_keeps_their_account(
    organisation, other_organisation, admin, coordinator, mentor, make_trajectory
):
    candidate, _trajectory, user, _secret, _feed = a_trainee_with_everything(
        organisation, coordinator, mentor, make_trajectory
    )
    Membership.objects.create(user=user, organisation=other_organisation, role="mentor")
    person_erase(candidate=candidate, by=admin, reason="Op vraag")
    user.refresh_from_db()
    assert user.is_active and user.email == EMAIL  # the other organisation's mentor
    assert not Membership.objects.filter(user=user, organisation=organisation).exists()
    assert not Notification.objects.filter(recipient=user, organisation=organisation).exists()
    candidate.refresh_from_db()
    assert LAST not in candidate.full_name and candidate.user_id is None


def test_the_export_holds_the_account_tokens_feed_reads_and_files(
    organisation, coordinator, mentor, make_trajectory
):
    candidate, _trajectory, _user, _secret, feed = a_trainee_with_everything(
        organisation, coordinator, mentor, make_trajectory
    )
    client = client_for_admin(coordinator)
    response = client.get(
        reverse("audit:person_zip", kwargs={"org": "autocars", "public_id": candidate.public_id})
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("export.json"))
    sections = {section["model"]: section["records"] for section in data["sections"]}
    assert sections["accounts.User"][0]["email"] == EMAIL
    assert "password" not in sections["accounts.User"][0]
    assert sections["api.ApiToken"][0]["name"] == "my token"
    assert "secret_hash" not in sections["api.ApiToken"][0]
    assert len(sections["notifications.CalendarFeed"]) == 1
    assert "secret" not in sections["notifications.CalendarFeed"][0]
    assert sections["audit.SensitiveRead"][0]["what"] == "credentials"
    documents = Document.objects.filter(candidate=candidate)
    assert documents
    for document in documents:
        with document.file.open("rb") as handle:
            assert archive.read(f"files/{document.file.name}") == handle.read()
    # The readable report names the account's token and feed too.
    page = client.get(
        reverse("audit:person", kwargs={"org": "autocars", "public_id": candidate.public_id})
    ).content.decode()
    assert "my token" in page
    assert feed.token not in page and feed.secret not in page


def client_for_admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
