from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.competences.models import CompetenceRating
from werkplek.competences.tests.factories import competence
from werkplek.conftest import membership_of
from werkplek.evaluations import services
from werkplek.evaluations.models import ActionPoint, Evaluation, MentorScore
from werkplek.evaluations.selectors import evaluation_report, side_by_side
from werkplek.evaluations.tests.factories import held, levels, scheduled, sign_all
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.plans.selectors import competence_progress
from werkplek.plans.services import plan_goal_save, plan_start, plan_version_agree

Kind = Evaluation.Kind


def item(trajectory, code):
    return trajectory.checklist_items.get(code=code)


def test_scheduling_and_holding_tick_the_checklist(trajectory, coordinator, mentor):
    assert item(trajectory, "interim_evaluation_planned").state == "open"
    interim = scheduled(trajectory, coordinator)
    assert interim.mentor == mentor and interim.coordinator == coordinator
    assert item(trajectory, "interim_evaluation_planned").state == "done"
    assert item(trajectory, "interim_evaluation_held").state == "open"
    held(interim, mentor)
    assert item(trajectory, "interim_evaluation_held").state == "done"
    final = scheduled(trajectory, coordinator, Kind.FINAL)
    assert item(trajectory, "final_evaluation_planned").state == "done"
    assert item(trajectory, "competences_evaluated").state == "open"
    held(final, mentor)
    assert item(trajectory, "competences_evaluated").state == "done"
    assert item(trajectory, "evaluation_talk").state == "done"


def test_self_and_mentor_side_by_side_with_earlier_levels(trajectory, organisation, mentor):
    first = scheduled(trajectory, mentor, on=timezone.localdate() - timedelta(days=20))
    held(first, mentor, {"manoeuvring": 1}, on=timezone.localdate() - timedelta(days=20))
    second = scheduled(trajectory, mentor)
    services.self_assessment_save(
        evaluation=second,
        levels=levels(trajectory, {"manoeuvring": 4}, "Ik kan het goed"),
        by=mentor,
    )
    services.mentor_scores_save(
        evaluation=second,
        levels=levels(trajectory, {"manoeuvring": 2}, "Nog oefenen"),
        strengths="",
        improvements="",
        by=mentor,
    )
    rows = {row.competence.code: row for row in side_by_side(second)}
    row = rows["manoeuvring"]
    assert (row.self_level, row.self_comment) == (4, "Ik kan het goed")
    assert (row.mentor_level, row.mentor_comment) == (2, "Nog oefenen")
    assert row.differs
    assert [(e.pk, level) for e, level, _label in row.earlier] == [(first.pk, 1)]
    assert rows["vehicle_check"].self_level is None and not rows["vehicle_check"].differs
    hidden = {row.competence.code: row for row in side_by_side(second, with_mentor=False)}
    assert hidden["manoeuvring"].mentor_level is None and hidden["manoeuvring"].earlier == []


def test_holding_writes_ratings_so_the_latest_level_counts(trajectory, organisation, mentor):
    evaluation = held(scheduled(trajectory, mentor), mentor, {"manoeuvring": 3})
    rating = CompetenceRating.objects.get(trajectory=trajectory, source="evaluation")
    assert (rating.competence.code, rating.level, rating.source_ref) == (
        "manoeuvring",
        3,
        evaluation.public_id,
    )
    progress = competence_progress(trajectory)
    row = next(r for r in progress.rows if r.competence.code == "manoeuvring")
    assert row.latest.level == 3
    # a change of the scores after the talk (before signing) rewrites the ratings
    services.mentor_scores_save(
        evaluation=evaluation,
        levels=levels(trajectory, {"manoeuvring": 4}),
        strengths="",
        improvements="",
        by=mentor,
    )
    assert list(
        CompetenceRating.objects.filter(trajectory=trajectory, source="evaluation").values_list(
            "level", flat=True
        )
    ) == [4]


def test_holding_needs_scores_and_a_date_not_in_the_future(trajectory, mentor):
    evaluation = scheduled(trajectory, mentor)
    with pytest.raises(ValidationError, match="Score the competences"):
        services.evaluation_hold(evaluation=evaluation, on=timezone.localdate(), by=mentor)
    with pytest.raises(ValidationError):
        held(evaluation, mentor, on=timezone.localdate() + timedelta(days=1))


def test_signing_by_every_party_locks_and_changes_are_refused_and_recorded(
    trajectory, organisation, mentor, trainee, coordinator, staff
):
    evaluation = held(scheduled(trajectory, coordinator), mentor)
    services.evaluation_sign(
        evaluation=evaluation,
        party="trainee",
        typed_name="Tom Trainee",
        agreed=True,
        membership=membership_of(trainee, organisation),
        ip_address="10.1.2.3",
    )
    with pytest.raises(ValidationError, match="only sign for yourself"):
        services.evaluation_sign(
            evaluation=evaluation,
            party="coordinator",
            typed_name="Tom",
            agreed=True,
            membership=membership_of(trainee, organisation),
            ip_address=None,
        )
    with pytest.raises(ValidationError, match="Tick the box"):
        services.evaluation_sign(
            evaluation=evaluation,
            party="mentor",
            typed_name="Mats Mentor",
            agreed=False,
            membership=membership_of(mentor, organisation),
            ip_address=None,
        )
    with pytest.raises(ValidationError, match="on behalf of") as refused:
        services.evaluation_sign(
            evaluation=evaluation,
            party="mentor",
            typed_name="Mats Mentor",
            agreed=True,
            membership=staff,  # the coordinator is not the mentor: not silently
            ip_address="10.1.2.4",
        )
    assert set(refused.value.message_dict) == {"on_behalf"}
    with pytest.raises(ValidationError) as refused:
        services.evaluation_sign(
            evaluation=evaluation,
            party="mentor",
            typed_name="Mats Mentor",
            agreed=True,
            membership=staff,
            ip_address="10.1.2.4",
            on_behalf=True,
            on_behalf_reason="  ",
        )
    assert set(refused.value.message_dict) == {"on_behalf_reason"}
    with pytest.raises(ValidationError, match="yourself"):
        services.evaluation_sign(
            evaluation=evaluation,
            party="coordinator",
            typed_name="Cora",
            agreed=True,
            membership=staff,
            ip_address=None,
            on_behalf=True,
            on_behalf_reason="Waarom niet",
        )
    assert not evaluation.signatures.filter(party__in=["mentor", "coordinator"]).exists()
    services.evaluation_sign(
        evaluation=evaluation,
        party="mentor",
        typed_name="Mats Mentor",
        agreed=True,
        membership=staff,  # recorded by the coordinator on a shared phone
        ip_address="10.1.2.4",
        on_behalf=True,
        on_behalf_reason="Gedeelde telefoon, mentor zonder login",
    )
    evaluation.refresh_from_db()
    assert evaluation.locked_at is None
    services.evaluation_sign(
        evaluation=evaluation,
        party="coordinator",
        typed_name="Cora",
        agreed=True,
        membership=staff,
        ip_address="10.1.2.4",
    )
    evaluation.refresh_from_db()
    assert evaluation.is_locked
    signatures = {s.party: s for s in evaluation.signatures.all()}
    assert signatures["trainee"].signer == trainee and not signatures["trainee"].on_behalf
    assert signatures["trainee"].ip_address == "10.1.2.3"
    assert signatures["mentor"].on_behalf and signatures["mentor"].recorded_by == coordinator
    assert signatures["mentor"].on_behalf_reason == "Gedeelde telefoon, mentor zonder login"
    assert signatures["mentor"].signer == mentor

    with pytest.raises(services.EvaluationLocked):
        services.mentor_scores_save(
            evaluation=evaluation,
            levels=levels(trajectory, {"manoeuvring": 4}),
            strengths="Anders",
            improvements="",
            by=mentor,
        )
    with pytest.raises(services.EvaluationLocked):
        services.action_point_add(evaluation=evaluation, text="x", competence=None, by=mentor)
    evaluation.refresh_from_db()
    assert evaluation.strengths == "Stipt"
    assert MentorScore.objects.get(evaluation=evaluation, competence__code="manoeuvring").level == 2
    refused = trajectory.events.filter(action="evaluations.evaluation.change_refused")
    assert refused.count() == 2
    assert refused.filter(actor=mentor, data__attempt="scores").exists()


def test_a_correction_is_a_new_version_and_the_signed_one_stays(
    trajectory, mentor, coordinator, staff
):
    signed = held(scheduled(trajectory, coordinator), mentor, {"manoeuvring": 2})
    services.action_point_add(evaluation=signed, text="Oefenen", competence=None, by=mentor)
    sign_all(signed, staff)
    with pytest.raises(ValidationError, match="Say what"):
        services.evaluation_correct(evaluation=signed, reason=" ", by=coordinator)
    copy = services.evaluation_correct(evaluation=signed, reason="Typfout", by=coordinator)
    assert (copy.version, copy.previous, copy.is_locked, copy.is_held) == (2, signed, False, True)
    assert copy.action_points.count() == 1 and copy.signatures.count() == 0
    services.mentor_scores_save(
        evaluation=copy,
        levels=levels(trajectory, {"manoeuvring": 3}),
        strengths="Stipt",
        improvements="",
        by=mentor,
    )
    signed.refresh_from_db()
    assert signed.is_locked and not signed.is_current
    assert MentorScore.objects.get(evaluation=signed, competence__code="manoeuvring").level == 2
    assert signed.signatures.count() == 3
    ratings = CompetenceRating.objects.filter(trajectory=trajectory, source="evaluation")
    assert list(ratings.values_list("source_ref", "level")) == [(copy.public_id, 3)]
    with pytest.raises(ValidationError, match="corrected already"):
        services.evaluation_correct(evaluation=signed, reason="Nog eens", by=coordinator)


def test_an_action_point_becomes_a_goal_or_moment_of_a_new_plan_version(
    trajectory, organisation, mentor
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "vehicle_check"))
    )
    plan_version_agree(version=version, by=mentor)
    evaluation = held(scheduled(trajectory, mentor), mentor)
    goal_point = services.action_point_add(
        evaluation=evaluation,
        text="Manoeuvreren in krappe haltes",
        competence=competence(organisation, "manoeuvring"),
        by=mentor,
    )
    moment_point = services.action_point_add(
        evaluation=evaluation,
        text="Meerijden met de instructeur",
        competence=competence(organisation, "manoeuvring"),
        by=mentor,
    )
    services.action_point_to_plan(point=goal_point, as_="goal", by=mentor)
    draft = PlanVersion.objects.get(trajectory=trajectory, status="draft")
    assert draft.number == 2
    assert draft.goals.filter(
        competence__code="manoeuvring", description="Manoeuvreren in krappe haltes"
    ).exists()
    on = timezone.localdate() + timedelta(days=3)
    services.action_point_to_plan(point=moment_point, as_="moment", on=on, by=mentor)
    moment = draft.moments.get(topic="Meerijden met de instructeur")
    assert moment.date == on and moment.goals.filter(competence__code="manoeuvring").exists()
    assert PlanVersion.objects.filter(trajectory=trajectory).count() == 2  # same draft
    goal_point.refresh_from_db()
    assert (goal_point.planned_as, goal_point.plan_version) == ("goal", 2)
    with pytest.raises(ValidationError, match="already"):
        services.action_point_to_plan(point=goal_point, as_="goal", by=mentor)


def test_the_final_evaluation_judges_each_goal(trajectory, organisation, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    goal = plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
    )
    plan_version_agree(version=version, by=mentor)
    final = scheduled(trajectory, mentor, Kind.FINAL)
    with pytest.raises(ValidationError, match="already has a final"):
        scheduled(trajectory, mentor, Kind.FINAL)
    services.goal_results_save(
        evaluation=final,
        results=[services.GoalVerdict(goal, False, "Logboek 12/03")],
        judgement="partly",
        judgement_note="Bijna",
        by=mentor,
    )
    held(final, mentor)
    report = evaluation_report(final)
    [result] = report["goal_results"]
    assert result["goal"] == goal.competence.text
    assert (result["reached"], result["evidence"]) == (False, "Logboek 12/03")
    assert report["judgement"] == "Goal partly reached"


def test_the_report_has_what_a_printed_report_needs(trajectory, mentor, staff):
    evaluation = scheduled(trajectory, mentor)
    services.self_assessment_save(
        evaluation=evaluation, levels=levels(trajectory, {"manoeuvring": 3}), by=mentor
    )
    services.action_point_add(evaluation=evaluation, text="Oefenen", competence=None, by=mentor)
    held(evaluation, mentor)
    sign_all(evaluation, staff)
    report = evaluation_report(evaluation)
    row = next(r for r in report["competences"] if r["mentor_level"] is not None)
    assert (row["self_level"], row["mentor_level"], row["mentor_comment"]) == (3, 2, "Mentor zegt")
    assert report["strengths"] == "Stipt" and report["improvements"] == "Manoeuvreren"
    assert [p["text"] for p in report["action_points"]] == ["Oefenen"]
    assert [s["party"] for s in report["signatures"]] == ["Trainee", "Mentor", "Coordinator"]
    assert report["trainee"] == trajectory.candidate.full_name and report["locked_at"]


def test_a_guest_is_a_required_party(trajectory, organisation, mentor, guest, staff):
    evaluation = scheduled(trajectory, mentor, guest=membership_of(guest, organisation))
    held(evaluation, mentor)
    assert "guest" in services.required_parties(evaluation)
    services.evaluation_sign(
        evaluation=evaluation,
        party="guest",
        typed_name="Greet Gast",
        agreed=True,
        membership=membership_of(guest, organisation),
        ip_address=None,
    )
    sign_all_but = [p for p in services.required_parties(evaluation) if p != "guest"]
    for party in sign_all_but:
        services.evaluation_sign(
            evaluation=evaluation,
            party=party,
            typed_name="X",
            agreed=True,
            membership=staff,
            ip_address=None,
            on_behalf=party != "coordinator",
            on_behalf_reason="" if party == "coordinator" else "Op papier",
        )
    evaluation.refresh_from_db()
    assert evaluation.is_locked


def test_action_points_cannot_be_planned_before_the_talk(trajectory, mentor):
    evaluation = scheduled(trajectory, mentor)
    point = services.action_point_add(evaluation=evaluation, text="x", competence=None, by=mentor)
    with pytest.raises(ValidationError, match="Hold the evaluation"):
        services.action_point_to_plan(point=point, as_="goal", by=mentor)
    assert ActionPoint.objects.get(pk=point.pk).planned_as == ""


def test_a_coordinator_who_is_also_the_mentor_signs_both_in_person(
    make_trajectory, organisation, coordinator, staff
):
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.competences.tests.factories import running

    trajectory = running(
        make_trajectory,
        mentors=[coordinator],
        candidate=CandidateFactory(organisation=organisation),
    )
    evaluation = held(scheduled(trajectory, coordinator), coordinator)
    assert services.parties_of(evaluation, staff) == {"mentor", "coordinator"}
    sign_all(evaluation, staff)
    signatures = {s.party: s.on_behalf for s in evaluation.signatures.all()}
    assert signatures == {"trainee": True, "mentor": False, "coordinator": False}


def test_an_action_point_on_a_competence_already_planned_adds_to_that_goal_not_a_second_one(
    trajectory, organisation, mentor
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(
            version=version,
            competence=competence(organisation, "manoeuvring"),
            description="Achteruit in de stelplaats",
        )
    )
    plan_version_agree(version=version, by=mentor)
    evaluation = held(scheduled(trajectory, mentor), mentor)
    for text in ("Manoeuvreren in krappe haltes", "Achteruit in de stelplaats"):
        point = services.action_point_add(
            evaluation=evaluation,
            text=text,
            competence=competence(organisation, "manoeuvring"),
            by=mentor,
        )
        services.action_point_to_plan(point=point, as_="goal", by=mentor)
    draft = PlanVersion.objects.get(trajectory=trajectory, status="draft")
    [goal] = draft.goals.filter(competence__code="manoeuvring")
    assert goal.description == "Achteruit in de stelplaats\nManoeuvreren in krappe haltes"
    point = services.action_point_add(
        evaluation=evaluation, text="Stipt op tijd", competence=None, by=mentor
    )
    services.action_point_to_plan(point=point, as_="goal", by=mentor)
    services.action_point_to_plan(
        point=services.action_point_add(
            evaluation=evaluation, text="Stipt op tijd", competence=None, by=mentor
        ),
        as_="goal",
        by=mentor,
    )
    assert draft.goals.filter(description="Stipt op tijd").count() == 1
