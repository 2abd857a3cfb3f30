"""Sentences the system writes (a plan's reason, the outcome note, timeline events) are stored
as codes with parameters and read in the reader's language, whoever wrote them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from werkplek.core.i18n import CODED_TEXTS, coded, render_coded
from werkplek.evaluations import services
from werkplek.evaluations.models import Evaluation
from werkplek.evaluations.tests.factories import end_waivers, held, scheduled
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.plans.services import plan_goal_save, plan_start, plan_version_agree
from werkplek.printing.tests.factories import pdf_text
from werkplek.trajectories.models import Status, Step, Trajectory

REASON = {
    "nl": "Actiepunten van de tussentijdse evaluatie van {date}",
    "fr": "Points d'action de l'évaluation intermédiaire du {date}",
    "en": "Action points of the interim evaluation of {date}",
}
CONTRACT = {
    "nl": "Contract (Vast) vanaf 14/06/2027.",
    "fr": "Contrat (Vast) à partir du 14/06/2027.",
    "en": "Contract (Vast) from 14/06/2027.",
}


def _read_as(client_for, user, trajectory, language):
    """The user reads in `language`; the trajectory's PDFs are in the trainee's language."""
    user.language = language
    user.save(update_fields=["language"])
    trajectory.candidate.language = language
    trajectory.candidate.save(update_fields=["language"])
    return client_for(user)


@pytest.fixture
def planned_action_point(trajectory, organisation, mentor):
    """An action point of an interim evaluation made a goal, by a mentor working in Dutch."""
    from werkplek.competences.tests.factories import competence

    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "vehicle_check"))
    )
    plan_version_agree(version=version, by=mentor)
    evaluation = held(scheduled(trajectory, mentor), mentor)
    point = services.action_point_add(
        evaluation=evaluation,
        text="Manoeuvreren in krappe haltes",
        competence=competence(organisation, "manoeuvring"),
        by=mentor,
    )
    with translation.override("nl"):
        services.action_point_to_plan(point=point, as_="goal", by=mentor)
    return evaluation


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_plan_change_reason_is_in_the_readers_language_on_page_pdf_and_timeline(
    planned_action_point, trajectory, organisation, coordinator, client_for, language
):
    expected = REASON[language].format(date=planned_action_point.held_on.strftime("%d/%m/%Y"))
    others = [
        REASON[other].format(date=planned_action_point.held_on.strftime("%d/%m/%Y"))
        for other in REASON
        if other != language
    ]
    draft = PlanVersion.objects.get(trajectory=trajectory, status="draft")
    assert draft.reason == ""  # nothing typed: the reason is a code
    client = _read_as(client_for, coordinator, trajectory, language)
    kwargs = {"org": organisation.slug, "public_id": trajectory.public_id}
    page = client.get(reverse("plans:plan", kwargs=kwargs)).content.decode()
    pdf = pdf_text(client.get(reverse("printing:pdf", kwargs={**kwargs, "code": "plan"})).content)
    timeline = client.get(trajectory.get_absolute_url()).content.decode()
    for text in (page, pdf, timeline):
        text = text.replace("&#x27;", "'")
        assert expected in text
        assert not any(other in text for other in others)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_contract_note_is_in_the_readers_language_in_dossier_and_pdf(
    trajectory, mentor, staff, coordinator, organisation, client_for, language
):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    held(scheduled(trajectory, mentor, Evaluation.Kind.FINAL), mentor)
    with translation.override("nl"):
        services.outcome_record(
            trajectory=trajectory,
            contract=True,
            membership=staff,
            contract_date=date(2027, 6, 14),
            contract_type="Vast",
            waivers=end_waivers(trajectory),
        )
    trajectory.refresh_from_db()
    assert trajectory.outcome_note == ""
    client = _read_as(client_for, coordinator, trajectory, language)
    dossier = client.get(trajectory.get_absolute_url()).content.decode()
    kwargs = {"org": organisation.slug, "public_id": trajectory.public_id, "code": "dossier"}
    pdf = pdf_text(client.get(reverse("printing:pdf", kwargs=kwargs)).content)
    for text in (dossier, pdf):
        assert CONTRACT[language] in text
        assert not any(CONTRACT[other] in text for other in CONTRACT if other != language)
    # the outcome and the timeline's "Decision after …: <decision>" both say it
    assert dossier.count(CONTRACT[language]) >= 2


def test_the_timeline_names_changed_fields_in_the_readers_language(
    trajectory, coordinator, client_for
):
    from werkplek.trajectories.services import trajectory_update

    with translation.override("nl"):
        trajectory_update(trajectory=trajectory, by=coordinator, job_title="Buschauffeur")
    page = _read_as(client_for, coordinator, trajectory, "fr").get(trajectory.get_absolute_url())
    assert "fonction" in page.content.decode()
    assert "functie" not in page.content.decode().lower()


def test_a_coded_text_renders_dates_and_labels_and_an_unknown_code_shows_itself():
    assert "evaluations.outcome_note.contract" in CODED_TEXTS
    entry = coded("evaluations.outcome_note.contract", type="Vast", date="2027-06-14")
    with translation.override("fr"):
        assert render_coded(entry) == CONTRACT["fr"]
    assert render_coded(coded("gone.code")) == "gone.code"
    assert render_coded({}) == ""


def test_sentences_stored_before_are_turned_back_into_codes(
    planned_action_point, trajectory, mentor
):
    """The data migrations: a Dutch or French sentence becomes its code, typed text stays."""
    from importlib import import_module

    from django.apps import apps

    from werkplek.trajectories.events import trajectory_log

    plans_migration = import_module("werkplek.plans.migrations.0002_planversion_reasons_coded")
    trajectories_migration = import_module(
        "werkplek.trajectories.migrations.0003_trajectory_outcome_note_coded"
    )
    draft = PlanVersion.objects.get(trajectory=trajectory, status="draft")
    draft.reason = "Extra oefening\nActiepunten van de tussentijdse evaluatie van 01/03/2027"
    draft.reasons_coded = []
    draft.save()
    Trajectory.objects.filter(pk=trajectory.pk).update(
        outcome_note="Contrat (CDI) à partir du 14/06/2027."
    )
    event = trajectory_log(
        trajectory, "evaluations.outcome.recorded", by=mentor, decision="Contract ondertekenen"
    )
    typed = trajectory_log(trajectory, "trajectories.trajectory.stopped", by=mentor, reason="Ziek")

    plans_migration.reasons_to_codes(apps, None)
    trajectories_migration.texts_to_codes(apps, None)

    draft.refresh_from_db()
    trajectory.refresh_from_db()
    event.refresh_from_db()
    typed.refresh_from_db()
    assert draft.reason == "Extra oefening"
    with translation.override("fr"):
        assert draft.reason_text == (
            "Extra oefening\nPoints d'action de l'évaluation intermédiaire du 01/03/2027"
        )
        assert trajectory.outcome_note_text == "Contrat (CDI) à partir du 14/06/2027."
    with translation.override("en"):
        assert trajectory.outcome_note_text == "Contract (CDI) from 14/06/2027."
    assert trajectory.outcome_note == ""
    assert event.data["decision"]["fr"] == "Signer un contrat"
    assert typed.data == {"reason": "Ziek"}
