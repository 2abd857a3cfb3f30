"""The evaluation report PDF and the dossier's evaluations section (evaluations app)."""

import pytest
from django.apps import apps

from werkplek.conftest import membership_of
from werkplek.documents.models import Document
from werkplek.printing.tests.factories import full_trajectory, pdf_text

pytestmark = pytest.mark.skipif(
    not apps.is_installed("werkplek.evaluations"), reason="the evaluations app is not installed"
)


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, coordinator, trainee):
    trajectory = full_trajectory(
        make_trajectory, organisation, mentor=mentor, coordinator=coordinator
    )
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    return trajectory


@pytest.fixture
def evaluation(trajectory, mentor):
    from werkplek.evaluations import services
    from werkplek.evaluations.tests.factories import levels, scheduled

    evaluation = scheduled(trajectory, mentor)
    services.self_assessment_save(
        evaluation=evaluation,
        levels=levels(trajectory, {"manoeuvring": 4}, "Ik kan het goed"),
        by=mentor,
    )
    return evaluation


def hold_and_sign(evaluation, mentor, coordinator, organisation):
    from werkplek.evaluations.tests.factories import held, sign_all

    held(evaluation, mentor, {"manoeuvring": 2})
    sign_all(evaluation, membership_of(coordinator, organisation))


def test_the_report_shows_self_and_mentor_comments_and_signatures_with_times(
    client_for, evaluation, mentor, coordinator, organisation
):
    hold_and_sign(evaluation, mentor, coordinator, organisation)
    response = client_for(mentor).get(f"/o/autocars/print/evaluation/{evaluation.public_id}.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Evaluatieverslag" in text
    assert "Ik kan het goed" in text and "Mentor zegt" in text
    assert "Stipt" in text  # strengths
    assert evaluation.held_on.strftime("%d/%m/%Y") in text
    signature = evaluation.signatures.first()
    assert signature.typed_name in text
    assert signature.signed_at.astimezone().strftime("%d/%m/%Y %H:%M") in text


def test_a_trainee_gets_the_report_only_once_the_talk_is_held(
    client_for, evaluation, mentor, coordinator, organisation, trainee
):
    url = f"/o/autocars/print/evaluation/{evaluation.public_id}.pdf"
    assert client_for(trainee).get(url).status_code == 404
    hold_and_sign(evaluation, mentor, coordinator, organisation)
    assert client_for(trainee).get(url).status_code == 200


def test_the_dossier_has_the_evaluations_and_a_copy_is_kept(
    client_for, trajectory, evaluation, mentor, coordinator, organisation
):
    hold_and_sign(evaluation, mentor, coordinator, organisation)
    client = client_for(coordinator)
    text = pdf_text(client.get(f"/o/autocars/print/{trajectory.public_id}/dossier.pdf").content)
    assert "Evaluaties" in text and "Ik kan het goed" in text
    client.post(f"/o/autocars/print/evaluation/{evaluation.public_id}/store/")
    document = Document.objects.get(trajectory=trajectory, kind="evaluation_report")
    assert document.source == "generated" and document.version == 1
    page = client.get(f"/o/autocars/print/{trajectory.public_id}/").content.decode()
    assert "Evaluatieverslagen" in page
