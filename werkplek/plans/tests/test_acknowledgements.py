"""The opleidingsplan is agreed by its parties: trainee, mentor and, for an IBO, the VDAB
guest each acknowledge the version; a new version asks again; open acknowledgements wait
for each person (obligations)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import competence, running
from werkplek.conftest import membership_of
from werkplek.core.obligations import obligation_text, obligations_for
from werkplek.evaluations.models import Signature
from werkplek.plans.acknowledgements import (
    KIND,
    open_acknowledgements,
    plan_version_acknowledge,
    plan_version_propose,
)
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.plans.services import plan_goal_save, plan_revise, plan_start
from werkplek.portal.models import GuestAccess
from werkplek.trajectories.events import event_text
from werkplek.trajectories.models import Kind, Trajectory


@pytest.fixture
def ibo(make_trajectory, organisation, mentor, trainee, guest):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate, kind=Kind.IBO)
    GuestAccess.objects.create(
        organisation=organisation,
        trajectory=trajectory,
        membership=membership_of(guest, organisation),
    )
    return trajectory


def draft(trajectory, organisation, by):
    version = plan_start(trajectory=trajectory, by=by)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
    )
    return version


def ack(version, user, organisation):
    return plan_version_acknowledge(
        version=version,
        membership=membership_of(user, organisation),
        typed_name=user.full_name,
        agreed=True,
        ip_address="10.0.0.1",
    )


def waiting_for(trajectory):
    found = open_acknowledgements(
        trajectories=Trajectory.objects.filter(pk=trajectory.pk), today=timezone.localdate()
    )
    return {obligation.user_id for obligation in found}


def keys_of(trajectory):
    found = open_acknowledgements(
        trajectories=Trajectory.objects.filter(pk=trajectory.pk), today=timezone.localdate()
    )
    return {obligation.key for obligation in found}


def test_the_plan_is_agreed_when_trainee_mentor_and_vdab_have_acknowledged(
    ibo, organisation, coordinator, mentor, trainee, guest
):
    version = plan_version_propose(version=draft(ibo, organisation, mentor), by=coordinator)
    assert version.is_draft  # the coordinator's click alone does not agree it
    assert waiting_for(ibo) == {trainee.pk, mentor.pk, guest.pk}
    ack(version, trainee, organisation)
    ack(version, mentor, organisation)
    assert waiting_for(ibo) == {guest.pk}
    version.refresh_from_db()
    assert version.is_draft
    signature = ack(version, guest, organisation)
    assert signature.party == Signature.Party.GUEST and signature.evaluation is None
    version.refresh_from_db()
    assert version.status == PlanVersion.Status.AGREED and version.agreed_by == guest
    assert waiting_for(ibo) == set()
    assert ibo.checklist_items.get(code="training_plan").state == "done"


def test_a_new_version_asks_again(ibo, organisation, coordinator, mentor, trainee, guest):
    version = plan_version_propose(version=draft(ibo, organisation, mentor), by=coordinator)
    for person in (trainee, mentor, guest):
        ack(version, person, organisation)
    second = plan_revise(trajectory=ibo, reason="Extra meetrit", by=mentor)
    plan_version_propose(version=second, by=coordinator)
    assert waiting_for(ibo) == {trainee.pk, mentor.pk, guest.pk}
    found = [
        o
        for o in obligations_for(
            trajectories=Trajectory.objects.filter(pk=ibo.pk),
            today=timezone.localdate(),
            user_id=trainee.pk,
        )
        if o.kind == KIND
    ]
    assert len(found) == 1 and "2" in obligation_text(found[0])
    assert found[0].url == f"/o/autocars/plans/version/{second.public_id}/acknowledge/"


def test_only_a_party_acknowledges_and_only_once(
    ibo, organisation, coordinator, mentor, other_mentor
):
    version = draft(ibo, organisation, mentor)
    with pytest.raises(ValidationError, match="not waiting"):
        ack(version, mentor, organisation)
    plan_version_propose(version=version, by=coordinator)
    with pytest.raises(ValidationError, match="not a party"):
        ack(version, other_mentor, organisation)
    with pytest.raises(ValidationError, match="not a party"):
        ack(version, coordinator, organisation)
    ack(version, mentor, organisation)
    with pytest.raises(ValidationError, match="already"):
        ack(version, mentor, organisation)


def test_the_trainee_acknowledges_on_the_page(
    client_for, ibo, organisation, coordinator, mentor, trainee
):
    version = draft(ibo, organisation, mentor)
    client_for(coordinator).post(f"/o/autocars/plans/version/{version.public_id}/agree/")
    url = f"/o/autocars/plans/version/{version.public_id}/acknowledge/"
    client = client_for(trainee)
    page = client.get(url).content.decode()
    assert "Manoeuvreren" in page
    response = client.post(url, {"typed_name": "Kevin"})
    assert response.status_code == 422 and 'id="id_agreed_error"' in response.content.decode()
    assert client.post(url, {"typed_name": "Kevin", "agreed": "on"}).status_code == 302
    assert version.acknowledgements.get().signer == trainee


def test_open_acknowledgements_are_read_in_a_fixed_number_of_queries(
    make_trajectory, ibo, organisation, coordinator, mentor, django_assert_max_num_queries
):
    plan_version_propose(version=draft(ibo, organisation, mentor), by=coordinator)
    with django_assert_max_num_queries(5) as captured:
        list(
            open_acknowledgements(trajectories=Trajectory.objects.all(), today=timezone.localdate())
        )
    for _ in range(3):
        other = running(make_trajectory, mentors=[mentor], kind=Kind.IBO)
        plan_version_propose(version=draft(other, organisation, mentor), by=coordinator)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        found = list(
            open_acknowledgements(trajectories=Trajectory.objects.all(), today=timezone.localdate())
        )
    assert len(found) == 3 + 3  # trainee, mentor, guest; then the mentor of each other one


def test_editing_a_proposed_draft_asks_every_party_again(
    ibo, organisation, coordinator, mentor, trainee, guest
):
    version = plan_version_propose(version=draft(ibo, organisation, mentor), by=coordinator)
    ack(version, trainee, organisation)
    ack(version, mentor, organisation)
    assert waiting_for(ibo) == {guest.pk}
    keys_before = keys_of(ibo)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )  # what they acknowledged is no longer what the plan says
    version.refresh_from_db()
    assert version.is_draft and version.proposed_at is not None
    assert not version.acknowledgements.exists()
    assert waiting_for(ibo) == {trainee.pk, mentor.pk, guest.pk}
    assert not keys_of(ibo) & keys_before  # the inbox and the digest ask again
    event = ibo.events.get(action="plans.version.acknowledgements_reset")
    assert event.data["number"] == version.number
    assert "asked again" in event_text(event)
    ack(version, guest, organisation)  # the guest's earlier "yes" alone no longer agrees it
    version.refresh_from_db()
    assert version.is_draft


def test_editing_a_draft_nobody_acknowledged_yet_asks_nobody_again(
    ibo, organisation, coordinator, mentor
):
    version = plan_version_propose(version=draft(ibo, organisation, mentor), by=coordinator)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    assert not ibo.events.filter(action="plans.version.acknowledgements_reset").exists()
