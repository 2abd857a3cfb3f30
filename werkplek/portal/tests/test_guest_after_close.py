"""A guest keeps reading a trajectory they follow for a while after it ends (the VDAB
counsellor needs the final evaluation), the same everywhere: follow page, evaluation page,
its PDF, the portal home. See docs/decisions/guest-access.md."""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of
from werkplek.evaluations.models import Evaluation
from werkplek.evaluations.tests.factories import held, scheduled
from werkplek.portal.models import GuestAccess
from werkplek.portal.services import guest_access_grant
from werkplek.trajectories.models import Outcome, Status, Trajectory


@pytest.fixture
def followed(make_trajectory, mentor, coordinator, guest, organisation):
    trajectory = running(make_trajectory, mentors=[mentor], job_title="Buschauffeur")
    guest_access_grant(
        trajectory=trajectory,
        email=guest.email,
        full_name=guest.full_name,
        language="nl",
        by=coordinator,
        base_url="http://testserver/",
    )
    final = scheduled(
        trajectory, mentor, Evaluation.Kind.FINAL, guest=membership_of(guest, organisation)
    )
    held(final, mentor)
    return trajectory, final


def _close(trajectory, *, days_ago: int) -> None:
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.CLOSED,
        outcome=Outcome.HIRED,
        actual_end=timezone.localdate() - timedelta(days=days_ago),
    )


def _what_the_guest_gets(client, trajectory, final) -> dict:
    home = client.get("/o/autocars/portal/")
    assert home.status_code == 200
    return {
        "home": trajectory.candidate.full_name in home.content.decode(),
        "follow": client.get(f"/o/autocars/portal/follow/{trajectory.public_id}/").status_code,
        "evaluation": client.get(f"/o/autocars/evaluations/e/{final.public_id}/").status_code,
        "pdf": client.get(f"/o/autocars/print/evaluation/{final.public_id}.pdf").status_code,
    }


def test_a_guest_reads_a_closed_trajectory_and_its_final_evaluation_for_a_while(
    client_for, followed, guest, settings
):
    settings.GUEST_READ_DAYS_AFTER_END = 60
    trajectory, final = followed
    client = client_for(guest)
    everything = {"home": True, "follow": 200, "evaluation": 200, "pdf": 200}
    assert _what_the_guest_gets(client, trajectory, final) == everything

    _close(trajectory, days_ago=0)
    assert _what_the_guest_gets(client, trajectory, final) == everything
    page = client.get(f"/o/autocars/portal/follow/{trajectory.public_id}/").content.decode()
    last_day = (timezone.localdate() + timedelta(days=60)).strftime("%d/%m/%Y")
    assert f"Je kunt dit traject nog lezen tot {last_day}" in page

    _close(trajectory, days_ago=60)
    assert _what_the_guest_gets(client, trajectory, final) == everything

    _close(trajectory, days_ago=61)
    nothing = {"home": False, "follow": 404, "evaluation": 404, "pdf": 404}
    assert _what_the_guest_gets(client, trajectory, final) == nothing
    assert not GuestAccess.objects.get(trajectory=trajectory).is_active


def test_a_revoked_guest_reads_nothing_even_before_the_trajectory_ends(client_for, followed, guest):
    trajectory, final = followed
    GuestAccess.objects.filter(trajectory=trajectory).update(revoked_at=timezone.now())
    client = client_for(guest)
    nothing = {"home": False, "follow": 404, "evaluation": 404, "pdf": 404}
    assert _what_the_guest_gets(client, trajectory, final) == nothing
