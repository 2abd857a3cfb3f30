"""Decisions recorded with one choice keep what they said when a decision takes several."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from werkplek.evaluations.models import Course, Evaluation, OutcomeDecision
from werkplek.evaluations.services import courses_seed
from werkplek.evaluations.tests.factories import scheduled

BEFORE = [
    ("evaluations", "0004_signature_acknowledges_plan_version"),
    ("audit", "0005_history_plan_version_proposed"),
]


@pytest.mark.django_db(transaction=True)
def test_each_one_choice_decision_becomes_its_flag_and_its_course_stays(
    make_trajectory, organisation, mentor, coordinator
):
    courses_seed(organisation=organisation)
    nodw = Course.objects.get(organisation=organisation, code="nodw")
    rows = {}
    for choice in ("contract", "continue", "additional", "stop"):
        trajectory = make_trajectory(mentors=[mentor])
        final = scheduled(trajectory, mentor, Evaluation.Kind.FINAL)
        rows[choice] = OutcomeDecision.objects.create(
            trajectory=trajectory, evaluation=final, decided_by=coordinator, reason="x"
        ).pk

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("evaluations", "OutcomeDecision")
    for choice, pk in rows.items():
        old.objects.filter(pk=pk).update(
            decision=choice,
            course_id=nodw.pk if choice == "additional" else None,
            contract_date=date(2027, 6, 1) if choice == "contract" else None,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    found = {
        choice: OutcomeDecision.objects.prefetch_related("courses").get(pk=pk)
        for choice, pk in rows.items()
    }
    flags = {
        choice: (row.contract, row.continue_training, row.stop) for choice, row in found.items()
    }
    assert flags == {
        "contract": (True, False, False),
        "continue": (False, True, False),
        "additional": (False, False, False),
        "stop": (False, False, True),
    }
    assert [course.code for course in found["additional"].courses.all()] == ["nodw"]
    assert not found["contract"].courses.exists()
